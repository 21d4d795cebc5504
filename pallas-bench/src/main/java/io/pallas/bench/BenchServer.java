package io.pallas.bench;

import io.pallas.server.PallasServer;
import io.pallas.server.config.ServerConfig;
import io.pallas.server.protocol.auth.AccessKeys;
import io.pallas.server.store.Durability;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** A Pallas server on a free port with a scratch data directory, and clients for it. */
final class BenchServer
        implements AutoCloseable
{
    private final Path dataDirectory;
    private final PallasServer server;
    private final URI endpoint;

    BenchServer()
            throws Exception
    {
        this(Optional.empty());
    }

    /** @param memoryLimit DuckDB's memory limit ({@code memory-limit}); empty for DuckDB's default */
    BenchServer(Optional<String> memoryLimit)
            throws Exception
    {
        dataDirectory = Files.createTempDirectory("pallas-bench");
        ServerConfig config = new ServerConfig(0, "127.0.0.1", dataDirectory, "us-east-1", Optional.of("s3://pallas-bench-results/"),
                Math.max(2, Runtime.getRuntime().availableProcessors()), memoryLimit, Optional.empty(), Duration.ofDays(45), Durability.PROCESS_CRASH, Duration.ofMinutes(30), "123456789012", 100_000, 100_000, java.util.List.of(), java.util.Map.of());
        server = new PallasServer(config, AccessKeys.none(), Clock.systemUTC());
        endpoint = URI.create("http://127.0.0.1:" + server.start());
    }

    URI endpoint()
    {
        return endpoint;
    }

    /** The server's data directory: the local object store keeps {@code s3://bucket/key} at {@code s3/bucket/key} in it. */
    Path dataDirectory()
    {
        return dataDirectory;
    }

    AthenaClient client(int maxConnections)
    {
        return AthenaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .httpClient(ApacheHttpClient.builder().maxConnections(maxConnections).tcpKeepAlive(true).build())
                .build();
    }

    /** Where the time of one {@link #runQuery} went, in nanoseconds, and the server's own TotalExecutionTimeInMillis. */
    record QueryTimes(long startNanos, long pollNanos, long resultsNanos, long serverTotalMillis) {}

    /** Start, poll GetQueryExecution every {@code pollMillis} until done, then read the first page of results. */
    static QueryTimes runQuery(AthenaClient client, String sql, long pollMillis)
            throws InterruptedException
    {
        long begin = System.nanoTime();
        String id = client.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
        long started = System.nanoTime();
        long serverTotal;
        while (true) {
            QueryExecution execution = client.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
            QueryExecutionState state = execution.status().state();
            if (state == QueryExecutionState.SUCCEEDED) {
                serverTotal = execution.statistics().totalExecutionTimeInMillis();
                break;
            }
            if (state == QueryExecutionState.FAILED || state == QueryExecutionState.CANCELLED) {
                throw new IllegalStateException("query " + id + " ended " + state);
            }
            Thread.sleep(pollMillis);
        }
        long done = System.nanoTime();
        client.getQueryResults(r -> r.queryExecutionId(id));
        return new QueryTimes(started - begin, done - started, System.nanoTime() - done, serverTotal);
    }

    @Override
    public void close()
            throws Exception
    {
        server.close();
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException _) {
                    // scratch space: a leftover file is harmless
                }
            });
        }
    }
}
