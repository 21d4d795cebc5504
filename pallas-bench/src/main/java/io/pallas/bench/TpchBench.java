package io.pallas.bench;

import io.pallas.bench.tpch.TpchData;
import io.pallas.bench.tpch.TpchQueries;
import io.trino.tpch.TpchTable;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.Row;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ./pallas bench tpch}: the 22 TPC-H queries through the Athena API (AWS SDK for Java v2: start, poll, every
 * result page) beside the same queries on raw DuckDB JDBC over the same Parquet files, query by query, with the
 * same DuckDB thread count and memory limit. Every answer is checked: Pallas against raw DuckDB at any scale
 * factor, and against the shipped reference answers at scale factor 0.01.
 */
final class TpchBench
{
    private static final String BUCKET = "tpch";
    private static final String DATABASE = "tpch";
    private static final long POLL_MILLIS = 5;

    private TpchBench() {}

    /** {@code --generate-only}: the data, the queries and (at SF 0.01) the reference answers, for other test suites. */
    static void generateOnly(double scaleFactor, Path out)
            throws IOException
    {
        long start = System.nanoTime();
        Path data = out.resolve("data");
        boolean generated = TpchData.generate(scaleFactor, data, Runtime.getRuntime().availableProcessors());
        Path queries = Files.createDirectories(out.resolve("queries"));
        for (int number = 1; number <= TpchQueries.COUNT; number++) {
            Files.writeString(queries.resolve("q" + number + ".sql"), TpchQueries.query(number) + "\n");
        }
        boolean answers = scaleFactor == TpchQueries.REFERENCE_SCALE_FACTOR;
        if (answers) {
            Path answerDirectory = Files.createDirectories(out.resolve("answers"));
            for (int number = 1; number <= TpchQueries.COUNT; number++) {
                Files.writeString(answerDirectory.resolve("q" + number + ".result"), TpchQueries.referenceText(number));
            }
        }
        System.out.printf(Locale.ROOT, "tpch data at SF %s in %s/<table>/*.parquet (%s), queries in %s%s%n",
                TpchData.scaleFactorText(scaleFactor), data, generated ? "generated" : "already there", queries,
                answers ? ", reference answers in " + out.resolve("answers") : "");
        System.out.printf(Locale.ROOT, "sf=%s generate_ms=%d out=%s%n", TpchData.scaleFactorText(scaleFactor), (System.nanoTime() - start) / 1_000_000, out);
    }

