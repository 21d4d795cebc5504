package io.pallas.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.ColumnNullable;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.WorkGroup;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Drives a running Pallas with the AWS SDK for Java v2, as an Athena user would. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestAthenaEndToEnd
{
    private static final String RESULTS = "s3://pallas-query-results/";

    @TempDir
    static Path dataDirectory;

    private TestingPallasServer server;
    private AthenaClient athena;

    @BeforeAll
    void startServer()
            throws Exception
    {
        server = new TestingPallasServer(dataDirectory, Optional.of(RESULTS));
        athena = client(server);
    }

    @AfterAll
    void stopServer()
            throws Exception
    {
        athena.close();
        server.close();
    }

    static AthenaClient client(TestingPallasServer server)
    {
        return AthenaClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @Test
    void selectOneSucceedsWithAthenaResultsAndFiles()
            throws Exception
    {
        String id = athena.startQueryExecution(r -> r.queryString("SELECT 1")).queryExecutionId();
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

        QueryExecution execution = await(id);
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(execution.query()).isEqualTo("SELECT 1");
        assertThat(execution.statementTypeAsString()).isEqualTo("DML");
        assertThat(execution.substatementType()).isEqualTo("SELECT");
        assertThat(execution.workGroup()).isEqualTo("primary");
        assertThat(execution.resultConfiguration().outputLocation()).isEqualTo(RESULTS + id + ".csv");
        assertThat(execution.engineVersion().effectiveEngineVersion()).isEqualTo("Athena engine version 3");
        assertThat(execution.status().submissionDateTime()).isNotNull();
        assertThat(execution.status().completionDateTime()).isAfterOrEqualTo(execution.status().submissionDateTime());
        assertThat(execution.statistics().totalExecutionTimeInMillis()).isNotNull();

        GetQueryResultsResponse results = athena.getQueryResults(r -> r.queryExecutionId(id));
        assertThat(results.updateCount()).isZero();
        assertThat(values(results.resultSet().rows())).containsExactly(List.of("_col0"), List.of("1"));
        ColumnInfo column = results.resultSet().resultSetMetadata().columnInfo().getFirst();
        assertThat(column.catalogName()).isEqualTo("hive");
        assertThat(column.name()).isEqualTo("_col0");
        assertThat(column.label()).isEqualTo("_col0");
        assertThat(column.type()).isEqualTo("integer");
        assertThat(column.precision()).isEqualTo(10);
        assertThat(column.scale()).isZero();
        assertThat(column.nullable()).isEqualTo(ColumnNullable.UNKNOWN);
        assertThat(column.caseSensitive()).isFalse();
        assertThat(results.nextToken()).isNull();

        Path csv = server.objectPath(RESULTS + id + ".csv");
        assertThat(Files.readString(csv, StandardCharsets.UTF_8)).isEqualTo("\"_col0\"\n\"1\"\n");
        assertThat(server.objectPath(RESULTS + id + ".csv.metadata")).isNotEmptyFile();
    }

    @Test
    void valuesAreRenderedAsAthenaText()
    {
        String sql = """
                SELECT 1.5e0 AS d, 0.1e0 + 0.2e0 AS s, CAST(NULL AS varchar) AS n, '' AS e, 'it''s' AS q,
                       ARRAY[1, 2] AS a, ROW(1, 'x') AS r, CAST(ROW(1, 'x') AS ROW(a integer, b varchar)) AS nr,
                       X'0102' AS b, DATE '2020-01-02' AS dt, TIMESTAMP '2020-01-02 03:04:05.678' AS ts,
                       DECIMAL '1.25' AS dec, true AS t, 7 / 2 AS div
                """;
        String id = athena.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
        assertThat(await(id).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        GetQueryResultsResponse results = athena.getQueryResults(r -> r.queryExecutionId(id));
        List<String> row = new ArrayList<>();
        for (Datum datum : results.resultSet().rows().get(1).data()) {
            row.add(datum.varCharValue());
        }
        assertThat(row).containsExactly("1.5", "0.30000000000000004", null, "", "it's", "[1, 2]", "{1, x}", "{a=1, b=x}",
                "01 02", "2020-01-02", "2020-01-02 03:04:05.678", "1.25", "true", "3");
        assertThat(results.resultSet().resultSetMetadata().columnInfo())
                .extracting(ColumnInfo::type)
                .containsExactly("double", "double", "varchar", "varchar", "varchar", "array", "row", "row",
                        "varbinary", "date", "timestamp", "decimal", "boolean", "integer");
    }

    @Test
    void explainAnswersAQueryPlanInATxtResult()
            throws Exception
    {
        String id = athena.startQueryExecution(r -> r.queryString("EXPLAIN SELECT 1 + 1 AS two")).queryExecutionId();
        QueryExecution execution = await(id);
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(execution.statementTypeAsString()).isEqualTo("DML");
        assertThat(execution.substatementType()).isEqualTo("EXPLAIN");
        assertThat(execution.resultConfiguration().outputLocation()).isEqualTo(RESULTS + id + ".txt");

        GetQueryResultsResponse results = athena.getQueryResults(r -> r.queryExecutionId(id));
        assertThat(results.updateCount()).isNull();
        List<String> lines = values(results.resultSet().rows()).stream().map(List::getFirst).toList();
        assertThat(lines.getFirst()).isEqualTo("Query Plan");
        assertThat(lines.size()).isGreaterThan(3);
        assertThat(lines.getLast()).isEmpty();
        ColumnInfo column = results.resultSet().resultSetMetadata().columnInfo().getFirst();
        assertThat(column.name()).isEqualTo("Query Plan");
        assertThat(column.type()).isEqualTo("varchar");
        assertThat(column.caseSensitive()).isTrue();
        String file = Files.readString(server.objectPath(RESULTS + id + ".txt"));
        assertThat(file).isEqualTo(String.join("\n", lines));
        assertThat(column.precision()).isEqualTo(String.join("\n", lines.subList(1, lines.size())).length());
        assertThat(server.objectPath(RESULTS + id + ".txt.metadata")).isNotEmptyFile();
    }

    @Test
    void largeResultsPageWithNextTokenCountingTheHeader()
    {
        String digits = IntStream.range(0, 50).mapToObj(String::valueOf).collect(Collectors.joining(", "));
        String sql = "SELECT a.x * 50 + b.x AS n FROM (VALUES " + digits + ") AS a(x) CROSS JOIN (VALUES " + digits + ") AS b(x) ORDER BY n";
        String id = athena.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
        assertThat(await(id).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);

        List<Integer> pageSizes = new ArrayList<>();
        List<String> values = new ArrayList<>();
        athena.getQueryResultsPaginator(r -> r.queryExecutionId(id)).forEach(page -> {
            pageSizes.add(page.resultSet().rows().size());
            page.resultSet().rows().forEach(row -> values.add(row.data().getFirst().varCharValue()));
        });
        assertThat(pageSizes).containsExactly(1000, 1000, 501);
        assertThat(values.getFirst()).isEqualTo("n");
        assertThat(values.subList(1, values.size())).isEqualTo(IntStream.range(0, 2500).mapToObj(String::valueOf).toList());
    }

    @Test
    void runtimeErrorFailsTheQueryWithAthenaError()
    {
        String id = athena.startQueryExecution(r -> r.queryString("SELECT 1 / 0")).queryExecutionId();
        QueryExecution execution = await(id);
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(execution.status().stateChangeReason()).isEqualTo("DIVISION_BY_ZERO: Division by zero");
        assertThat(execution.status().athenaError().errorCategory()).isEqualTo(2);
        assertThat(execution.status().athenaError().errorType()).isEqualTo(1001);
        assertThat(execution.status().athenaError().retryable()).isFalse();
        assertThat(execution.status().athenaError().errorMessage()).isEqualTo("DIVISION_BY_ZERO: Division by zero");
        assertThatThrownBy(() -> athena.getQueryResults(r -> r.queryExecutionId(id)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("INVALID_QUERY_EXECUTION_STATE");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Query did not finish successfully. Final query state: FAILED");
                });
        assertThat(server.objectPath(RESULTS + id + ".csv")).doesNotExist();
    }

    @Test
    void syntaxErrorIsRejectedAtOnceWithTrinoPosition()
    {
        assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("SELECT 1 FROM")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("MALFORMED_QUERY");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("line 1:14: mismatched input '<EOF>'");
                });
    }

    @Test
    void statementsAthenaRefusesAreRejectedAtOnce()
    {
        for (String sql : List.of("START TRANSACTION", "SELECT 1; SELECT 2", "SHOW SESSION")) {
            assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString(sql)))
                    .as(sql)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                        assertThat(e.athenaErrorCode()).isEqualTo("MALFORMED_QUERY");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Queries of this type are not supported");
                    });
        }
    }

    @Test
    void statementsNotBuiltYetFailWithTheirAthenaClassification()
    {
        record Case(String sql, String statementType, String substatementType) {}
        List<Case> cases = List.of(
                new Case("/* copy */ UNLOAD (SELECT 1) TO 's3://b/u/' WITH (format = 'PARQUET')", "DML", "UNLOAD"),
                new Case("CREATE TABLE t AS SELECT 1 AS a", "DDL", "CREATE_TABLE_AS_SELECT"),
                new Case("INSERT INTO t VALUES 1", "DML", "INSERT"));
        for (Case c : cases) {
            String id = athena.startQueryExecution(r -> r.queryString(c.sql())).queryExecutionId();
            QueryExecution execution = await(id);
            assertThat(execution.status().state()).as(c.sql()).isEqualTo(QueryExecutionState.FAILED);
            assertThat(execution.statementTypeAsString()).as(c.sql()).isEqualTo(c.statementType());
            assertThat(execution.substatementType()).as(c.sql()).isEqualTo(c.substatementType());
            assertThat(execution.status().stateChangeReason()).as(c.sql()).startsWith("NOT_SUPPORTED: ");
            assertThat(execution.status().athenaError().errorType()).isEqualTo(1200);
        }
    }

    @Test
    void executionParametersAreBoundAsMeasuredOnAthena()
    {
        String id = athena.startQueryExecution(r -> r.queryString("SELECT ? AS n, ? AS s, ? AS word, ? AS injected, '?' AS literal")
                .executionParameters("10", "'a string'", "abc", "1; DROP TABLE x")).queryExecutionId();
        QueryExecution execution = await(id);
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        assertThat(execution.query()).isEqualTo("SELECT ? AS n, ? AS s, ? AS word, ? AS injected, '?' AS literal");
        assertThat(execution.executionParameters()).containsExactly("10", "'a string'", "abc", "1; DROP TABLE x");
        GetQueryResultsResponse results = athena.getQueryResults(r -> r.queryExecutionId(id));
        assertThat(values(results.resultSet().rows()).get(1)).containsExactly("10", "a string", "abc", "1; DROP TABLE x", "?");
        assertThat(results.resultSet().resultSetMetadata().columnInfo()).extracting(ColumnInfo::type)
                .containsExactly("integer", "varchar", "varchar", "varchar", "varchar");

        String ignored = athena.startQueryExecution(r -> r.queryString("SELECT 1").executionParameters("2")).queryExecutionId();
        assertThat(await(ignored).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);

        String wrongCount = athena.startQueryExecution(r -> r.queryString("SELECT ?, ?").executionParameters("1")).queryExecutionId();
        QueryExecution failed = await(wrongCount);
        assertThat(failed.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(failed.status().stateChangeReason()).isEqualTo("INVALID_PARAMETER_USAGE: Incorrect number of parameters: expected 2 but found 1");
        assertThat(failed.status().athenaError().errorType()).isEqualTo(1100);
    }

    @Test
    void replayedTokenReturnsSameQueryId()
    {
        String token = UUID.randomUUID().toString();
        String first = athena.startQueryExecution(r -> r.queryString("SELECT 2").clientRequestToken(token)).queryExecutionId();
        await(first);
        String second = athena.startQueryExecution(r -> r.queryString("SELECT 2").clientRequestToken(token)).queryExecutionId();
        assertThat(second).isEqualTo(first);
        assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("SELECT 3").clientRequestToken(token)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.athenaErrorCode()).isEqualTo("IDEMPOTENT_PARAMETER_MISMATCH"));
    }

    @Test
    void stopCancelsRunningQueryAndLeavesNoResult()
            throws Exception
    {
        String sql = "SELECT count(*) FROM (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS a(x) CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS b(x) "
                + "CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS c(x) CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS d(x) "
                + "CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS e(x) CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS f(x) "
                + "CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS g(x) CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS h(x) "
                + "CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS i(x) CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS j(x) "
                + "CROSS JOIN (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS k(x) WHERE a.x + b.x + c.x + d.x + e.x + f.x + g.x + h.x + i.x + j.x + k.x > 0";
        String id = athena.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
        Thread.sleep(200);
        athena.stopQueryExecution(r -> r.queryExecutionId(id));
        QueryExecution execution = await(id);
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.CANCELLED);
        assertThat(execution.status().stateChangeReason()).isEqualTo("Query cancelled by user");
        assertThatThrownBy(() -> athena.getQueryResults(r -> r.queryExecutionId(id)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.athenaErrorCode()).isEqualTo("RESULT_NOT_FOUND"));
        assertThat(server.objectPath(RESULTS + id + ".csv")).doesNotExist();

        // stopping a finished query changes nothing
        String done = athena.startQueryExecution(r -> r.queryString("SELECT 4")).queryExecutionId();
        await(done);
        athena.stopQueryExecution(r -> r.queryExecutionId(done));
        assertThat(athena.getQueryExecution(r -> r.queryExecutionId(done)).queryExecution().status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
    }

    @Test
    void listAndBatchGetQueryExecutions()
    {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int value = i;
            started.add(athena.startQueryExecution(r -> r.queryString("SELECT " + value)).queryExecutionId());
        }
        List<String> listed = athena.listQueryExecutions(r -> r.maxResults(3)).queryExecutionIds();
        assertThat(listed).containsExactly(started.get(2), started.get(1), started.get(0));

        var batch = athena.batchGetQueryExecution(r -> r.queryExecutionIds(started.get(0), "no-such-query"));
        assertThat(batch.queryExecutions()).extracting(QueryExecution::queryExecutionId).containsExactly(started.get(0));
        assertThat(batch.unprocessedQueryExecutionIds()).singleElement()
                .satisfies(unprocessed -> assertThat(unprocessed.queryExecutionId()).isEqualTo("no-such-query"));

        List<String> all = new ArrayList<>();
        athena.listQueryExecutionsPaginator(r -> r.maxResults(2)).forEach(page -> all.addAll(page.queryExecutionIds()));
        assertThat(all).containsSubsequence(started.get(2), started.get(1), started.get(0));
        assertThat(all).doesNotHaveDuplicates();
    }

    @Test
    void primaryWorkGroupHasEveryKeyClientsRead()
    {
        WorkGroup workGroup = athena.getWorkGroup(r -> r.workGroup("primary")).workGroup();
        assertThat(workGroup.name()).isEqualTo("primary");
        assertThat(workGroup.stateAsString()).isEqualTo("ENABLED");
        assertThat(workGroup.configuration().enforceWorkGroupConfiguration()).isFalse();
        assertThat(workGroup.configuration().resultConfiguration().outputLocation()).isEqualTo(RESULTS);
        assertThat(workGroup.configuration().engineVersion().effectiveEngineVersion()).isEqualTo("Athena engine version 3");
        assertThat(athena.listWorkGroups(r -> { }).workGroups()).extracting(w -> w.name()).containsExactly("primary");
        assertThat(athena.listEngineVersions(r -> { }).engineVersions()).isNotEmpty();
        assertThatThrownBy(() -> athena.getWorkGroup(r -> r.workGroup("nope")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("WorkGroup is not found."));
    }

    @Test
    void unknownQueryIdIsAnInvalidRequest()
    {
        assertThatThrownBy(() -> athena.getQueryResults(r -> r.queryExecutionId("missing")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("QUERY_EXECUTION_NOT_FOUND");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("QueryExecution missing was not found");
                });
        assertThatThrownBy(() -> athena.getQueryExecution(r -> r.queryExecutionId("missing")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void withoutAnyOutputLocationStartIsRefused(@TempDir Path otherData)
            throws Exception
    {
        try (TestingPallasServer bare = new TestingPallasServer(otherData, Optional.empty());
                AthenaClient client = client(bare)) {
            assertThatThrownBy(() -> client.startQueryExecution(r -> r.queryString("SELECT 1")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input."));
            String id = client.startQueryExecution(r -> r.queryString("SELECT 'x'").resultConfiguration(c -> c.outputLocation("s3://elsewhere/some/prefix"))).queryExecutionId();
            QueryExecution execution = await(client, id);
            assertThat(execution.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(execution.resultConfiguration().outputLocation()).isEqualTo("s3://elsewhere/some/prefix/" + id + ".csv");
            assertThat(Files.readString(bare.objectPath("s3://elsewhere/some/prefix/" + id + ".csv"))).isEqualTo("\"_col0\"\n\"x\"\n");
        }
    }

    private QueryExecution await(String id)
    {
        return await(athena, id);
    }

    static QueryExecution await(AthenaClient client, String id)
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            QueryExecution execution = client.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
            switch (execution.status().state()) {
                case SUCCEEDED, FAILED, CANCELLED -> {
                    return execution;
                }
                default -> {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("query " + id + " did not finish: " + execution);
                    }
                    Thread.onSpinWait();
                    try {
                        Thread.sleep(5);
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            }
        }
    }

    private static List<List<String>> values(List<Row> rows)
    {
        return rows.stream().map(row -> row.data().stream().map(Datum::varCharValue).toList()).toList();
    }
}
