package io.pallas.server.catalog;

import io.pallas.core.catalog.CatalogException;
import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.Database;
import io.pallas.core.catalog.Partition;
import io.pallas.core.catalog.StorageDescriptor;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;
import io.pallas.core.catalog.TableType;
import io.pallas.core.engine.ResultSink;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;
import io.pallas.core.type.Column;
import io.pallas.core.type.SqlType;
import io.pallas.sql.hive.ColumnDefinition;
import io.pallas.sql.hive.HiveStatement;
import io.pallas.sql.hive.HiveStorageFormats;
import io.pallas.sql.hive.PartitionSpec;
import io.pallas.sql.hive.PartitionSpecWithLocation;
import io.pallas.sql.hive.QualifiedName;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static java.util.Objects.requireNonNull;

/**
 * Runs Athena's Hive DDL and utility statements against the catalog: databases, tables, partitions, MSCK REPAIR,
 * and the SHOW / DESCRIBE family, whose rows go to the statement's {@code .txt} result. Failures are Hive's
 * {@code FAILED: …} texts ({@link HiveDdlFailure}).
 */
public final class HiveDdlExecutor
{
    private static final SqlType STRING = SqlType.HIVE_STRING;

    private final CatalogStore catalog;
    private final ObjectStore objectStore;
    private final Clock clock;

