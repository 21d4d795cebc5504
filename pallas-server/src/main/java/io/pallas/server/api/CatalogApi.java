package io.pallas.server.api;

import io.pallas.core.catalog.CatalogException;
import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.DataCatalog;
import io.pallas.core.catalog.Database;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;
import io.pallas.core.catalog.TableResolver;
import io.pallas.server.catalog.DataCatalogs;
import io.pallas.server.protocol.ApiException;
import io.pallas.server.protocol.AthenaErrorCode;
import io.pallas.server.protocol.Operation;
import io.pallas.server.protocol.PageToken;
import io.pallas.server.protocol.Violations;
import io.pallas.server.protocol.WireObject;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * The Athena metadata operations: the data catalogs (the built-in {@code AwsDataCatalog} and those registered with
 * Create/Update/DeleteDataCatalog, see {@link DataCatalogs}) and, through any catalog name that is the Glue catalog,
 * ListDatabases, GetDatabase, ListTableMetadata and GetTableMetadata.
 */
public final class CatalogApi
{
    public static final String CATALOG = DataCatalogs.BUILT_IN;

    /** A catalog name Athena accepts: up to 127 letters, digits, {@code _}, {@code @} and {@code -}. */
    private static final Pattern CATALOG_NAME = Pattern.compile("[A-Za-z0-9_@-]{1,127}");
    private static final Set<String> TYPES = Set.of("LAMBDA", "GLUE", "HIVE", "FEDERATED");
    private static final int MAX_TAGS = 50;
    private static final Pattern DATA_CATALOG_ARN = Pattern.compile("arn:aws[a-z-]*:athena:[^:]*:[^:]*:datacatalog/(.{1,256})");

    private static final String CREATE_COMPLETE = "CREATE_COMPLETE";

    private final CatalogStore catalog;
    private final DataCatalogs dataCatalogs;
    private final Clock clock;

    public CatalogApi(CatalogStore catalog, DataCatalogs dataCatalogs, Clock clock)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.dataCatalogs = requireNonNull(dataCatalogs, "dataCatalogs is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("ListDataCatalogs", this::listDataCatalogs);
        operations.put("GetDataCatalog", this::getDataCatalog);
        operations.put("CreateDataCatalog", this::createDataCatalog);
        operations.put("UpdateDataCatalog", this::updateDataCatalog);
        operations.put("DeleteDataCatalog", this::deleteDataCatalog);
        operations.put("ListDatabases", this::listDatabases);
        operations.put("GetDatabase", this::getDatabase);
        operations.put("ListTableMetadata", this::listTableMetadata);
        operations.put("GetTableMetadata", this::getTableMetadata);
        return operations;
    }

