package io.pallas.server;

import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.Database;
import io.pallas.core.storage.ObjectStore;
import io.pallas.duckdb.DuckDbConfig;
import io.pallas.duckdb.DuckDbEngine;
import io.pallas.server.api.AthenaApi;
import io.pallas.server.api.CatalogApi;
import io.pallas.server.api.QueryResultsReader;
import io.pallas.server.api.SavedQueryApi;
import io.pallas.server.api.WorkGroupApi;
import io.pallas.server.catalog.DataCatalogResolver;
import io.pallas.server.catalog.DataCatalogs;
import io.pallas.server.catalog.HiveDdlExecutor;
import io.pallas.server.catalog.LocalTableResolver;
import io.pallas.server.catalog.ViewCreator;
import io.pallas.server.config.ServerConfig;
import io.pallas.server.encryption.ClientSideEncryption;
import io.pallas.server.encryption.KmsKeyRegistry;
import io.pallas.server.glue.GlueApi;
import io.pallas.server.protocol.AwsJsonHandler;
import io.pallas.server.protocol.JsonCodec;
import io.pallas.server.protocol.Operation;
import io.pallas.server.protocol.auth.AccessKeys;
import io.pallas.server.protocol.auth.RequestAuthenticator;
import io.pallas.server.protocol.auth.SigV4Authenticator;
import io.pallas.server.query.AdmissionLimits;
import io.pallas.server.query.QueryManager;
import io.pallas.server.query.StatementExecutor;
import io.pallas.server.query.WorkGroupRegistry;
import io.pallas.server.results.ResultReader;
import io.pallas.server.storage.LocalObjectStore;
import io.pallas.server.storage.RoutingObjectStore;
import io.pallas.server.storage.S3ObjectStore;
import io.pallas.server.storage.S3ProxyProcess;
import io.pallas.server.storage.S3StorageConfig;
import io.pallas.server.storage.TableFileCache;
import io.pallas.server.store.SqliteMetadataStore;
import io.pallas.sql.TrinoSqlParser;
import io.pallas.sql.classify.StatementRouter;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

import static java.util.Objects.requireNonNull;