    public HiveDdlExecutor(CatalogStore catalog, ObjectStore objectStore, Clock clock)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.objectStore = requireNonNull(objectStore, "objectStore is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Runs the statement; {@code currentDatabase} is the query's database (lower-case). Statements without output
     * still announce their (empty) column list, so the result object is written.
     */
    public void execute(HiveStatement statement, String currentDatabase, ResultSink sink)
            throws IOException
    {
        switch (statement) {
            case HiveStatement.CreateDatabase create -> createDatabase(create, sink);
            case HiveStatement.DropDatabase drop -> dropDatabase(drop, sink);
            case HiveStatement.AlterDatabaseSetProperties alter -> alterDatabase(alter, sink);
            case HiveStatement.CreateTable create -> createTable(create, currentDatabase, sink);
            case HiveStatement.DropTable drop -> dropTable(drop.name(), drop.ifExists(), false, currentDatabase, sink);
            case HiveStatement.DropView drop -> dropTable(drop.name(), drop.ifExists(), true, currentDatabase, sink);
            case HiveStatement.AlterTableAddPartitions add -> addPartitions(add, currentDatabase, sink);
            case HiveStatement.AlterTableDropPartitions drop -> dropPartitions(drop, currentDatabase, sink);
            case HiveStatement.AlterTableAddColumns add -> alterTable(add.name(), currentDatabase, sink,
                    table -> table.withColumns(concat(table.columns(), columns(add.columns()))));
            case HiveStatement.AlterTableReplaceColumns replace -> alterTable(replace.name(), currentDatabase, sink,
                    table -> table.withColumns(columns(replace.columns())));
            case HiveStatement.AlterTableSetLocation set -> setLocation(set, currentDatabase, sink);
            case HiveStatement.AlterTableSetProperties set -> alterTable(set.name(), currentDatabase, sink, table -> {
                Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
                parameters.putAll(set.tblProperties());
                return table.withParameters(parameters);
            });
            case HiveStatement.AlterTableUnsetProperties unset -> alterTable(unset.name(), currentDatabase, sink, table -> {
                Map<String, String> parameters = new LinkedHashMap<>(table.parameters());
                unset.keys().forEach(parameters::remove);
                return table.withParameters(parameters);
            });
            case HiveStatement.MsckRepairTable repair -> msckRepair(repair, currentDatabase, sink);
            case HiveStatement.ShowDatabases show -> showDatabases(show, sink);
            case HiveStatement.ShowTables show -> showTables(show.database().orElse(currentDatabase), show.pattern(), false, sink);
            case HiveStatement.ShowViews show -> showTables(show.database().orElse(currentDatabase), show.pattern(), true, sink);
            case HiveStatement.ShowColumns show -> {
                Table table = table(new QualifiedName(show.database().or(() -> show.name().database()), show.name().table()), currentDatabase);
                rows(sink, List.of(new Column("field", STRING)), HiveText.showColumns(table).stream().map(name -> List.of(name)).toList());
            }
            case HiveStatement.ShowPartitions show -> showPartitions(show, currentDatabase, sink);
            case HiveStatement.ShowTblProperties show -> showTblProperties(show, currentDatabase, sink);
            case HiveStatement.ShowCreateTable show -> {
                Table table = table(show.name(), currentDatabase);
                List<String> lines = table.isView() ? viewDdl(table) : HiveText.showCreateTable(table);
                rows(sink, List.of(new Column("createtab_stmt", STRING)), lines.stream().map(line -> List.of(line)).toList());
            }
            case HiveStatement.ShowCreateView show -> {
                Table view = table(show.name(), currentDatabase);
                if (!view.isView()) {
                    throw HiveDdlFailure.semantic("[Error 10001]: Table not found " + view.databaseName() + "." + view.name() + " is not a view", 1301);
                }
                rows(sink, List.of(new Column("create view", SqlType.VARCHAR)), viewDdl(view).stream().map(line -> List.of(line)).toList());
            }
            case HiveStatement.Describe describe -> describe(describe, currentDatabase, sink);
            default -> throw HiveDdlFailure.notSupported("Statement " + statement.getClass().getSimpleName() + " is not supported by Pallas yet");
        }
    }

    // ---------------------------------------------------------------- databases

    private void createDatabase(HiveStatement.CreateDatabase create, ResultSink sink)
            throws IOException
    {
        String name = lower(create.name());
        if (catalog.getDatabase(name).isPresent()) {
            if (create.ifNotExists()) {
                noRows(sink);
                return;
            }
            throw HiveDdlFailure.alreadyExists("Database " + name + " already exists", "Database " + name + " already exists.");
        }
        catalog.createDatabase(new Database(name, create.comment(), create.location(), create.dbProperties(), clock.instant()));
        noRows(sink);
    }

    private void dropDatabase(HiveStatement.DropDatabase drop, ResultSink sink)
            throws IOException
    {
        String name = lower(drop.name());
        if (catalog.getDatabase(name).isEmpty()) {
            if (drop.ifExists()) {
                noRows(sink);
                return;
            }
            throw databaseNotFound(name);
        }
        if (!drop.cascade() && !catalog.listTables(name).isEmpty()) {
            throw HiveDdlFailure.execution("InvalidOperationException", "Database " + name + " is not empty. One or more tables exist.",
                    "Database " + name + " is not empty. One or more tables exist.");
        }
        catalog.dropDatabase(name, drop.cascade());
        noRows(sink);
    }

    private void alterDatabase(HiveStatement.AlterDatabaseSetProperties alter, ResultSink sink)
            throws IOException
    {
        String name = lower(alter.name());
        Database database = catalog.getDatabase(name).orElseThrow(() -> databaseNotFound(name));
        Map<String, String> parameters = new LinkedHashMap<>(database.parameters());
        parameters.putAll(alter.dbProperties());
        catalog.replaceDatabase(new Database(database.name(), database.description(), database.locationUri(), parameters, database.createTime()));
        noRows(sink);
    }

    // ---------------------------------------------------------------- tables

    private void createTable(HiveStatement.CreateTable create, String currentDatabase, ResultSink sink)
            throws IOException
    {
        String database = lower(create.name().databaseOr(currentDatabase));
        String name = lower(create.name().table());
        if (catalog.getDatabase(database).isEmpty()) {
            throw databaseNotFound(database);
        }
        if (!create.partitionTransforms().isEmpty() || "iceberg".equalsIgnoreCase(create.tblProperties().getOrDefault("table_type", ""))) {
            throw HiveDdlFailure.notSupported("Iceberg tables are not supported by Pallas yet");
        }
        if (!create.external()) {
            throw HiveDdlFailure.notSupported("Only external tables are supported: use CREATE EXTERNAL TABLE");
        }
        if (catalog.getTable(database, name).isPresent()) {
            if (create.ifNotExists()) {
                noRows(sink);
                return;
            }
            throw HiveDdlFailure.alreadyExists("Table " + name + " already exist", "Table " + name + " already exists.");
        }
        Instant now = clock.instant();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("EXTERNAL", "TRUE");
        parameters.putAll(create.tblProperties());
        parameters.put("transient_lastDdlTime", String.valueOf(now.getEpochSecond()));
        StorageDescriptor storage = HiveStorageFormats.storageDescriptor(create);
        try {
            catalog.createTable(new Table(database, name, TableType.EXTERNAL_TABLE, columns(create.columns()), columns(create.partitionedBy()), storage,
                    parameters, create.comment(), Optional.empty(), Optional.empty(), Optional.of("hadoop"), now, now, 1));
        }
        catch (CatalogException e) {
            if (e.kind() == CatalogException.Kind.ALREADY_EXISTS) {
                throw HiveDdlFailure.alreadyExists("Table " + name + " already exist", "Table " + name + " already exists.");
            }
            throw e;
        }
        noRows(sink);
    }

    private void dropTable(QualifiedName name, boolean ifExists, boolean view, String currentDatabase, ResultSink sink)
            throws IOException
    {
        String database = lower(name.databaseOr(currentDatabase));
        Optional<Table> table = catalog.getTable(database, lower(name.table()));
        if (table.isEmpty()) {
            if (ifExists) {
                noRows(sink);
                return;
            }
            throw tableNotFound(database, lower(name.table()));
        }
        if (view && !table.get().isView()) {
            throw HiveDdlFailure.semantic("[Error 10131]: Cannot drop a base table with DROP VIEW", 1006);
        }
        if (!view && table.get().isView()) {
            throw HiveDdlFailure.semantic("[Error 10134]: Cannot drop a view with DROP TABLE", 1006);
        }
        catalog.dropTable(database, table.get().name());
        noRows(sink);
    }

    /** Read, change, write with the version read: a concurrent change of the same table fails instead of being lost. */
    private void alterTable(QualifiedName name, String currentDatabase, ResultSink sink, UnaryOperator<Table> change)
            throws IOException
    {
        Table table = table(name, currentDatabase);
        Table changed = change.apply(table);
        catalog.replaceTable(changed.withParameters(withDdlTime(changed.parameters())).nextVersion(clock.instant()));
        noRows(sink);
    }

    private Map<String, String> withDdlTime(Map<String, String> parameters)
    {
        Map<String, String> updated = new LinkedHashMap<>(parameters);
        if (updated.containsKey("transient_lastDdlTime")) {
            updated.put("transient_lastDdlTime", String.valueOf(clock.instant().getEpochSecond()));
        }
        return updated;
    }

    private void setLocation(HiveStatement.AlterTableSetLocation set, String currentDatabase, ResultSink sink)
            throws IOException
    {
        if (set.partition().isEmpty()) {
            alterTable(set.name(), currentDatabase, sink, table -> table.withStorage(table.storage().withLocation(Optional.of(set.location()))));
            return;
        }
        Table table = table(set.name(), currentDatabase);
        List<String> values = partitionValues(table, set.partition().get());
        Partition partition = catalog.getPartition(table.databaseName(), table.name(), values)
                .orElseThrow(() -> partitionNotFound(set.partition().get()));
        catalog.replacePartition(new Partition(partition.databaseName(), partition.tableName(), partition.values(),
                partition.storage().withLocation(Optional.of(set.location())), partition.parameters(), partition.createTime()));
        noRows(sink);
    }

    // ---------------------------------------------------------------- partitions

    private void addPartitions(HiveStatement.AlterTableAddPartitions add, String currentDatabase, ResultSink sink)
            throws IOException
    {
        Table table = table(add.name(), currentDatabase);
        Instant now = clock.instant();
        List<Partition> partitions = new ArrayList<>();
        for (PartitionSpecWithLocation spec : add.partitions()) {
            List<String> values = partitionValues(table, spec.partition());
            String location = spec.location().orElseGet(() -> defaultPartitionLocation(table, values));
            partitions.add(new Partition(table.databaseName(), table.name(), values, table.storage().withLocation(Optional.of(location)), Map.of(), now));
        }
        try {
            catalog.addPartitions(partitions, add.ifNotExists());
        }
        catch (CatalogException e) {
            if (e.kind() == CatalogException.Kind.ALREADY_EXISTS) {
                throw HiveDdlFailure.alreadyExists("Partition already exists: " + e.getMessage(), "Partition already exists.");
            }
            throw e;
        }
        noRows(sink);
    }

    private void dropPartitions(HiveStatement.AlterTableDropPartitions drop, String currentDatabase, ResultSink sink)
            throws IOException
    {
        Table table = table(drop.name(), currentDatabase);
        List<List<String>> values = new ArrayList<>();
        for (PartitionSpec spec : drop.partitions()) {
            List<String> partitionValues = partitionValues(table, spec);
            if (!drop.ifExists() && catalog.getPartition(table.databaseName(), table.name(), partitionValues).isEmpty()) {
                throw partitionNotFound(spec);
            }
            values.add(partitionValues);
        }
        catalog.dropPartitions(table.databaseName(), table.name(), values, true);
        noRows(sink);
    }

    /** The values of a full partition spec, in the table's partition-key order. */
    private static List<String> partitionValues(Table table, PartitionSpec spec)
    {
        if (table.partitionKeys().isEmpty()) {
            throw HiveDdlFailure.semantic("[Error 10241]: Table is not partitioned but partition spec exists: " + specText(spec), 1006);
        }
        Map<String, String> given = new LinkedHashMap<>();
        spec.entries().forEach(entry -> given.put(entry.getKey().toLowerCase(Locale.ROOT), entry.getValue()));
        List<String> values = new ArrayList<>();
        for (TableColumn key : table.partitionKeys()) {
            String value = given.remove(key.name().toLowerCase(Locale.ROOT));
            if (value == null) {
                throw HiveDdlFailure.semantic("[Error 10006]: Partition not found " + specText(spec), 1301);
            }
            values.add(value);
        }
        if (!given.isEmpty()) {
            throw HiveDdlFailure.semantic("[Error 10098]: Non-Partition column appears in the partition specification:  " + String.join(", ", given.keySet()), 1006);
        }
        return values;
    }

    private static String defaultPartitionLocation(Table table, List<String> values)
    {
        String base = table.storage().location().orElse("");
        StringBuilder location = new StringBuilder(base.endsWith("/") ? base : base + "/");
        for (int i = 0; i < values.size(); i++) {
            location.append(table.partitionKeys().get(i).name()).append('=').append(values.get(i)).append('/');
        }
        return location.toString();
    }

    /**
     * MSCK REPAIR TABLE: adds the partitions whose {@code k=v/} folders exist under the table location but are not
     * in the catalog, and reports them as Hive does.
     */
    private void msckRepair(HiveStatement.MsckRepairTable repair, String currentDatabase, ResultSink sink)
            throws IOException
    {
        Table table = table(repair.name(), currentDatabase);
        List<String> lines = new ArrayList<>();
        if (!table.partitionKeys().isEmpty() && table.storage().location().isPresent()) {
            Set<List<String>> known = new HashSet<>();
            catalog.listPartitions(table.databaseName(), table.name()).forEach(partition -> known.add(partition.values()));
            Map<List<String>, String> found = new LinkedHashMap<>();
            S3Location root = S3Location.parse(table.storage().location().get())
                    .orElseThrow(() -> HiveDdlFailure.semantic("Table location is not an S3 location: " + table.storage().location().get(), 1006));
            S3Location folder = root.key().isEmpty() || root.key().endsWith("/") ? root : new S3Location(root.bucket(), root.key() + "/");
            for (ObjectStore.ObjectInfo object : objectStore.list(folder)) {
                String relative = object.location().key().substring(folder.key().length());
                String[] segments = relative.split("/");
                if (segments.length <= table.partitionKeys().size()) {
                    continue;
                }
                List<String> values = new ArrayList<>();
                for (int i = 0; i < table.partitionKeys().size(); i++) {
                    String prefix = table.partitionKeys().get(i).name() + "=";
                    if (!segments[i].toLowerCase(Locale.ROOT).startsWith(prefix.toLowerCase(Locale.ROOT))) {
                        values = null;
                        break;
                    }
                    values.add(unescapePathValue(segments[i].substring(prefix.length())));
                }
                if (values != null && !known.contains(values)) {
                    found.putIfAbsent(values, folder + String.join("/", List.of(segments).subList(0, table.partitionKeys().size())) + "/");
                }
            }
            if (!found.isEmpty()) {
                Instant now = clock.instant();
                List<String> names = found.keySet().stream().map(values -> table.name() + ":" + partitionName(table, values)).toList();
                lines.add("Partitions not in metastore:\t" + String.join("\t", names));
                List<Partition> partitions = found.entrySet().stream()
                        .map(entry -> new Partition(table.databaseName(), table.name(), entry.getKey(), table.storage().withLocation(Optional.of(entry.getValue())), Map.of(), now))
                        .toList();
                catalog.addPartitions(partitions, true);
                names.forEach(name -> lines.add("Repair: Added partition to metastore " + name));
            }
        }
        rows(sink, List.of(new Column("msck", STRING)), lines.stream().map(line -> List.of(line)).toList());
    }

    private static String unescapePathValue(String value)
    {
        try {
            return java.net.URLDecoder.decode(value.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String partitionName(Table table, List<String> values)
    {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            parts.add(table.partitionKeys().get(i).name() + "=" + values.get(i));
        }
        return String.join("/", parts);
    }

    // ---------------------------------------------------------------- show and describe

    private void showDatabases(HiveStatement.ShowDatabases show, ResultSink sink)
            throws IOException
    {
        Optional<Pattern> pattern = show.likePattern().map(HiveDdlExecutor::namePattern);
        List<List<String>> rows = catalog.listDatabases().stream()
                .map(Database::name)
                .filter(name -> pattern.map(p -> p.matcher(name).matches()).orElse(true))
                .map(name -> List.of(name))
                .toList();
        rows(sink, List.of(new Column("database_name", STRING)), rows);
    }

    private void showTables(String database, Optional<String> pattern, boolean views, ResultSink sink)
            throws IOException
    {
        String name = lower(database);
        if (catalog.getDatabase(name).isEmpty()) {
            throw databaseNotFound(name);
        }
        Optional<Pattern> filter = pattern.map(HiveDdlExecutor::namePattern);
        List<List<String>> rows = catalog.listTables(name).stream()
                .filter(table -> !views || table.isView())
                .map(Table::name)
                .filter(table -> filter.map(p -> p.matcher(table).matches()).orElse(true))
                .map(table -> List.of(table))
                .toList();
        rows(sink, List.of(new Column(views ? "views" : "tab_name", views ? SqlType.VARCHAR : STRING)), rows);
    }

    /** SHOW's patterns: regular expressions matched against whole names, with {@code *} also a wildcard, case-insensitive. */
    static Pattern namePattern(String pattern)
    {
        String regex = pattern.replaceAll("(?<![.\\\\])\\*", ".*");
        try {
            return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        }
        catch (PatternSyntaxException e) {
            throw HiveDdlFailure.semantic("Invalid pattern: " + pattern, 1006);
        }
    }

    private void showPartitions(HiveStatement.ShowPartitions show, String currentDatabase, ResultSink sink)
            throws IOException
    {
        Table table = table(show.name(), currentDatabase);
        if (table.partitionKeys().isEmpty()) {
            throw HiveDdlFailure.semantic("[Error 10241]: Table " + table.name() + " is not a partitioned table", 1006);
        }
        List<List<String>> rows = catalog.listPartitions(table.databaseName(), table.name()).stream()
                .map(partition -> List.of(partitionName(table, partition.values())))
                .toList();
        rows(sink, List.of(new Column("partition", STRING)), rows);
    }

    private void showTblProperties(HiveStatement.ShowTblProperties show, String currentDatabase, ResultSink sink)
            throws IOException
    {
        Table table = table(show.name(), currentDatabase);
        List<Column> columns = List.of(new Column("prpt_name", STRING), new Column("prpt_value", STRING));
        if (show.property().isPresent()) {
            String value = table.parameters().get(show.property().get());
            String line = value != null ? value : "Table " + table.databaseName() + "." + table.name() + " does not have property: " + show.property().get();
            rows(sink, columns, List.of(List.of(line)));
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        new TreeSet<>(table.parameters().keySet()).forEach(key -> rows.add(List.of(key, table.parameters().get(key))));
        rows(sink, columns, rows);
    }

    private void describe(HiveStatement.Describe describe, String currentDatabase, ResultSink sink)
            throws IOException
    {
        Table table = table(describe.name(), currentDatabase);
        if (table.isView()) {
            List<List<String>> rows = table.columns().stream().map(column -> List.of(column.name(), column.type())).toList();
            rows(sink, List.of(new Column("column", SqlType.VARCHAR), new Column("type", SqlType.VARCHAR)), rows);
            return;
        }
        List<List<String>> rows = HiveText.describe(table);
        if (describe.column().isPresent()) {
            String wanted = describe.column().get().toLowerCase(Locale.ROOT);
            TableColumn column = table.allColumns().stream().filter(c -> c.name().equalsIgnoreCase(wanted)).findFirst()
                    .orElseThrow(() -> HiveDdlFailure.semantic("[Error 10002]: Invalid column reference '" + wanted + "'", 1006));
            rows = List.of(List.of(HiveText.pad(column.name()), HiveText.pad(column.type()), HiveText.pad(column.comment().orElse(""))));
        }
        rows(sink, List.of(new Column("col_name", STRING), new Column("data_type", STRING), new Column("comment", STRING)), rows);
    }

    /** The DDL a view is shown with: Trino's form, with the name fully qualified. */
    static List<String> viewDdl(Table view)
    {
        String text = "CREATE VIEW \"awsdatacatalog\".\"" + view.databaseName() + "\".\"" + view.name() + "\" AS\n" + view.viewOriginalText().orElse("");
        return text.lines().toList();
    }

    // ---------------------------------------------------------------- helpers

    private Table table(QualifiedName name, String currentDatabase)
    {
        String database = lower(name.databaseOr(currentDatabase));
        return catalog.getTable(database, lower(name.table())).orElseThrow(() -> tableNotFound(database, lower(name.table())));
    }

    public static HiveDdlFailure tableNotFound(String database, String table)
    {
        return HiveDdlFailure.semantic("[Error 10001]: Table not found " + database + "." + table, 1301);
    }

    private static HiveDdlFailure databaseNotFound(String database)
    {
        return HiveDdlFailure.semantic("[Error 10072]: Database does not exist: " + database, 1301);
    }

    private static HiveDdlFailure partitionNotFound(PartitionSpec spec)
    {
        return HiveDdlFailure.semantic("[Error 10006]: Partition not found " + specText(spec), 1301);
    }

    private static String specText(PartitionSpec spec)
    {
        List<String> parts = new ArrayList<>();
        spec.entries().forEach(entry -> parts.add(entry.getKey() + "=" + entry.getValue()));
        return "{" + String.join(", ", parts) + "}";
    }

    private static void noRows(ResultSink sink)
            throws IOException
    {
        sink.columns(List.of());
    }

    private static void rows(ResultSink sink, List<Column> columns, List<List<String>> rows)
            throws IOException
    {
        sink.columns(columns);
        for (List<String> row : rows) {
            sink.row(row.toArray());
        }
    }

    private static List<TableColumn> columns(List<ColumnDefinition> definitions)
    {
        return definitions.stream().map(ColumnDefinition::toTableColumn).toList();
    }

    private static <T> List<T> concat(List<T> first, List<T> second)
    {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static String lower(String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }
}
