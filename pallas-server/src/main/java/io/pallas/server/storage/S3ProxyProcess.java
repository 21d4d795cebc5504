package io.pallas.server.storage;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The local object store served over the S3 API: an S3Proxy child process (filesystem backend) whose base directory
 * is the local store's root, so bucket {@code b} is the directory {@code <root>/b} and key {@code k/x.csv} the file
 * {@code <root>/b/k/x.csv}, exactly as {@link LocalObjectStore} keeps them. S3Proxy runs in its own JVM: its
 * dependencies (its own AWS SDK, jclouds, Jetty, Jackson) stay off the server's class path.
 *
 * <p>Requests must carry a SigV2 or SigV4 signature of the given key, or any request is accepted when no key is
 * given. The child exits when {@link #close()} is called, and also when the server's JVM ends in any way (see
 * {@link S3ProxyLauncher}).
 */
public final class S3ProxyProcess
        implements AutoCloseable
{
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final OutputStream lifeline;
    private final URI endpoint;

    /** An access key the proxy requires. */
    public record Credentials(String accessKeyId, String secretAccessKey)
    {
        public Credentials
        {
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(secretAccessKey, "secretAccessKey is null");
        }
    }

    private S3ProxyProcess(Process process, URI endpoint)
    {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.endpoint = endpoint;
    }

    /**
     * Starts S3Proxy and waits until it accepts connections.
     *
     * @param root the buckets' directory (the local store's root), and nothing else: every directory in it is a bucket
     * @param port the port, or 0 for a free one
     * @param credentials the key requests must be signed with; empty to accept any request
     * @param workDirectory where the proxy's settings file and log are written
     */
    public static S3ProxyProcess start(Path jar, Path root, String bind, int port, Optional<Credentials> credentials, Path workDirectory)
            throws IOException
    {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("S3Proxy jar not found at " + jar + "; build with ./pallas build, or set local-s3-port=off");
        }
        int chosenPort = port == 0 ? freePort(bind) : checkFree(bind, port);
        String host = bind.equals("0.0.0.0") || bind.isEmpty() ? "0.0.0.0" : bind;
        URI endpoint = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + chosenPort);

        Properties properties = new Properties();
        properties.setProperty("s3proxy.endpoint", endpoint.toString());
        if (credentials.isPresent()) {
            properties.setProperty("s3proxy.authorization", "aws-v2-or-v4");
            properties.setProperty("s3proxy.identity", credentials.get().accessKeyId());
            properties.setProperty("s3proxy.credential", credentials.get().secretAccessKey());
        }
        else {
            properties.setProperty("s3proxy.authorization", "none");
        }
        properties.setProperty("jclouds.provider", "filesystem-nio2");
        properties.setProperty("jclouds.filesystem.basedir", root.toAbsolutePath().toString());
        Files.createDirectories(workDirectory);
        Path settings = workDirectory.resolve("s3proxy.properties");
        Files.deleteIfExists(settings);
        // it holds the secret key: readable by the owner only
        Files.createFile(settings, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer writer = Files.newBufferedWriter(settings, UTF_8)) {
            properties.store(writer, "written by Pallas at each start");
        }
        Path log = workDirectory.resolve("s3proxy.log");

        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", jar.toAbsolutePath() + File.pathSeparator + launcherClassPath(),
                S3ProxyLauncher.class.getName(), "--properties", settings.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("PALLAS_") || name.startsWith("JAVA_TOOL_OPTIONS"));
        S3ProxyProcess proxy = new S3ProxyProcess(builder.start(), endpoint);
        try {
            proxy.awaitListening(bind, chosenPort, log);
        }
        catch (IOException | RuntimeException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    /** Where clients reach the proxy. */
    public URI endpoint()
    {
        return endpoint;
    }

    public int port()
    {
        return endpoint.getPort();
    }

    private void awaitListening(String bind, int port, Path log)
            throws IOException
    {
        String host = bind.equals("0.0.0.0") || bind.isEmpty() ? "127.0.0.1" : bind;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("S3Proxy exited with status %d while starting on port %d; see %s:%n%s".formatted(process.exitValue(), port, log, tail(log)));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 200);
                return;
            }
            catch (IOException _) {
                try {
                    Thread.sleep(50);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while S3Proxy was starting");
                }
            }
        }
        throw new IOException("S3Proxy did not listen on port %d within %d seconds; see %s".formatted(port, START_TIMEOUT.toSeconds(), log));
    }

    private static String tail(Path log)
    {
        try {
            List<String> lines = Files.readAllLines(log, UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        }
        catch (IOException e) {
            return "";
        }
    }

    private static int freePort(String bind)
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(bind.isEmpty() ? "0.0.0.0" : bind, 0));
            return socket.getLocalPort();
        }
    }

    /** Fails when something listens on the port already: it would answer the readiness probe in S3Proxy's place. */
    private static int checkFree(String bind, int port)
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(bind.isEmpty() ? "0.0.0.0" : bind, port));
            return port;
        }
        catch (IOException e) {
            throw new IOException("Cannot serve the local store's S3 API on port %d: %s. Set local-s3-port to a free port, or to off".formatted(port, e.getMessage()), e);
        }
    }

    /** The class path entry (jar or classes directory) that holds the launcher. */
    private static String launcherClassPath()
            throws IOException
    {
        try {
            return Path.of(S3ProxyLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        }
        catch (URISyntaxException e) {
            throw new IOException("Cannot locate the Pallas classes", e);
        }
    }

    /**
     * The S3Proxy jar that the build puts beside the server's classes: {@code target/s3proxy/s3proxy.jar} next to
     * {@code target/pallas-server.jar} or {@code target/classes}; the system property {@code pallas.s3proxy.jar}
     * overrides it.
     */
    public static Path defaultJar()
            throws IOException
    {
        String configured = System.getProperty("pallas.s3proxy.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        return Path.of(launcherClassPath()).getParent().resolve("s3proxy").resolve("s3proxy.jar");
    }

    /** Stops the proxy: its lifeline is cut, then it is asked to stop, then forced. */
    @Override
    public void close()
    {
        try {
            lifeline.close();
        }
        catch (IOException _) {
            // the child is gone already
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** For tests: the child's process handle. */
    public ProcessHandle handle()
    {
        return process.toHandle();
    }
}