/** The composition root: builds every part of a Pallas server from its configuration, and starts and stops it. */
public final class PallasServer
        implements AutoCloseable
{
    private static final int TABLE_FETCH_THREADS = 8;

    private final ServerConfig config;
    private final DuckDbEngine engine;
    private final SqliteMetadataStore store;
    private final QueryManager queryManager;
    private final Optional<S3ObjectStore> s3;
    private final Server http;
    private final TableFileCache tableFiles;
    private final Optional<ProxyStarter> localS3;
    private volatile Optional<S3ProxyProcess> localS3Process = Optional.empty();

    /** @param accessKeys the keys requests must be signed with; none to accept any request */
    public PallasServer(ServerConfig config, AccessKeys accessKeys, Clock clock)
            throws IOException
    {
        this.config = requireNonNull(config, "config is null");
        requireNonNull(accessKeys, "accessKeys is null");
        requireNonNull(clock, "clock is null");
        Path dataDirectory = Files.createDirectories(config.dataDirectory()).toRealPath();
        Path objectRoot = Files.createDirectories(dataDirectory.resolve("s3"));
        Path temporary = Files.createDirectories(dataDirectory.resolve("tmp"));
        Path spill = Files.createDirectories(dataDirectory.resolve("spill"));

        LocalObjectStore localStore = new LocalObjectStore(objectRoot, temporary);
        // buckets configured for S3 live on that endpoint; every other bucket is local, owned by account-id
        Map<String, ObjectStore> remoteBuckets = new LinkedHashMap<>();
        if (!config.s3Buckets().isEmpty()) {
            this.s3 = Optional.of(new S3ObjectStore(S3StorageConfig.fromSettings(config.s3Settings(), config.region())));
            config.s3Buckets().forEach(bucket -> remoteBuckets.put(bucket, s3.orElseThrow()));
        }
        else {
            this.s3 = Optional.empty();
        }
        RoutingObjectStore objectStore = new RoutingObjectStore(localStore, remoteBuckets, config.accountId());
        Path kmsKeysFile = kmsKeysFile(config);
        KmsKeyRegistry kmsKeys = config.kmsKeysFile().isPresent() || Files.isRegularFile(kmsKeysFile)
                ? KmsKeyRegistry.load(kmsKeysFile, config.region(), config.accountId())
                : KmsKeyRegistry.empty();
        ClientSideEncryption clientSideEncryption = new ClientSideEncryption(kmsKeys, new SecureRandom());
        this.tableFiles = new TableFileCache(dataDirectory.resolve("table-cache"), config.tableCacheBytes(), TABLE_FETCH_THREADS);
        this.engine = new DuckDbEngine(new DuckDbConfig(dataDirectory, spill, config.memoryLimit().orElse(""), Runtime.getRuntime().availableProcessors()));
        TrinoSqlParser parser = new TrinoSqlParser();
        parser.warmUp();

        this.store = new SqliteMetadataStore(dataDirectory.resolve("metadata.db"), config.metadataDurability());
        ensureDefaultDatabase(store, clock);
        WorkGroupRegistry workGroups = new WorkGroupRegistry(store, config.primaryOutputLocation(), clock);
        StatementRouter router = new StatementRouter(parser);
        DataCatalogs dataCatalogs = new DataCatalogs(store, config.accountId());
        StatementExecutor statements = new StatementExecutor(engine, new DataCatalogResolver(dataCatalogs, new LocalTableResolver(store, localStore, objectStore, tableFiles)), store,
                new HiveDdlExecutor(store, objectStore, clock), new ViewCreator(store, engine, parser, clock), store, router, clock);
        this.queryManager = new QueryManager(statements, router, objectStore, workGroups, store, config.historyRetention(), config.queryTimeout(),
                new AdmissionLimits(config.maxActiveDmlQueries(), config.maxActiveDdlQueries()), config.accountId(), clientSideEncryption, clock,
                config.engineThreads());
        // CSE_KMS result objects are decrypted as GetQueryResults reads them
        ObjectStore resultObjects = clientSideEncryption.decrypting(objectStore);
        AthenaApi api = new AthenaApi(queryManager, workGroups, new QueryResultsReader(queryManager, resultObjects, new ResultReader(resultObjects),
                clientSideEncryption));

        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("pallas-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.http = new Server(threads);
        HttpConfiguration httpConfiguration = new HttpConfiguration();
        httpConfiguration.setSendServerVersion(false);
        httpConfiguration.setSendDateHeader(true);
        ServerConnector connector = new ServerConnector(http, new HttpConnectionFactory(httpConfiguration));
        connector.setHost(config.bind());
        connector.setPort(config.port());
        connector.setAcceptedTcpNoDelay(true);
        http.addConnector(connector);
        // any region: a self-hosted server has no region of its own that clients could be expected to sign for
        RequestAuthenticator authenticator = accessKeys.isEmpty()
                ? RequestAuthenticator.ALLOW_ALL
                : new SigV4Authenticator(accessKeys, Set.of("athena", "glue"), Optional.empty(), clock);
        Map<String, Operation> athenaOperations = new LinkedHashMap<>(api.operations());
        athenaOperations.putAll(new WorkGroupApi(workGroups, queryManager, store, clock, config.region(), config.accountId()).operations());
        CatalogApi catalogApi = new CatalogApi(store, dataCatalogs, clock);
        athenaOperations.putAll(catalogApi.operations());
        athenaOperations.putAll(catalogApi.taggingOperations(athenaOperations));
        athenaOperations.putAll(new SavedQueryApi(store, workGroups, clock).operations());
        Map<String, Operation> operations = new LinkedHashMap<>();
        athenaOperations.forEach((name, operation) -> operations.put("AmazonAthena." + name, operation));
        new GlueApi(store, clock, config.accountId()).operations().forEach((name, operation) -> operations.put("AWSGlue." + name, operation));
        http.setHandler(new AwsJsonHandler(operations, new JsonCodec(), authenticator));
        // requests are short; waiting for idle keep-alive connections to close would only delay shutdown
        http.setStopTimeout(0);
        this.localS3 = config.localS3Port().isPresent()
                ? Optional.of(() -> S3ProxyProcess.start(S3ProxyProcess.defaultJar(), objectRoot, config.bind(), config.localS3Port().getAsInt(),
                        accessKeys.first().map(key -> new S3ProxyProcess.Credentials(key.getKey(), key.getValue().secretAccessKey())), dataDirectory.resolve("s3proxy")))
                : Optional.empty();
    }

    /** The KMS key registry of a configuration: {@code kms-keys-file}, else {@code <data-dir>/kms-keys.json}. */
    public static Path kmsKeysFile(ServerConfig config)
    {
        return config.kmsKeysFile().orElse(config.dataDirectory().resolve("kms-keys.json"));
    }

    /** The catalog always has database {@code default}, as Athena's does. */
    private static void ensureDefaultDatabase(CatalogStore catalog, Clock clock)
    {
        if (catalog.getDatabase("default").isEmpty()) {
            catalog.createDatabase(new Database("default", Optional.of("Default Hive database"), Optional.empty(), Map.of(), clock.instant()));
        }
    }

    /** Starts serving; returns the bound port (useful with port 0). */
    public int start()
            throws Exception
    {
        if (localS3.isPresent()) {
            localS3Process = Optional.of(localS3.get().start());
        }
        http.start();
        return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
    }

    /** Where the local store's S3 API listens, when it runs. */
    public Optional<URI> localS3Endpoint()
    {
        return localS3Process.map(S3ProxyProcess::endpoint);
    }

    /** The cache of table data fetched from S3 buckets. */
    public TableFileCache tableFiles()
    {
        return tableFiles;
    }

    private interface ProxyStarter
    {
        S3ProxyProcess start()
                throws IOException;
    }

    public ServerConfig config()
    {
        return config;
    }

    @Override
    public void close()
            throws Exception
    {
        try {
            http.stop();
        }
        finally {
            localS3Process.ifPresent(S3ProxyProcess::close);
            queryManager.close();
            engine.close();
            store.close();
            if (s3.isPresent()) {
                s3.get().close();
            }
            tableFiles.close();
        }
    }
}
