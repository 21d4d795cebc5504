package io.pallas.server;

import io.pallas.server.config.ServerConfig;
import io.pallas.server.protocol.auth.AccessKeys;
import io.pallas.server.store.Durability;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A real server on a free loopback port with its own data directory, for end-to-end tests. */
public final class TestingPallasServer
        implements AutoCloseable
{
    private final PallasServer server;
    private final int port;
    private final Path dataDirectory;

    TestingPallasServer(Path dataDirectory, Optional<String> primaryOutputLocation)
            throws Exception
    {
        this(dataDirectory, primaryOutputLocation, AccessKeys.none());
    }

    public TestingPallasServer(Path dataDirectory, Optional<String> primaryOutputLocation, AccessKeys accessKeys)
            throws Exception
    {
        this(dataDirectory, primaryOutputLocation, accessKeys, Clock.systemUTC());
    }

    TestingPallasServer(Path dataDirectory, Optional<String> primaryOutputLocation, AccessKeys accessKeys, Clock clock)
            throws Exception
    {
        this(dataDirectory, primaryOutputLocation, accessKeys, clock, Duration.ofMinutes(30));
    }

    /** A server configured as {@code pallas serve} would be with these flags (port 0 and the data directory are set). */
    TestingPallasServer(Path dataDirectory, List<String> flags)
            throws Exception
    {
        this(dataDirectory, flags, AccessKeys.none());
    }

    /** As above, requiring requests signed with the keys. */
    TestingPallasServer(Path dataDirectory, List<String> flags, AccessKeys accessKeys)
            throws Exception
    {
        this.dataDirectory = dataDirectory;
        List<String> arguments = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDirectory.toString(), "--memory-limit", "2GB", "--local-s3-port", "off"));
        arguments.addAll(flags);
        this.server = new PallasServer(ServerConfig.load(arguments, Map.of(), dataDirectory), accessKeys, Clock.systemUTC());
        try {
            this.port = server.start();
        }
        catch (Exception e) {
            server.close();
            throw e;
        }
    }

    TestingPallasServer(Path dataDirectory, Optional<String> primaryOutputLocation, AccessKeys accessKeys, Clock clock, Duration queryTimeout)
            throws Exception
    {
        this.dataDirectory = dataDirectory;
        ServerConfig config = new ServerConfig(0, "127.0.0.1", dataDirectory, "us-east-1", primaryOutputLocation, 2, Optional.of("2GB"), Optional.empty(),
                Duration.ofDays(45), Durability.PROCESS_CRASH, queryTimeout, "123456789012", 150, 20, List.of(), Map.of());
        this.server = new PallasServer(config, accessKeys, clock);
        this.port = server.start();
    }

    /** The server itself, for what a test checks beyond the API (the table cache, the local S3 endpoint). */
    PallasServer server()
    {
        return server;
    }

    public URI endpoint()
    {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Where the local object store keeps {@code s3://bucket/key}. */
    Path objectPath(String s3Uri)
    {
        return dataDirectory.resolve("s3").resolve(s3Uri.substring("s3://".length()));
    }

    @Override
    public void close()
            throws Exception
    {
        server.close();
    }
}
