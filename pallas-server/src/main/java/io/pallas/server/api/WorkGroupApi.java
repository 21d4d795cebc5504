package io.pallas.server.api;

import io.pallas.core.query.ResultConfiguration;
import io.pallas.core.query.WorkGroup;
import io.pallas.core.storage.S3Location;
import io.pallas.core.store.MetadataStore;
import io.pallas.server.protocol.ApiException;
import io.pallas.server.protocol.Operation;
import io.pallas.server.protocol.PageToken;
import io.pallas.server.protocol.Violations;
import io.pallas.server.protocol.WireObject;
import io.pallas.server.query.QueryManager;
import io.pallas.server.query.WorkGroupRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Workgroup management: CreateWorkGroup, UpdateWorkGroup (with the Remove* flags), DeleteWorkGroup, and the tag
 * operations on workgroup ARNs. GetWorkGroup and ListWorkGroups live with the query operations.
 */
public final class WorkGroupApi
{
    private static final long MIN_BYTES_SCANNED_CUTOFF = 10_000_000L;
    private static final Set<String> ENGINE_VERSIONS = Set.of(WorkGroup.AUTO_ENGINE, WorkGroup.ENGINE_V3);
    private static final Set<String> STATES = Set.of("ENABLED", "DISABLED");
    private static final Pattern WORK_GROUP_ARN = Pattern.compile("arn:aws[a-z-]*:athena:[^:]*:[^:]*:workgroup/([a-zA-Z0-9._-]{1,128})");
    private static final int MAX_TAGS = 50;

    private final WorkGroupRegistry workGroups;
    private final QueryManager queryManager;
    private final MetadataStore store;
    private final Clock clock;
    private final String region;
    private final String accountId;

    public WorkGroupApi(WorkGroupRegistry workGroups, QueryManager queryManager, MetadataStore store, Clock clock, String region, String accountId)
    {
        this.workGroups = requireNonNull(workGroups, "workGroups is null");
        this.queryManager = requireNonNull(queryManager, "queryManager is null");
        this.store = requireNonNull(store, "store is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.region = requireNonNull(region, "region is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
    }

    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("CreateWorkGroup", this::createWorkGroup);
        operations.put("UpdateWorkGroup", this::updateWorkGroup);
        operations.put("DeleteWorkGroup", this::deleteWorkGroup);
        operations.put("TagResource", this::tagResource);
        operations.put("UntagResource", this::untagResource);
        operations.put("ListTagsForResource", this::listTagsForResource);
        return operations;
    }

    /** The ARN Athena gives a workgroup; TagResource and friends address workgroups by it. */
    public String arn(String workGroup)
    {
        return "arn:aws:athena:" + region + ":" + accountId + ":workgroup/" + workGroup;
    }

    private Wire.Empty createWorkGroup(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Optional<WireObject> configuration = request.object("Configuration");
        Optional<String> description = request.string("Description");
        Optional<List<WireObject>> tagsWire = request.objectList("Tags");

        Violations violations = new Violations();
        violations.required(request.pathOf("Name"), name);
        violations.pattern(request.pathOf("Name"), name, AthenaApi.WORK_GROUP_NAME);
        Settings settings = configuration.map(wire -> settings(wire, violations)).orElse(Settings.DEFAULT);
        violations.length(request.pathOf("Description"), description, 0, 1024);
        Map<String, String> tags = tags(request, tagsWire, violations);
        violations.check();
        checkEngineVersion(settings.engineVersion());

        WorkGroup workGroup = new WorkGroup(
                name.orElseThrow(),
                true,
                description,
                settings.resultConfiguration(),
                settings.enforce().orElse(false),
                settings.publishMetrics().orElse(false),
                settings.requesterPays().orElse(false),
                settings.bytesScannedCutoff(),
                settings.engineVersion().orElse(WorkGroup.AUTO_ENGINE),
                clock.instant(),
                tags);
        if (!workGroups.create(workGroup)) {
            throw ApiException.invalidInput("WorkGroup is already created");
        }
        return new Wire.Empty();
    }

