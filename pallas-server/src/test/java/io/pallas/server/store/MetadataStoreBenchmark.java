package io.pallas.server.store;

import io.pallas.core.query.QueryExecution;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.pallas.server.store.TestingExecutions.BASE_TIME;
import static io.pallas.server.store.TestingExecutions.full;

/**
 * Measures the write latency of {@link SqliteMetadataStore} under each {@link Durability}; run by hand (see
 * docs/metadata-store.md), never part of the test suite. Arguments: a scratch directory on the file system to
 * measure, and optionally the number of operations per measurement.
 */
public final class MetadataStoreBenchmark
{
    private static final int WARM_UP = 500;
    private static final int THREADS = 4;

    private MetadataStoreBenchmark() {}

    public static void main(String[] args)
            throws Exception
    {
        Path directory = Path.of(args[0]);
        int operations = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        Files.createDirectories(directory);
        System.out.printf("%d operations per measurement, %d cores, %s%n", operations, Runtime.getRuntime().availableProcessors(), Files.getFileStore(directory));
        for (Durability durability : Durability.values()) {
            Path databaseFile = Files.createTempDirectory(directory, durability.name()).resolve("metadata.db");
            measure(databaseFile, durability, operations);
        }
    }

    private static void measure(Path databaseFile, Durability durability, int operations)
            throws Exception
    {
        int next = 0;
        long[] insertNanos = new long[operations];
        long[] updateNanos = new long[operations];
        List<QueryExecution> inserted = new ArrayList<>();
        try (SqliteMetadataStore store = new SqliteMetadataStore(databaseFile, durability)) {
            for (int i = 0; i < WARM_UP; i++, next++) {
                QueryExecution execution = execution(next);
                store.insertExecution(execution, next, "token-" + next, "fingerprint");
                store.updateExecution(execution.running(execution.submissionDateTime()));
            }
            for (int i = 0; i < operations; i++, next++) {
                QueryExecution execution = execution(next);
                long start = System.nanoTime();
                store.insertExecution(execution, next, "token-" + next, "fingerprint");
                insertNanos[i] = System.nanoTime() - start;
                inserted.add(execution);
            }
            for (int i = 0; i < operations; i++) {
                QueryExecution running = inserted.get(i).running(inserted.get(i).submissionDateTime().plusMillis(3));
                long start = System.nanoTime();
                store.updateExecution(running);
                updateNanos[i] = System.nanoTime() - start;
            }

            int perThread = operations / THREADS;
            int first = next;
            long start = System.nanoTime();
            try (ExecutorService executor = Executors.newFixedThreadPool(THREADS)) {
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int base = first + t * perThread;
                    writers.add(executor.submit(() -> {
                        for (int i = base; i < base + perThread; i++) {
                            store.insertExecution(execution(i), i, "token-" + i, "fingerprint");
                        }
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            next = first + THREADS * perThread;

            System.out.printf("%-13s insertExecution  median %6.3f ms  p99 %6.3f ms  max %7.3f ms%n", durability, millis(insertNanos, 0.5), millis(insertNanos, 0.99), millis(insertNanos, 1.0));
            System.out.printf("%-13s updateExecution  median %6.3f ms  p99 %6.3f ms  max %7.3f ms%n", durability, millis(updateNanos, 0.5), millis(updateNanos, 0.99), millis(updateNanos, 1.0));
            System.out.printf("%-13s %d threads: %d inserts in %.2f s = %.0f inserts/s%n", durability, THREADS, THREADS * perThread, seconds, THREADS * perThread / seconds);
        }

        long openStart = System.nanoTime();
        try (SqliteMetadataStore store = new SqliteMetadataStore(databaseFile, durability)) {
            long opened = System.nanoTime();
            int loaded = store.loadExecutions().size();
            long done = System.nanoTime();
            System.out.printf("%-13s reopen %.1f ms, loadExecutions of %d executions %.1f ms, file %d KiB%n",
                    durability, (opened - openStart) / 1e6, loaded, (done - opened) / 1e6, Files.size(databaseFile) / 1024);
        }
    }

    private static QueryExecution execution(int index)
    {
        return full("00000000-0000-4000-8000-%012d".formatted(index), BASE_TIME.plusMillis(index));
    }

    private static double millis(long[] nanos, double quantile)
    {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
