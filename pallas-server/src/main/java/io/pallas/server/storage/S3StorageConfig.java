package io.pallas.server.storage;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How an {@link S3ObjectStore} reaches one S3 service (AWS itself or an S3-compatible server).
 *
 * @param endpoint the service's base URI ({@code http://127.0.0.1:9000}); empty for AWS's regional endpoint
 * @param region the signing region (and the location constraint of buckets this store creates)
 * @param pathStyle address buckets as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}; most
 *     self-hosted S3 servers need it
 * @param credentials static keys; empty to use the SDK's default provider chain (system properties, environment,
 *     profile files, container and instance credentials)
 * @param connectTimeout how long to wait for a connection
 * @param socketTimeout how long a read or write on an open connection may stall
 * @param attemptTimeout how long one attempt of a request may take until its response starts (a streamed body is
 *     read afterwards, under {@code socketTimeout} only)
 * @param maxAttempts attempts per request, the first included; retries back off exponentially with jitter from
 *     {@code retryBaseDelay} up to {@code retryMaxDelay}
 * @param partSize the write buffer per pending object: objects up to this size are one PutObject, larger ones are a
 *     multipart upload of parts this size (S3 requires at least 5 MiB per part but the last)
 * @param createBuckets create a missing bucket when an object is committed into it, as the {@code ObjectStore}
 *     contract describes; off, a missing bucket fails the write with {@link BucketNotFoundException}
 */
