package io.pallas.bench;

import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ./pallas bench results}: one large result (10 million rows of a bigint, a varchar, a double and a date).
 * Measures the time to SUCCEEDED (the query runs and its CSV is written), then reads every page through
 * GetQueryResults twice: with a raw HTTP client that only finds the next token (the server's speed) and with the
 * AWS SDK for Java v2 (what a Java client sees). Beside them, raw DuckDB over the same rows: COPY to CSV, and a
 * JDBC read of every value.
 */
final class ResultsBench
{
    private static final long POLL_MILLIS = 5;
    private static final int ROWS_PER_OUTER = 1000;
    private static final byte[] NEXT_TOKEN = "\"NextToken\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ROW = "{\"Data\":".getBytes(StandardCharsets.US_ASCII);

    private ResultsBench() {}

    static void run(int rows, Optional<String> memoryLimit)
            throws Exception
    {
        if (rows < ROWS_PER_OUTER || rows % ROWS_PER_OUTER != 0) {
            throw new IllegalArgumentException("--rows must be a positive multiple of " + ROWS_PER_OUTER + ": " + rows);
        }
        int outer = rows / ROWS_PER_OUTER;
        String sql = """
                SELECT a.x * %d + b.y AS id, concat('row ', CAST(b.y AS varchar)) AS label, CAST(a.x AS double) / 8 AS ratio,
                       date_add('day', b.y, DATE '2020-01-01') AS day
                FROM UNNEST(sequence(0, %d)) AS a(x) CROSS JOIN UNNEST(sequence(1, %d)) AS b(y)""".formatted(ROWS_PER_OUTER, outer - 1, ROWS_PER_OUTER);
        String duckDbSql = """
                SELECT a.x * %d + b.y AS id, 'row ' || CAST(b.y AS VARCHAR) AS label, CAST(a.x AS DOUBLE) / 8 AS ratio,
                       DATE '2020-01-01' + CAST(b.y AS INTEGER) AS day
                FROM range(0, %d) AS a(x) CROSS JOIN range(1, %d) AS b(y)""".formatted(ROWS_PER_OUTER, outer, ROWS_PER_OUTER + 1);
        int threads = Runtime.getRuntime().availableProcessors();

        double toSucceeded;
        long csvBytes;
        double rawPaging;
        long rawPages;
        long rawRows;
        double sdkPaging;
        long sdkRows;
        double duckDbCopy;
        double duckDbFetch;
        long peakHeap;
        try (HeapSampler heap = new HeapSampler();
                BenchServer server = new BenchServer(memoryLimit);
                AthenaClient client = server.client(4)) {
            // a small run of the same query warms both paths up
            warmUp(client, sql.replace("sequence(0, " + (outer - 1) + ")", "sequence(0, 9)"));

            long start = System.nanoTime();
            String id = client.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
            QueryExecution execution = await(client, id);
            toSucceeded = seconds(start);
            if (execution.status().state() != QueryExecutionState.SUCCEEDED) {
                throw new IllegalStateException("query ended " + execution.status().state() + ": " + execution.status().stateChangeReason());
            }
            csvBytes = Files.size(server.dataDirectory().resolve("s3").resolve("pallas-bench-results").resolve(id + ".csv"));

            start = System.nanoTime();
            long[] counted = pageRaw(server, id);
            rawPaging = seconds(start);
            rawPages = counted[0];
            rawRows = counted[1];

            start = System.nanoTime();
            sdkRows = pageSdk(client, id);
            sdkPaging = seconds(start);
            peakHeap = heap.peakBytes();

            try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
                statement.execute("SET threads = " + threads);
                memoryLimit.ifPresent(limit -> {
                    try {
                        statement.execute("SET memory_limit = '" + limit + "'");
                    }
                    catch (java.sql.SQLException e) {
                        throw new IllegalArgumentException(e);
                    }
                });
                Path csv = server.dataDirectory().resolve("raw-duckdb.csv");
                start = System.nanoTime();
                statement.execute("COPY (" + duckDbSql + ") TO '" + csv + "' (FORMAT CSV, HEADER)");
                duckDbCopy = seconds(start);
                start = System.nanoTime();
                long fetched = 0;
                try (ResultSet resultSet = statement.executeQuery(duckDbSql)) {
                    while (resultSet.next()) {
                        resultSet.getLong(1);
                        resultSet.getString(2);
                        resultSet.getDouble(3);
                        resultSet.getObject(4);
                        fetched++;
                    }
                }
                duckDbFetch = seconds(start);
                if (fetched != rows) {
                    throw new IllegalStateException("raw DuckDB read " + fetched + " rows, expected " + rows);
                }
            }
        }
        if (rawRows != rows || sdkRows != rows) {
            throw new IllegalStateException("paged " + rawRows + " rows (raw HTTP) and " + sdkRows + " (SDK v2), expected " + rows);
        }

        System.out.printf(Locale.ROOT, "results: a %,d-row result (bigint, varchar, double, date), server and client in one JVM; DuckDB threads=%d%n", rows, threads);
        System.out.printf(Locale.ROOT, "%-44s %10s %14s %12s%n", "measurement", "seconds", "rows/s", "MB/s");
        row("pallas: start -> SUCCEEDED (CSV written)", toSucceeded, rows, csvBytes);
        row("pallas: GetQueryResults, raw HTTP (" + rawPages + " pages)", rawPaging, rows, 0);
        row("pallas: GetQueryResults, AWS SDK v2", sdkPaging, rows, 0);
        row("raw duckdb: COPY TO csv", duckDbCopy, rows, 0);
        row("raw duckdb: JDBC read of every value", duckDbFetch, rows, 0);
        System.out.printf(Locale.ROOT, "CSV object %,d bytes; peak heap used %d MB of %d MB (server and client share the JVM)%n", csvBytes, peakHeap >> 20, HeapSampler.maxBytes() >> 20);
        System.out.printf(Locale.ROOT, "rows=%d time_to_succeeded_ms=%.0f csv_rows_per_s=%.0f csv_bytes_per_s=%.0f paging_rows_per_s=%.0f sdk_paging_rows_per_s=%.0f duckdb_copy_csv_rows_per_s=%.0f duckdb_jdbc_rows_per_s=%.0f peak_heap_mb=%d%n",
                rows, toSucceeded * 1000, rows / toSucceeded, csvBytes / toSucceeded, rows / rawPaging, rows / sdkPaging, rows / duckDbCopy, rows / duckDbFetch, peakHeap >> 20);
    }

    private static void row(String name, double seconds, long rows, long bytes)
    {
        System.out.printf(Locale.ROOT, "%-44s %10.2f %,14.0f %12s%n", name, seconds, rows / seconds, bytes == 0 ? "" : String.format(Locale.ROOT, "%.1f", bytes / seconds / 1e6));
    }

    private static void warmUp(AthenaClient client, String sql)
            throws Exception
    {
        for (int i = 0; i < 3; i++) {
            String id = client.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
            await(client, id);
            pageSdk(client, id);
        }
    }

    private static QueryExecution await(AthenaClient client, String id)
            throws InterruptedException
    {
        while (true) {
            QueryExecution execution = client.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
            if (execution.status().state() == QueryExecutionState.SUCCEEDED || execution.status().state() == QueryExecutionState.FAILED
                    || execution.status().state() == QueryExecutionState.CANCELLED) {
                return execution;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Every page with the raw client; returns pages and data rows (the header row not counted). */
    private static long[] pageRaw(BenchServer server, String id)
            throws IOException
    {
        long pages = 0;
        long rows = 0;
        try (RawHttpClient http = new RawHttpClient(server.endpoint())) {
            String token = null;
            do {
                String body = "{\"QueryExecutionId\":\"" + id + "\"" + (token == null ? "" : ",\"NextToken\":\"" + token + "\"") + ",\"MaxResults\":1000}";
                byte[] page = http.fetch("AmazonAthena.GetQueryResults", body);
                rows += count(page, ROW);
                token = nextToken(page);
                pages++;
            }
            while (token != null);
        }
        return new long[] {pages, rows - 1};
    }

    private static long pageSdk(AthenaClient client, String id)
    {
        long rows = 0;
        String token = null;
        do {
            String next = token;
            GetQueryResultsResponse page = client.getQueryResults(r -> r.queryExecutionId(id).nextToken(next).maxResults(1000));
            rows += page.resultSet().rows().size();
            token = page.nextToken();
        }
        while (token != null);
        return rows - 1;
    }

    private static long count(byte[] body, byte[] pattern)
    {
        long count = 0;
        for (int i = indexOf(body, pattern, 0); i >= 0; i = indexOf(body, pattern, i + pattern.length)) {
            count++;
        }
        return count;
    }

    /** The NextToken of a GetQueryResults answer; tokens are base64url, so they hold no quote or escape. */
    private static String nextToken(byte[] body)
    {
        int at = indexOf(body, NEXT_TOKEN, 0);
        if (at < 0) {
            return null;
        }
        int start = at + NEXT_TOKEN.length;
        int end = start;
        while (body[end] != '"') {
            end++;
        }
        return new String(body, start, end - start, StandardCharsets.US_ASCII);
    }

    private static int indexOf(byte[] body, byte[] pattern, int from)
    {
        outer:
        for (int i = from; i <= body.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (body[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static double seconds(long startNanos)
    {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
