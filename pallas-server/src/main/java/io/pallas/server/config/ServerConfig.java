package io.pallas.server.config;

import io.pallas.server.store.Durability;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/**
 * The server's settings. Each is read, from lowest to highest precedence, from the embedded default, a properties
 * file ({@code --config FILE}, {@code PALLAS_CONFIG}, or {@code ./pallas.properties} when it exists), the
 * environment ({@code PALLAS_<KEY>} with the key upper-cased and '-' as '_'), then {@code --key value} flags.
 *
 * @param primaryOutputLocation the result location of workgroup {@code primary}; empty to have none, as a new
 *     Athena account has none
 * @param accessKeysFile a credentials file in the AWS CLI format with the access keys the server accepts (see
 *     {@link io.pallas.server.protocol.auth.AccessKeys}); empty, and no {@code PALLAS_ACCESS_KEY_ID} either, to
 *     accept any request, signed or not
 * @param kmsKeysFile the KMS key registry that CSE_KMS result encryption takes its keys from (see
 *     {@link io.pallas.server.encryption.KmsKeyRegistry}); empty for none, so that every KmsKey is unknown
 */
public record ServerConfig(
        int port,
        String bind,
        Path dataDirectory,
        String region,
        Optional<String> primaryOutputLocation,
        int engineThreads,
        Optional<String> memoryLimit,
        Optional<Path> accessKeysFile,
        Duration historyRetention,
        Durability metadataDurability,
        Duration queryTimeout,
        String accountId,
        int maxActiveDmlQueries,
        int maxActiveDdlQueries,
        List<String> s3Buckets,
        Map<String, String> s3Settings,
        Optional<Path> kmsKeysFile,
        OptionalInt localS3Port,
        long tableCacheBytes)
{
    public static final int DEFAULT_PORT = 8480;
    public static final int DEFAULT_LOCAL_S3_PORT = 8481;
    public static final long DEFAULT_TABLE_CACHE_MB = 10240;
    private static final String S3_PREFIX = "s3-";

    /** Every setting with its default; the order is the order of {@code --help}. */
    private static final Map<String, String> DEFAULTS = defaults();

    public ServerConfig
    {
        requireNonNull(bind, "bind is null");
        requireNonNull(dataDirectory, "dataDirectory is null");
        requireNonNull(region, "region is null");
        requireNonNull(primaryOutputLocation, "primaryOutputLocation is null");
        requireNonNull(memoryLimit, "memoryLimit is null");
        requireNonNull(accessKeysFile, "accessKeysFile is null");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        requireNonNull(historyRetention, "historyRetention is null");
        requireNonNull(metadataDurability, "metadataDurability is null");
        if (historyRetention.isNegative() || historyRetention.isZero()) {
            throw new IllegalArgumentException("history-retention-days must be at least 1: " + historyRetention.toDays());
        }
        requireNonNull(queryTimeout, "queryTimeout is null");
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("query-timeout-seconds must be at least 1: " + queryTimeout.toSeconds());
        }
        if (!accountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("account-id must be 12 digits: " + accountId);
        }
        s3Buckets = List.copyOf(s3Buckets);
        s3Settings = Map.copyOf(s3Settings);
        requireNonNull(kmsKeysFile, "kmsKeysFile is null");
        if (maxActiveDmlQueries < 1 || maxActiveDdlQueries < 1) {
            throw new IllegalArgumentException("max-active-dml-queries and max-active-ddl-queries must be at least 1");
        }
        if (engineThreads < 1) {
            throw new IllegalArgumentException("engine-threads must be at least 1: " + engineThreads);
        }
        requireNonNull(localS3Port, "localS3Port is null");
        if (localS3Port.isPresent() && (localS3Port.getAsInt() < 0 || localS3Port.getAsInt() > 65535)) {
            throw new IllegalArgumentException("local-s3-port must be between 0 and 65535, or off: " + localS3Port.getAsInt());
        }
        if (tableCacheBytes < 0) {
            throw new IllegalArgumentException("table-cache-size-mb must not be negative: " + tableCacheBytes);
        }
    }

    /** Settings without a KMS key registry, without the local store's S3 API and with the default table cache size. */
    public ServerConfig(int port, String bind, Path dataDirectory, String region, Optional<String> primaryOutputLocation, int engineThreads,
            Optional<String> memoryLimit, Optional<Path> accessKeysFile, Duration historyRetention, Durability metadataDurability, Duration queryTimeout,
            String accountId, int maxActiveDmlQueries, int maxActiveDdlQueries, List<String> s3Buckets, Map<String, String> s3Settings)
    {
        this(port, bind, dataDirectory, region, primaryOutputLocation, engineThreads, memoryLimit, accessKeysFile, historyRetention, metadataDurability,
                queryTimeout, accountId, maxActiveDmlQueries, maxActiveDdlQueries, s3Buckets, s3Settings, Optional.empty(), OptionalInt.empty(),
                DEFAULT_TABLE_CACHE_MB * 1024 * 1024);
    }

    private static Map<String, String> defaults()
    {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("port", String.valueOf(DEFAULT_PORT));
        defaults.put("bind", "127.0.0.1");
        defaults.put("data-dir", "./pallas-data");
        defaults.put("region", "us-east-1");
        defaults.put("primary-output-location", "s3://pallas-query-results/");
        defaults.put("engine-threads", String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors())));
        defaults.put("memory-limit", "");
        defaults.put("access-keys-file", "");
        defaults.put("history-retention-days", "45");
        defaults.put("metadata-durability", "process-crash");
        defaults.put("query-timeout-seconds", "1800");
        defaults.put("account-id", "123456789012");
        defaults.put("max-active-dml-queries", "150");
        defaults.put("max-active-ddl-queries", "20");
        defaults.put("kms-keys-file", "");
        // the local store served over the S3 API by an S3Proxy child process; off to run none
        defaults.put("local-s3-port", String.valueOf(DEFAULT_LOCAL_S3_PORT));
        // local copies of table data fetched from S3 buckets
        defaults.put("table-cache-size-mb", String.valueOf(DEFAULT_TABLE_CACHE_MB));
        // buckets kept on an S3-compatible endpoint instead of the local store, and that endpoint's settings
        defaults.put("s3-buckets", "");
        for (String key : List.of("endpoint", "region", "path-style", "access-key-id", "secret-access-key", "session-token", "create-buckets",
                "max-attempts", "part-size-mb", "connect-timeout-seconds", "socket-timeout-seconds", "attempt-timeout-seconds")) {
            defaults.put(S3_PREFIX + key, "");
        }
        return defaults;
    }

    public static String help()
    {
        StringBuilder text = new StringBuilder();
        DEFAULTS.forEach((key, value) -> text.append(String.format(Locale.ROOT, "  --%-26s default: %s%n", key + " VALUE", value.isEmpty() ? "(none)" : value)));
        text.append(String.format(Locale.ROOT, "  --%-26s a properties file with the keys above%n", "config FILE"));
        return text.toString();
    }

    /** Resolves the settings from flags, environment and files as documented on this class. */
    public static ServerConfig load(List<String> arguments, Map<String, String> environment, Path workingDirectory)
            throws IOException
    {
        Map<String, String> flags = parseFlags(arguments);
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);

        Optional<Path> configFile = Optional.ofNullable(flags.remove("config"))
                .or(() -> Optional.ofNullable(environment.get("PALLAS_CONFIG")))
                .map(workingDirectory::resolve)
                .or(() -> Optional.of(workingDirectory.resolve("pallas.properties")).filter(Files::isRegularFile));
        if (configFile.isPresent()) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(configFile.get())) {
                properties.load(reader);
            }
            for (String key : properties.stringPropertyNames()) {
                values.put(known(key, "in " + configFile.get()), properties.getProperty(key).trim());
            }
        }
        for (String key : DEFAULTS.keySet()) {
            String variable = "PALLAS_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
            if (environment.containsKey(variable)) {
                values.put(key, environment.get(variable));
            }
        }
        flags.forEach((key, value) -> values.put(known(key, "as a flag"), value));

        return new ServerConfig(
                parseInt(values, "port"),
                values.get("bind"),
                workingDirectory.resolve(values.get("data-dir")).normalize(),
                values.get("region"),
                Optional.of(values.get("primary-output-location")).filter(value -> !value.isBlank()),
                parseInt(values, "engine-threads"),
                Optional.of(values.get("memory-limit")).filter(value -> !value.isBlank()),
                Optional.of(values.get("access-keys-file")).filter(value -> !value.isBlank()).map(workingDirectory::resolve),
                Duration.ofDays(parseInt(values, "history-retention-days")),
                durability(values.get("metadata-durability")),
                Duration.ofSeconds(parseInt(values, "query-timeout-seconds")),
                values.get("account-id").trim(),
                parseInt(values, "max-active-dml-queries"),
                parseInt(values, "max-active-ddl-queries"),
                Arrays.stream(values.get("s3-buckets").split(",")).map(String::trim).filter(bucket -> !bucket.isEmpty()).toList(),
                s3Settings(values),
                Optional.of(values.get("kms-keys-file")).filter(value -> !value.isBlank()).map(value -> workingDirectory.resolve(value.trim())),

                localS3Port(values.get("local-s3-port")),
                parseLong(values, "table-cache-size-mb") * 1024 * 1024);
    }

    private static OptionalInt localS3Port(String value)
    {
        if (value.trim().equalsIgnoreCase("off")) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.trim()));
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting 'local-s3-port' must be a port number or off: " + value);
        }
    }

    private static long parseLong(Map<String, String> values, String key)
    {
        try {
            return Long.parseLong(values.get(key).trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a number: " + values.get(key));
        }
    }

    private static Map<String, String> parseFlags(List<String> arguments)
    {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> rest = new ArrayList<>(arguments);
        for (int i = 0; i < rest.size(); i++) {
            String argument = rest.get(i);
            if (!argument.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + argument);
            }
            String name = argument.substring(2);
            String value;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            }
            else {
                throw new IllegalArgumentException("Missing value for --" + name);
            }
            flags.put(name, value);
        }
        return flags;
    }

    private static String known(String key, String where)
    {
        if (!DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("Unknown setting '" + key + "' " + where + "; known settings: " + String.join(", ", DEFAULTS.keySet()));
        }
        return key;
    }

    private static Map<String, String> s3Settings(Map<String, String> values)
    {
        Map<String, String> settings = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(S3_PREFIX) && !key.equals("s3-buckets") && !value.isBlank()) {
                settings.put(key.substring(S3_PREFIX.length()), value.trim());
            }
        });
        return settings;
    }

    private static Durability durability(String value)
    {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "process-crash" -> Durability.PROCESS_CRASH;
            case "power-loss" -> Durability.POWER_LOSS;
            default -> throw new IllegalArgumentException("Setting 'metadata-durability' must be process-crash or power-loss: " + value);
        };
    }

    private static int parseInt(Map<String, String> values, String key)
    {
        try {
            return Integer.parseInt(values.get(key).trim());
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("Setting '" + key + "' must be a number: " + values.get(key));
        }
    }
}
