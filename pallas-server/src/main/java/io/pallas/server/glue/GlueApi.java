package io.pallas.server.glue;

import io.pallas.core.catalog.CatalogException;
import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.Database;
import io.pallas.core.catalog.Partition;
import io.pallas.core.catalog.SerDeInfo;
import io.pallas.core.catalog.StorageDescriptor;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;
import io.pallas.core.catalog.TableType;
import io.pallas.server.protocol.ApiException;
import io.pallas.server.protocol.Operation;
import io.pallas.server.protocol.PageToken;
import io.pallas.server.protocol.Violations;
import io.pallas.server.protocol.WireObject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * The AWS Glue catalog operations ({@code AWSGlue.<Operation>}) over the one catalog Pallas has, for clients such as
 * dbt-athena and awswrangler that read and write the catalog through Glue directly. Glue folds database and table
 * names to lower case; {@code CatalogId} members are accepted and ignored.
 */
public final class GlueApi
{
    private static final int NAME_MAX = 255;

    private final CatalogStore catalog;
    private final Clock clock;
    private final String accountId;

    public GlueApi(CatalogStore catalog, Clock clock, String accountId)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
    }

    /** The operations by name, without the {@code AWSGlue.} prefix. */
    public Map<String, Operation> operations()
    {
        Map<String, Operation> operations = new LinkedHashMap<>();
        operations.put("GetDatabases", this::getDatabases);
        operations.put("GetDatabase", this::getDatabase);
        operations.put("CreateDatabase", this::createDatabase);
        operations.put("UpdateDatabase", this::updateDatabase);
        operations.put("DeleteDatabase", this::deleteDatabase);
        operations.put("GetTables", this::getTables);
        operations.put("GetTable", this::getTable);
        operations.put("CreateTable", this::createTable);
        operations.put("UpdateTable", this::updateTable);
        operations.put("DeleteTable", this::deleteTable);
        operations.put("BatchDeleteTable", this::batchDeleteTable);
        operations.put("GetPartitions", this::getPartitions);
        operations.put("GetPartition", this::getPartition);
        operations.put("BatchGetPartition", this::batchGetPartition);
        operations.put("CreatePartition", this::createPartition);
        operations.put("BatchCreatePartition", this::batchCreatePartition);
        operations.put("UpdatePartition", this::updatePartition);
        operations.put("DeletePartition", this::deletePartition);
        operations.put("BatchDeletePartition", this::batchDeletePartition);
        // a refusal from the store that the operation did not foresee (a concurrent change) is still a Glue error
        Map<String, Operation> translated = new LinkedHashMap<>();
        operations.forEach((name, operation) -> translated.put(name, request -> {
            try {
                return operation.handle(request);
            }
            catch (CatalogException e) {
                throw GlueErrors.translate(e);
            }
        }));
        return translated;
    }

    // databases

    private GlueWire.GetDatabasesResponse getDatabases(WireObject request)
    {
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        catalogId(request, violations);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 100);
        GlueErrors.check(violations);
        Page<Database> page = page(catalog.listDatabases(), Database::name, "gd1", nextToken, maxResults.orElse(100));
        return new GlueWire.GetDatabasesResponse(page.items().stream().map(this::database).toList(), page.nextToken());
    }

    private GlueWire.GetDatabaseResponse getDatabase(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "Name", name);
        GlueErrors.check(violations);
        return new GlueWire.GetDatabaseResponse(database(requireDatabase(lower(name))));
    }

    private GlueWire.Empty createDatabase(WireObject request)
    {
        Optional<WireObject> input = request.object("DatabaseInput");
        Violations violations = new Violations();
        catalogId(request, violations);
        violations.required(request.pathOf("DatabaseInput"), input);
        DatabaseInput database = input.map(object -> databaseInput(object, violations)).orElse(null);
        GlueErrors.check(violations);
        String name = lower(database.name());
        if (catalog.getDatabase(name).isPresent()) {
            throw GlueErrors.alreadyExists(GlueErrors.DATABASE_EXISTS);
        }
        catalog.createDatabase(new Database(name, database.description(), database.locationUri(), database.parameters(), clock.instant()));
        return new GlueWire.Empty();
    }

    private GlueWire.Empty updateDatabase(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Optional<WireObject> input = request.object("DatabaseInput");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "Name", name);
        violations.required(request.pathOf("DatabaseInput"), input);
        DatabaseInput update = input.map(object -> databaseInput(object, violations)).orElse(null);
        GlueErrors.check(violations);
        Database current = requireDatabase(lower(name));
        if (!lower(update.name()).equals(current.name())) {
            throw GlueErrors.invalidInput("Renaming a database is not supported: the DatabaseInput name must be " + current.name() + ".");
        }
        catalog.replaceDatabase(new Database(current.name(), update.description(), update.locationUri(), update.parameters(), current.createTime()));
        return new GlueWire.Empty();
    }

    private GlueWire.Empty deleteDatabase(WireObject request)
    {
        Optional<String> name = request.string("Name");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "Name", name);
        GlueErrors.check(violations);
        String database = requireDatabase(lower(name)).name();
        // Glue deletes the database's tables and partitions with it
        catalog.dropDatabase(database, true);
        return new GlueWire.Empty();
    }

    private record DatabaseInput(Optional<String> name, Optional<String> description, Optional<String> locationUri, Map<String, String> parameters) {}

    private static DatabaseInput databaseInput(WireObject input, Violations violations)
    {
        Optional<String> name = input.string("Name");
        Optional<String> description = input.string("Description");
        Optional<String> locationUri = input.string("LocationUri");
        Map<String, String> parameters = input.stringMap("Parameters").orElse(Map.of());
        name(violations, input, "Name", name);
        violations.length(input.pathOf("Description"), description, 0, 2048);
        violations.length(input.pathOf("LocationUri"), locationUri, 1, 1024);
        return new DatabaseInput(name, description, locationUri, parameters);
    }

    // tables

    private GlueWire.GetTablesResponse getTables(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> expression = request.string("Expression");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        violations.length(request.pathOf("Expression"), expression, 0, 2048);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 100);
        GlueErrors.check(violations);
        String database = requireDatabase(lower(databaseName)).name();
        List<Table> tables = catalog.listTables(database);
        if (expression.isPresent() && !expression.get().isEmpty()) {
            Pattern pattern = tableNamePattern(expression.get());
            tables = tables.stream().filter(table -> pattern.matcher(table.name()).matches()).toList();
        }
        Page<Table> page = page(tables, Table::name, "gt1", nextToken, maxResults.orElse(100));
        return new GlueWire.GetTablesResponse(page.items().stream().map(this::table).toList(), page.nextToken());
    }

    private GlueWire.GetTableResponse getTable(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> name = request.string("Name");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        name(violations, request, "Name", name);
        GlueErrors.check(violations);
        return new GlueWire.GetTableResponse(table(requireTable(lower(databaseName), lower(name))));
    }

    private GlueWire.Empty createTable(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<WireObject> input = request.object("TableInput");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        // TableInput is optional in the model (Iceberg tables come with OpenTableFormatInput), but Pallas needs it
        violations.required(request.pathOf("TableInput"), input);
        TableInput table = input.map(object -> tableInput(object, violations)).orElse(null);
        GlueErrors.check(violations);
        String database = requireDatabase(lower(databaseName)).name();
        String name = lower(table.name());
        if (catalog.getTable(database, name).isPresent()) {
            throw GlueErrors.alreadyExists(GlueErrors.TABLE_EXISTS);
        }
        Instant now = clock.instant();
        catalog.createTable(table.toTable(database, name, now, now, 1));
        return new GlueWire.Empty();
    }

    private GlueWire.Empty updateTable(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> name = request.string("Name");
        Optional<WireObject> input = request.object("TableInput");
        Optional<String> versionId = request.string("VersionId");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        violations.length(request.pathOf("Name"), name, 1, NAME_MAX);
        violations.required(request.pathOf("TableInput"), input);
        violations.length(request.pathOf("VersionId"), versionId, 1, 255);
        TableInput update = input.map(object -> tableInput(object, violations)).orElse(null);
        GlueErrors.check(violations);
        String tableName = lower(update.name());
        if (name.isPresent() && !lower(name).equals(tableName)) {
            throw GlueErrors.invalidInput("Renaming a table is not supported: the TableInput name must be " + lower(name) + ".");
        }
        Table current = requireTable(lower(databaseName), tableName);
        if (versionId.isPresent() && !versionId.get().equals(String.valueOf(current.version()))) {
            throw GlueErrors.concurrentModification("Update table failed due to concurrent modifications: the table is at version " + current.version()
                    + ", not " + versionId.get() + ".");
        }
        // read-modify-write on the version read: a change in between is refused by the store, not overwritten
        Table replacement = update.toTable(current.databaseName(), current.name(), current.createTime(), clock.instant(), current.version() + 1);
        try {
            catalog.replaceTable(replacement);
        }
        catch (CatalogException e) {
            if (e.kind() == CatalogException.Kind.CONCURRENT_MODIFICATION) {
                throw GlueErrors.concurrentModification("Update table failed due to concurrent modifications.");
            }
            throw e;
        }
        return new GlueWire.Empty();
    }

    private GlueWire.Empty deleteTable(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> name = request.string("Name");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        name(violations, request, "Name", name);
        GlueErrors.check(violations);
        Table table = requireTable(lower(databaseName), lower(name));
        catalog.dropTable(table.databaseName(), table.name());
        return new GlueWire.Empty();
    }

    private GlueWire.BatchDeleteTableResponse batchDeleteTable(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<List<String>> names = request.stringList("TablesToDelete");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        violations.required(request.pathOf("TablesToDelete"), names);
        violations.size(request.pathOf("TablesToDelete"), names, 0, 100);
        names.ifPresent(list -> notNullElements(violations, request.pathOf("TablesToDelete"), list));
        GlueErrors.check(violations);
        String database = requireDatabase(lower(databaseName)).name();
        List<GlueWire.TableError> errors = new ArrayList<>();
        for (String name : names.orElseThrow()) {
            try {
                catalog.dropTable(database, name.toLowerCase(Locale.ROOT));
            }
            catch (CatalogException e) {
                ApiException error = e.kind() == CatalogException.Kind.NOT_FOUND ? GlueErrors.tableNotFound(name.toLowerCase(Locale.ROOT)) : GlueErrors.translate(e);
                errors.add(new GlueWire.TableError(name, errorDetail(error)));
            }
        }
        return new GlueWire.BatchDeleteTableResponse(errors);
    }

    private record TableInput(
            Optional<String> name,
            Optional<String> description,
            Optional<String> owner,
            List<TableColumn> columns,
            StorageDescriptor storage,
            List<TableColumn> partitionKeys,
            Optional<String> viewOriginalText,
            Optional<String> viewExpandedText,
            TableType tableType,
            Map<String, String> parameters)
    {
        Table toTable(String databaseName, String tableName, Instant createTime, Instant updateTime, long version)
        {
            return new Table(databaseName, tableName, tableType, columns, partitionKeys, storage, parameters, description, viewOriginalText, viewExpandedText, owner,
                    createTime, updateTime, version);
        }
    }

    private static TableInput tableInput(WireObject input, Violations violations)
    {
        Optional<String> name = input.string("Name");
        Optional<String> description = input.string("Description");
        Optional<String> owner = input.string("Owner");
        Optional<WireObject> storage = input.object("StorageDescriptor");
        Optional<List<WireObject>> partitionKeys = input.objectList("PartitionKeys");
        Optional<String> viewOriginalText = input.string("ViewOriginalText");
        Optional<String> viewExpandedText = input.string("ViewExpandedText");
        Optional<String> tableType = input.string("TableType");
        Map<String, String> parameters = input.stringMap("Parameters").orElse(Map.of());
        name(violations, input, "Name", name);
        violations.length(input.pathOf("Description"), description, 0, 2048);
        violations.length(input.pathOf("Owner"), owner, 1, NAME_MAX);
        violations.length(input.pathOf("ViewOriginalText"), viewOriginalText, 0, 409600);
        violations.length(input.pathOf("ViewExpandedText"), viewExpandedText, 0, 409600);
        violations.length(input.pathOf("TableType"), tableType, 0, 255);
        List<TableColumn> columns = storage.flatMap(sd -> sd.objectList("Columns")).map(list -> columns(list, violations)).orElse(List.of());
        StorageDescriptor descriptor = storage.map(sd -> storageDescriptor(sd, violations, Optional.empty())).orElse(
                new StorageDescriptor(Optional.empty(), "", "", new SerDeInfo("", Map.of()), List.of(), 0, false));
        TableType type = TableType.EXTERNAL_TABLE;
        if (tableType.isPresent() && !tableType.get().isEmpty()) {
            try {
                type = TableType.valueOf(tableType.get());
            }
            catch (IllegalArgumentException _) {
                violations.violation(input.pathOf("TableType"), "Member must be EXTERNAL_TABLE or VIRTUAL_VIEW in Pallas");
            }
        }
        return new TableInput(name, description, owner, columns, descriptor, partitionKeys.map(list -> columns(list, violations)).orElse(List.of()),
                viewOriginalText, viewExpandedText, type, parameters);
    }

    private static List<TableColumn> columns(List<WireObject> list, Violations violations)
    {
        List<TableColumn> columns = new ArrayList<>();
        for (WireObject column : list) {
            Optional<String> name = column.string("Name");
            Optional<String> type = column.string("Type");
            Optional<String> comment = column.string("Comment");
            name(violations, column, "Name", name);
            violations.length(column.pathOf("Type"), type, 0, 131072);
            violations.length(column.pathOf("Comment"), comment, 0, 255);
            columns.add(new TableColumn(name.orElse(""), type.orElse(""), comment));
        }
        return columns;
    }

    /** A storage descriptor from its input; a partition's takes what it does not say from its table's. */
    private static StorageDescriptor storageDescriptor(WireObject sd, Violations violations, Optional<StorageDescriptor> defaults)
    {
        Optional<String> location = sd.string("Location");
        Optional<String> inputFormat = sd.string("InputFormat");
        Optional<String> outputFormat = sd.string("OutputFormat");
        Optional<Boolean> compressed = sd.bool("Compressed");
        Optional<Integer> numberOfBuckets = sd.integer("NumberOfBuckets");
        Optional<WireObject> serde = sd.object("SerdeInfo");
        Optional<List<String>> bucketColumns = sd.stringList("BucketColumns");
        violations.length(sd.pathOf("Location"), location, 0, 2056);
        violations.length(sd.pathOf("InputFormat"), inputFormat, 0, 128);
        violations.length(sd.pathOf("OutputFormat"), outputFormat, 0, 128);
        bucketColumns.ifPresent(list -> notNullElements(violations, sd.pathOf("BucketColumns"), list));
        SerDeInfo serDeInfo = serde.map(info -> {
            Optional<String> name = info.string("Name");
            Optional<String> library = info.string("SerializationLibrary");
            violations.length(info.pathOf("Name"), name, 1, NAME_MAX);
            violations.length(info.pathOf("SerializationLibrary"), library, 1, NAME_MAX);
            Map<String, String> parameters = info.stringMap("Parameters").orElse(Map.of());
            return new SerDeInfo(library.orElse(defaults.map(d -> d.serDeInfo().serializationLibrary()).orElse("")), parameters);
        }).orElseGet(() -> defaults.map(StorageDescriptor::serDeInfo).orElse(new SerDeInfo("", Map.of())));
        return new StorageDescriptor(
                location.filter(text -> !text.isEmpty()),
                inputFormat.orElse(defaults.map(StorageDescriptor::inputFormat).orElse("")),
                outputFormat.orElse(defaults.map(StorageDescriptor::outputFormat).orElse("")),
                serDeInfo,
                bucketColumns.orElse(defaults.map(StorageDescriptor::bucketColumns).orElse(List.of())),
                numberOfBuckets.orElse(defaults.map(StorageDescriptor::numberOfBuckets).orElse(0)),
                compressed.orElse(defaults.map(StorageDescriptor::compressed).orElse(false)));
    }

    /** GetTables' Expression: a regex on table names where {@code *} also works as a wildcard, as in Glue. */
    private static Pattern tableNamePattern(String expression)
    {
        String regex = expression.replaceAll("(?<![.\\\\\\]])\\*", ".*");
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        }
        catch (PatternSyntaxException _) {
            throw GlueErrors.invalidInput("Expression is not a valid regular expression: " + expression);
        }
    }

    // partitions

    private GlueWire.GetPartitionsResponse getPartitions(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> tableName = request.string("TableName");
        Optional<String> expression = request.string("Expression");
        Optional<String> nextToken = request.string("NextToken");
        Optional<Integer> maxResults = request.integer("MaxResults");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        name(violations, request, "TableName", tableName);
        violations.length(request.pathOf("Expression"), expression, 0, 2048);
        violations.range(request.pathOf("MaxResults"), maxResults, 1, 1000);
        GlueErrors.check(violations);
        if (request.object("Segment").isPresent()) {
            throw GlueErrors.invalidInput("Segment is not supported by Pallas.");
        }
        Table table = requireTable(lower(databaseName), lower(tableName));
        List<Partition> partitions = catalog.listPartitions(table.databaseName(), table.name());
        if (expression.isPresent() && !expression.get().isBlank()) {
            Predicate<List<String>> filter;
            try {
                filter = PartitionExpression.parse(expression.get(), table.partitionKeys());
            }
            catch (PartitionExpression.InvalidExpressionException e) {
                throw GlueErrors.invalidInput(e.getMessage());
            }
            partitions = partitions.stream().filter(partition -> filter.test(partition.values())).toList();
        }
        Page<Partition> page = page(partitions, partition -> valuesPosition(partition.values()), "gp1", nextToken, maxResults.orElse(1000));
        return new GlueWire.GetPartitionsResponse(page.items().stream().map(partition -> partition(table, partition)).toList(), page.nextToken());
    }

    /** The table and the partition values that GetPartition and DeletePartition name, checked. */
    private record PartitionAddress(Table table, List<String> values) {}

    private PartitionAddress partitionAddress(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> tableName = request.string("TableName");
        Optional<List<String>> values = request.stringList("PartitionValues");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        name(violations, request, "TableName", tableName);
        violations.required(request.pathOf("PartitionValues"), values);
        values.ifPresent(list -> notNullElements(violations, request.pathOf("PartitionValues"), list));
        GlueErrors.check(violations);
        Table table = requireTable(lower(databaseName), lower(tableName));
        requireValuesOf(table, values.orElseThrow());
        return new PartitionAddress(table, values.orElseThrow());
    }

    /** The table and the partition value lists that BatchGetPartition and BatchDeletePartition name, checked. */
    private record PartitionBatch(Table table, List<List<String>> keys) {}

    private PartitionBatch partitionBatch(WireObject request, String member, int maxEntries)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> tableName = request.string("TableName");
        Optional<List<WireObject>> entries = request.objectList(member);
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        name(violations, request, "TableName", tableName);
        violations.required(request.pathOf(member), entries);
        violations.size(request.pathOf(member), entries, 0, maxEntries);
        List<List<String>> keys = entries.map(list -> valueLists(list, violations)).orElse(List.of());
        GlueErrors.check(violations);
        return new PartitionBatch(requireTable(lower(databaseName), lower(tableName)), keys);
    }

    private GlueWire.GetPartitionResponse getPartition(WireObject request)
    {
        PartitionAddress address = partitionAddress(request);
        Table table = address.table();
        Partition partition = catalog.getPartition(table.databaseName(), table.name(), address.values()).orElseThrow(GlueErrors::partitionNotFound);
        return new GlueWire.GetPartitionResponse(partition(table, partition));
    }

    private GlueWire.BatchGetPartitionResponse batchGetPartition(WireObject request)
    {
        PartitionBatch batch = partitionBatch(request, "PartitionsToGet", 1000);
        Table table = batch.table();
        List<List<String>> keys = batch.keys();
        List<GlueWire.Partition> partitions = new ArrayList<>();
        for (List<String> values : keys) {
            // as Glue does: a partition that does not exist is left out, not reported
            if (values.size() == table.partitionKeys().size()) {
                catalog.getPartition(table.databaseName(), table.name(), values).ifPresent(partition -> partitions.add(partition(table, partition)));
            }
        }
        return new GlueWire.BatchGetPartitionResponse(partitions, List.of());
    }

    private GlueWire.Empty createPartition(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> tableName = request.string("TableName");
        Optional<WireObject> input = request.object("PartitionInput");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        name(violations, request, "TableName", tableName);
        violations.required(request.pathOf("PartitionInput"), input);
        GlueErrors.check(violations);
        Table table = requireTable(lower(databaseName), lower(tableName));
        Partition partition = partitionInput(input.orElseThrow(), table, Optional.empty());
        if (catalog.getPartition(table.databaseName(), table.name(), partition.values()).isPresent()) {
            throw GlueErrors.alreadyExists(GlueErrors.PARTITION_EXISTS);
        }
        catalog.addPartitions(List.of(partition), false);
        return new GlueWire.Empty();
    }

    private GlueWire.PartitionErrorsResponse batchCreatePartition(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> tableName = request.string("TableName");
        Optional<List<WireObject>> inputs = request.objectList("PartitionInputList");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        name(violations, request, "TableName", tableName);
        violations.required(request.pathOf("PartitionInputList"), inputs);
        violations.size(request.pathOf("PartitionInputList"), inputs, 0, 100);
        GlueErrors.check(violations);
        Table table = requireTable(lower(databaseName), lower(tableName));
        List<Partition> toAdd = new ArrayList<>();
        List<GlueWire.PartitionError> errors = new ArrayList<>();
        Set<List<String>> seen = new HashSet<>();
        for (WireObject input : inputs.orElseThrow()) {
            List<String> values = input.stringList("Values").orElse(List.of());
            Partition partition;
            try {
                partition = partitionInput(input, table, Optional.empty());
            }
            catch (ApiException e) {
                errors.add(new GlueWire.PartitionError(values, errorDetail(e)));
                continue;
            }
            if (!seen.add(partition.values()) || catalog.getPartition(table.databaseName(), table.name(), partition.values()).isPresent()) {
                errors.add(new GlueWire.PartitionError(values, errorDetail(GlueErrors.alreadyExists(GlueErrors.PARTITION_EXISTS))));
                continue;
            }
            toAdd.add(partition);
        }
        // one partition added concurrently since the check above is skipped rather than failing the others
        catalog.addPartitions(toAdd, true);
        return new GlueWire.PartitionErrorsResponse(errors);
    }

    private GlueWire.Empty updatePartition(WireObject request)
    {
        Optional<String> databaseName = request.string("DatabaseName");
        Optional<String> tableName = request.string("TableName");
        Optional<List<String>> values = request.stringList("PartitionValueList");
        Optional<WireObject> input = request.object("PartitionInput");
        Violations violations = new Violations();
        catalogId(request, violations);
        name(violations, request, "DatabaseName", databaseName);
        name(violations, request, "TableName", tableName);
        violations.required(request.pathOf("PartitionValueList"), values);
        violations.size(request.pathOf("PartitionValueList"), values, 0, 100);
        values.ifPresent(list -> notNullElements(violations, request.pathOf("PartitionValueList"), list));
        violations.required(request.pathOf("PartitionInput"), input);
        GlueErrors.check(violations);
        Table table = requireTable(lower(databaseName), lower(tableName));
        requireValuesOf(table, values.orElseThrow());
        Partition current = catalog.getPartition(table.databaseName(), table.name(), values.orElseThrow()).orElseThrow(GlueErrors::partitionNotFound);
        Partition update = partitionInput(input.orElseThrow(), table, Optional.of(current));
        if (!update.values().equals(current.values())) {
            throw GlueErrors.invalidInput("Changing the values of a partition is not supported: the PartitionInput values must be " + current.values() + ".");
        }
        catalog.replacePartition(new Partition(current.databaseName(), current.tableName(), current.values(), update.storage(), update.parameters(), current.createTime()));
        return new GlueWire.Empty();
    }

    private GlueWire.Empty deletePartition(WireObject request)
    {
        PartitionAddress address = partitionAddress(request);
        Table table = address.table();
        if (catalog.getPartition(table.databaseName(), table.name(), address.values()).isEmpty()) {
            throw GlueErrors.partitionNotFound();
        }
        catalog.dropPartitions(table.databaseName(), table.name(), List.of(address.values()), false);
        return new GlueWire.Empty();
    }

    private GlueWire.PartitionErrorsResponse batchDeletePartition(WireObject request)
    {
        PartitionBatch batch = partitionBatch(request, "PartitionsToDelete", 25);
        Table table = batch.table();
        List<List<String>> keys = batch.keys();
        List<List<String>> existing = new ArrayList<>();
        List<GlueWire.PartitionError> errors = new ArrayList<>();
        for (List<String> values : keys) {
            if (values.size() != table.partitionKeys().size()) {
                errors.add(new GlueWire.PartitionError(values, errorDetail(GlueErrors.invalidInput(GlueErrors.PARTITION_VALUES_MISMATCH))));
            }
            else if (existing.contains(values) || catalog.getPartition(table.databaseName(), table.name(), values).isEmpty()) {
                errors.add(new GlueWire.PartitionError(values, errorDetail(GlueErrors.partitionNotFound())));
            }
            else {
                existing.add(values);
            }
        }
        catalog.dropPartitions(table.databaseName(), table.name(), existing, true);
        return new GlueWire.PartitionErrorsResponse(errors);
    }

    /** A partition from its PartitionInput; when updating, what the input leaves out is kept from the current partition. */
    private Partition partitionInput(WireObject input, Table table, Optional<Partition> current)
    {
        Optional<List<String>> values = input.stringList("Values");
        Optional<WireObject> storage = input.object("StorageDescriptor");
        Optional<Map<String, String>> parameters = input.stringMap("Parameters");
        Violations violations = new Violations();
        if (current.isEmpty()) {
            violations.required(input.pathOf("Values"), values);
        }
        values.ifPresent(list -> notNullElements(violations, input.pathOf("Values"), list));
        StorageDescriptor defaults = current.map(Partition::storage).orElse(table.storage().withLocation(Optional.empty()));
        StorageDescriptor descriptor = storage.map(sd -> storageDescriptor(sd, violations, Optional.of(defaults))).orElse(defaults);
        GlueErrors.check(violations);
        List<String> partitionValues = values.orElseGet(() -> current.orElseThrow().values());
        requireValuesOf(table, partitionValues);
        return new Partition(table.databaseName(), table.name(), partitionValues, descriptor,
                parameters.orElseGet(() -> current.map(Partition::parameters).orElse(Map.of())),
                current.map(Partition::createTime).orElseGet(clock::instant));
    }

    private static List<List<String>> valueLists(List<WireObject> list, Violations violations)
    {
        List<List<String>> keys = new ArrayList<>();
        for (WireObject item : list) {
            Optional<List<String>> values = item.stringList("Values");
            violations.required(item.pathOf("Values"), values);
            values.ifPresent(v -> notNullElements(violations, item.pathOf("Values"), v));
            keys.add(values.orElse(List.of()));
        }
        return keys;
    }

    private static void requireValuesOf(Table table, List<String> values)
    {
        if (values.size() != table.partitionKeys().size()) {
            throw GlueErrors.invalidInput(GlueErrors.PARTITION_VALUES_MISMATCH);
        }
    }

    // common

    private Database requireDatabase(String name)
    {
        return catalog.getDatabase(name).orElseThrow(() -> GlueErrors.databaseNotFound(name));
    }

    private Table requireTable(String databaseName, String tableName)
    {
        return catalog.getTable(databaseName, tableName).orElseThrow(() -> {
            requireDatabase(databaseName);
            return GlueErrors.tableNotFound(tableName);
        });
    }

    private static void catalogId(WireObject request, Violations violations)
    {
        // one catalog: any CatalogId names it
        violations.length(request.pathOf("CatalogId"), request.string("CatalogId"), 1, NAME_MAX);
    }

    private static void name(Violations violations, WireObject object, String member, Optional<String> value)
    {
        violations.required(object.pathOf(member), value);
        violations.length(object.pathOf(member), value, 1, NAME_MAX);
    }

    private static void notNullElements(Violations violations, String path, List<String> list)
    {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                violations.required(path + "." + (i + 1) + ".member", Optional.empty());
            }
        }
    }

    private static String lower(Optional<String> name)
    {
        return name.orElseThrow().toLowerCase(Locale.ROOT);
    }

    private static GlueWire.ErrorDetail errorDetail(ApiException error)
    {
        return new GlueWire.ErrorDetail(error.type(), error.wireMessage().orElse(null));
    }

    private record Page<T>(List<T> items, String nextToken) {}

    /**
     * A page of a list in the store's order (names, or partition values, by their UTF-8 bytes): the token carries
     * the position of the first item of the next page.
     */
    private static <T> Page<T> page(List<T> all, Function<T, String> position, String kind, Optional<String> nextToken, int size)
    {
        String from = nextToken.map(token -> PageToken.decode(kind, token).orElseThrow(() -> GlueErrors.invalidInput("Invalid pagination token: " + token)))
                .orElse("");
        Comparator<String> order = (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
        List<T> items = new ArrayList<>();
        for (T item : all) {
            if (order.compare(position.apply(item), from) < 0) {
                continue;
            }
            if (items.size() == size) {
                return new Page<>(items, PageToken.encode(kind, position.apply(item)));
            }
            items.add(item);
        }
        return new Page<>(items, null);
    }

    /**
     * Partition values as one string that sorts as the store orders partitions: each value's UTF-8 bytes with 0x00
     * and 0x01 escaped, each ended by 0x00 (so a shorter value sorts first), in hex, which keeps the byte order.
     */
    private static String valuesPosition(List<String> values)
    {
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        for (String value : values) {
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                if (b == 0x00 || b == 0x01) {
                    key.write(0x01);
                    key.write(b + 1);
                }
                else {
                    key.write(b);
                }
            }
            key.write(0x00);
        }
        return HexFormat.of().formatHex(key.toByteArray());
    }

    private GlueWire.Database database(Database database)
    {
        return new GlueWire.Database(database.name(), database.description().orElse(null), database.locationUri().orElse(null), database.parameters(),
                database.createTime(), accountId);
    }

    private GlueWire.Table table(Table table)
    {
        return new GlueWire.Table(
                table.name(),
                table.databaseName(),
                table.description().orElse(null),
                table.owner().orElse(null),
                table.createTime(),
                table.updateTime(),
                0,
                storageDescriptor(table.columns(), table.storage()),
                columns(table.partitionKeys()),
                table.viewOriginalText().orElse(null),
                table.viewExpandedText().orElse(null),
                table.tableType().name(),
                table.parameters(),
                false,
                accountId,
                String.valueOf(table.version()));
    }

    /** A partition as Glue answers it: its storage descriptor lists the table's columns. */
    private GlueWire.Partition partition(Table table, Partition partition)
    {
        return new GlueWire.Partition(partition.values(), partition.databaseName(), partition.tableName(), partition.createTime(),
                storageDescriptor(table.columns(), partition.storage()), partition.parameters(), accountId);
    }

    private static GlueWire.StorageDescriptor storageDescriptor(List<TableColumn> columns, StorageDescriptor storage)
    {
        return new GlueWire.StorageDescriptor(
                columns(columns),
                storage.location().orElse(null),
                emptyToNull(storage.inputFormat()),
                emptyToNull(storage.outputFormat()),
                storage.compressed(),
                storage.numberOfBuckets(),
                new GlueWire.SerDeInfo(emptyToNull(storage.serDeInfo().serializationLibrary()), storage.serDeInfo().parameters()),
                storage.bucketColumns(),
                List.of(),
                false);
    }

    private static List<GlueWire.Column> columns(List<TableColumn> columns)
    {
        return columns.stream().map(column -> new GlueWire.Column(column.name(), emptyToNull(column.type()), column.comment().orElse(null))).toList();
    }

    private static String emptyToNull(String text)
    {
        return text.isEmpty() ? null : text;
    }
}
