package io.pallas.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pallas.core.QueryState;
import io.pallas.core.query.AthenaError;
import io.pallas.core.query.EncryptionConfiguration;
import io.pallas.core.query.NamedQuery;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.QueryExecutionContext;
import io.pallas.core.query.QueryStatistics;
import io.pallas.core.query.ResultConfiguration;
import io.pallas.core.query.ResultReuseConfiguration;
import io.pallas.core.query.StatementType;
import io.pallas.core.query.WorkGroup;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The stored JSON form of executions and workgroups, mapped by hand so the domain records stay free of Jackson and
 * a renamed record component cannot silently change what is on disk. Absent optionals are omitted; instants are
 * ISO-8601 strings, which keep every digit of precision. Each document carries a {@code version}. The reading
 * helpers are shared with {@link CatalogJson}.
 */
final class MetadataJson
{
    static final int EXECUTION_VERSION = 1;
    static final int WORK_GROUP_VERSION = 1;

    static final ObjectMapper MAPPER = new ObjectMapper();

    private MetadataJson() {}

    static String writeExecution(QueryExecution execution)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", EXECUTION_VERSION);
        node.put("queryExecutionId", execution.queryExecutionId());
        node.put("query", execution.query());
        node.put("statementType", execution.statementType().name());
        node.put("substatementType", execution.substatementType());
        ObjectNode context = node.putObject("context");
        execution.context().database().ifPresent(database -> context.put("database", database));
        execution.context().catalog().ifPresent(catalog -> context.put("catalog", catalog));
        writeResultConfiguration(node.putObject("resultConfiguration"), execution.resultConfiguration());
        node.put("workGroup", execution.workGroup());
        ArrayNode parameters = node.putArray("executionParameters");
        execution.executionParameters().forEach(parameters::add);
        ObjectNode reuse = node.putObject("resultReuseConfiguration");
        reuse.put("enabled", execution.resultReuseConfiguration().enabled());
        execution.resultReuseConfiguration().maxAgeInMinutes().ifPresent(minutes -> reuse.put("maxAgeInMinutes", minutes));
        node.put("state", execution.state().name());
        execution.stateChangeReason().ifPresent(reason -> node.put("stateChangeReason", reason));
        execution.athenaError().ifPresent(error -> {
            ObjectNode errorNode = node.putObject("athenaError");
            errorNode.put("errorCategory", error.errorCategory());
            errorNode.put("errorType", error.errorType());
            errorNode.put("retryable", error.retryable());
            errorNode.put("errorMessage", error.errorMessage());
        });
        node.put("submissionDateTime", execution.submissionDateTime().toString());
        execution.startDateTime().ifPresent(start -> node.put("startDateTime", start.toString()));
        execution.completionDateTime().ifPresent(completion -> node.put("completionDateTime", completion.toString()));
        QueryStatistics statistics = execution.statistics();
        ObjectNode statisticsNode = node.putObject("statistics");
        statisticsNode.put("engineExecutionTimeInMillis", statistics.engineExecutionTimeInMillis());
        statisticsNode.put("dataScannedInBytes", statistics.dataScannedInBytes());
        statisticsNode.put("totalExecutionTimeInMillis", statistics.totalExecutionTimeInMillis());
        statisticsNode.put("queryQueueTimeInMillis", statistics.queryQueueTimeInMillis());
        statisticsNode.put("servicePreProcessingTimeInMillis", statistics.servicePreProcessingTimeInMillis());
        statisticsNode.put("serviceProcessingTimeInMillis", statistics.serviceProcessingTimeInMillis());
        if (statistics.reusedPreviousResult()) {
            statisticsNode.put("reusedPreviousResult", true);
        }
        return write(node);
    }

    static QueryExecution readExecution(String json)
    {
        JsonNode node = parse(json, "execution");
        checkVersion(node, EXECUTION_VERSION, "execution");
        JsonNode context = object(node, "context");
        JsonNode reuse = object(node, "resultReuseConfiguration");
        List<String> parameters = new ArrayList<>();
        for (JsonNode parameter : array(node, "executionParameters")) {
            if (!parameter.isTextual()) {
                throw malformed("execution", "executionParameters holds a non-string");
            }
            parameters.add(parameter.textValue());
        }
        JsonNode statistics = object(node, "statistics");
        return new QueryExecution(
                text(node, "queryExecutionId"),
                text(node, "query"),
                enumValue(StatementType.class, node, "statementType"),
                text(node, "substatementType"),
                new QueryExecutionContext(optionalText(context, "database"), optionalText(context, "catalog")),
                readResultConfiguration(object(node, "resultConfiguration")),
                text(node, "workGroup"),
                parameters,
                new ResultReuseConfiguration(bool(reuse, "enabled"), optionalInt(reuse, "maxAgeInMinutes")),
                enumValue(QueryState.class, node, "state"),
                optionalText(node, "stateChangeReason"),
                optionalObject(node, "athenaError").map(error -> new AthenaError(
                        integer(error, "errorCategory"),
                        integer(error, "errorType"),
                        bool(error, "retryable"),
                        text(error, "errorMessage"))),
                instant(node, "submissionDateTime"),
                optionalText(node, "startDateTime").map(value -> parseInstant(value, "startDateTime")),
                optionalText(node, "completionDateTime").map(value -> parseInstant(value, "completionDateTime")),
                new QueryStatistics(
                        longValue(statistics, "engineExecutionTimeInMillis"),
                        longValue(statistics, "dataScannedInBytes"),
                        longValue(statistics, "totalExecutionTimeInMillis"),
                        longValue(statistics, "queryQueueTimeInMillis"),
                        longValue(statistics, "servicePreProcessingTimeInMillis"),
                        longValue(statistics, "serviceProcessingTimeInMillis"),
                        statistics.path("reusedPreviousResult").asBoolean(false)));
    }

    static String writeWorkGroup(WorkGroup workGroup)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", WORK_GROUP_VERSION);
        node.put("name", workGroup.name());
        node.put("enabled", workGroup.enabled());
        workGroup.description().ifPresent(description -> node.put("description", description));
        writeResultConfiguration(node.putObject("resultConfiguration"), workGroup.resultConfiguration());
        node.put("enforceWorkGroupConfiguration", workGroup.enforceWorkGroupConfiguration());
        node.put("publishCloudWatchMetricsEnabled", workGroup.publishCloudWatchMetricsEnabled());
        node.put("requesterPaysEnabled", workGroup.requesterPaysEnabled());
        workGroup.bytesScannedCutoffPerQuery().ifPresent(cutoff -> node.put("bytesScannedCutoffPerQuery", cutoff));
        node.put("selectedEngineVersion", workGroup.selectedEngineVersion());
        node.put("creationTime", workGroup.creationTime().toString());
        ObjectNode tags = node.putObject("tags");
        workGroup.tags().forEach(tags::put);
        return write(node);
    }

    static WorkGroup readWorkGroup(String json)
    {
        JsonNode node = parse(json, "workgroup");
        checkVersion(node, WORK_GROUP_VERSION, "workgroup");
        JsonNode cutoff = node.get("bytesScannedCutoffPerQuery");
        if (cutoff != null && !cutoff.canConvertToLong()) {
            throw malformed("workgroup", "bytesScannedCutoffPerQuery is not a long");
        }
        return new WorkGroup(
                text(node, "name"),
                bool(node, "enabled"),
                optionalText(node, "description"),
                readResultConfiguration(object(node, "resultConfiguration")),
                bool(node, "enforceWorkGroupConfiguration"),
                bool(node, "publishCloudWatchMetricsEnabled"),
                bool(node, "requesterPaysEnabled"),
                cutoff == null ? OptionalLong.empty() : OptionalLong.of(cutoff.longValue()),
                text(node, "selectedEngineVersion"),
                instant(node, "creationTime"),
                tags(node));
    }

    /** Tags were added after version 1 documents were first written: absent means none. */
    private static Map<String, String> tags(JsonNode node)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode tagsNode = node.get("tags");
        if (tagsNode != null) {
            tagsNode.properties().forEach(entry -> tags.put(entry.getKey(), entry.getValue().asText()));
        }
        return tags;
    }

    private static void writeResultConfiguration(ObjectNode node, ResultConfiguration configuration)
    {
        configuration.outputLocation().ifPresent(location -> node.put("outputLocation", location));
        configuration.encryptionConfiguration().ifPresent(encryption -> {
            ObjectNode encryptionNode = node.putObject("encryptionConfiguration");
            encryptionNode.put("encryptionOption", encryption.encryptionOption());
            encryption.kmsKey().ifPresent(key -> encryptionNode.put("kmsKey", key));
        });
        configuration.expectedBucketOwner().ifPresent(owner -> node.put("expectedBucketOwner", owner));
        configuration.s3AclOption().ifPresent(acl -> node.put("s3AclOption", acl));
    }

    private static ResultConfiguration readResultConfiguration(JsonNode node)
    {
        return new ResultConfiguration(
                optionalText(node, "outputLocation"),
                optionalObject(node, "encryptionConfiguration").map(encryption -> new EncryptionConfiguration(
                        text(encryption, "encryptionOption"),
                        optionalText(encryption, "kmsKey"))),
                optionalText(node, "expectedBucketOwner"),
                optionalText(node, "s3AclOption"));
    }

    static String writePreparedStatement(io.pallas.core.query.PreparedStatement statement)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", 1);
        node.put("workGroup", statement.workGroup());
        node.put("name", statement.name());
        node.put("queryStatement", statement.queryStatement());
        statement.description().ifPresent(description -> node.put("description", description));
        node.put("lastModifiedTime", statement.lastModifiedTime().toString());
        return write(node);
    }

    static io.pallas.core.query.PreparedStatement readPreparedStatement(String json)
    {
        JsonNode node = parse(json, "prepared statement");
        checkVersion(node, 1, "prepared statement");
        return new io.pallas.core.query.PreparedStatement(text(node, "workGroup"), text(node, "name"), text(node, "queryStatement"),
                optionalText(node, "description"), instant(node, "lastModifiedTime"));
    }

    static String writeNamedQuery(NamedQuery query)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", 1);
        node.put("namedQueryId", query.namedQueryId());
        node.put("name", query.name());
        query.description().ifPresent(description -> node.put("description", description));
        node.put("database", query.database());
        node.put("queryString", query.queryString());
        node.put("workGroup", query.workGroup());
        return write(node);
    }

    static NamedQuery readNamedQuery(String json)
    {
        JsonNode node = parse(json, "named query");
        checkVersion(node, 1, "named query");
        return new NamedQuery(text(node, "namedQueryId"), text(node, "name"), optionalText(node, "description"), text(node, "database"),
                text(node, "queryString"), text(node, "workGroup"));
    }

    static String write(ObjectNode node)
    {
        try {
            return MAPPER.writeValueAsString(node);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise stored metadata", e);
        }
    }

    static JsonNode parse(String json, String kind)
    {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw malformed(kind, "not a JSON object");
            }
            return node;
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored " + kind + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    static void checkVersion(JsonNode node, int supported, String kind)
    {
        int version = integer(node, "version");
        if (version > supported) {
            throw new IllegalStateException("Stored %s has version %s, newer than this Pallas supports (%s); run a newer Pallas release".formatted(kind, version, supported));
        }
        if (version < 1) {
            throw malformed(kind, "version " + version);
        }
    }

    static JsonNode required(JsonNode node, String field)
    {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw malformed("metadata", "field '" + field + "' is missing");
        }
        return value;
    }

    static String text(JsonNode node, String field)
    {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw malformed("metadata", "field '" + field + "' is not a string");
        }
        return value.textValue();
    }

    static Optional<String> optionalText(JsonNode node, String field)
    {
        return node.has(field) ? Optional.of(text(node, field)) : Optional.empty();
    }

    static boolean bool(JsonNode node, String field)
    {
        JsonNode value = required(node, field);
        if (!value.isBoolean()) {
            throw malformed("metadata", "field '" + field + "' is not a boolean");
        }
        return value.booleanValue();
    }

    static int integer(JsonNode node, String field)
    {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw malformed("metadata", "field '" + field + "' is not an int");
        }
        return value.intValue();
    }

    static OptionalInt optionalInt(JsonNode node, String field)
    {
        return node.has(field) ? OptionalInt.of(integer(node, field)) : OptionalInt.empty();
    }

    static long longValue(JsonNode node, String field)
    {
        JsonNode value = required(node, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed("metadata", "field '" + field + "' is not a long");
        }
        return value.longValue();
    }

    static JsonNode object(JsonNode node, String field)
    {
        JsonNode value = required(node, field);
        if (!value.isObject()) {
            throw malformed("metadata", "field '" + field + "' is not an object");
        }
        return value;
    }

    static Optional<JsonNode> optionalObject(JsonNode node, String field)
    {
        return node.has(field) ? Optional.of(object(node, field)) : Optional.empty();
    }

    static JsonNode array(JsonNode node, String field)
    {
        JsonNode value = required(node, field);
        if (!value.isArray()) {
            throw malformed("metadata", "field '" + field + "' is not an array");
        }
        return value;
    }

    static Instant instant(JsonNode node, String field)
    {
        return parseInstant(text(node, field), field);
    }

    static Instant parseInstant(String value, String field)
    {
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException e) {
            throw malformed("metadata", "field '" + field + "' is not an ISO-8601 instant: " + value);
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String field)
    {
        String value = text(node, field);
        try {
            return Enum.valueOf(type, value);
        }
        catch (IllegalArgumentException e) {
            throw malformed("metadata", "field '" + field + "' has unknown value " + value);
        }
    }

    static IllegalStateException malformed(String kind, String detail)
    {
        return new IllegalStateException("Stored " + kind + " is malformed: " + detail);
    }
}