    private Wire.ListDataCatalogsResponse listDataCatalogs(WireObject request)
    {
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 2, 50);
        violations.check();
        // the built-in catalog first (its key sorts before any name), then the registered ones by name
        List<Optional<DataCatalog>> all = new ArrayList<>();
        all.add(Optional.empty());
        catalog.listDataCatalogs().forEach(registered -> all.add(Optional.of(registered)));
        Page<Optional<DataCatalog>> page = page(all, registered -> registered.map(c -> c.name().toLowerCase(Locale.ROOT)).orElse(""), "c1", nextToken, maxResults.orElse(50));
        List<Wire.DataCatalogSummary> summaries = page.items().stream()
                .map(registered -> registered
                        .map(c -> new Wire.DataCatalogSummary(c.name(), c.type().name(), CREATE_COMPLETE, connectionType(c)))
                        .orElse(new Wire.DataCatalogSummary(CATALOG, "GLUE", null, null)))
                .toList();
        return new Wire.ListDataCatalogsResponse(summaries, page.nextToken());
    }

    private Wire.GetDataCatalogResponse getDataCatalog(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Violations violations = new Violations();
        violations.required(request.pathOf("Name"), name);
        violations.length(request.pathOf("Name"), name, 1, 256);
        violations.check();
        if (DataCatalogs.isBuiltIn(name.orElseThrow())) {
            return new Wire.GetDataCatalogResponse(new Wire.DataCatalog(CATALOG, "AWS Glue Data Catalog", "GLUE",
                    Map.of(DataCatalogs.CATALOG_ID, dataCatalogs.accountId()), null, null));
        }
        DataCatalog registered = catalog.getDataCatalog(name.get()).orElseThrow(() -> catalogNotFound(name.get()));
        return new Wire.GetDataCatalogResponse(dataCatalog(registered, CREATE_COMPLETE));
    }

    private Wire.CreateDataCatalogResponse createDataCatalog(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Optional<String> type = request.string("Type");
        Optional<String> description = request.string("Description");
        Optional<Map<String, String>> parameters = request.stringMap("Parameters");
        Optional<List<WireObject>> tagsWire = request.objectList("Tags");
        Violations violations = new Violations();
        validateDefinition(request, name, type, description, parameters, violations);
        Map<String, String> tags = tags(request, tagsWire, violations);
        violations.check();
        DataCatalog created = definition(name.orElseThrow(), type.orElseThrow(), description, parameters.orElse(Map.of()), tags);
        if (DataCatalogs.isBuiltIn(created.name())) {
            throw ApiException.invalidInput("DataCatalog " + created.name() + " already exists.");
        }
        try {
            catalog.createDataCatalog(created);
        }
        catch (CatalogException e) {
            if (e.kind() == CatalogException.Kind.ALREADY_EXISTS) {
                throw ApiException.invalidInput("DataCatalog " + created.name() + " already exists.");
            }
            throw e;
        }
        return new Wire.CreateDataCatalogResponse(dataCatalog(created, CREATE_COMPLETE));
    }

    private Wire.Empty updateDataCatalog(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Optional<String> type = request.string("Type");
        Optional<String> description = request.string("Description");
        Optional<Map<String, String>> parameters = request.stringMap("Parameters");
        Violations violations = new Violations();
        validateDefinition(request, name, type, description, parameters, violations);
        violations.check();
        if (DataCatalogs.isBuiltIn(name.orElseThrow())) {
            throw ApiException.invalidInput("The data catalog " + CATALOG + " is built in and cannot be modified.");
        }
        DataCatalog stored = catalog.getDataCatalog(name.get()).orElseThrow(() -> catalogNotFound(name.get()));
        // Type is required, so an update states the whole definition: what it leaves out is removed
        DataCatalog updated = definition(stored.name(), type.orElseThrow(), description, parameters.orElse(Map.of()), stored.tags());
        try {
            catalog.replaceDataCatalog(new DataCatalog(stored.name(), updated.type(), updated.description(), updated.parameters(), stored.tags(), stored.createTime()));
        }
        catch (CatalogException e) {
            if (e.kind() == CatalogException.Kind.NOT_FOUND) {
                throw catalogNotFound(name.get());
            }
            throw e;
        }
        return new Wire.Empty();
    }

    private Wire.DeleteDataCatalogResponse deleteDataCatalog(WireObject request)
    {
        Optional<String> name = request.string("Name");
        request.bool("DeleteCatalogOnly");
        Violations violations = new Violations();
        violations.required(request.pathOf("Name"), name);
        violations.length(request.pathOf("Name"), name, 1, 256);
        violations.check();
        if (DataCatalogs.isBuiltIn(name.orElseThrow())) {
            throw ApiException.invalidInput("The data catalog " + CATALOG + " is built in and cannot be deleted.");
        }
        DataCatalog stored = catalog.getDataCatalog(name.get()).orElseThrow(() -> catalogNotFound(name.get()));
        if (!catalog.dropDataCatalog(stored.name())) {
            throw catalogNotFound(name.get());
        }
        // only a FEDERATED catalog has a deletion that Athena tracks; the others report how they were
        return new Wire.DeleteDataCatalogResponse(dataCatalog(stored, stored.type() == DataCatalog.Type.FEDERATED ? "DELETE_COMPLETE" : CREATE_COMPLETE));
    }

    /**
     * TagResource, UntagResource and ListTagsForResource that serve data catalog ARNs
     * ({@code arn:aws:athena:<region>:<account>:datacatalog/<name>}) and pass any other ARN to the operation of the
     * same name in {@code others} (the workgroups').
     */
    public Map<String, Operation> taggingOperations(Map<String, Operation> others)
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        for (String name : List.of("TagResource", "UntagResource", "ListTagsForResource")) {
            Operation other = requireNonNull(others.get(name), name + " is not served");
            Operation own = switch (name) {
                case "TagResource" -> this::tagResource;
                case "UntagResource" -> this::untagResource;
                default -> this::listTagsForResource;
            };
            operations.put(name, request -> request.string("ResourceARN").filter(arn -> DATA_CATALOG_ARN.matcher(arn).matches()).isPresent()
                    ? own.handle(request)
                    : other.handle(request));
        }
        return operations;
    }

    private Wire.Empty tagResource(WireObject request)
    {
        String arn = request.string("ResourceARN").orElseThrow();
        Optional<List<WireObject>> tagsWire = request.objectList("Tags");
        Violations violations = new Violations();
        violations.length(request.pathOf("ResourceARN"), Optional.of(arn), 1, 1011);
        violations.required(request.pathOf("Tags"), tagsWire);
        Map<String, String> tags = tags(request, tagsWire, violations);
        violations.check();
        DataCatalog stored = taggedCatalog(arn);
        Map<String, String> merged = new LinkedHashMap<>(stored.tags());
        merged.putAll(tags);
        if (merged.size() > MAX_TAGS) {
            throw ApiException.invalidInput("A resource can have at most " + MAX_TAGS + " tags.");
        }
        replaceTags(arn, stored, merged);
        return new Wire.Empty();
    }

    private Wire.Empty untagResource(WireObject request)
    {
        String arn = request.string("ResourceARN").orElseThrow();
        Optional<List<String>> keys = request.stringList("TagKeys");
        Violations violations = new Violations();
        violations.length(request.pathOf("ResourceARN"), Optional.of(arn), 1, 1011);
        violations.required(request.pathOf("TagKeys"), keys);
        violations.check();
        DataCatalog stored = taggedCatalog(arn);
        Map<String, String> remaining = new LinkedHashMap<>(stored.tags());
        keys.orElseThrow().forEach(remaining::remove);
        replaceTags(arn, stored, remaining);
        return new Wire.Empty();
    }

    private Wire.ListTagsForResourceResponse listTagsForResource(WireObject request)
    {
        String arn = request.string("ResourceARN").orElseThrow();
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.length(request.pathOf("ResourceARN"), Optional.of(arn), 1, 1011);
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 75, Integer.MAX_VALUE);
        violations.check();
        List<Map.Entry<String, String>> entries = new ArrayList<>(taggedCatalog(arn).tags().entrySet());
        int from = nextToken.map(token -> PageToken.decode("t1", token).filter(position -> position.matches("[0-9]{1,9}")).map(Integer::parseInt)
                .orElseThrow(() -> PageToken.malformed(token))).orElse(0);
        int to = Math.min(entries.size(), from + maxResults.orElse(Integer.MAX_VALUE));
        List<Wire.Tag> tags = entries.subList(Math.min(from, entries.size()), to).stream().map(entry -> new Wire.Tag(entry.getKey(), entry.getValue())).toList();
        return new Wire.ListTagsForResourceResponse(tags, to < entries.size() ? PageToken.encode("t1", String.valueOf(to)) : null);
    }

    /** The registered catalog a data catalog ARN names; the built-in catalog has no tags to change. */
    private DataCatalog taggedCatalog(String arn)
    {
        Matcher matcher = DATA_CATALOG_ARN.matcher(arn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("Not a data catalog ARN: " + arn);
        }
        return dataCatalogs.registered(matcher.group(1))
                .orElseThrow(() -> ApiException.resourceNotFound("The resource " + arn + " does not exist.", arn));
    }

    private void replaceTags(String arn, DataCatalog stored, Map<String, String> tags)
    {
        try {
            catalog.replaceDataCatalog(new DataCatalog(stored.name(), stored.type(), stored.description(), stored.parameters(), tags, stored.createTime()));
        }
        catch (CatalogException e) {
            if (e.kind() == CatalogException.Kind.NOT_FOUND) {
                throw ApiException.resourceNotFound("The resource " + arn + " does not exist.", arn);
            }
            throw e;
        }
    }

    private static Map<String, String> tags(WireObject request, Optional<List<WireObject>> tagsWire, Violations violations)
    {
        Map<String, String> tags = new LinkedHashMap<>();
        tagsWire.ifPresent(list -> {
            for (WireObject tag : list) {
                Optional<String> key = tag.string("Key");
                Optional<String> value = tag.string("Value");
                violations.required(tag.pathOf("Key"), key);
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

    /** The members CreateDataCatalog and UpdateDataCatalog share, and the parameters each type requires. */
    private static void validateDefinition(WireObject request, Optional<String> name, Optional<String> type, Optional<String> description,
            Optional<Map<String, String>> parameters, Violations violations)
    {
        violations.required(request.pathOf("Name"), name);
        violations.length(request.pathOf("Name"), name, 1, 256);
        violations.required(request.pathOf("Type"), type);
        violations.oneOf(request.pathOf("Type"), type, TYPES);
        violations.length(request.pathOf("Description"), description, 1, 1024);
        parameters.ifPresent(map -> map.forEach((key, value) -> {
            violations.length(request.pathOf("Parameters") + ".key", Optional.of(key), 1, 255);
            violations.length(request.pathOf("Parameters") + ".value", Optional.ofNullable(value), 0, 51200);
        }));
        violations.check();
        if (!CATALOG_NAME.matcher(name.orElseThrow()).matches()) {
            throw ApiException.invalidInput("Invalid catalog name " + name.get() + ": a data catalog name has at most 127 letters, digits, '_', '@' or '-'.");
        }
        Map<String, String> given = parameters.orElse(Map.of());
        switch (type.orElseThrow()) {
            case "GLUE" -> requireParameters(given, "The GLUE data catalog type requires the parameter catalog-id=<account id>.", DataCatalogs.CATALOG_ID);
            case "HIVE" -> requireParameters(given, "The HIVE data catalog type requires the parameter metadata-function=<lambda arn>.", "metadata-function");
            case "LAMBDA" -> {
                if (!given.containsKey("function") && !(given.containsKey("metadata-function") && given.containsKey("record-function"))) {
                    throw ApiException.invalidInput("The LAMBDA data catalog type requires either function=<lambda arn>, or metadata-function=<lambda arn> and record-function=<lambda arn>.");
                }
            }
            default -> {
                if (!given.containsKey("connection-arn") && !given.containsKey("connection-type")) {
                    throw ApiException.invalidInput("The FEDERATED data catalog type requires either connection-arn=<glue connection arn>, or connection-type and connection-properties.");
                }
            }
        }
    }

    private static void requireParameters(Map<String, String> parameters, String message, String... names)
    {
        for (String name : names) {
            String value = parameters.get(name);
            if (value == null || value.isBlank()) {
                throw ApiException.invalidInput(message);
            }
        }
    }

    private DataCatalog definition(String name, String type, Optional<String> description, Map<String, String> parameters, Map<String, String> tags)
    {
        return new DataCatalog(name, DataCatalog.Type.valueOf(type), description, parameters, tags, clock.instant());
    }

    private static Wire.DataCatalog dataCatalog(DataCatalog dataCatalog, String status)
    {
        return new Wire.DataCatalog(dataCatalog.name(), dataCatalog.description().orElse(null), dataCatalog.type().name(),
                dataCatalog.parameters(), status, connectionType(dataCatalog));
    }

    /** A FEDERATED catalog's ConnectionType is the connection-type it was created with. */
    private static String connectionType(DataCatalog dataCatalog)
    {
        return dataCatalog.type() == DataCatalog.Type.FEDERATED ? dataCatalog.parameters().get("connection-type") : null;
    }

    private Wire.ListDatabasesResponse listDatabases(WireObject request)
    {
        Optional<String> catalogName = request.string("CatalogName");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.required(request.pathOf("CatalogName"), catalogName);
        violations.length(request.pathOf("CatalogName"), catalogName, 1, 256);
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 50);
        violations.check();
        checkCatalog(catalogName.orElseThrow());
        Page<Database> page = page(catalog.listDatabases(), Database::name, "d1", nextToken, maxResults.orElse(50));
        return new Wire.ListDatabasesResponse(page.items().stream().map(CatalogApi::database).toList(), page.nextToken());
    }

    private Wire.GetDatabaseResponse getDatabase(WireObject request)
    {
        Optional<String> catalogName = request.string("CatalogName");
        Optional<String> databaseName = request.string("DatabaseName");
        Violations violations = new Violations();
        violations.required(request.pathOf("CatalogName"), catalogName);
        violations.length(request.pathOf("CatalogName"), catalogName, 1, 256);
        violations.required(request.pathOf("DatabaseName"), databaseName);
        violations.length(request.pathOf("DatabaseName"), databaseName, 1, 128);
        violations.check();
        checkCatalog(catalogName.orElseThrow());
        Database database = catalog.getDatabase(databaseName.orElseThrow().toLowerCase(Locale.ROOT)).orElseThrow(CatalogApi::entityNotFound);
        return new Wire.GetDatabaseResponse(database(database));
    }

    private Wire.ListTableMetadataResponse listTableMetadata(WireObject request)
    {
        Optional<String> catalogName = request.string("CatalogName");
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> expression = request.string("Expression");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        violations.required(request.pathOf("CatalogName"), catalogName);
        violations.length(request.pathOf("CatalogName"), catalogName, 1, 256);
        violations.required(request.pathOf("DatabaseName"), databaseName);
        violations.length(request.pathOf("DatabaseName"), databaseName, 1, 128);
        violations.length(request.pathOf("Expression"), expression, 0, 256);
        violations.length(request.pathOf("NextToken"), nextToken, 1, 1024);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 50);
        violations.check();
        checkCatalog(catalogName.orElseThrow());
        String database = databaseName.orElseThrow().toLowerCase(Locale.ROOT);
        if (catalog.getDatabase(database).isEmpty()) {
            throw entityNotFound();
        }
        List<Table> tables = catalog.listTables(database);
        if (expression.isPresent() && !expression.get().isEmpty()) {
            Pattern pattern = tableNamePattern(expression.get());
            tables = tables.stream().filter(table -> pattern.matcher(table.name()).matches()).toList();
        }
        Page<Table> page = page(tables, Table::name, "t1", nextToken, maxResults.orElse(50));
        return new Wire.ListTableMetadataResponse(page.items().stream().map(CatalogApi::tableMetadata).toList(), page.nextToken());
    }

    private Wire.GetTableMetadataResponse getTableMetadata(WireObject request)
    {
        Optional<String> catalogName = request.string("CatalogName");
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> tableName = request.string("TableName");
        Violations violations = new Violations();
        violations.required(request.pathOf("CatalogName"), catalogName);
        violations.length(request.pathOf("CatalogName"), catalogName, 1, 256);
        violations.required(request.pathOf("DatabaseName"), databaseName);
        violations.length(request.pathOf("DatabaseName"), databaseName, 1, 128);
        violations.required(request.pathOf("TableName"), tableName);
        violations.length(request.pathOf("TableName"), tableName, 1, 128);
        violations.check();
        checkCatalog(catalogName.orElseThrow());
        Table table = catalog.getTable(databaseName.orElseThrow().toLowerCase(Locale.ROOT), tableName.orElseThrow().toLowerCase(Locale.ROOT))
                .orElseThrow(CatalogApi::entityNotFound);
        return new Wire.GetTableMetadataResponse(tableMetadata(table));
    }

    /** ListTableMetadata's Expression: a regex on table names where {@code *} also works as a wildcard, as in Glue. */
    private static Pattern tableNamePattern(String expression)
    {
        String regex = expression.equals("*") ? ".*" : expression.replaceAll("(?<![.\\\\])\\*", ".*");
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        }
        catch (PatternSyntaxException e) {
            throw ApiException.invalidInput("Expression is not a valid regular expression: " + expression);
        }
    }

    private record Page<T>(List<T> items, String nextToken) {}

    /** A page of a name-ordered list: the token carries the name to resume from. */
    private static <T> Page<T> page(List<T> all, Function<T, String> name, String kind, Optional<String> nextToken, int size)
    {
        String after = nextToken.map(token -> PageToken.decode(kind, token).orElseThrow(() -> PageToken.malformed(token))).orElse("");
        List<T> items = new ArrayList<>();
        for (T item : all) {
            if (name.apply(item).compareTo(after) < 0) {
                continue;
            }
            if (items.size() == size) {
                return new Page<>(items, PageToken.encode(kind, name.apply(item)));
            }
            items.add(item);
        }
        return new Page<>(items, null);
    }

    /**
     * A catalog whose databases the call reads: the Glue catalog under any of its names. Another registered catalog's
     * metastore cannot be reached: Athena reports a failing metastore as a MetadataException.
     */
    private void checkCatalog(String name)
    {
        TableResolver.CatalogAccess access = dataCatalogs.access(name).orElseThrow(() -> catalogNotFound(name));
        if (access.refusal().isPresent()) {
            throw ApiException.of("MetadataException", 400, access.refusal().get());
        }
    }

    private static ApiException catalogNotFound(String name)
    {
        return ApiException.invalidRequest(AthenaErrorCode.DATACATALOG_NOT_FOUND, "DataCatalog " + name + " was not found.");
    }

    /** Athena passes Glue's refusal through as a MetadataException. */
    private static ApiException entityNotFound()
    {
        return ApiException.of("MetadataException", 400,
                "Entity Not Found (Service: AmazonDataCatalog; Status Code: 400; Error Code: EntityNotFoundException; Request ID: " + UUID.randomUUID() + "; Proxy: null)");
    }

    private static Wire.Database database(Database database)
    {
        return new Wire.Database(database.name(), database.description().orElse(null), database.parameters().isEmpty() ? null : database.parameters());
    }

    static Wire.TableMetadata tableMetadata(Table table)
    {
        return new Wire.TableMetadata(
                table.name(),
                table.createTime(),
                table.updateTime(),
                table.tableType().name(),
                table.columns().stream().map(CatalogApi::column).toList(),
                table.partitionKeys().stream().map(CatalogApi::column).toList(),
                flattenedParameters(table));
    }

    /** TableMetadata.Parameters: the table's parameters plus its storage descriptor, flattened as Athena shows them. */
    private static Map<String, String> flattenedParameters(Table table)
    {
        Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
        if (!table.isView()) {
            parameters.putIfAbsent("EXTERNAL", "TRUE");
            parameters.put("inputformat", table.storage().inputFormat());
            parameters.put("outputformat", table.storage().outputFormat());
            table.storage().location().ifPresent(location -> parameters.put("location", location));
            parameters.put("serde.serialization.lib", table.storage().serDeInfo().serializationLibrary());
            table.storage().serDeInfo().parameters().forEach((key, value) -> parameters.put("serde.param." + key, value));
        }
        parameters.putIfAbsent("transient_lastDdlTime", String.valueOf(table.updateTime().getEpochSecond()));
        return parameters;
    }

    private static Wire.Column column(TableColumn column)
    {
        return new Wire.Column(column.name(), column.type(), column.comment().orElse(null));
    }
}
