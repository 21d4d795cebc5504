package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.DataFile;
import io.pallas.core.catalog.PartitionFilter;
import io.pallas.core.catalog.TableResolver;
import io.pallas.sql.SqlSyntaxException;
import io.pallas.sql.TrinoSqlParser;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.AllColumns;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.SetOperation;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.Table;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The tables one query names, resolved once for the analyzer and the printer: names qualified against the default
 * catalog and schema (a view's own database while its text is being handled), views parsed, files listed and the
 * bytes of the files read counted.
 */
final class QueryTables
{
    static final String CATALOG = TableResolver.DEFAULT_CATALOG;
    static final QueryTables NONE = new QueryTables(TableResolver.NONE, CATALOG, "default", _ -> List.of(), false);

    private static final int MAXIMUM_VIEW_DEPTH = 32;
    private static final TrinoSqlParser PARSER = new TrinoSqlParser();
    /** A word of SQL text: an unquoted identifier, or a quoted one whose name is a single word. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_@:$]+");
    /** The same without the characters Trino allows in identifiers only sometimes, so that both splits count. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[\\p{L}\\p{N}_]+");

    private final TableResolver resolver;
    private final String defaultCatalog;
    private final Deque<String> schemas = new ArrayDeque<>();
    private final TableScans.ParquetColumns parquetColumns;
    private final boolean pseudoColumns;
    private final Map<String, Optional<TableResolver.CatalogAccess>> catalogs = new HashMap<>();
    private final Map<String, Optional<io.pallas.core.catalog.Table>> tables = new HashMap<>();
    /** What the query's predicates say about the partitions each table reference reads. */
    private final Map<Table, PartitionFilter> partitionFilters = new IdentityHashMap<>();
    private final Map<String, Query> views = new HashMap<>();
    private final Map<ScanKey, String> scans = new HashMap<>();
    private final Map<Path, Long> scannedFiles = new LinkedHashMap<>();
    /** The scans printed so far, by the placeholder that stands for each in the printed SQL until {@link #complete}. */
    private final Map<String, PendingScan> pendingScans = new LinkedHashMap<>();
    private final String placeholderPrefix = "__pallas_scan_" + UUID.randomUUID().toString().replace("-", "") + "_";
    /**
     * Every lower-cased word of the query's text and of the views it reads: a column whose name is not among them is
     * not read, and the scans leave it out. Null when every column is read (no text given, or a {@code *}).
     */
    private Set<String> namedColumns;
    /** The lower-cased texts themselves, for column names that are not a single word (quoted identifiers). */
    private final List<String> namingTexts = new ArrayList<>();

    /** A table name with its three parts, lower-cased. */
    record Name(String catalog, String schema, String table)
    {
        @Override
        public String toString()
        {
            return catalog + "." + schema + "." + table;
        }
    }

    QueryTables(TableResolver resolver, String defaultCatalog, String defaultSchema, TableScans.ParquetColumns parquetColumns, boolean pseudoColumns)
    {
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.defaultCatalog = defaultCatalog.toLowerCase(Locale.ROOT);
        this.schemas.push(defaultSchema.toLowerCase(Locale.ROOT));
        this.parquetColumns = requireNonNull(parquetColumns, "parquetColumns is null");
        this.pseudoColumns = pseudoColumns;
    }

    /** Whether the query names {@code "$path"} or {@code "$file_size"} anywhere, so that scans must provide them. */
    static boolean usesPseudoColumns(Node node)
    {
        if (node instanceof Identifier identifier) {
            String name = identifier.getValue().toLowerCase(Locale.ROOT);
            return name.equals(TableScans.PATH_COLUMN) || name.equals(TableScans.FILE_SIZE_COLUMN);
        }
        for (Node child : node.getChildren()) {
            if (usesPseudoColumns(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Lets the scans read only the columns the text of {@code statement} (and of the views it reads) names. The
     * words of the text are a superset of the column references, whatever the syntax tree holds; a {@code *}, a
     * {@code TABLE t} query or column aliases on a table reach columns without naming them, and keep them all.
     */
    void readOnlyNamedColumns(String sql, Node statement)
    {
        namedColumns = new HashSet<>();
        addNamedColumns(sql, statement);
    }

    private void addNamedColumns(String sql, Node statement)
    {
        if (namedColumns == null) {
            return;
        }
        if (readsUnnamedColumns(statement) || sql.contains("&\"")) {
            // a Unicode-escaped identifier (U&"...") is not a word of the text
            namedColumns = null;
            return;
        }
        String text = sql.toLowerCase(Locale.ROOT);
        namingTexts.add(text);
        for (Pattern word : List.of(WORD, PLAIN_WORD)) {
            Matcher matcher = word.matcher(text);
            while (matcher.find()) {
                namedColumns.add(matcher.group());
            }
        }
    }

    /** Whether the texts may name the column: always when it is a word of them, and when its quoted form appears. */
    private boolean named(String column)
    {
        if (namedColumns == null) {
            return true;
        }
        String name = column.toLowerCase(Locale.ROOT);
        if (WORD.matcher(name).matches()) {
            return namedColumns.contains(name);
        }
        String quoted = name.replace("\"", "\"\"");
        return namingTexts.stream().anyMatch(text -> text.contains(quoted));
    }

    private static boolean readsUnnamedColumns(Node node)
    {
        boolean unnamed = switch (node) {
            case AllColumns _ -> true;
            case Query query -> query.getQueryBody() instanceof Table;
            case SetOperation operation -> operation.getRelations().stream().anyMatch(Table.class::isInstance);
            case AliasedRelation aliased -> aliased.getColumnNames() != null && !aliased.getColumnNames().isEmpty();
            default -> false;
        };
        if (unnamed) {
            return true;
        }
        for (Node child : node.getChildren()) {
            if (readsUnnamedColumns(child)) {
                return true;
            }
        }
        return false;
    }

    boolean pseudoColumns()
    {
        return pseudoColumns;
    }

    Name name(Table table)
    {
        List<String> parts = table.getName().getOriginalParts().stream()
                .map(part -> part.getValue().toLowerCase(Locale.ROOT))
                .toList();
        return switch (parts.size()) {
            case 1 -> new Name(defaultCatalog, schemas.peek(), parts.get(0));
            case 2 -> new Name(defaultCatalog, parts.get(0), parts.get(1));
            default -> new Name(parts.get(parts.size() - 3), parts.get(parts.size() - 2), parts.get(parts.size() - 1));
        };
    }

    /**
     * The table or view a name refers to. As in Trino, an unknown catalog is CATALOG_NOT_FOUND, then an unknown
     * schema SCHEMA_NOT_FOUND, then TABLE_NOT_FOUND; a catalog that exists but cannot be read is NOT_SUPPORTED.
     */
    io.pallas.core.catalog.Table resolve(Table node)
    {
        Name name = name(node);
        if (node.getName().getOriginalParts().size() > 3) {
            throw DuckDbAnalyzer.semanticError(ErrorCode.SYNTAX_ERROR, node, "Too many dots in table name: " + node.getName());
        }
        TableResolver.CatalogAccess access = catalogs.computeIfAbsent(name.catalog(), resolver::catalog)
                .orElseThrow(() -> DuckDbAnalyzer.semanticError(ErrorCode.CATALOG_NOT_FOUND, node, "Catalog '" + name.catalog() + "' does not exist"));
        if (access.refusal().isPresent()) {
            throw DuckDbAnalyzer.semanticError(ErrorCode.NOT_SUPPORTED, node, access.refusal().get());
        }
        Optional<io.pallas.core.catalog.Table> table = tables.computeIfAbsent(name.toString(), _ -> resolver.table(name.catalog(), name.schema(), name.table()));
        if (table.isEmpty() && !resolver.schemaExists(name.catalog(), name.schema())) {
            throw DuckDbAnalyzer.semanticError(ErrorCode.SCHEMA_NOT_FOUND, node, "Schema '" + name.schema() + "' does not exist");
        }
        return table.orElseThrow(() -> DuckDbAnalyzer.semanticError(ErrorCode.TABLE_NOT_FOUND, node, "Table '" + name + "' does not exist"));
    }

    /** Records what the predicates of the query say about the partitions a reference to a partitioned table reads. */
    void restrictPartitions(Table node, PartitionFilter filter)
    {
        partitionFilters.merge(node, filter, (first, second) -> new PartitionFilter.And(List.of(first, second)));
    }

    /** A view's query, parsed once. */
    Query viewQuery(io.pallas.core.catalog.Table view)
    {
        String key = view.databaseName() + "." + view.name();
        Query query = views.get(key);
        if (query == null) {
            String text = view.viewOriginalText().orElseThrow(() -> new PallasException(ErrorCode.GENERIC_INTERNAL_ERROR, "View '" + key + "' has no text"));
            Statement statement;
            try {
                statement = PARSER.parse(text);
            }
            catch (SqlSyntaxException e) {
                throw new PallasException(ErrorCode.GENERIC_USER_ERROR, "View '" + CATALOG + "." + key + "' is invalid: " + e.getMessage(), e);
            }
            if (!(statement instanceof Query parsed)) {
                throw new PallasException(ErrorCode.GENERIC_USER_ERROR, "View '" + CATALOG + "." + key + "' is not a query");
            }
            query = parsed;
            views.put(key, query);
            addNamedColumns(text, query);
        }
        return query;
    }

    /** Runs {@code action} with the names of a view's text resolving in the view's database. */
    <T> T inView(io.pallas.core.catalog.Table view, java.util.function.Supplier<T> action)
    {
        if (schemas.size() > MAXIMUM_VIEW_DEPTH) {
            throw new PallasException(ErrorCode.GENERIC_USER_ERROR, "View '" + CATALOG + "." + view.databaseName() + "." + view.name() + "' refers to itself, or views nest too deeply");
        }
        schemas.push(view.databaseName());
        try {
            return action.get();
        }
        finally {
            schemas.pop();
        }
    }

    private record ScanKey(String table, PartitionFilter filter) {}

    private record PendingScan(io.pallas.core.catalog.Table table, List<DataFile> files) {}

    /**
     * The DuckDB subquery that reads a base table for one reference to it: only the partitions the reference's
     * predicates leave, printed once per table and filter. Its files count as scanned. What is returned is a
     * placeholder that {@link #complete} replaces once the whole query is printed, when every view the query
     * reads has been parsed and the columns it names are known.
     */
    String scan(Table node, io.pallas.core.catalog.Table table)
    {
        PartitionFilter filter = table.partitionKeys().isEmpty() ? PartitionFilter.ALL : partitionFilters.getOrDefault(node, PartitionFilter.ALL);
        ScanKey key = new ScanKey(table.databaseName() + "." + table.name(), filter);
        String scan = scans.get(key);
        if (scan == null) {
            TableScans.format(table);
            List<DataFile> files = new ArrayList<>(resolver.files(table, filter));
            for (DataFile file : files) {
                scannedFiles.put(file.path(), file.size());
            }
            scan = placeholderPrefix + scans.size() + "__";
            pendingScans.put(scan, new PendingScan(table, files));
            scans.put(key, scan);
        }
        return scan;
    }

    /** The printed SQL with each scan placeholder replaced by the scan, reading only the columns the query names. */
    String complete(String sql)
    {
        String completed = sql;
        for (Map.Entry<String, PendingScan> pending : pendingScans.entrySet()) {
            PendingScan scan = pending.getValue();
            String printed = TableScans.scan(scan.table(), scan.files(), pseudoColumns, parquetColumns, this::named);
            completed = completed.replace(pending.getKey(), printed);
        }
        return completed;
    }

    /** The total size of the files the printed scans read. */
    long scannedBytes()
    {
        return scannedFiles.values().stream().mapToLong(Long::longValue).sum();
    }
}
