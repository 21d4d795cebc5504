package io.pallas.server;

import com.sun.net.httpserver.HttpServer;
import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;
import io.pallas.server.storage.S3ObjectStore;
import io.pallas.server.storage.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 failing under a running server: throttling (a scripted endpoint that answers 503 SlowDown, since no real server
 * throttles on demand), an S3 server stopped in the middle of a query, and refused credentials. Each query ends
 * FAILED with Athena's error for it, naming the location, and the server goes on serving.
 */
class TestS3Faults
{
    private static S3ProxyServer proxy;
    private static HttpServer throttling;
    private static final AtomicInteger throttledRequests = new AtomicInteger();

    @BeforeAll
    static void start()
            throws Exception
    {
        proxy = S3ProxyServer.start();
        throttling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        throttling.createContext("/", exchange -> {
            throttledRequests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
                    .getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(503, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!exchange.getRequestMethod().equals("HEAD")) {
                    out.write(body);
                }
            }
        });
        throttling.start();
    }

    @AfterAll
    static void stop()
            throws Exception
    {
        if (throttling != null) {
            throttling.stop(0);
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private static List<String> remote(String endpoint, String bucket, String secret)
    {
        return List.of("--s3-buckets", bucket,
                "--s3-endpoint", endpoint,
                "--s3-access-key-id", S3ProxyServer.ACCESS_KEY,
                "--s3-secret-access-key", secret,
                "--s3-create-buckets", "true",
                "--s3-max-attempts", "2",
                "--s3-connect-timeout-seconds", "1");
    }

    @Test
    void throttlingFailsTheQueryWithTheRetryableS3ThrottlingError(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, remote("http://127.0.0.1:" + throttling.getAddress().getPort(), "busy", "any"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            succeed(athena, "CREATE EXTERNAL TABLE hot (v string) LOCATION 's3://busy/hot/'", null);
            int before = throttledRequests.get();
            QueryExecution read = run(athena, "SELECT count(*) FROM hot", null);
            assertFailed(read, 1, 1403, true).startsWith("HIVE_CANNOT_OPEN_SPLIT").contains("s3://busy/hot/").contains("SlowDown");
            assertThat(throttledRequests.get() - before).as("the client retried").isGreaterThan(1);

            QueryExecution write = run(athena, "SELECT 1", "s3://busy/results/");
            assertFailed(write, 1, 1403, true).contains("s3://busy/results/" + write.queryExecutionId() + ".csv");

            assertThat(succeed(athena, "SELECT 2", null).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        }
    }

    @Test
    void s3StoppedInTheMiddleOfAQueryFailsItAndLeavesNoResultObject(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, remote(proxy.endpoint().toString(), "remote", S3ProxyServer.SECRET_KEY));
                AthenaClient athena = TestAthenaEndToEnd.client(server);
                S3ObjectStore s3 = new S3ObjectStore(proxy.config())) {
            // a result of a few hundred megabytes: its multipart upload is under way when S3 goes away
            String id = athena.startQueryExecution(r -> r.queryString("SELECT a * 1000 + b AS x, rpad('', 200, 'x') AS pad FROM UNNEST(sequence(1, 1500)) AS s(a) CROSS JOIN UNNEST(sequence(1, 1000)) AS u(b)")
                    .resultConfiguration(c -> c.outputLocation("s3://remote/results/"))).queryExecutionId();
            awaitRunning(athena, id);
            Thread.sleep(500);
            proxy.stop();
            QueryExecution failed;
            try {
                failed = TestAthenaEndToEnd.await(athena, id);
            }
            finally {
                proxy.restart();
            }
            assertFailed(failed, 1, 401, true).contains("s3://remote/results/" + id + ".csv");
            assertThat(s3.size(new S3Location("remote", "results/" + id + ".csv"))).isEmpty();
            assertThat(s3.list(new S3Location("remote", "results/"))).extracting(info -> info.location().key()).noneMatch(key -> key.contains(id));

            // with S3 down, table data cannot be listed: a retryable failure that names the location
            try (PendingObject out = s3.create(new S3Location("remote", "t/part-0.csv"))) {
                out.write("a\n".getBytes(UTF_8));
                out.commit();
            }
            succeed(athena, "CREATE EXTERNAL TABLE t (v string) LOCATION 's3://remote/t/'", null);
            proxy.stop();
            QueryExecution unreachable;
            try {
                unreachable = run(athena, "SELECT count(*) FROM t", null);
            }
            finally {
                proxy.restart();
            }
            assertFailed(unreachable, 1, 100, true).startsWith("HIVE_CANNOT_OPEN_SPLIT").contains("s3://remote/t/");

            // S3 is back, and so is every query
            assertThat(succeed(athena, "SELECT count(*) FROM t", "s3://remote/results/").status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        }
    }

    @Test
    void refusedCredentialsAreAnS3PermissionError(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, remote(proxy.endpoint().toString(), "guarded", "not-the-secret"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            succeed(athena, "CREATE EXTERNAL TABLE g (v string) LOCATION 's3://guarded/g/'", null);
            assertFailed(run(athena, "SELECT * FROM g", null), 2, 1501, false).startsWith("PERMISSION_DENIED").contains("s3://guarded/g/");
            QueryExecution write = run(athena, "SELECT 1", "s3://guarded/results/");
            assertFailed(write, 2, 1501, false).contains("s3://guarded/results/" + write.queryExecutionId() + ".csv");
        }
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertFailed(QueryExecution execution, int category, int type, boolean retryable)
    {
        assertThat(execution.status().state()).as(execution.status().stateChangeReason()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(execution.status().athenaError().errorCategory()).as(execution.status().stateChangeReason()).isEqualTo(category);
        assertThat(execution.status().athenaError().errorType()).as(execution.status().stateChangeReason()).isEqualTo(type);
        assertThat(execution.status().athenaError().retryable()).isEqualTo(retryable);
        return assertThat(execution.status().stateChangeReason());
    }

    private static void awaitRunning(AthenaClient athena, String id)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution().status().state() == QueryExecutionState.QUEUED) {
            assertThat(System.nanoTime()).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static QueryExecution run(AthenaClient athena, String sql, String outputLocation)
    {
        String id = athena.startQueryExecution(r -> {
            r.queryString(sql);
            if (outputLocation != null) {
                r.resultConfiguration(c -> c.outputLocation(outputLocation));
            }
        }).queryExecutionId();
        return TestAthenaEndToEnd.await(athena, id);
    }

    private static QueryExecution succeed(AthenaClient athena, String sql, String outputLocation)
    {
        QueryExecution execution = run(athena, sql, outputLocation);
        assertThat(execution.status().stateAsString()).as(sql + ": " + execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
        return execution;
    }
}