    static void run(double scaleFactor, Path dataRoot, int runs, int warmUps, Optional<String> memoryLimit)
            throws Exception
    {
        String sf = TpchData.scaleFactorText(scaleFactor);
        long generateStart = System.nanoTime();
        if (TpchData.generate(scaleFactor, dataRoot, Runtime.getRuntime().availableProcessors())) {
            System.out.printf(Locale.ROOT, "generated TPC-H SF %s as Parquet in %s (%.1f s)%n", sf, dataRoot, (System.nanoTime() - generateStart) / 1e9);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        long[][] apiNanos = new long[TpchQueries.COUNT][runs];
        long[][] rawNanos = new long[TpchQueries.COUNT][runs];
        long[][] engineMillis = new long[TpchQueries.COUNT][runs];
        long warmUpApi = 0;
        long warmUpRaw = 0;
        List<List<List<String>>> apiAnswers = new ArrayList<>();
        List<List<List<String>>> rawAnswers = new ArrayList<>();
        List<List<Boolean>> decimalColumns = new ArrayList<>();
        long peakHeap;
        try (HeapSampler heap = new HeapSampler();
                BenchServer server = new BenchServer(memoryLimit);
                AthenaClient client = server.client(4);
                Connection duckdb = rawDuckDb(dataRoot, threads, memoryLimit, server.dataDirectory().resolve("raw-duckdb-spill"))) {
            stageTables(dataRoot, server.dataDirectory().resolve("s3").resolve(BUCKET));
            Api api = new Api(client);
            api.succeed("CREATE DATABASE " + DATABASE);
            for (TpchTable<?> table : TpchData.tables()) {
                api.succeed(TpchData.createTable(DATABASE, table, "s3://" + BUCKET + "/" + table.getTableName() + "/"));
            }
            for (int number = 1; number <= TpchQueries.COUNT; number++) {
                apiAnswers.add(null);
                rawAnswers.add(null);
                decimalColumns.add(null);
            }
            // query by query, Pallas then DuckDB, so both see the same machine state and warm caches
            for (int round = 0; round < warmUps + runs; round++) {
                for (int number = 1; number <= TpchQueries.COUNT; number++) {
                    String sql = TpchQueries.query(number);
                    long start = System.nanoTime();
                    Answer answer = api.run(sql);
                    long apiTime = System.nanoTime() - start;
                    start = System.nanoTime();
                    List<List<String>> raw = rawRows(duckdb, sql);
                    long rawTime = System.nanoTime() - start;
                    if (round < warmUps) {
                        warmUpApi += apiTime;
                        warmUpRaw += rawTime;
                        continue;
                    }
                    apiNanos[number - 1][round - warmUps] = apiTime;
                    engineMillis[number - 1][round - warmUps] = answer.engineMillis();
                    rawNanos[number - 1][round - warmUps] = rawTime;
                    apiAnswers.set(number - 1, answer.rows());
                    decimalColumns.set(number - 1, answer.decimal());
                    rawAnswers.set(number - 1, raw);
                }
            }
            peakHeap = heap.peakBytes();
        }

        boolean reference = scaleFactor == TpchQueries.REFERENCE_SCALE_FACTOR;
        System.out.printf(Locale.ROOT, "tpch: SF %s, the 22 queries through the Athena API (AWS SDK for Java v2: start, poll every %d ms, all result pages)%n", sf, POLL_MILLIS);
        System.out.printf(Locale.ROOT, "      vs raw DuckDB JDBC over the same Parquet files; DuckDB threads=%d memory_limit=%s; median of %d run(s) after %d warm-up run(s)%n",
                threads, memoryLimit.orElse("default"), runs, warmUps);
        System.out.printf(Locale.ROOT, "(engine ms: the query's EngineExecutionTimeInMillis as GetQueryExecution reports it; the rest of pallas ms is the API path)%n");
        System.out.printf(Locale.ROOT, "%-6s %8s %12s %12s %12s %8s  %s%n", "query", "rows", "pallas ms", "engine ms", "duckdb ms", "ratio", reference ? "answer (vs duckdb, vs reference)" : "answer (vs duckdb)");
        double total = 0;
        double rawTotal = 0;
        double engineTotal = 0;
        int failed = 0;
        List<String> problems = new ArrayList<>();
        for (int number = 1; number <= TpchQueries.COUNT; number++) {
            double apiMillis = medianMillis(apiNanos[number - 1]);
            double rawMillis = medianMillis(rawNanos[number - 1]);
            double engine = medianMillis(Arrays.stream(engineMillis[number - 1]).map(millis -> millis * 1_000_000).toArray());
            engineTotal += engine;
            total += apiMillis;
            rawTotal += rawMillis;
            List<List<String>> rows = apiAnswers.get(number - 1);
            String difference = TpchQueries.compareAnswers(rawAnswers.get(number - 1), rows);
            String verdict = difference == null ? "ok" : "DIFFERS from duckdb";
            if (difference != null) {
                problems.add("q" + number + " vs raw duckdb: " + difference);
            }
            if (reference) {
                String referenceDifference = TpchQueries.compareWithReference(TpchQueries.reference(number), rows, decimalColumns.get(number - 1));
                verdict += referenceDifference == null ? ", ok" : ", DIFFERS from reference";
                if (referenceDifference != null) {
                    problems.add("q" + number + " vs reference: " + referenceDifference);
                }
                difference = difference == null ? referenceDifference : difference;
            }
            if (difference != null) {
                failed++;
            }
            System.out.printf(Locale.ROOT, "%-6s %8d %12.1f %12.0f %12.1f %8.3f  %s%n", "q" + number, rows.size(), apiMillis, engine, rawMillis, apiMillis / rawMillis, verdict);
        }
        System.out.printf(Locale.ROOT, "%-6s %8s %12.1f %12.0f %12.1f %8.3f%n", "total", "", total, engineTotal, rawTotal, total / rawTotal);
        System.out.printf(Locale.ROOT, "warm-up (excluded): pallas %.1f ms, duckdb %.1f ms; peak heap used %d MB of %d MB (server and client share the JVM)%n",
                warmUpApi / 1e6, warmUpRaw / 1e6, peakHeap >> 20, HeapSampler.maxBytes() >> 20);
        problems.forEach(problem -> System.out.println("  " + problem));
        System.out.printf(Locale.ROOT, "sf=%s total_ms=%.1f engine_total_ms=%.0f duckdb_total_ms=%.1f ratio_vs_duckdb=%.3f answers_ok=%s answers_failed=%d reference_checked=%s runs=%d peak_heap_mb=%d max_heap_mb=%d%n",
                sf, total, engineTotal, rawTotal, total / rawTotal, failed == 0, failed, reference, runs, peakHeap >> 20, HeapSampler.maxBytes() >> 20);
    }

    /** Puts the generated files where the server's local object store serves {@code s3://tpch/}: hard links, or copies across file systems. */
    private static void stageTables(Path dataRoot, Path bucket)
            throws IOException
    {
        for (TpchTable<?> table : TpchData.tables()) {
            Path target = Files.createDirectories(bucket.resolve(table.getTableName()));
            try (Stream<Path> files = Files.list(TpchData.tableDirectory(dataRoot, table))) {
                for (Path file : files.toList()) {
                    Path link = target.resolve(file.getFileName().toString());
                    try {
                        Files.createLink(link, file);
                    }
                    catch (IOException | UnsupportedOperationException _) {
                        Files.copy(file, link);
                    }
                }
            }
        }
    }

    /** A DuckDB set up as Pallas' engine is (threads, memory limit, spill directory, UTC), with a view per table. */
    private static Connection rawDuckDb(Path dataRoot, int threads, Optional<String> memoryLimit, Path spill)
            throws SQLException, IOException
    {
        Files.createDirectories(spill);
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET threads = " + threads);
            statement.execute("SET temp_directory = '" + spill + "'");
            if (memoryLimit.isPresent()) {
                statement.execute("SET memory_limit = '" + memoryLimit.get() + "'");
            }
            for (TpchTable<?> table : TpchData.tables()) {
                statement.execute("CREATE VIEW " + table.getTableName() + " AS SELECT * FROM read_parquet('"
                        + TpchData.tableDirectory(dataRoot, table).toAbsolutePath() + "/*.parquet')");
            }
        }
        return connection;
    }

