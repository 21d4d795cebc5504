package io.pallas.bench;

import io.pallas.bench.tpch.TpchData;
import software.amazon.awssdk.services.athena.AthenaClient;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ./pallas bench <name>}: each benchmark prints a readable table and, as its last line, {@code key=value}
 * pairs of its headline figures. Compared figures are measured side by side in the same run; warm-up is excluded.
 */
public final class BenchMain
{
    private static final Logger JETTY_LOGGER = Logger.getLogger("org.eclipse.jetty");

    private BenchMain() {}

    public static void main(String[] args)
            throws Exception
    {
        JETTY_LOGGER.setLevel(Level.WARNING);
        String name = args.length == 0 ? "" : args[0];
        switch (name) {
            case "latency" -> latency(intOption(args, "--iterations", 500));
            case "api" -> api(intOption(args, "--seconds", 5), intOption(args, "--clients", 8));
            case "reuse" -> ReuseBench.run(intOption(args, "--iterations", 1000));
            case "tpch" -> tpch(args);
            case "results" -> ResultsBench.run(intOption(args, "--rows", 10_000_000), Optional.ofNullable(stringOption(args, "--memory-limit")));
            case "translate" -> TranslateBench.run(pathOption(args, "--corpus").orElseGet(TranslateBench::defaultCorpus), intOption(args, "--runs", 21));
            default -> {
                System.err.println("""
                        usage: ./pallas bench <name> [options]
                          latency [--iterations N]         SELECT 1: Start -> GetQueryExecution (5 ms poll) -> GetQueryResults, vs raw DuckDB JDBC
                          api [--seconds N] [--clients N]  GetQueryExecution and StartQueryExecution requests per second (raw HTTP and SDK v2)
                          reuse [--iterations N]           a result-reuse hit (Start -> GetQueryExecution until SUCCEEDED), vs the same query run again
                          tpch [--sf N] [--runs N] [--warmup N] [--data DIR] [--memory-limit SIZE]
                                                           the 22 TPC-H queries through the API vs raw DuckDB JDBC, answers checked
                                                           (data cached in DIR, default bench-data/tpch-sf<N>)
                          tpch --sf N --generate-only --out DIR
                                                           only write the Parquet data (DIR/data), queries and, at SF 0.01, reference answers
                          results [--rows N] [--memory-limit SIZE]
                                                           a 10-million-row result: time to SUCCEEDED, CSV written, GetQueryResults paging
                          translate [--corpus DIR] [--runs N] parse + print time of each conformance corpus query (in process)""");
                System.exit(2);
            }
        }
    }

    private static void latency(int iterations)
            throws Exception
    {
        int warmUp = Math.max(50, iterations / 10);
        long[] api = new long[iterations];
        long[] raw = new long[iterations];
        long[] starts = new long[iterations];
        long[] polls = new long[iterations];
        long[] results = new long[iterations];
        long[] serverTotals = new long[iterations];
        try (BenchServer server = new BenchServer();
                AthenaClient client = server.client(4);
                Connection duckdb = DriverManager.getConnection("jdbc:duckdb:")) {
            for (int i = 0; i < warmUp; i++) {
                BenchServer.runQuery(client, "SELECT 1", 5);
                rawSelectOne(duckdb);
            }
            // interleaved so both see the same machine state
            for (int i = 0; i < iterations; i++) {
                long start = System.nanoTime();
                BenchServer.QueryTimes times = BenchServer.runQuery(client, "SELECT 1", 5);
                api[i] = System.nanoTime() - start;
                starts[i] = times.startNanos();
                polls[i] = times.pollNanos();
                results[i] = times.resultsNanos();
                serverTotals[i] = times.serverTotalMillis() * 1_000_000;
                start = System.nanoTime();
                rawSelectOne(duckdb);
                raw[i] = System.nanoTime() - start;
            }
        }
        Stats apiStats = Stats.of(api);
        Stats rawStats = Stats.of(raw);
        System.out.println("latency: SELECT 1 end to end with the AWS SDK for Java v2 (" + iterations + " runs after " + warmUp + " warm-up)");
        System.out.println(Stats.header());
        System.out.println(apiStats.row("pallas start+poll(5ms)+results"));
        System.out.println(Stats.of(starts).row("  StartQueryExecution call"));
        System.out.println(Stats.of(polls).row("  polling until SUCCEEDED"));
        System.out.println(Stats.of(results).row("  GetQueryResults call"));
        System.out.println(Stats.of(serverTotals).row("  server: submission to SUCCEEDED"));
        System.out.println(rawStats.row("raw duckdb jdbc"));
        System.out.printf(Locale.ROOT, "latency_median_ms=%.3f latency_p99_ms=%.3f raw_duckdb_ms=%.3f raw_duckdb_p99_ms=%.3f%n",
                apiStats.medianMillis(), apiStats.p99Millis(), rawStats.medianMillis(), rawStats.p99Millis());
    }

