package io.pallas.bench;

import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@code ./pallas bench reuse}: a query answered from an earlier result (ResultReuseConfiguration, contract §4.8),
 * beside the same query run on the engine. Each measurement is StartQueryExecution, then GetQueryExecution at once
 * and every millisecond until SUCCEEDED; "+ results" adds the first GetQueryResults page.
 *
 * <p>The reuse hits all reuse one earlier execution, so each lookup walks past every hit before it, as a busy
 * workgroup would; the runs without reuse go to another workgroup so that they neither join that walk nor become
 * newer results to reuse.
 */
final class ReuseBench
{
    private static final String QUERY = "SELECT x, x * x AS square FROM (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t(x) ORDER BY x";
    private static final String FRESH_WORK_GROUP = "not-reused";

    private ReuseBench() {}

    private record Timing(long untilSucceeded, long withResults) {}

    static void run(int iterations)
            throws Exception
    {
        int warmUp = Math.max(50, iterations / 10);
        long[] reused = new long[iterations];
        long[] reusedWithResults = new long[iterations];
        long[] fresh = new long[iterations];
        long[] freshWithResults = new long[iterations];
        try (BenchServer server = new BenchServer();
                AthenaClient client = server.client(4)) {
            client.createWorkGroup(r -> r.name(FRESH_WORK_GROUP)
                    .configuration(c -> c.resultConfiguration(rc -> rc.outputLocation("s3://pallas-bench-results/not-reused/"))));
            Consumer<StartQueryExecutionRequest.Builder> reuse = r -> r.queryString(QUERY)
                    .resultReuseConfiguration(c -> c.resultReuseByAgeConfiguration(a -> a.enabled(true)));
            Consumer<StartQueryExecutionRequest.Builder> noReuse = r -> r.queryString(QUERY).workGroup(FRESH_WORK_GROUP);
            measure(client, reuse, false);
            for (int i = 0; i < warmUp; i++) {
                measure(client, reuse, true);
                measure(client, noReuse, false);
            }
            // interleaved so both see the same machine state
            for (int i = 0; i < iterations; i++) {
                Timing hit = measure(client, reuse, true);
                reused[i] = hit.untilSucceeded();
                reusedWithResults[i] = hit.withResults();
                Timing run = measure(client, noReuse, false);
                fresh[i] = run.untilSucceeded();
                freshWithResults[i] = run.withResults();
            }
        }
        Stats reusedStats = Stats.of(reused);
        Stats reusedResultsStats = Stats.of(reusedWithResults);
        Stats freshStats = Stats.of(fresh);
        Stats freshResultsStats = Stats.of(freshWithResults);
        System.out.println("reuse: a 10-row SELECT answered from an earlier result vs run again, AWS SDK for Java v2 (" + iterations
                + " runs each after " + warmUp + " warm-up; GetQueryExecution at once, then every 1 ms)");
        System.out.println(Stats.header());
        System.out.println(reusedStats.row("reuse hit: start -> SUCCEEDED"));
        System.out.println(reusedResultsStats.row("reuse hit: + first results page"));
        System.out.println(freshStats.row("not reused: start -> SUCCEEDED"));
        System.out.println(freshResultsStats.row("not reused: + first results page"));
        System.out.printf(Locale.ROOT, "reuse_median_ms=%.3f reuse_p99_ms=%.3f reuse_with_results_median_ms=%.3f not_reused_median_ms=%.3f not_reused_p99_ms=%.3f "
                        + "not_reused_with_results_median_ms=%.3f iterations=%d%n",
                reusedStats.medianMillis(), reusedStats.p99Millis(), reusedResultsStats.medianMillis(), freshStats.medianMillis(), freshStats.p99Millis(),
                freshResultsStats.medianMillis(), iterations);
    }

    /** One query, checked to have been answered from an earlier result exactly when {@code expectReused}. */
    private static Timing measure(AthenaClient client, Consumer<StartQueryExecutionRequest.Builder> request, boolean expectReused)
            throws InterruptedException
    {
        long start = System.nanoTime();
        String id = client.startQueryExecution(request).queryExecutionId();
        QueryExecution execution;
        while (true) {
            execution = client.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
            QueryExecutionState state = execution.status().state();
            if (state == QueryExecutionState.SUCCEEDED) {
                break;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new IllegalStateException("query " + id + " ended " + state + ": " + execution.status().stateChangeReason());
            }
            Thread.sleep(1);
        }
        long succeeded = System.nanoTime();
        int rows = client.getQueryResults(r -> r.queryExecutionId(id)).resultSet().rows().size();
        long withResults = System.nanoTime();
        if (rows != 11) {
            throw new IllegalStateException("query " + id + " returned " + rows + " rows with the header, not 11");
        }
        boolean reused = execution.statistics().resultReuseInformation().reusedPreviousResult();
        if (reused != expectReused) {
            throw new IllegalStateException("query " + id + (expectReused ? " was not" : " was") + " answered from an earlier result");
        }
        return new Timing(succeeded - start, withResults - start);
    }
}
