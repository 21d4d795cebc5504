package io.pallas.server.storage;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto_server} (Python moto's S3-compatible server) on a free loopback port, for one test class. Tests are
 * skipped, with a message saying so, when {@code moto_server} is not on the PATH.
 */
public final class MotoServer
        implements AutoCloseable
{
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, Path log, URI endpoint)
    {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    /** Starts a server and waits until it answers; skips the calling tests when moto_server is not installed. */
    public static MotoServer start()
            throws IOException, InterruptedException
    {
        Assumptions.assumeTrue(onPath("moto_server"), "moto_server is not on PATH: install Python moto with its server extra (pip install 'moto[server]') to run the S3 tests");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("moto-server-", ".log");
        Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        MotoServer server = new MotoServer(process, log, URI.create("http://127.0.0.1:" + port));
        try {
            server.awaitReady();
        }
        catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI endpoint()
    {
        return endpoint;
    }

    /** A store config for this server: path style, static test keys, short timeouts and few retries. */
    public S3StorageConfig config()
    {
        return S3StorageConfig.forRegion("us-east-1")
                .withEndpoint(endpoint)
                .withPathStyle(true)
                .withCredentials(new S3StorageConfig.Credentials("testing", "testing"))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(60))
                .withRetries(3, Duration.ofMillis(20), Duration.ofMillis(200))
                .withCreateBuckets(true);
    }

    /** Forgets every bucket and object. */
    void reset()
            throws IOException, InterruptedException
    {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("moto reset failed: " + response.statusCode() + " " + response.body());
        }
    }

    private void awaitReady()
            throws IOException, InterruptedException
    {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("moto_server exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                        .timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            }
            catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IOException("moto_server did not answer within " + STARTUP + ": " + Files.readString(log));
    }

    private static boolean onPath(String program)
    {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close()
            throws InterruptedException, IOException
    {
        // the PATH entry may be a wrapper script: stop whatever it started too
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