    private record Settings(
            ResultConfiguration resultConfiguration,
            Optional<Boolean> enforce,
            Optional<Boolean> publishMetrics,
            Optional<Boolean> requesterPays,
            OptionalLong bytesScannedCutoff,
            Optional<String> engineVersion)
    {
        static final Settings DEFAULT = new Settings(ResultConfiguration.EMPTY, Optional.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(), Optional.empty());
    }

    private static Settings settings(WireObject wire, Violations violations)
    {
        Optional<WireObject> resultWire = wire.object("ResultConfiguration");
        ResultConfiguration result = resultWire.map(r -> AthenaApi.resultConfiguration(r, violations)).orElse(ResultConfiguration.EMPTY);
        Optional<Boolean> enforce = wire.bool("EnforceWorkGroupConfiguration");
        Optional<Boolean> publish = wire.bool("PublishCloudWatchMetricsEnabled");
        Optional<Long> cutoff = wire.longValue("BytesScannedCutoffPerQuery");
        Optional<Boolean> requesterPays = wire.bool("RequesterPaysEnabled");
        Optional<String> engineVersion = engineVersion(wire);
        violations.range(wire.pathOf("BytesScannedCutoffPerQuery"), cutoff, MIN_BYTES_SCANNED_CUTOFF, Long.MAX_VALUE);
        result.outputLocation().ifPresent(WorkGroupApi::checkLocation);
        return new Settings(result, enforce, publish, requesterPays, cutoff.map(OptionalLong::of).orElse(OptionalLong.empty()), engineVersion);
    }

    private static Optional<String> engineVersion(WireObject wire)
    {
        // EffectiveEngineVersion is read-only and ignored, as in Athena
        return wire.object("EngineVersion").flatMap(version -> version.string("SelectedEngineVersion"));
    }

    private static void checkEngineVersion(Optional<String> engineVersion)
    {
        engineVersion.filter(version -> !ENGINE_VERSIONS.contains(version)).ifPresent(version -> {
            throw ApiException.invalidInput("The engine version '" + version + "' is not available. Available engine versions: AUTO, " + WorkGroup.ENGINE_V3);
        });
    }

    private static void checkLocation(String location)
    {
        if (S3Location.parse(location).isEmpty()) {
            throw ApiException.invalidInput("outputLocation is not a valid S3 path.");
        }
    }

