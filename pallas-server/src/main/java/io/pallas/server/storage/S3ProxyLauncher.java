package io.pallas.server.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * The main class of the S3Proxy child process: runs S3Proxy's own main, and exits as soon as its standard input
 * ends. The server holds the other end of that pipe, so the child ends with the server however the server ends
 * (closed, SIGTERM, or killed outright), and no S3Proxy is left behind holding the port and the data directory.
 * Uses only the JDK: it runs on a class path of the S3Proxy jar and this class.
 */
public final class S3ProxyLauncher
{
    private static final String S3PROXY_MAIN = "org.gaul.s3proxy.Main";

    private S3ProxyLauncher() {}

    public static void main(String[] arguments)
            throws Exception
    {
        Thread watcher = Thread.ofPlatform().name("parent-watch").daemon().start(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // nothing is sent on the pipe; only its end matters
                }
            }
            catch (IOException _) {
                // a broken pipe also means the parent is gone
            }
            Runtime.getRuntime().halt(0);
        });
        Class.forName(S3PROXY_MAIN).getMethod("main", String[].class).invoke(null, (Object) arguments);
        watcher.join();
    }
}
