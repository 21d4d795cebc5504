package io.pallas.server.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An S3Proxy (filesystem backend, SigV4 required) on a free loopback port over a temporary directory of buckets,
 * started through {@link S3ProxyProcess} as {@code pallas serve} starts it, for one test class.
 */
public final class S3ProxyServer
        implements AutoCloseable
{
    public static final String ACCESS_KEY = "proxy-key";
    public static final String SECRET_KEY = "proxy-secret";

    private final Path directory;
    private final Path root;
    private S3ProxyProcess process;
    private int port;

    private S3ProxyServer(Path directory)
    {
        this.directory = directory;
        this.root = directory.resolve("buckets");
    }

    public static S3ProxyServer start()
            throws IOException
    {
        S3ProxyServer server = new S3ProxyServer(Files.createTempDirectory("s3proxy-test-"));
        Files.createDirectories(server.root);
        server.startProcess(0);
        return server;
    }

    private void startProcess(int requestedPort)
            throws IOException
    {
        process = S3ProxyProcess.start(S3ProxyProcess.defaultJar(), root, "127.0.0.1", requestedPort,
                Optional.of(new S3ProxyProcess.Credentials(ACCESS_KEY, SECRET_KEY)), directory.resolve("work"));
        port = process.port();
    }

    /** Stops the proxy; the buckets stay on disk. */
    public void stop()
    {
        process.close();
    }

    /** Starts the proxy again on the same port over the same buckets. */
    public void restart()
            throws IOException
    {
        startProcess(port);
    }

    public URI endpoint()
    {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The buckets' directory: bucket {@code b} is {@code root/b}. */
    public Path root()
    {
        return root;
    }

    public S3StorageConfig config()
    {
        return S3StorageConfig.forRegion("us-east-1")
                .withEndpoint(endpoint())
                .withPathStyle(true)
                .withCredentials(new S3StorageConfig.Credentials(ACCESS_KEY, SECRET_KEY))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60))
                .withRetries(2, Duration.ofMillis(20), Duration.ofMillis(200))
                .withCreateBuckets(true);
    }

    /** Removes every bucket. */
    public void reset()
            throws IOException
    {
        deleteChildren(root);
    }

    private static void deleteChildren(Path directory)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(directory)) {
                    Files.delete(path);
                }
            }
        }
    }

    @Override
    public void close()
            throws IOException
    {
        if (process != null) {
            process.close();
        }
        deleteChildren(directory);
        Files.deleteIfExists(directory);
    }
}