    private Wire.Empty updateWorkGroup(WireObject request)
    {
        Optional<String> name = request.string("WorkGroup");
        Optional<String> description = request.string("Description");
        Optional<WireObject> updates = request.object("ConfigurationUpdates");
        Optional<String> state = request.string("State");

        Violations violations = new Violations();
        violations.required(request.pathOf("WorkGroup"), name);
        violations.pattern(request.pathOf("WorkGroup"), name, AthenaApi.WORK_GROUP_NAME);
        violations.length(request.pathOf("Description"), description, 0, 1024);
        violations.oneOf(request.pathOf("State"), state, STATES);

        Optional<Boolean> enforce = updates.flatMap(u -> u.bool("EnforceWorkGroupConfiguration"));
        Optional<Boolean> publish = updates.flatMap(u -> u.bool("PublishCloudWatchMetricsEnabled"));
        Optional<Long> cutoff = updates.flatMap(u -> u.longValue("BytesScannedCutoffPerQuery"));
        boolean removeCutoff = updates.flatMap(u -> u.bool("RemoveBytesScannedCutoffPerQuery")).orElse(false);
        Optional<Boolean> requesterPays = updates.flatMap(u -> u.bool("RequesterPaysEnabled"));
        Optional<String> engineVersion = updates.flatMap(WorkGroupApi::engineVersion);
        updates.ifPresent(u -> violations.range(u.pathOf("BytesScannedCutoffPerQuery"), cutoff, MIN_BYTES_SCANNED_CUTOFF, Long.MAX_VALUE));
        Optional<WireObject> resultUpdates = updates.flatMap(u -> u.object("ResultConfigurationUpdates"));
        ResultConfiguration resultValues = resultUpdates.map(r -> AthenaApi.resultConfiguration(r, violations)).orElse(ResultConfiguration.EMPTY);
        boolean removeLocation = resultUpdates.flatMap(r -> r.bool("RemoveOutputLocation")).orElse(false);
        boolean removeEncryption = resultUpdates.flatMap(r -> r.bool("RemoveEncryptionConfiguration")).orElse(false);
        boolean removeOwner = resultUpdates.flatMap(r -> r.bool("RemoveExpectedBucketOwner")).orElse(false);
        boolean removeAcl = resultUpdates.flatMap(r -> r.bool("RemoveAclConfiguration")).orElse(false);
        violations.check();
        checkEngineVersion(engineVersion);
        resultValues.outputLocation().ifPresent(WorkGroupApi::checkLocation);

        Optional<WorkGroup> updated = workGroups.update(name.orElseThrow(), current -> {
            ResultConfiguration result = current.resultConfiguration();
            result = new ResultConfiguration(
                    removeLocation ? Optional.empty() : resultValues.outputLocation().or(result::outputLocation),
                    removeEncryption ? Optional.empty() : resultValues.encryptionConfiguration().or(result::encryptionConfiguration),
                    removeOwner ? Optional.empty() : resultValues.expectedBucketOwner().or(result::expectedBucketOwner),
                    removeAcl ? Optional.empty() : resultValues.s3AclOption().or(result::s3AclOption));
            OptionalLong newCutoff = removeCutoff ? OptionalLong.empty() : cutoff.map(OptionalLong::of).orElse(current.bytesScannedCutoffPerQuery());
            return new WorkGroup(
                    current.name(),
                    state.map("ENABLED"::equals).orElse(current.enabled()),
                    description.or(current::description),
                    result,
                    enforce.orElse(current.enforceWorkGroupConfiguration()),
                    publish.orElse(current.publishCloudWatchMetricsEnabled()),
                    requesterPays.orElse(current.requesterPaysEnabled()),
                    newCutoff,
                    engineVersion.orElse(current.selectedEngineVersion()),
                    current.creationTime(),
                    current.tags());
        });
        if (updated.isEmpty()) {
            throw ApiException.invalidInput("WorkGroup is not found.");
        }
        return new Wire.Empty();
    }

    private Wire.Empty deleteWorkGroup(WireObject request)
    {
        Optional<String> name = request.string("WorkGroup");
        boolean recursive = request.bool("RecursiveDeleteOption").orElse(false);
        Violations violations = new Violations();
        violations.required(request.pathOf("WorkGroup"), name);
        violations.pattern(request.pathOf("WorkGroup"), name, AthenaApi.WORK_GROUP_NAME);
        violations.check();
        if (name.orElseThrow().equals(WorkGroup.PRIMARY)) {
            throw ApiException.invalidInput("Cannot delete the primary workgroup.");
        }
        if (workGroups.get(name.get()).isEmpty()) {
            throw ApiException.invalidInput("WorkGroup is not found.");
        }
        // as in Athena, named queries and executions make a workgroup non-empty; its prepared statements go with it
        if (!recursive && (queryManager.hasExecutions(name.get()) || !store.listNamedQueries(name.get()).isEmpty())) {
            throw ApiException.invalidInput("WorkGroup " + name.get() + " is not empty: it has query executions or named queries. "
                    + "Set RecursiveDeleteOption to delete it with its contents.");
        }
        queryManager.deleteWorkGroup(name.get());
        return new Wire.Empty();
    }

