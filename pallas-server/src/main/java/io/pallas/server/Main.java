package io.pallas.server;

import io.pallas.server.config.ServerConfig;
import io.pallas.server.encryption.KmsKeyRegistry;
import io.pallas.server.protocol.auth.AccessKeys;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** {@code pallas serve [--port N] [--bind ADDR] [--data-dir DIR] [--region R] ...}: runs the server until stopped. */
public final class Main
{
    // held strongly: java.util.logging keeps only weak references to configured loggers
    private static final Logger JETTY_LOGGER = Logger.getLogger("org.eclipse.jetty");

    private Main() {}

    public static void main(String[] args)
            throws Exception
    {
        List<String> arguments = Arrays.asList(args);
        if (arguments.size() >= 2 && arguments.get(0).equals("kms-key") && arguments.get(1).equals("create")) {
            System.exit(createKmsKey(arguments.subList(2, arguments.size())));
        }
        if (arguments.isEmpty() || !arguments.getFirst().equals("serve") || arguments.contains("--help") || arguments.contains("-h")) {
            System.err.println("usage: pallas serve [options]\n       pallas kms-key create [--alias alias/NAME] [options]\n" + ServerConfig.help());
            System.exit(arguments.contains("--help") || arguments.contains("-h") ? 0 : 2);
        }
        ServerConfig config;
        AccessKeys accessKeys;
        try {
            config = ServerConfig.load(arguments.subList(1, arguments.size()), System.getenv(), Path.of("").toAbsolutePath());
            accessKeys = AccessKeys.load(config.accessKeysFile(), System.getenv());
        }
        catch (IllegalArgumentException e) {
            System.err.println("pallas: " + e.getMessage());
            System.exit(2);
            return;
        }
        JETTY_LOGGER.setLevel(Level.WARNING);
        long started = System.nanoTime();
        PallasServer server;
        try {
            server = new PallasServer(config, accessKeys, Clock.systemUTC());
        }
        catch (IllegalArgumentException e) {
            // a setting that names something unusable, such as a malformed KMS key registry
            System.err.println("pallas: " + e.getMessage());
            System.exit(2);
            return;
        }
        int port;
        try {
            port = server.start();
        }
        catch (Exception e) {
            System.err.println("pallas: cannot start: " + e.getMessage());
            server.close();
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                server.close();
            }
            catch (Exception e) {
                System.err.println("pallas: error while stopping: " + e);
            }
            stopped.countDown();
        }));
        String endpoint = "http://" + hostForUrl(config.bind()) + ":" + port;
        System.out.printf("Pallas is ready on %s in %d ms (data: %s, primary workgroup results: %s)%n",
                endpoint, (System.nanoTime() - started) / 1_000_000, config.dataDirectory(), config.primaryOutputLocation().orElse("none"));
        server.localS3Endpoint().ifPresent(s3 -> System.out.printf("The local store's S3 API is on http://%s:%d (buckets are the directories in %s)%n",
                hostForUrl(config.bind()), s3.getPort(), config.dataDirectory().resolve("s3")));
        // with access keys configured, the user's own credentials are the ones that work
        String credentials = accessKeys.isEmpty() ? "AWS_ACCESS_KEY_ID=pallas AWS_SECRET_ACCESS_KEY=pallas " : "";
        System.out.printf("Try: %saws athena start-query-execution --endpoint-url %s --region %s --query-string \"SELECT 1\"%n",
                credentials, endpoint, config.region());
        System.out.flush();
        stopped.await();
    }

    /**
     * {@code pallas kms-key create [--alias alias/NAME] [options]}: adds a key with random material to the KMS key
     * registry the server with these options would use ({@code kms-keys-file}, else {@code <data-dir>/kms-keys.json}).
     */
    private static int createKmsKey(List<String> arguments)
            throws IOException
    {
        List<String> options = new ArrayList<>(arguments);
        Optional<String> alias = Optional.empty();
        int index = options.indexOf("--alias");
        if (index >= 0) {
            if (index + 1 >= options.size()) {
                System.err.println("pallas: Missing value for --alias");
                return 2;
            }
            alias = Optional.of(options.get(index + 1));
            options.subList(index, index + 2).clear();
        }
        try {
            ServerConfig config = ServerConfig.load(options, System.getenv(), Path.of("").toAbsolutePath());
            Path file = PallasServer.kmsKeysFile(config);
            KmsKeyRegistry.KmsKey key = KmsKeyRegistry.createKey(file, alias, config.region(), config.accountId(), new SecureRandom());
            System.out.printf("Created KMS key %s%s in %s%nUse it as KmsKey: %s%n", key.keyId(), alias.map(name -> " (" + name + ")").orElse(""), file, key.arn());
            return 0;
        }
        catch (IllegalArgumentException e) {
            System.err.println("pallas: " + e.getMessage());
            return 2;
        }
    }

    private static String hostForUrl(String bind)
    {
        if (bind.equals("0.0.0.0") || bind.isEmpty()) {
            return "127.0.0.1";
        }
        return bind.contains(":") ? "[" + bind + "]" : bind;
    }
}
