package io.pallas.server.api;

import io.pallas.core.query.EncryptionConfiguration;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.QueryExecutionContext;
import io.pallas.core.query.ResultConfiguration;
import io.pallas.core.query.ResultReuseConfiguration;
import io.pallas.core.query.WorkGroup;
import io.pallas.server.protocol.ApiException;
import io.pallas.server.protocol.AthenaErrorCode;
import io.pallas.server.protocol.Operation;
import io.pallas.server.protocol.PageToken;
import io.pallas.server.protocol.Violations;
import io.pallas.server.protocol.WireObject;
import io.pallas.server.query.QueryManager;
import io.pallas.server.query.QueryRequestException;
import io.pallas.server.query.StartQueryRequest;
import io.pallas.server.query.TooManyQueriesException;
import io.pallas.server.query.WorkGroupRegistry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The Athena operations: each reads and validates its members in Athena's order, calls the domain, and shapes the
 * answer. Domain refusals become InvalidRequestException here and nowhere else.
 */
public final class AthenaApi
{
    static final Pattern WORK_GROUP_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,128}");
    private static final Pattern ID_PATTERN = Pattern.compile("\\S+");
    static final Pattern ACCOUNT_ID = Pattern.compile("^[0-9]+$");
    static final Set<String> ENCRYPTION_OPTIONS = Set.of("SSE_S3", "SSE_KMS", "CSE_KMS");
    static final Set<String> ACL_OPTIONS = Set.of("BUCKET_OWNER_FULL_CONTROL");
    private static final int TOKEN_MAX_BYTES = 128;

    private final QueryManager queryManager;
    private final WorkGroupRegistry workGroups;
    private final QueryResultsReader resultsReader;

    public AthenaApi(QueryManager queryManager, WorkGroupRegistry workGroups, QueryResultsReader resultsReader)
    {
        this.queryManager = requireNonNull(queryManager, "queryManager is null");
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.resultsReader = requireNonNull(resultsReader, "resultsReader is null");
    }

    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("StartQueryExecution", request -> refusalsAsApiErrors(() -> startQueryExecution(request)));
        operations.put("GetQueryExecution", request -> refusalsAsApiErrors(() -> getQueryExecution(request)));
        operations.put("BatchGetQueryExecution", request -> refusalsAsApiErrors(() -> batchGetQueryExecution(request)));
        operations.put("ListQueryExecutions", request -> refusalsAsApiErrors(() -> listQueryExecutions(request)));
        operations.put("StopQueryExecution", request -> refusalsAsApiErrors(() -> stopQueryExecution(request)));
        operations.put("GetQueryResults", request -> refusalsAsApiErrors(() -> resultsReader.getQueryResults(request)));
        operations.put("GetWorkGroup", request -> refusalsAsApiErrors(() -> getWorkGroup(request)));
        operations.put("ListWorkGroups", request -> refusalsAsApiErrors(() -> listWorkGroups(request)));
        operations.put("ListEngineVersions", this::listEngineVersions);
        return operations;
    }

    static Object refusalsAsApiErrors(java.util.function.Supplier<Object> call)
    {
        try {
            return call.get();
        }
        catch (QueryRequestException e) {
            throw ApiException.invalidRequest(e.code(), e.getMessage());
        }
        catch (TooManyQueriesException e) {
            throw ApiException.tooManyRequests(e.getMessage());
        }
    }

    private Wire.StartQueryExecutionResponse startQueryExecution(WireObject request)
    {
        // 1. types (WireObject throws SerializationException as it reads)
        Optional<String> queryString = request.string("QueryString");
        Optional<String> token = request.string("ClientRequestToken");
        Optional<WireObject> context = request.object("QueryExecutionContext");
        Optional<String> database = context.flatMap(c -> c.string("Database"));
        Optional<String> catalog = context.flatMap(c -> c.string("Catalog"));
        Optional<WireObject> resultConfigurationWire = request.object("ResultConfiguration");
        Optional<String> workGroup = request.string("WorkGroup");
        Optional<List<String>> parameters = request.stringList("ExecutionParameters");
        Optional<WireObject> reuseWire = request.object("ResultReuseConfiguration").flatMap(r -> r.object("ResultReuseByAgeConfiguration"));
        Optional<Boolean> reuseEnabled = reuseWire.flatMap(r -> r.bool("Enabled"));
        Optional<Integer> reuseMaxAge = reuseWire.flatMap(r -> r.integer("MaxAgeInMinutes"));
        request.object("EngineConfiguration");

        // 2. framework validation, in member order
        Violations violations = new Violations();
        violations.required(request.pathOf("QueryString"), queryString);
        violations.length(request.pathOf("QueryString"), queryString, 1, 262_144);
        violations.length(request.pathOf("ClientRequestToken"), token, 32, 128);
        context.ifPresent(c -> {
            violations.length(c.pathOf("Database"), database, 1, 255);
            violations.length(c.pathOf("Catalog"), catalog, 1, 256);
        });
        ResultConfiguration resultConfiguration = resultConfigurationWire.map(wire -> resultConfiguration(wire, violations)).orElse(ResultConfiguration.EMPTY);
        violations.pattern(request.pathOf("WorkGroup"), workGroup, WORK_GROUP_NAME);
        violations.size(request.pathOf("ExecutionParameters"), parameters, 1, Integer.MAX_VALUE);
        parameters.ifPresent(values -> {
            for (String value : values) {
                violations.length(request.pathOf("ExecutionParameters") + ".member", Optional.ofNullable(value), 1, 1024);
            }
        });
        reuseWire.ifPresent(r -> {
            violations.required(r.pathOf("Enabled"), reuseEnabled);
            violations.range(r.pathOf("MaxAgeInMinutes"), reuseMaxAge, 0, 10080);
        });
        violations.check();

        // 3. the token: SDKs fill it in; a raw caller may not
        if (token.isEmpty() || token.get().isEmpty()) {
            throw ApiException.invalidInput("clientRequestToken is null or empty");
        }
        if (token.get().getBytes(StandardCharsets.UTF_8).length > TOKEN_MAX_BYTES) {
            throw ApiException.invalidInput("clientRequestToken exceeds maximum allowed length " + TOKEN_MAX_BYTES);
        }
        if (parameters.isPresent() && parameters.get().contains(null)) {
            throw ApiException.invalidInput("executionParameters must not contain null values");
        }

        ResultReuseConfiguration reuse = reuseEnabled
                .map(enabled -> new ResultReuseConfiguration(enabled, reuseMaxAge.map(OptionalInt::of).orElse(OptionalInt.empty())))
                .orElse(ResultReuseConfiguration.DISABLED);
        String id = queryManager.start(new StartQueryRequest(
                queryString.orElseThrow(),
                token.get(),
                new QueryExecutionContext(database, catalog),
                resultConfiguration,
                workGroup.orElse(WorkGroup.PRIMARY),
                parameters.orElse(List.of()),
                reuse));
        return new Wire.StartQueryExecutionResponse(id);
    }

    static ResultConfiguration resultConfiguration(WireObject wire, Violations violations)
    {
        Optional<String> outputLocation = wire.string("OutputLocation");
        Optional<WireObject> encryption = wire.object("EncryptionConfiguration");
        Optional<String> encryptionOption = encryption.flatMap(e -> e.string("EncryptionOption"));
        Optional<String> kmsKey = encryption.flatMap(e -> e.string("KmsKey"));
        Optional<String> expectedBucketOwner = wire.string("ExpectedBucketOwner");
        Optional<WireObject> acl = wire.object("AclConfiguration");
        Optional<String> aclOption = acl.flatMap(a -> a.string("S3AclOption"));

        encryption.ifPresent(e -> {
            violations.required(e.pathOf("EncryptionOption"), encryptionOption);
            violations.oneOf(e.pathOf("EncryptionOption"), encryptionOption, ENCRYPTION_OPTIONS);
        });
        violations.length(wire.pathOf("ExpectedBucketOwner"), expectedBucketOwner, 12, 12);
        violations.pattern(wire.pathOf("ExpectedBucketOwner"), expectedBucketOwner, ACCOUNT_ID);
        acl.ifPresent(a -> {
            violations.required(a.pathOf("S3AclOption"), aclOption);
            violations.oneOf(a.pathOf("S3AclOption"), aclOption, ACL_OPTIONS);
        });
        return new ResultConfiguration(
                outputLocation,
                encryptionOption.map(option -> new EncryptionConfiguration(option, kmsKey)),
                expectedBucketOwner,
                aclOption);
    }

    private Wire.GetQueryExecutionResponse getQueryExecution(WireObject request)
    {
        String id = queryExecutionId(request);
        QueryExecution execution = queryManager.get(id)
                .orElseThrow(() -> ApiException.invalidInput("QueryExecution " + id + " was not found"));
        return new Wire.GetQueryExecutionResponse(WireMapper.queryExecution(execution));
    }

    private Wire.BatchGetQueryExecutionResponse batchGetQueryExecution(WireObject request)
    {
        Optional<List<String>> ids = request.stringList("QueryExecutionIds");
        Violations violations = new Violations();
        violations.required(request.pathOf("QueryExecutionIds"), ids);
        violations.size(request.pathOf("QueryExecutionIds"), ids, 1, 50);
        violations.check();
        List<Wire.QueryExecution> found = new ArrayList<>();
        List<Wire.UnprocessedQueryExecutionId> unprocessed = new ArrayList<>();
        for (String id : ids.orElseThrow()) {
            Optional<QueryExecution> execution = id == null ? Optional.empty() : queryManager.get(id);
            if (execution.isPresent()) {
                found.add(WireMapper.queryExecution(execution.get()));
            }
            else {
                unprocessed.add(new Wire.UnprocessedQueryExecutionId(id, AthenaErrorCode.INVALID_INPUT.name(), "QueryExecution " + id + " was not found"));
            }
        }
        return new Wire.BatchGetQueryExecutionResponse(found, unprocessed);
    }

    private Wire.ListQueryExecutionsResponse listQueryExecutions(WireObject request)
    {
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Optional<String> workGroup = request.string("WorkGroup");
        Violations violations = new Violations();
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 0, 50);
        violations.pattern(request.pathOf("WorkGroup"), workGroup, WORK_GROUP_NAME);
        violations.check();
        String name = workGroup.orElse(WorkGroup.PRIMARY);
        if (workGroups.get(name).isEmpty()) {
            throw ApiException.invalidInput("WorkGroup is not found.");
        }
        int pageSize = maxResults.filter(max -> max > 0).orElse(50);
        QueryManager.ListPage page = queryManager.list(name, nextToken, pageSize);
        return new Wire.ListQueryExecutionsResponse(page.queryExecutionIds(), page.nextToken().orElse(null));
    }

    private Wire.Empty stopQueryExecution(WireObject request)
    {
        queryManager.stop(queryExecutionId(request));
        return new Wire.Empty();
    }

    private Wire.GetWorkGroupResponse getWorkGroup(WireObject request)
    {
        Optional<String> name = request.string("WorkGroup");
        Violations violations = new Violations();
        violations.required(request.pathOf("WorkGroup"), name);
        violations.pattern(request.pathOf("WorkGroup"), name, WORK_GROUP_NAME);
        violations.check();
        WorkGroup workGroup = workGroups.get(name.orElseThrow()).orElseThrow(() -> ApiException.invalidInput("WorkGroup is not found."));
        return new Wire.GetWorkGroupResponse(WireMapper.workGroup(workGroup));
    }

    private Wire.ListWorkGroupsResponse listWorkGroups(WireObject request)
    {
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 50);
        violations.check();
        String after = nextToken.map(token -> PageToken.decode("w1", token)
                .filter(name -> WORK_GROUP_NAME.matcher(name).matches())
                .orElseThrow(() -> PageToken.malformed(token))).orElse("");
        int pageSize = maxResults.orElse(50);
        List<Wire.WorkGroupSummary> page = new ArrayList<>();
        String next = null;
        for (WorkGroup workGroup : workGroups.list()) {
            if (workGroup.name().compareTo(after) < 0) {
                continue;
            }
            if (page.size() == pageSize) {
                next = PageToken.encode("w1", workGroup.name());
                break;
            }
            page.add(WireMapper.workGroupSummary(workGroup));
        }
        return new Wire.ListWorkGroupsResponse(page, next);
    }

    private Wire.ListEngineVersionsResponse listEngineVersions(WireObject request)
    {
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 10);
        violations.check();
        List<Wire.EngineVersion> versions = List.of(
                new Wire.EngineVersion(WorkGroup.AUTO_ENGINE, WorkGroup.ENGINE_V3),
                new Wire.EngineVersion(WorkGroup.ENGINE_V3, WorkGroup.ENGINE_V3));
        return new Wire.ListEngineVersionsResponse(versions.subList(0, Math.min(versions.size(), maxResults.orElse(10))), null);
    }

    /** The QueryExecutionId member every per-query operation requires. */
    static String queryExecutionId(WireObject request)
    {
        Optional<String> id = request.string("QueryExecutionId");
        Violations violations = new Violations();
        violations.required(request.pathOf("QueryExecutionId"), id);
        violations.length(request.pathOf("QueryExecutionId"), id, 1, 128);
        violations.pattern(request.pathOf("QueryExecutionId"), id, ID_PATTERN);
        violations.check();
        return id.orElseThrow();
    }

}