public record S3StorageConfig(
        Optional<URI> endpoint,
        String region,
        boolean pathStyle,
        Optional<Credentials> credentials,
        Duration connectTimeout,
        Duration socketTimeout,
        Duration attemptTimeout,
        int maxAttempts,
        Duration retryBaseDelay,
        Duration retryMaxDelay,
        int partSize,
        boolean createBuckets)
{
    /** The smallest part S3 accepts in a multipart upload (all parts but the last). */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    /** The largest part S3 accepts; this store buffers a part in memory, so it stays far below. */
    public static final int MAX_PART_SIZE = 512 * 1024 * 1024;

    public S3StorageConfig
    {
        requireNonNull(endpoint, "endpoint is null");
        requireNonNull(region, "region is null");
        requireNonNull(credentials, "credentials is null");
        requireNonNull(connectTimeout, "connectTimeout is null");
        requireNonNull(socketTimeout, "socketTimeout is null");
        requireNonNull(attemptTimeout, "attemptTimeout is null");
        requireNonNull(retryBaseDelay, "retryBaseDelay is null");
        requireNonNull(retryMaxDelay, "retryMaxDelay is null");
        if (region.isBlank()) {
            throw new IllegalArgumentException("S3 region must not be empty");
        }
        endpoint.ifPresent(uri -> {
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("S3 endpoint must be an http:// or https:// URI with a host: " + uri);
            }
        });
        positive(connectTimeout, "connect timeout");
        positive(socketTimeout, "socket timeout");
        positive(attemptTimeout, "attempt timeout");
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("S3 max attempts must be between 1 and 20: " + maxAttempts);
        }
        if (retryBaseDelay.isNegative() || retryMaxDelay.compareTo(retryBaseDelay) < 0) {
            throw new IllegalArgumentException("S3 retry delays must satisfy 0 <= base <= max: %s, %s".formatted(retryBaseDelay, retryMaxDelay));
        }
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size must be between %d and %d bytes: %d".formatted(MIN_PART_SIZE, MAX_PART_SIZE, partSize));
        }
    }

    /** Access keys; {@link #toString()} never shows the secret. */
    public record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken)
    {
        public Credentials
        {
            requireNonNull(accessKeyId, "accessKeyId is null");
            requireNonNull(secretAccessKey, "secretAccessKey is null");
            requireNonNull(sessionToken, "sessionToken is null");
            if (accessKeyId.isBlank() || secretAccessKey.isBlank()) {
                throw new IllegalArgumentException("S3 access key id and secret access key must both be given");
            }
        }

        public Credentials(String accessKeyId, String secretAccessKey)
        {
            this(accessKeyId, secretAccessKey, Optional.empty());
        }

        @Override
        public String toString()
        {
            return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***" + sessionToken.map(token -> ", sessionToken=***").orElse("") + "]";
        }
    }

    /** AWS's endpoint for the region, default credentials, and the defaults below. */
    public static S3StorageConfig forRegion(String region)
    {
        return new S3StorageConfig(Optional.empty(), region, false, Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(60),
                Duration.ofSeconds(120), 5, Duration.ofMillis(100), Duration.ofSeconds(20), 8 * 1024 * 1024, false);
    }

    public S3StorageConfig withEndpoint(URI endpoint)
    {
        return new S3StorageConfig(Optional.of(endpoint), region, pathStyle, credentials, connectTimeout, socketTimeout, attemptTimeout, maxAttempts,
                retryBaseDelay, retryMaxDelay, partSize, createBuckets);
    }

    public S3StorageConfig withPathStyle(boolean pathStyle)
    {
        return new S3StorageConfig(endpoint, region, pathStyle, credentials, connectTimeout, socketTimeout, attemptTimeout, maxAttempts,
                retryBaseDelay, retryMaxDelay, partSize, createBuckets);
    }

    public S3StorageConfig withCredentials(Credentials credentials)
    {
        return new S3StorageConfig(endpoint, region, pathStyle, Optional.of(credentials), connectTimeout, socketTimeout, attemptTimeout, maxAttempts,
                retryBaseDelay, retryMaxDelay, partSize, createBuckets);
    }

    public S3StorageConfig withTimeouts(Duration connectTimeout, Duration socketTimeout, Duration attemptTimeout)
    {
        return new S3StorageConfig(endpoint, region, pathStyle, credentials, connectTimeout, socketTimeout, attemptTimeout, maxAttempts,
                retryBaseDelay, retryMaxDelay, partSize, createBuckets);
    }

    public S3StorageConfig withRetries(int maxAttempts, Duration retryBaseDelay, Duration retryMaxDelay)
    {
        return new S3StorageConfig(endpoint, region, pathStyle, credentials, connectTimeout, socketTimeout, attemptTimeout, maxAttempts,
                retryBaseDelay, retryMaxDelay, partSize, createBuckets);
    }

    public S3StorageConfig withPartSize(int partSize)
    {
        return new S3StorageConfig(endpoint, region, pathStyle, credentials, connectTimeout, socketTimeout, attemptTimeout, maxAttempts,
                retryBaseDelay, retryMaxDelay, partSize, createBuckets);
    }

    public S3StorageConfig withCreateBuckets(boolean createBuckets)
    {
        return new S3StorageConfig(endpoint, region, pathStyle, credentials, connectTimeout, socketTimeout, attemptTimeout, maxAttempts,
                retryBaseDelay, retryMaxDelay, partSize, createBuckets);
    }

    /**
     * Reads the settings a server configuration would carry, each optional, as plain strings keyed without any
     * prefix: {@code endpoint}, {@code region}, {@code path-style} (true/false), {@code access-key-id},
     * {@code secret-access-key}, {@code session-token}, {@code connect-timeout-seconds},
     * {@code socket-timeout-seconds}, {@code attempt-timeout-seconds}, {@code max-attempts},
     * {@code part-size-mb}, {@code create-buckets} (true/false). Blank values count as absent. Unknown keys are
     * refused so that typos do not pass silently.
     */
    public static S3StorageConfig fromSettings(Map<String, String> settings, String defaultRegion)
    {
        for (String key : settings.keySet()) {
            if (!SETTINGS.contains(key)) {
                throw new IllegalArgumentException("Unknown S3 setting '" + key + "'; known: " + String.join(", ", SETTINGS));
            }
        }
        S3StorageConfig config = forRegion(value(settings, "region").orElse(defaultRegion));
        Optional<String> endpoint = value(settings, "endpoint");
        if (endpoint.isPresent()) {
            URI uri;
            try {
                uri = URI.create(endpoint.get());
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid S3 endpoint: " + endpoint.get(), e);
            }
            config = config.withEndpoint(uri);
        }
        // self-hosted servers rarely have wildcard DNS for virtual-hosted buckets: path style is their default
        config = config.withPathStyle(value(settings, "path-style").map(v -> bool(v, "path-style")).orElse(endpoint.isPresent()));
        Optional<String> accessKey = value(settings, "access-key-id");
        Optional<String> secretKey = value(settings, "secret-access-key");
        if (accessKey.isPresent() != secretKey.isPresent()) {
            throw new IllegalArgumentException("S3 access-key-id and secret-access-key must be given together");
        }
        if (accessKey.isPresent()) {
            config = config.withCredentials(new Credentials(accessKey.get(), secretKey.get(), value(settings, "session-token")));
        }
        config = config.withTimeouts(
                value(settings, "connect-timeout-seconds").map(v -> seconds(v, "connect-timeout-seconds")).orElse(config.connectTimeout),
                value(settings, "socket-timeout-seconds").map(v -> seconds(v, "socket-timeout-seconds")).orElse(config.socketTimeout),
                value(settings, "attempt-timeout-seconds").map(v -> seconds(v, "attempt-timeout-seconds")).orElse(config.attemptTimeout));
        config = config.withRetries(value(settings, "max-attempts").map(v -> integer(v, "max-attempts")).orElse(config.maxAttempts),
                config.retryBaseDelay, config.retryMaxDelay);
        Optional<Integer> partSizeMb = value(settings, "part-size-mb").map(v -> integer(v, "part-size-mb"));
        if (partSizeMb.isPresent()) {
            if (partSizeMb.get() < 5 || partSizeMb.get() > 512) {
                throw new IllegalArgumentException("S3 part-size-mb must be between 5 and 512: " + partSizeMb.get());
            }
            config = config.withPartSize(partSizeMb.get() * 1024 * 1024);
        }
        return config.withCreateBuckets(value(settings, "create-buckets").map(v -> bool(v, "create-buckets")).orElse(false));
    }

    private static final java.util.List<String> SETTINGS = java.util.List.of("endpoint", "region", "path-style", "access-key-id", "secret-access-key",
            "session-token", "connect-timeout-seconds", "socket-timeout-seconds", "attempt-timeout-seconds", "max-attempts", "part-size-mb", "create-buckets");

    private static Optional<String> value(Map<String, String> settings, String key)
    {
        return Optional.ofNullable(settings.get(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static boolean bool(String value, String key)
    {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("S3 " + key + " must be true or false: " + value);
        };
    }

    private static int integer(String value, String key)
    {
        try {
            return Integer.parseInt(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("S3 " + key + " must be an integer: " + value);
        }
    }

    private static Duration seconds(String value, String key)
    {
        return Duration.ofSeconds(integer(value, key));
    }

    private static void positive(Duration duration, String name)
    {
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("S3 " + name + " must be positive: " + duration);
        }
    }
}