    private static void rawSelectOne(Connection connection)
            throws Exception
    {
        try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery("SELECT 1")) {
            while (resultSet.next()) {
                resultSet.getInt(1);
            }
        }
    }

    private static void api(int seconds, int clients)
            throws Exception
    {
        double rawGet;
        double rawStart;
        double sdkGet;
        double sdkStart;
        try (BenchServer server = new BenchServer();
                AthenaClient client = server.client(clients * 2)) {
            String id = client.startQueryExecution(r -> r.queryString("SELECT 1")).queryExecutionId();
            String getBody = "{\"QueryExecutionId\":\"" + id + "\"}";
            Call rawGetCall = http -> check(http.call("AmazonAthena.GetQueryExecution", getBody));
            Call rawStartCall = http -> check(http.call("AmazonAthena.StartQueryExecution",
                    "{\"QueryString\":\"SELECT 1\",\"ClientRequestToken\":\"" + java.util.UUID.randomUUID() + "\"}"));
            // warm-up of both paths is excluded from every figure
            hammer(server, clients, 3, rawGetCall);
            hammer(server, clients, 2, http -> client.getQueryExecution(r -> r.queryExecutionId(id)));
            rawGet = hammer(server, clients, seconds, rawGetCall);
            sdkGet = hammer(server, clients, seconds, http -> client.getQueryExecution(r -> r.queryExecutionId(id)));
            hammer(server, clients, 1, rawStartCall);
            rawStart = hammer(server, clients, seconds, rawStartCall);
            sdkStart = hammer(server, clients, seconds, http -> client.startQueryExecution(r -> r.queryString("SELECT 1")));
        }
        System.out.println("api: requests per second, " + clients + " concurrent clients, " + seconds + " s each, server and clients on the same machine");
        System.out.printf(Locale.ROOT, "%-24s %16s %16s%n", "operation", "raw HTTP/1.1", "AWS SDK v2");
        System.out.printf(Locale.ROOT, "%-24s %16.0f %16.0f%n", "GetQueryExecution", rawGet, sdkGet);
        System.out.printf(Locale.ROOT, "%-24s %16.0f %16.0f%n", "StartQueryExecution", rawStart, sdkStart);
        System.out.printf(Locale.ROOT, "get_query_execution_per_s=%.0f start_query_execution_per_s=%.0f sdk_get_query_execution_per_s=%.0f sdk_start_query_execution_per_s=%.0f clients=%d%n",
                rawGet, rawStart, sdkGet, sdkStart, clients);
    }

    @FunctionalInterface
    private interface Call
    {
        void run(RawHttpClient http)
                throws Exception;
    }

    private static void check(int status)
    {
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status);
        }
    }

    /** Runs {@code call} from {@code clients} threads, each with its own connection, for {@code seconds}; returns calls per second. */
    private static double hammer(BenchServer server, int clients, int seconds, Call call)
            throws Exception
    {
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Long>> counts = new ArrayList<>();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
            for (int i = 0; i < clients; i++) {
                counts.add(threads.submit(() -> {
                    long done = 0;
                    try (RawHttpClient http = new RawHttpClient(server.endpoint())) {
                        while (!stop.get()) {
                            call.run(http);
                            done++;
                        }
                    }
                    return done;
                }));
            }
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static void tpch(String[] args)
            throws Exception
    {
        String scaleFactorText = stringOption(args, "--sf");
        double scaleFactor = scaleFactorText == null ? 1 : Double.parseDouble(scaleFactorText);
        if (hasFlag(args, "--generate-only")) {
            String out = stringOption(args, "--out");
            if (out == null) {
                throw new IllegalArgumentException("--generate-only needs --out DIR");
            }
            TpchBench.generateOnly(scaleFactor, Path.of(out));
            return;
        }
        String data = stringOption(args, "--data");
        TpchBench.run(scaleFactor, Path.of(data == null ? "bench-data/tpch-sf" + TpchData.scaleFactorText(scaleFactor) : data),
                intOption(args, "--runs", 1), intOption(args, "--warmup", 1), Optional.ofNullable(stringOption(args, "--memory-limit")));
    }

    private static boolean hasFlag(String[] args, String name)
    {
        return Arrays.asList(args).subList(1, args.length).contains(name);
    }

    private static String stringOption(String[] args, String name)
    {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return null;
    }

    private static int intOption(String[] args, String name, int defaultValue)
    {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return defaultValue;
    }

    private static Optional<Path> pathOption(String[] args, String name)
    {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Optional.of(Path.of(args[i + 1]));
            }
        }
        return Optional.empty();
    }
}