    private static List<List<String>> rawRows(Connection connection, String sql)
            throws SQLException
    {
        List<List<String>> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
            int width = resultSet.getMetaData().getColumnCount();
            while (resultSet.next()) {
                String[] row = new String[width];
                for (int i = 0; i < width; i++) {
                    row[i] = text(resultSet.getObject(i + 1));
                }
                rows.add(Arrays.asList(row));
            }
        }
        return rows;
    }

    private static String text(Object value)
    {
        return switch (value) {
            case null -> null;
            case BigDecimal decimal -> decimal.toPlainString();
            case Double number -> BigDecimal.valueOf(number).toPlainString();
            case Float number -> BigDecimal.valueOf(number).toPlainString();
            default -> value.toString();
        };
    }

    private static double medianMillis(long[] nanos)
    {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return median / 1e6;
    }

    /** An answer through the API: the rows after the header row, which columns are decimals, and the engine's time. */
    private record Answer(List<List<String>> rows, List<Boolean> decimal, long engineMillis) {}

    private record Api(AthenaClient client)
    {
        void succeed(String sql)
                throws InterruptedException
        {
            QueryExecution execution = await(start(sql));
            if (execution.status().state() != QueryExecutionState.SUCCEEDED) {
                throw new IllegalStateException(sql + ": " + execution.status().stateChangeReason());
            }
        }

        Answer run(String sql)
                throws InterruptedException
        {
            String id = start(sql);
            QueryExecution execution = await(id);
            if (execution.status().state() != QueryExecutionState.SUCCEEDED) {
                throw new IllegalStateException("query " + id + " ended " + execution.status().state() + ": " + execution.status().stateChangeReason() + "\n" + sql);
            }
            List<List<String>> rows = new ArrayList<>();
            List<Boolean> decimal = null;
            String token = null;
            boolean header = true;
            do {
                String next = token;
                GetQueryResultsResponse page = client.getQueryResults(r -> r.queryExecutionId(id).nextToken(next));
                if (decimal == null) {
                    decimal = page.resultSet().resultSetMetadata().columnInfo().stream().map(ColumnInfo::type).map("decimal"::equals).toList();
                }
                for (Row row : page.resultSet().rows()) {
                    if (header) {
                        header = false;
                        continue;
                    }
                    rows.add(row.data().stream().map(Datum::varCharValue).toList());
                }
                token = page.nextToken();
            }
            while (token != null);
            return new Answer(rows, decimal, execution.statistics().engineExecutionTimeInMillis());
        }

        private String start(String sql)
        {
            return client.startQueryExecution(r -> r.queryString(sql).queryExecutionContext(c -> c.catalog("AwsDataCatalog").database(DATABASE)))
                    .queryExecutionId();
        }

        private QueryExecution await(String id)
                throws InterruptedException
        {
            while (true) {
                QueryExecution execution = client.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
                if (execution.status().state().equals(QueryExecutionState.SUCCEEDED) || execution.status().state().equals(QueryExecutionState.FAILED)
                        || execution.status().state().equals(QueryExecutionState.CANCELLED)) {
                    return execution;
                }
                Thread.sleep(POLL_MILLIS);
            }
        }
    }
}