    private Wire.Empty tagResource(WireObject request)
    {
        Optional<String> arn = request.string("ResourceARN");
        Optional<List<WireObject>> tagsWire = request.objectList("Tags");
        Violations violations = new Violations();
        violations.required(request.pathOf("ResourceARN"), arn);
        violations.length(request.pathOf("ResourceARN"), arn, 1, 1011);
        violations.required(request.pathOf("Tags"), tagsWire);
        Map<String, String> tags = tags(request, tagsWire, violations);
        violations.check();
        String name = workGroupName(arn.orElseThrow());
        Optional<WorkGroup> updated = workGroups.update(name, current -> {
            Map<String, String> merged = new LinkedHashMap<>(current.tags());
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS) {
                throw ApiException.invalidInput("A resource can have at most " + MAX_TAGS + " tags.");
            }
            return current.withTags(merged);
        });
        updated.orElseThrow(() -> notFound(arn.get()));
        return new Wire.Empty();
    }

    private Wire.Empty untagResource(WireObject request)
    {
        Optional<String> arn = request.string("ResourceARN");
        Optional<List<String>> keys = request.stringList("TagKeys");
        Violations violations = new Violations();
        violations.required(request.pathOf("ResourceARN"), arn);
        violations.length(request.pathOf("ResourceARN"), arn, 1, 1011);
        violations.required(request.pathOf("TagKeys"), keys);
        violations.check();
        String name = workGroupName(arn.orElseThrow());
        workGroups.update(name, current -> {
            Map<String, String> remaining = new LinkedHashMap<>(current.tags());
            keys.orElseThrow().forEach(remaining::remove);
            return current.withTags(remaining);
        }).orElseThrow(() -> notFound(arn.get()));
        return new Wire.Empty();
    }

    private Wire.ListTagsForResourceResponse listTagsForResource(WireObject request)
    {
        Optional<String> arn = request.string("ResourceARN");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.required(request.pathOf("ResourceARN"), arn);
        violations.length(request.pathOf("ResourceARN"), arn, 1, 1011);
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 75, Integer.MAX_VALUE);
        violations.check();
        WorkGroup workGroup = workGroups.get(workGroupName(arn.orElseThrow())).orElseThrow(() -> notFound(arn.get()));
        List<Map.Entry<String, String>> entries = new ArrayList<>(workGroup.tags().entrySet());
        int from = nextToken.map(token -> PageToken.decode("t1", token).filter(position -> position.matches("[0-9]{1,9}")).map(Integer::parseInt)
                .orElseThrow(() -> PageToken.malformed(token))).orElse(0);
        int to = Math.min(entries.size(), from + maxResults.orElse(Integer.MAX_VALUE));
        List<Wire.Tag> tags = entries.subList(Math.min(from, entries.size()), to).stream().map(entry -> new Wire.Tag(entry.getKey(), entry.getValue())).toList();
        String next = to < entries.size() ? PageToken.encode("t1", String.valueOf(to)) : null;
        return new Wire.ListTagsForResourceResponse(tags, next);
    }

    private static Map<String, String> tags(WireObject request, Optional<List<WireObject>> tagsWire, Violations violations)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        tagsWire.ifPresent(list -> {
            for (WireObject tag : list) {
                Optional<String> key = tag.string("Key");
                Optional<String> value = tag.string("Value");
                violations.length(tag.pathOf("Key"), key, 1, 128);
                violations.length(tag.pathOf("Value"), value, 0, 256);
                key.ifPresent(k -> tags.put(k, value.orElse("")));
            }
        });
        if (tags.size() > MAX_TAGS) {
            violations.violation(request.pathOf("Tags"), "Member must have length less than or equal to " + MAX_TAGS);
        }
        return tags;
    }

    private static String workGroupName(String arn)
    {
        Matcher matcher = WORK_GROUP_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw ApiException.invalidInput("Invalid ResourceARN: " + arn + ". Only workgroup ARNs (arn:aws:athena:<region>:<account>:workgroup/<name>) are supported.");
        }
        return matcher.group(1);
    }

    private static ApiException notFound(String arn)
    {
        return ApiException.resourceNotFound("The resource " + arn + " does not exist.", arn);
    }
}
