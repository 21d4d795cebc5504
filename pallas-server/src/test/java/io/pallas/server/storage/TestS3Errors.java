package io.pallas.server.storage;

import com.sun.net.httpserver.HttpServer;
import io.pallas.core.storage.S3Location;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Retries and error mapping, against a scripted loopback HTTP server: moto cannot be made to fail on demand, nor to
 * refuse a wrong expected bucket owner.
 */
class TestS3Errors
{
    private record Reply(int status, String body) {}

    private HttpServer server;
    private final Deque<Reply> replies = new ConcurrentLinkedDeque<>();
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private S3ObjectStore store;

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + " owner=" + exchange.getRequestHeaders().getFirst("x-amz-expected-bucket-owner"));
            exchange.getRequestBody().readAllBytes();
            Reply reply = replies.isEmpty() ? new Reply(500, error("InternalError", "script ran out")) : replies.poll();
            byte[] body = reply.body().getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/xml");
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        store = new S3ObjectStore(config(URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
    }

    @AfterEach
    void stop()
    {
        store.close();
        server.stop(0);
    }

    private static S3StorageConfig config(URI endpoint)
    {
        return S3StorageConfig.forRegion("us-east-1")
                .withEndpoint(endpoint)
                .withPathStyle(true)
                .withCredentials(new S3StorageConfig.Credentials("testing", "testing"))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50));
    }

    private static String error(String code, String message)
    {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>%s</Code><Message>%s</Message><RequestId>r</RequestId></Error>".formatted(code, message);
    }

    private static S3Location location(String uri)
    {
        return S3Location.parse(uri).orElseThrow();
    }

    @Test
    void transientErrorsAreRetried()
            throws IOException
    {
        replies.add(new Reply(503, error("SlowDown", "Please reduce your request rate.")));
        replies.add(new Reply(500, error("InternalError", "We encountered an internal error.")));
        replies.add(new Reply(200, "hello"));
        try (InputStream in = store.open(location("s3://bucket-a/q.csv"), 0)) {
            assertThat(new String(in.readAllBytes(), UTF_8)).isEqualTo("hello");
        }
        assertThat(received).hasSize(3).allSatisfy(request -> assertThat(request).startsWith("GET /bucket-a/q.csv"));
    }

    @Test
    void persistentErrorsNameTheLocation()
    {
        for (int i = 0; i < 3; i++) {
            replies.add(new Reply(500, error("InternalError", "We encountered an internal error.")));
        }
        assertThatThrownBy(() -> store.size(location("s3://bucket-a/q.csv")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("s3://bucket-a/q.csv")
                .hasMessageContaining("500");
        assertThat(received).hasSize(3);
    }

    @Test
    void refusalIsAccessDenied()
    {
        replies.add(new Reply(403, error("AccessDenied", "Access Denied")));
        S3Location location = location("s3://bucket-a/q.csv");
        assertThatThrownBy(() -> store.withOptions(WriteOptions.DEFAULT.withExpectedBucketOwner("999999999999")).open(location, 0))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("s3://bucket-a/q.csv")
                .hasMessageContaining("AccessDenied");
        // a refusal is final: not retried
        assertThat(received).containsExactly("GET /bucket-a/q.csv owner=999999999999");
    }

    @Test
    void refusedWriteIsAccessDenied()
            throws IOException
    {
        replies.add(new Reply(403, error("AccessDenied", "Access Denied")));
        S3Location location = location("s3://bucket-a/q.csv");
        try (var out = store.create(location)) {
            out.write('x');
            assertThatThrownBy(out::commit)
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("s3://bucket-a/q.csv");
        }
    }

    @Test
    void unreachableServiceNamesTheLocation()
            throws IOException
    {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (S3ObjectStore unreachable = new S3ObjectStore(config(URI.create("http://127.0.0.1:" + closedPort)))) {
            assertThatThrownBy(() -> unreachable.list(location("s3://bucket-a/prefix/")))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://bucket-a/prefix/");
        }
    }
}
