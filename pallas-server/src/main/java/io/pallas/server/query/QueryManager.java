package io.pallas.server.query;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.QueryState;
import io.pallas.core.engine.ExecutionStats;
import io.pallas.core.query.AthenaError;
import io.pallas.core.query.EncryptionConfiguration;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.QueryExecutionContext;
import io.pallas.core.query.QueryStatistics;
import io.pallas.core.query.ResultConfiguration;
import io.pallas.core.query.StatementType;
import io.pallas.core.query.WorkGroup;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;
import io.pallas.core.store.MetadataStore;
import io.pallas.server.catalog.HiveDdlFailure;
import io.pallas.server.encryption.ClientSideEncryption;
import io.pallas.server.protocol.AthenaErrorCode;
import io.pallas.server.protocol.PageToken;
import io.pallas.server.results.ResultFormat;
import io.pallas.server.results.ResultCompanion;
import io.pallas.server.results.ResultWriter;
import io.pallas.server.storage.BucketNotFoundException;
import io.pallas.server.storage.S3ThrottledException;
import io.pallas.server.storage.SupportsWriteOptions;
import io.pallas.server.storage.WriteOptions;
import io.pallas.sql.SqlSyntaxException;
import io.pallas.sql.classify.RoutedStatement;
import io.pallas.sql.classify.StatementRouter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Accepts queries, runs them on the engine and keeps their executions: StartQueryExecution's checks after wire
 * validation, ClientRequestToken idempotency, the state machine, result objects, listing and stopping.
 *
 * <p>Engine work runs on a fixed pool of platform threads: the engine makes JNI calls, which would pin virtual
 * threads, and the machine has few cores.
 */
