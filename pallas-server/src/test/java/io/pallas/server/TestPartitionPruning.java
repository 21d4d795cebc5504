package io.pallas.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Predicates on partition keys through the Athena API (AWS SDK v2): only the partitions they leave are listed and
 * read, DataScannedInBytes counts only their files, and the answers equal those of the same condition applied over
 * every partition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestPartitionPruning
{
    private static final String RESULTS = "s3://pallas-query-results/";
    private static final List<String> MONTHS = List.of("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12");

    @TempDir
    static Path dataDirectory;

    private Path table;
    private TestingPallasServer server;
    private AthenaClient athena;

    @BeforeAll
    void start()
            throws Exception
    {
        // 36 Hive-style partitions year=Y/month=M, each one Parquet file with one row per day
        table = Files.createDirectories(dataDirectory.resolve("s3/data-bucket/metrics"));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            for (int year = 2022; year <= 2024; year++) {
                for (String month : MONTHS) {
                    Path file = Files.createDirectories(table.resolve("year=" + year + "/month=" + month)).resolve("data.parquet");
                    statement.execute("COPY (SELECT d AS day, " + year + " * 100 + " + Integer.parseInt(month) + " + d AS value FROM range(1, 1 + " + (20 + Integer.parseInt(month))
                            + ") AS t(d)) TO '" + file + "' (FORMAT PARQUET)");
                }
            }
            // a partition registered at a location that is not year=/month=, and one whose file cannot be read
            Path extra = Files.createDirectories(dataDirectory.resolve("s3/data-bucket/archive/old"));
            statement.execute("COPY (SELECT 1 AS day, 7 AS value) TO '" + extra.resolve("data.parquet") + "' (FORMAT PARQUET)");
        }
        Path broken = Files.createDirectories(dataDirectory.resolve("s3/data-bucket/archive/broken"));
        Files.writeString(broken.resolve("data.parquet"), "this is not a Parquet file");

        server = new TestingPallasServer(dataDirectory, Optional.of(RESULTS));
        athena = TestAthenaEndToEnd.client(server);
        succeed("CREATE DATABASE ops");
        succeed("""
                CREATE EXTERNAL TABLE ops.metrics (day int, value bigint)
                PARTITIONED BY (year int, month string)
                STORED AS PARQUET
                LOCATION 's3://data-bucket/metrics/'
                """);
        succeed("MSCK REPAIR TABLE ops.metrics");
        succeed("ALTER TABLE ops.metrics ADD PARTITION (year = 1999, month = '01') LOCATION 's3://data-bucket/archive/old/'");
        succeed("ALTER TABLE ops.metrics ADD PARTITION (year = 1998, month = '01') LOCATION 's3://data-bucket/archive/broken/'");
    }

    @AfterAll
    void stop()
            throws Exception
    {
        athena.close();
        server.close();
    }

    @Test
    void predicatesOnPartitionKeysReadOnlyTheirPartitions()
    {
        record Case(String condition, BiPredicate<Integer, String> kept) {}
        List<Case> cases = List.of(
                new Case("year = 2023 AND month = '07'", (year, month) -> year == 2023 && month.equals("07")),
                new Case("year IN (2022, 2024) AND month BETWEEN '03' AND '04'", (year, month) -> year != 2023 && (month.equals("03") || month.equals("04"))),
                new Case("(year = 2022 AND month >= '11') OR (year = 2023 AND month < '02')", (year, month) -> year == 2022 && month.compareTo("11") >= 0 || year == 2023 && month.equals("01")),
                new Case("year > 2023 AND value % 2 = 0", (year, month) -> year == 2024),
                new Case("year = 1999", (year, month) -> year == 1999));
        for (Case testCase : cases) {
            QueryExecution pruned = succeed("SELECT year, month, day, value FROM ops.metrics WHERE " + testCase.condition() + " ORDER BY year, month, day");
            // the broken partition is among those the condition leaves out: reading it would fail the query
            QueryExecution unpruned = succeed("SELECT year, month, day, value FROM (SELECT * FROM ops.metrics WHERE year <> 1998) WHERE " + testCase.condition() + " ORDER BY year, month, day");
            assertThat(rows(pruned)).as(testCase.condition()).isEqualTo(rows(unpruned)).hasSizeGreaterThan(1);
            assertThat(pruned.statistics().dataScannedInBytes()).as(testCase.condition()).isEqualTo(bytes(testCase.kept()));
            assertThat(unpruned.statistics().dataScannedInBytes()).isEqualTo(bytes((year, month) -> year != 1998));
        }
        // without a condition on the keys every partition is read, the broken one too
        QueryExecution all = run("SELECT count(*) FROM ops.metrics WHERE value > 0");
        assertThat(all.status().state()).isEqualTo(QueryExecutionState.FAILED);
    }

    /** The bytes of the files of the partitions {@code kept} accepts (1999 and 1998 are the registered extra ones). */
    private long bytes(BiPredicate<Integer, String> kept)
    {
        long total = 0;
        for (int year = 2022; year <= 2024; year++) {
            for (String month : MONTHS) {
                if (kept.test(year, month)) {
                    total += size(table.resolve("year=" + year + "/month=" + month + "/data.parquet"));
                }
            }
        }
        if (kept.test(1999, "01")) {
            total += size(dataDirectory.resolve("s3/data-bucket/archive/old/data.parquet"));
        }
        if (kept.test(1998, "01")) {
            total += size(dataDirectory.resolve("s3/data-bucket/archive/broken/data.parquet"));
        }
        return total;
    }

    private static long size(Path file)
    {
        try {
            return Files.size(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private QueryExecution run(String sql)
    {
        String id = athena.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
        return TestAthenaEndToEnd.await(athena, id);
    }

    private QueryExecution succeed(String sql)
    {
        QueryExecution execution = run(sql);
        assertThat(execution.status().state()).as(sql + ": " + execution.status().stateChangeReason()).isEqualTo(QueryExecutionState.SUCCEEDED);
        return execution;
    }

    private List<List<String>> rows(QueryExecution execution)
    {
        List<List<String>> rows = new ArrayList<>();
        athena.getQueryResultsPaginator(r -> r.queryExecutionId(execution.queryExecutionId()))
                .forEach(page -> page.resultSet().rows().forEach(row -> rows.add(row.data().stream().map(Datum::varCharValue).toList())));
        return rows;
    }
}
