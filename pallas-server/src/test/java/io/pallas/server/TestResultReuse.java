package io.pallas.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** ResultReuseConfiguration through the AWS SDK v2 (contract §4.8). */
class TestResultReuse
{
    @Test
    void identicalDeterministicQueriesReuseTheNewestResult(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            Consumer<StartQueryExecutionRequest.Builder> reuse = r -> r.resultReuseConfiguration(c -> c.resultReuseByAgeConfiguration(a -> a.enabled(true)));
            QueryExecution first = run(athena, r -> reuse.accept(r.queryString("SELECT 40 + 2 AS answer")));
            assertThat(first.statistics().resultReuseInformation().reusedPreviousResult()).isFalse();

            QueryExecution second = run(athena, r -> reuse.accept(r.queryString("SELECT 40 + 2 AS answer")));
            assertThat(second.queryExecutionId()).isNotEqualTo(first.queryExecutionId());
            assertThat(second.status().stateAsString()).isEqualTo("SUCCEEDED");
            assertThat(second.statistics().resultReuseInformation().reusedPreviousResult()).isTrue();
            assertThat(second.resultConfiguration().outputLocation()).isEqualTo(first.resultConfiguration().outputLocation());
            assertThat(athena.getQueryResults(r -> r.queryExecutionId(second.queryExecutionId())).resultSet().rows().get(1).data().getFirst().varCharValue())
                    .isEqualTo("42");

            // not reused: without the opt-in, another database, a non-deterministic query, an expired age
            assertThat(reused(run(athena, r -> r.queryString("SELECT 40 + 2 AS answer")))).isFalse();
            assertThat(reused(run(athena, r -> reuse.accept(r.queryString("SELECT 40 + 2 AS answer").queryExecutionContext(c -> c.database("default")))))).isFalse();
            run(athena, r -> reuse.accept(r.queryString("SELECT rand() < 2 AS r")));
            assertThat(reused(run(athena, r -> reuse.accept(r.queryString("SELECT rand() < 2 AS r"))))).isFalse();
            assertThat(reused(run(athena, r -> r.queryString("SELECT 40 + 2 AS answer")
                    .resultReuseConfiguration(c -> c.resultReuseByAgeConfiguration(a -> a.enabled(true).maxAgeInMinutes(0)))))).isFalse();
        }
    }

    @Test
    void onlyTheSameParametersAndPreparedStatementTextAreReused(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            Consumer<StartQueryExecutionRequest.Builder> reuse = r -> r.resultReuseConfiguration(c -> c.resultReuseByAgeConfiguration(a -> a.enabled(true)));
            run(athena, r -> reuse.accept(r.queryString("SELECT ? AS p").executionParameters("1")));
            QueryExecution otherValue = run(athena, r -> reuse.accept(r.queryString("SELECT ? AS p").executionParameters("2")));
            assertThat(reused(otherValue)).isFalse();
            assertThat(firstValue(athena, otherValue)).isEqualTo("2");
            assertThat(reused(run(athena, r -> reuse.accept(r.queryString("SELECT ? AS p").executionParameters("2"))))).isTrue();
            // a value that is a non-deterministic expression
            run(athena, r -> reuse.accept(r.queryString("SELECT ? < 2 AS p").executionParameters("rand()")));
            assertThat(reused(run(athena, r -> reuse.accept(r.queryString("SELECT ? < 2 AS p").executionParameters("rand()"))))).isFalse();

            athena.createPreparedStatement(r -> r.workGroup("primary").statementName("answer").queryStatement("SELECT 1 AS v"));
            run(athena, r -> reuse.accept(r.queryString("EXECUTE answer")));
            assertThat(reused(run(athena, r -> reuse.accept(r.queryString("EXECUTE answer"))))).isTrue();
            athena.updatePreparedStatement(r -> r.workGroup("primary").statementName("answer").queryStatement("SELECT 2 AS v"));
            QueryExecution updated = run(athena, r -> reuse.accept(r.queryString("EXECUTE answer")));
            assertThat(reused(updated)).isFalse();
            assertThat(firstValue(athena, updated)).isEqualTo("2");

            athena.createPreparedStatement(r -> r.workGroup("primary").statementName("dice").queryStatement("SELECT rand() < 2 AS v"));
            run(athena, r -> reuse.accept(r.queryString("EXECUTE dice")));
            assertThat(reused(run(athena, r -> reuse.accept(r.queryString("EXECUTE dice"))))).isFalse();
        }
    }

    @Test
    void resultsFromBeforeARestartAreReusedExceptForExecute(@TempDir Path data)
            throws Exception
    {
        Consumer<StartQueryExecutionRequest.Builder> reuse = r -> r.resultReuseConfiguration(c -> c.resultReuseByAgeConfiguration(a -> a.enabled(true)));
        QueryExecution before;
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            before = run(athena, r -> reuse.accept(r.queryString("SELECT 'kept' AS v")));
            athena.createPreparedStatement(r -> r.workGroup("primary").statementName("kept").queryStatement("SELECT 1 AS v"));
            run(athena, r -> reuse.accept(r.queryString("EXECUTE kept")));
        }
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            QueryExecution after = run(athena, r -> reuse.accept(r.queryString("SELECT 'kept' AS v")));
            assertThat(reused(after)).isTrue();
            assertThat(after.resultConfiguration().outputLocation()).isEqualTo(before.resultConfiguration().outputLocation());
            // what an EXECUTE ran before the restart is not known, so it runs again
            assertThat(reused(run(athena, r -> reuse.accept(r.queryString("EXECUTE kept"))))).isFalse();
            assertThat(reused(run(athena, r -> reuse.accept(r.queryString("EXECUTE kept"))))).isTrue();
        }
    }

    private static String firstValue(AthenaClient athena, QueryExecution execution)
    {
        return athena.getQueryResults(r -> r.queryExecutionId(execution.queryExecutionId())).resultSet().rows().get(1).data().getFirst().varCharValue();
    }

    private static boolean reused(QueryExecution execution)
    {
        return execution.statistics().resultReuseInformation().reusedPreviousResult();
    }

    private static QueryExecution run(AthenaClient athena, Consumer<StartQueryExecutionRequest.Builder> request)
    {
        return TestAthenaEndToEnd.await(athena, athena.startQueryExecution(request).queryExecutionId());
    }
}
