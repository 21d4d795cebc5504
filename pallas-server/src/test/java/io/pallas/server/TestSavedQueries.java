package io.pallas.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.NamedQuery;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prepared statements (API and SQL) and named queries through the AWS SDK v2, surviving a restart. */
class TestSavedQueries
{
    private static final Optional<String> RESULTS = Optional.of("s3://pallas-query-results/");

    private static List<String> firstRow(AthenaClient athena, String id)
    {
        return athena.getQueryResults(r -> r.queryExecutionId(id)).resultSet().rows().get(1).data().stream().map(Datum::varCharValue).toList();
    }

    @Test
    void preparedStatementsThroughSqlAndApi(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, RESULTS);
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            QueryExecution prepare = TestAthenaEndToEnd.await(athena, athena.startQueryExecution(r -> r.queryString("PREPARE add_one FROM SELECT ? + 1 AS n")).queryExecutionId());
            assertThat(prepare.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(athena.getPreparedStatement(r -> r.workGroup("primary").statementName("add_one")).preparedStatement().queryStatement())
                    .isEqualTo("SELECT ? + 1 AS n");

            String using = athena.startQueryExecution(r -> r.queryString("EXECUTE add_one USING 41")).queryExecutionId();
            QueryExecution executed = TestAthenaEndToEnd.await(athena, using);
            assertThat(executed.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(executed.statementTypeAsString()).isEqualTo("DML");
            assertThat(executed.substatementType()).isEqualTo("SELECT");
            assertThat(executed.query()).isEqualTo("EXECUTE add_one USING 41");
            assertThat(firstRow(athena, using)).containsExactly("42");

            String withParameters = athena.startQueryExecution(r -> r.queryString("EXECUTE add_one").executionParameters("9")).queryExecutionId();
            TestAthenaEndToEnd.await(athena, withParameters);
            assertThat(firstRow(athena, withParameters)).containsExactly("10");

            athena.createPreparedStatement(r -> r.workGroup("primary").statementName("greet").queryStatement("SELECT 'hello ' || ? AS g").description("greeting"));
            assertThatThrownBy(() -> athena.createPreparedStatement(r -> r.workGroup("primary").statementName("greet").queryStatement("SELECT 1")))
                    .isInstanceOf(InvalidRequestException.class);
            assertThat(athena.listPreparedStatements(r -> r.workGroup("primary")).preparedStatements()).extracting(s -> s.statementName())
                    .containsExactly("add_one", "greet");
            var batch = athena.batchGetPreparedStatement(r -> r.workGroup("primary").preparedStatementNames("greet", "nope"));
            assertThat(batch.preparedStatements()).extracting(s -> s.description()).containsExactly("greeting");
            assertThat(batch.unprocessedPreparedStatementNames()).extracting(u -> u.statementName()).containsExactly("nope");

            String greet = athena.startQueryExecution(r -> r.queryString("EXECUTE greet USING 'world'")).queryExecutionId();
            TestAthenaEndToEnd.await(athena, greet);
            assertThat(firstRow(athena, greet)).containsExactly("hello world");

            QueryExecution deallocate = TestAthenaEndToEnd.await(athena, athena.startQueryExecution(r -> r.queryString("DEALLOCATE PREPARE greet")).queryExecutionId());
            assertThat(deallocate.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThatThrownBy(() -> athena.getPreparedStatement(r -> r.workGroup("primary").statementName("greet"))).isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("EXECUTE greet")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Prepared statement greet was not found in workgroup primary."));
        }
        try (TestingPallasServer server = new TestingPallasServer(data, RESULTS);
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            String again = athena.startQueryExecution(r -> r.queryString("EXECUTE add_one USING 1")).queryExecutionId();
            TestAthenaEndToEnd.await(athena, again);
            assertThat(firstRow(athena, again)).containsExactly("2");
        }
    }

    @Test
    void namedQueries(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, RESULTS);
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            String token = UUID.randomUUID().toString();
            String id = athena.createNamedQuery(r -> r.name("daily").database("default").queryString("SELECT 1").description("d").clientRequestToken(token)).namedQueryId();
            assertThat(athena.createNamedQuery(r -> r.name("daily").database("default").queryString("SELECT 1").description("d").clientRequestToken(token)).namedQueryId())
                    .isEqualTo(id);
            assertThatThrownBy(() -> athena.createNamedQuery(r -> r.name("daily").database("default").queryString("SELECT 2").description("d").clientRequestToken(token)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.athenaErrorCode()).isEqualTo("IDEMPOTENT_PARAMETER_MISMATCH"));
            NamedQuery query = athena.getNamedQuery(r -> r.namedQueryId(id)).namedQuery();
            assertThat(query.name()).isEqualTo("daily");
            assertThat(query.workGroup()).isEqualTo("primary");
            athena.updateNamedQuery(r -> r.namedQueryId(id).name("nightly").queryString("SELECT 2"));
            assertThat(athena.getNamedQuery(r -> r.namedQueryId(id)).namedQuery().queryString()).isEqualTo("SELECT 2");
            String other = athena.createNamedQuery(r -> r.name("other").database("default").queryString("SELECT 3")).namedQueryId();
            assertThat(athena.listNamedQueries(r -> { }).namedQueryIds()).containsExactly(id, other);
            var batch = athena.batchGetNamedQuery(r -> r.namedQueryIds(id, "missing"));
            assertThat(batch.namedQueries()).extracting(NamedQuery::name).containsExactly("nightly");
            assertThat(batch.unprocessedNamedQueryIds()).extracting(u -> u.namedQueryId()).containsExactly("missing");
            athena.deleteNamedQuery(r -> r.namedQueryId(other));
            assertThat(athena.listNamedQueries(r -> { }).namedQueryIds()).containsExactly(id);
        }
    }

    @Test
    void namedQueriesKeepAWorkGroupFromBeingDeletedUnlessRecursive(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, RESULTS);
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            athena.createWorkGroup(r -> r.name("team"));
            String id = athena.createNamedQuery(r -> r.name("daily").database("default").queryString("SELECT 1").workGroup("team")).namedQueryId();
            athena.createPreparedStatement(r -> r.workGroup("team").statementName("kept").queryStatement("SELECT 1"));
            assertThatThrownBy(() -> athena.deleteWorkGroup(r -> r.workGroup("team")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).contains("RecursiveDeleteOption"));

            athena.deleteWorkGroup(r -> r.workGroup("team").recursiveDeleteOption(true));
            athena.createWorkGroup(r -> r.name("team"));
            assertThat(athena.listNamedQueries(r -> r.workGroup("team")).namedQueryIds()).isEmpty();
            assertThat(athena.listPreparedStatements(r -> r.workGroup("team")).preparedStatements()).isEmpty();
            assertThat(athena.batchGetNamedQuery(r -> r.namedQueryIds(id)).unprocessedNamedQueryIds()).extracting(u -> u.namedQueryId()).containsExactly(id);
        }
    }
}