public final class QueryManager
        implements AutoCloseable
{
    private static final Logger LOG = Logger.getLogger(QueryManager.class.getName());
    static final int MAX_QUERY_BYTES = 262_144;
    private static final int DEFAULT_REUSE_MINUTES = 60;
    private static final Pattern NON_DETERMINISTIC = Pattern.compile(
            "\\b(rand|random|uuid|now|shuffle|current_date|current_time|current_timestamp|current_timezone|localtime|localtimestamp)\\b");
    private static final Pattern LIMIT = Pattern.compile("\\blimit\\b");
    private static final Pattern ORDER_BY = Pattern.compile("\\border\\s+by\\b");

    private final StatementExecutor executor;
    private final StatementRouter router;
    private final ObjectStore objectStore;
    private final WorkGroupRegistry workGroups;
    private final Clock clock;
    private final ExecutorService enginePool;

    private final MetadataStore store;
    private final Duration historyRetention;
    private final Duration queryTimeout;
    private final AdmissionLimits admissionLimits;
    private final String bucketOwner;
    private final ClientSideEncryption clientSideEncryption;
    private final Map<StatementType, AtomicInteger> active = new EnumMap<>(StatementType.class);
    private final ScheduledThreadPoolExecutor housekeeping;

    private final ConcurrentMap<String, QueryStateMachine> queries = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ConcurrentSkipListMap<Long, String>> newestFirstByWorkGroup = new ConcurrentHashMap<>();
    private final Map<String, TokenEntry> tokens = new HashMap<>();
    // the newest SUCCEEDED execution that wrote its own result, per reuse key: a reuse lookup is one map read
    private final ConcurrentMap<ReuseKey, ReusableResult> reusableResults = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    private record TokenEntry(String fingerprint, String queryExecutionId) {}

    /**
     * What two executions must share for one to answer the other from its result (contract §4.8): the query text,
     * database and catalog as sent, workgroup, the result settings with the output location as a directory, and
     * what runs: the ExecutionParameters, and the text that ran (for EXECUTE, the prepared statement then).
     */
    private record ReuseKey(String workGroup, String query, QueryExecutionContext context, List<String> executionParameters, String executedText,
            ResultConfiguration resultDirectory) {}

    private record ReusableResult(long sequence, String queryExecutionId) {}

    public record ListPage(List<String> queryExecutionIds, Optional<String> nextToken) {}

    public QueryManager(
            StatementExecutor executor,
            StatementRouter router,
            ObjectStore objectStore,
            WorkGroupRegistry workGroups,
            MetadataStore store,
            Duration historyRetention,
            Duration queryTimeout,
            AdmissionLimits admissionLimits,
            String bucketOwner,
            ClientSideEncryption clientSideEncryption,
            Clock clock,
            int engineThreads)
    {
        this.executor = requireNonNull(executor, "executor is null");
        this.router = requireNonNull(router, "router is null");
        this.objectStore = requireNonNull(objectStore, "objectStore is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.store = requireNonNull(store, "store is null");
        this.historyRetention = requireNonNull(historyRetention, "historyRetention is null");
        this.queryTimeout = requireNonNull(queryTimeout, "queryTimeout is null");
        this.admissionLimits = requireNonNull(admissionLimits, "admissionLimits is null");
        this.bucketOwner = requireNonNull(bucketOwner, "bucketOwner is null");
        this.clientSideEncryption = requireNonNull(clientSideEncryption, "clientSideEncryption is null");
        this.enginePool = Executors.newFixedThreadPool(engineThreads, platformThreads("pallas-query-"));
        recover();
        purgeHistory();
        this.housekeeping = new ScheduledThreadPoolExecutor(1, platformThreads("pallas-housekeeping-"));
        // timeouts of finished queries are cancelled: do not keep them queued until they would have fired
        housekeeping.setRemoveOnCancelPolicy(true);
        housekeeping.scheduleWithFixedDelay(this::purgeHistoryLogged, 1, 1, TimeUnit.HOURS);
    }

    /**
     * Loads the stored executions. Those the previous process left QUEUED or RUNNING can never finish: they become
     * FAILED with a retryable system error, and anything they may have written is removed.
     */
    private void recover()
    {
        Instant now = clock.instant();
        for (MetadataStore.StoredExecution stored : store.loadExecutions()) {
            QueryStateMachine query = track(stored.execution());
            if (!stored.execution().state().isDone()) {
                String message = "Query did not finish because the Pallas server stopped while it was " + stored.execution().state() + "; it can be run again";
                query.toFailed(now, AthenaError.of(ErrorCode.SERVER_RESTARTED, message), statistics(query.snapshot(), now, 0));
                stored.execution().resultConfiguration().outputLocation()
                        .flatMap(S3Location::parse)
                        .ifPresent(this::deleteResult);
            }
            register(query, stored.sequence());
            rememberRecoveredResult(stored.execution(), stored.sequence());
            tokens.put(stored.clientRequestToken(), new TokenEntry(stored.tokenFingerprint(), stored.execution().queryExecutionId()));
            sequence.accumulateAndGet(stored.sequence(), Math::max);
        }
    }

    /** Persists every change, and frees the query's admission slot when it finishes. */
    private QueryStateMachine track(QueryExecution execution)
    {
        boolean counted = !execution.state().isDone();
        if (counted) {
            activeCounter(execution.statementType()).incrementAndGet();
        }
        return new QueryStateMachine(execution, changed -> {
            store.updateExecution(changed);
            if (counted && changed.state().isDone()) {
                activeCounter(changed.statementType()).decrementAndGet();
            }
        });
    }

    private AtomicInteger activeCounter(StatementType type)
    {
        synchronized (active) {
            return active.computeIfAbsent(type == StatementType.DML ? StatementType.DML : StatementType.DDL, _ -> new AtomicInteger());
        }
    }

    private void register(QueryStateMachine query, long sequenceNumber)
    {
        QueryExecution execution = query.snapshot();
        queries.put(execution.queryExecutionId(), query);
        newestFirstByWorkGroup.computeIfAbsent(execution.workGroup(), _ -> new ConcurrentSkipListMap<>()).put(-sequenceNumber, execution.queryExecutionId());
    }

    /** Forgets executions older than the retention period; their result objects stay, as in Athena. */
    public void purgeHistory()
    {
        Instant cutoff = clock.instant().minus(historyRetention);
        store.deleteExecutionsSubmittedBefore(cutoff);
        synchronized (tokens) {
            queries.values().removeIf(query -> query.snapshot().submissionDateTime().isBefore(cutoff));
            reusableResults.values().removeIf(result -> !queries.containsKey(result.queryExecutionId()));
            newestFirstByWorkGroup.values().forEach(ids -> ids.values().removeIf(id -> !queries.containsKey(id)));
            tokens.values().removeIf(entry -> !queries.containsKey(entry.queryExecutionId()));
        }
    }

    private void purgeHistoryLogged()
    {
        try {
            purgeHistory();
        }
        catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot purge query history", e);
        }
    }

    /**
     * StartQueryExecution after wire validation: workgroup, output location, query size and syntax are checked in
     * Athena's order, and a rejected request creates nothing and does not consume its token.
     */
    public String start(StartQueryRequest request)
    {
        Instant submitted = clock.instant();
        WorkGroup workGroup = workGroups.get(request.workGroup())
                .orElseThrow(() -> new QueryRequestException(AthenaErrorCode.INVALID_INPUT, "WorkGroup is not found."));
        if (!workGroup.enabled()) {
            throw new QueryRequestException(AthenaErrorCode.INVALID_INPUT, "WorkGroup " + workGroup.name() + " is disabled.");
        }
        request.resultConfiguration().outputLocation().ifPresent(QueryManager::checkOutputLocation);
        ResultConfiguration effective = workGroup.effectiveResultConfiguration(request.resultConfiguration());
        String outputPrefix = effective.outputLocation().orElseThrow(() -> new QueryRequestException(AthenaErrorCode.INVALID_INPUT,
                "No output location provided. An output location is required either through the Workgroup result configuration setting or as an API input."));
        S3Location prefix = checkOutputLocation(outputPrefix);
        if (request.queryString().getBytes(StandardCharsets.UTF_8).length > MAX_QUERY_BYTES) {
            throw new QueryRequestException(AthenaErrorCode.INVALID_INPUT, "queryString exceeds maximum allowed length " + MAX_QUERY_BYTES + " bytes");
        }
        RoutedStatement routed;
        try {
            routed = router.route(request.queryString());
        }
        catch (SqlSyntaxException e) {
            throw new QueryRequestException(AthenaErrorCode.MALFORMED_QUERY, e.getMessage());
        }
        if (!routed.isSupported()) {
            throw new QueryRequestException(AthenaErrorCode.MALFORMED_QUERY, StatementRouter.UNSUPPORTED_MESSAGE);
        }
        StatementExecutor.Accepted accepted = executor.accept(routed, request.context(), request.workGroup(), request.queryString());
        long preprocessingMillis = Duration.between(submitted, clock.instant()).toMillis();

        String fingerprint = tokenFingerprint(request.queryString(), request.context().database(), request.context().catalog(), outputPrefix);
        QueryStateMachine query;
        synchronized (tokens) {
            if (workGroups.get(workGroup.name()).isEmpty()) {
                // deleted since the check above: an execution must not outlive its workgroup
                throw new QueryRequestException(AthenaErrorCode.INVALID_INPUT, "WorkGroup is not found.");
            }
            TokenEntry existing = tokens.get(request.clientRequestToken());
            if (existing != null) {
                if (!existing.fingerprint().equals(fingerprint)) {
                    throw new QueryRequestException(AthenaErrorCode.IDEMPOTENT_PARAMETER_MISMATCH, "Idempotent parameters do not match");
                }
                return existing.queryExecutionId();
            }
            String id = UUID.randomUUID().toString();
            ResultFormat format = accepted.routed().isSelect() || StatementExecutor.isShowFunctions(accepted.routed()) ? ResultFormat.CSV : ResultFormat.TXT;
            S3Location resultObject = format.objectLocation(prefix, id);
            QueryExecution execution = new QueryExecution(
                    id,
                    request.queryString(),
                    accepted.statementType(),
                    accepted.substatementType(),
                    request.context(),
                    effective.withOutputLocation(resultObject.toString()),
                    workGroup.name(),
                    request.executionParameters(),
                    request.resultReuseConfiguration(),
                    QueryState.QUEUED,
                    Optional.empty(),
                    Optional.empty(),
                    submitted,
                    Optional.empty(),
                    Optional.empty(),
                    new QueryStatistics(0, 0, 0, 0, preprocessingMillis, 0));
            ReuseKey reuseKey = new ReuseKey(workGroup.name(), request.queryString(), request.context(), request.executionParameters(), accepted.sql(),
                    effective.withOutputLocation(prefix.resolve("").toString()));
            Optional<QueryExecution> reusable = reusableResult(request, workGroup, reuseKey, accepted, submitted);
            if (reusable.isPresent()) {
                Instant now = clock.instant();
                QueryExecution reused = execution.finished(QueryState.SUCCEEDED, Optional.empty(), Optional.empty(), now,
                        new QueryStatistics(0, 0, Duration.between(submitted, now).toMillis(), 0, preprocessingMillis, 0, true));
                // it serves the earlier execution's result object, as Athena's reuse does
                QueryExecution answered = new QueryExecution(reused.queryExecutionId(), reused.query(), reused.statementType(), reused.substatementType(),
                        reused.context(), reusable.get().resultConfiguration(), reused.workGroup(), reused.executionParameters(), reused.resultReuseConfiguration(),
                        reused.state(), reused.stateChangeReason(), reused.athenaError(), reused.submissionDateTime(), Optional.of(now), reused.completionDateTime(),
                        reused.statistics());
                long sequenceNumber = sequence.incrementAndGet();
                store.insertExecution(answered, sequenceNumber, request.clientRequestToken(), fingerprint);
                register(track(answered), sequenceNumber);
                tokens.put(request.clientRequestToken(), new TokenEntry(fingerprint, id));
                return id;
            }
            if (activeCounter(accepted.statementType()).get() >= admissionLimits.limitFor(accepted.statementType())) {
                throw new TooManyQueriesException("You have exceeded the limit for the number of queries you can run concurrently. "
                        + "Reduce the number of concurrent queries submitted by this account, or raise max-active-"
                        + (accepted.statementType() == StatementType.DML ? "dml" : "ddl") + "-queries.");
            }
            long sequenceNumber = sequence.incrementAndGet();
            // durable before the id is returned: a client never holds an id that a crash could lose
            store.insertExecution(execution, sequenceNumber, request.clientRequestToken(), fingerprint);
            query = track(execution);
            register(query, sequenceNumber);
            tokens.put(request.clientRequestToken(), new TokenEntry(fingerprint, id));
            enginePool.execute(() -> run(query, accepted, resultObject, format, reuseKey, sequenceNumber));
        }
        return query.snapshot().queryExecutionId();
    }

    /** A SUCCEEDED execution's own CSV result becomes the one to reuse for its key, unless a newer one is there. */
    private void rememberResult(ReuseKey key, long sequenceNumber, String queryExecutionId)
    {
        reusableResults.merge(key, new ReusableResult(sequenceNumber, queryExecutionId), (old, now) -> old.sequence() > now.sequence() ? old : now);
    }

    /**
     * After a restart the text an EXECUTE ran is not known: its key holds the EXECUTE text itself, which no
     * lookup asks for, so it is not reused.
     */
    private void rememberRecoveredResult(QueryExecution execution, long sequenceNumber)
    {
        String fileName = ResultFormat.CSV.fileName(execution.queryExecutionId());
        Optional<String> location = execution.resultConfiguration().outputLocation();
        if (execution.state() != QueryState.SUCCEEDED || location.isEmpty() || !location.get().endsWith("/" + fileName)) {
            return;
        }
        String directory = location.get().substring(0, location.get().length() - fileName.length());
        rememberResult(new ReuseKey(execution.workGroup(), execution.query(), execution.context(), execution.executionParameters(), execution.query(),
                execution.resultConfiguration().withOutputLocation(directory)), sequenceNumber, execution.queryExecutionId());
    }

    /**
     * ResultReuseConfiguration (contract §4.8): the newest earlier SUCCEEDED execution of the same query text,
     * database and catalog (as sent), result settings and workgroup, younger than the maximum age. Never for
     * queries whose answer can change between runs, nor when the workgroup enforces its settings.
     *
     * <p>What runs must be the same too: the same ExecutionParameters, and for EXECUTE the same prepared statement
     * text, so an updated statement is run again (an EXECUTE from before a restart is not reused).
     */
    private Optional<QueryExecution> reusableResult(StartQueryRequest request, WorkGroup workGroup, ReuseKey key, StatementExecutor.Accepted accepted, Instant now)
    {
        if (!request.resultReuseConfiguration().enabled() || workGroup.enforceWorkGroupConfiguration() || !accepted.routed().isSelect()
                || !isDeterministic(request.queryString()) || !isDeterministic(accepted.sql())
                || !request.executionParameters().stream().allMatch(QueryManager::isDeterministic)) {
            return Optional.empty();
        }
        Instant oldest = now.minus(Duration.ofMinutes(request.resultReuseConfiguration().maxAgeInMinutes().orElse(DEFAULT_REUSE_MINUTES)));
        return Optional.ofNullable(reusableResults.get(key))
                .map(result -> queries.get(result.queryExecutionId()))
                .map(QueryStateMachine::snapshot)
                .filter(candidate -> candidate.state() == QueryState.SUCCEEDED && !candidate.submissionDateTime().isBefore(oldest));
    }

    /** Functions whose value changes between runs, and LIMIT without ORDER BY, make a query's result not reusable. */
    private static boolean isDeterministic(String query)
    {
        String text = query.toLowerCase(Locale.ROOT);
        return !NON_DETERMINISTIC.matcher(text).find() && !(LIMIT.matcher(text).find() && !ORDER_BY.matcher(text).find());
    }

    public Optional<QueryExecution> get(String queryExecutionId)
    {
        return Optional.ofNullable(queries.get(queryExecutionId)).map(QueryStateMachine::snapshot);
    }

    /** StopQueryExecution: cancels a queued or running query; a finished query is left as it is. */
    public void stop(String queryExecutionId)
    {
        QueryStateMachine query = queries.get(queryExecutionId);
        if (query == null) {
            throw new QueryRequestException(AthenaErrorCode.INVALID_INPUT, "QueryExecution " + queryExecutionId + " was not found");
        }
        query.toCancelled(clock.instant(), statistics(query.snapshot(), clock.instant(), 0));
    }

    /**
     * DeleteWorkGroup: removes the workgroup with its named queries, prepared statements and query executions, so
     * that a new workgroup of the same name starts empty; the executions' tokens and reusable results go with them.
     * Queued and running queries of the workgroup are cancelled first. Result objects stay where they are, as in
     * Athena.
     */
    public boolean deleteWorkGroup(String workGroup)
    {
        synchronized (tokens) {
            Instant now = clock.instant();
            Map<Long, String> ids = newestFirstByWorkGroup.getOrDefault(workGroup, new ConcurrentSkipListMap<>());
            for (String id : ids.values()) {
                QueryStateMachine query = queries.get(id);
                if (query != null && !query.snapshot().state().isDone()) {
                    query.toCancelled(now, "Query cancelled: its workgroup " + workGroup + " was deleted", statistics(query.snapshot(), now, 0));
                }
            }
            boolean deleted = workGroups.delete(workGroup);
            ConcurrentSkipListMap<Long, String> removed = newestFirstByWorkGroup.remove(workGroup);
            if (removed != null) {
                removed.values().forEach(queries::remove);
            }
            reusableResults.values().removeIf(result -> !queries.containsKey(result.queryExecutionId()));
            tokens.values().removeIf(entry -> !queries.containsKey(entry.queryExecutionId()));
            return deleted;
        }
    }

    /** Whether any execution of the workgroup is still in the history. */
    public boolean hasExecutions(String workGroup)
    {
        return !newestFirstByWorkGroup.getOrDefault(workGroup, new ConcurrentSkipListMap<>()).isEmpty();
    }

    /** The workgroup's executions, newest first. */
    public ListPage list(String workGroup, Optional<String> nextToken, int maxResults)
    {
        ConcurrentSkipListMap<Long, String> ids = newestFirstByWorkGroup.getOrDefault(workGroup, new ConcurrentSkipListMap<>());
        long from = nextToken.map(token -> PageToken.decode("q1", token).filter(position -> position.matches("-?[0-9]{1,18}")).map(Long::parseLong)
                .orElseThrow(() -> new QueryRequestException(AthenaErrorCode.INVALID_INPUT, "The nextPageToken is malformed: " + token))).orElse(Long.MIN_VALUE);
        List<String> page = new ArrayList<>();
        Optional<String> next = Optional.empty();
        for (Map.Entry<Long, String> entry : ids.tailMap(from, true).entrySet()) {
            if (page.size() == maxResults) {
                next = Optional.of(PageToken.encode("q1", String.valueOf(entry.getKey())));
                break;
            }
            page.add(entry.getValue());
        }
        return new ListPage(page, next);
    }

    private void run(QueryStateMachine query, StatementExecutor.Accepted accepted, S3Location resultObject, ResultFormat format, ReuseKey reuseKey, long sequenceNumber)
    {
        if (!query.toRunning(clock.instant())) {
            return;
        }
        String id = query.snapshot().queryExecutionId();
        ScheduledFuture<?> timeout = housekeeping.schedule(() -> timeOut(query), queryTimeout.toMillis(), TimeUnit.MILLISECONDS);
        ObjectStore resultStore = objectStore;
        try {
            // inside the try: a key that cannot be used fails the query like any other error
            resultStore = resultStore(query.snapshot().resultConfiguration());
            try (ResultWriter writer = new ResultWriter(resultStore, resultObject, format, id,
                    ResultCompanion.forStatement(accepted.statementType(), accepted.substatementType()))) {
                ExecutionStats stats = executor.execute(query.snapshot(), accepted, writer, query.control());
                if (query.control().isCancelled()) {
                    return;
                }
                OptionalLong cutoff = workGroups.get(query.snapshot().workGroup()).map(WorkGroup::bytesScannedCutoffPerQuery).orElse(OptionalLong.empty());
                if (cutoff.isPresent() && stats.dataScannedInBytes() > cutoff.getAsLong()) {
                    // as in Athena, a query over the workgroup's limit is cancelled, and its result is not kept
                    Instant now = clock.instant();
                    query.toCancelled(now, "Query cancelled: it scanned " + stats.dataScannedInBytes() + " bytes, more than the workgroup's BytesScannedCutoffPerQuery of "
                            + cutoff.getAsLong() + " bytes", statistics(query.snapshot(), now, stats.dataScannedInBytes()));
                    return;
                }
                writer.commit();
                Instant now = clock.instant();
                if (!query.toSucceeded(now, statistics(query.snapshot(), now, stats.dataScannedInBytes()))) {
                    // stopped between the engine finishing and now: a cancelled query leaves no result behind
                    deleteResult(resultObject);
                }
                else if (format == ResultFormat.CSV) {
                    rememberResult(reuseKey, sequenceNumber, id);
                }
            }
        }
        catch (HiveDdlFailure e) {
            // Athena writes Hive's failure text as the result object, without a .metadata companion
            writeFailureText(resultStore, resultObject, e.reason());
            Instant now = clock.instant();
            query.toFailed(now, e.reason(), e.error(), statistics(query.snapshot(), now, 0));
        }
        catch (Throwable e) {
            if (query.control().isCancelled()) {
                return;
            }
            AthenaError error = switch (e) {
                case PallasException pallas -> AthenaError.of(pallas.errorCode(), pallas.getMessage());
                case AccessDeniedException denied -> AthenaError.of(ErrorCode.PERMISSION_DENIED,
                        "Access denied writing query results to " + resultObject + ": " + denied.getReason());
                case BucketNotFoundException missing -> AthenaError.of(ErrorCode.BUCKET_NOT_FOUND,
                        "The bucket of the query result location " + resultObject + " does not exist");
                case S3ThrottledException throttled -> AthenaError.of(ErrorCode.RESULT_WRITE_THROTTLED,
                        "Amazon S3 throttled writing query results to " + resultObject + ": " + throttled.getMessage());
                case IOException io -> AthenaError.of(ErrorCode.RESULT_WRITE_FAILED, "Failed to write query results to " + resultObject + ": " + io.getMessage());
                default -> {
                    LOG.log(Level.SEVERE, "Query " + id + " failed unexpectedly", e);
                    yield AthenaError.of(ErrorCode.GENERIC_INTERNAL_ERROR, String.valueOf(e.getMessage()));
                }
            };
            Instant now = clock.instant();
            query.toFailed(now, error, statistics(query.snapshot(), now, 0));
            if (e instanceof VirtualMachineError vmError && !(vmError instanceof OutOfMemoryError)) {
                throw vmError;
            }
        }
        finally {
            timeout.cancel(false);
        }
    }

    /**
     * The store view that writes this execution's result objects with its result settings: SSE_S3 / SSE_KMS,
     * the bucket-owner-full-control ACL, and the expected bucket owner on every call (contract §2.4, §4.9);
     * with CSE_KMS, client-side envelope encryption with the registry key that KmsKey names.
     */
    private ObjectStore resultStore(ResultConfiguration configuration)
    {
        WriteOptions options = WriteOptions.DEFAULT;
        Optional<String> clientSideKey = Optional.empty();
        if (configuration.encryptionConfiguration().isPresent()) {
            EncryptionConfiguration encryption = configuration.encryptionConfiguration().get();
            switch (encryption.encryptionOption()) {
                case "SSE_S3" -> options = options.withSseS3();
                case "SSE_KMS" -> options = options.withSseKms(encryption.kmsKey());
                case "CSE_KMS" -> clientSideKey = Optional.of(encryption.kmsKey().orElseThrow(() -> new PallasException(ErrorCode.KMS_KEY_UNAVAILABLE,
                        "Cannot encrypt the query results with CSE_KMS: EncryptionConfiguration has no KmsKey")));
                default -> throw new PallasException(ErrorCode.NOT_SUPPORTED, "Result encryption " + encryption.encryptionOption() + " is not supported by Pallas yet");
            }
        }
        if (configuration.s3AclOption().isPresent()) {
            options = options.withBucketOwnerFullControl(true);
        }
        if (configuration.expectedBucketOwner().isPresent()) {
            options = options.withExpectedBucketOwner(configuration.expectedBucketOwner().get());
        }
        ObjectStore store = objectStore instanceof SupportsWriteOptions configurable ? configurable.withOptions(options) : objectStore;
        if (clientSideKey.isPresent()) {
            // CSE_KMS: objects are encrypted here, above the store, whichever bucket they go to
            store = clientSideEncryption.encrypting(store, clientSideKey.get());
        }
        return store;
    }

    private void writeFailureText(ObjectStore resultStore, S3Location resultObject, String text)
    {
        try (ObjectStore.PendingObject out = resultStore.create(resultObject)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.commit();
        }
        catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot write the failure text of " + resultObject, e);
        }
    }

    /** Fails a query that ran past the time limit and stops the engine; its partial result is discarded. */
    private void timeOut(QueryStateMachine query)
    {
        Instant now = clock.instant();
        String limit = String.format(java.util.Locale.ROOT, "%.2fm", queryTimeout.toMillis() / 60_000.0);
        AthenaError error = AthenaError.of(ErrorCode.EXCEEDED_TIME_LIMIT, "Query exceeded the maximum execution time limit of " + limit);
        if (query.toFailed(now, error, statistics(query.snapshot(), now, 0))) {
            query.control().cancel();
        }
    }

    private void deleteResult(S3Location resultObject)
    {
        try {
            objectStore.delete(resultObject);
            objectStore.delete(ResultFormat.metadataLocation(resultObject));
        }
        catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot delete result of cancelled query: " + resultObject, e);
        }
    }

    private static QueryStatistics statistics(QueryExecution execution, Instant now, long dataScanned)
    {
        Instant started = execution.startDateTime().orElse(now);
        long queued = Duration.between(execution.submissionDateTime(), started).toMillis();
        long engineTime = Duration.between(started, now).toMillis();
        long total = Duration.between(execution.submissionDateTime(), now).toMillis();
        long preprocessing = execution.statistics().servicePreProcessingTimeInMillis();
        return new QueryStatistics(engineTime, dataScanned, total, queued, preprocessing, 0);
    }

    /**
     * What a replayed token must match (contract §4.5): the query string, database and catalog as sent, and the
     * effective output location. Length-prefixed so no two different tuples give the same text.
     */
    static String tokenFingerprint(String queryString, Optional<String> database, Optional<String> catalog, String outputLocation)
    {
        StringBuilder text = new StringBuilder();
        for (Optional<String> part : List.of(Optional.of(queryString), database, catalog, Optional.of(outputLocation))) {
            text.append(part.map(value -> value.length() + ":" + value).orElse("-")).append('|');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A location Athena accepts: {@code s3://bucket[/prefix]}. */
    static S3Location checkOutputLocation(String location)
    {
        return S3Location.parse(location)
                .orElseThrow(() -> new QueryRequestException(AthenaErrorCode.INVALID_INPUT, "outputLocation is not a valid S3 path."));
    }

    @Override
    public void close()
    {
        housekeeping.shutdownNow();
        queries.values().forEach(query -> query.control().cancel());
        enginePool.shutdownNow();
        try {
            enginePool.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException _) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory platformThreads(String prefix)
    {
        AtomicLong counter = new AtomicLong();
        return runnable -> {
            Thread thread = Thread.ofPlatform().name(prefix + counter.incrementAndGet()).daemon(true).unstarted(runnable);
            return thread;
        };
    }
}
