package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.ColumnSelection;
import io.pallas.core.catalog.DataFile;
import io.pallas.core.catalog.PartitionFilter;
import io.pallas.core.catalog.TableResolver;
import io.pallas.sql.SqlSyntaxException;
import io.pallas.sql.TrinoSqlParser;
import io.trino.sql.SqlFormatter;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.AllColumns;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.NaturalJoin;
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
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
    /** A quoted identifier (or string literal), or a bare word, in SQL as Trino's formatter prints it. */
    private static final Pattern NAME = Pattern.compile("\"((?:[^\"]|\"\")*)\"|'((?:[^']|'')*)'|([\\p{L}_][\\p{L}\\p{N}_$@]*)");
    private static final TrinoSqlParser PARSER = new TrinoSqlParser();

    private final TableResolver resolver;
    private final String defaultCatalog;
    private final Deque<String> schemas = new ArrayDeque<>();
    /** The columns the text being handled (the statement's, or a view's) may read of the tables it names. */
    private final Deque<ColumnSelection> columns = new ArrayDeque<>();
    private final TableScans.ParquetColumns parquetColumns;
    private final boolean pseudoColumns;
    private final Map<String, Optional<TableResolver.CatalogAccess>> catalogs = new HashMap<>();
    private final Map<String, Optional<io.pallas.core.catalog.Table>> tables = new HashMap<>();
    /** What the query's predicates say about the partitions each table reference reads. */
    private final Map<Table, PartitionFilter> partitionFilters = new IdentityHashMap<>();
    private final Map<String, Query> views = new HashMap<>();
    private final Map<ScanKey, String> scans = new HashMap<>();
    private final Map<Path, Long> scannedFiles = new LinkedHashMap<>();

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
        this(resolver, defaultCatalog, defaultSchema, parquetColumns, pseudoColumns, ColumnSelection.ALL);
    }

    /** @param statementColumns the columns the statement may read, from {@link #usedColumns(Node)} */
    QueryTables(TableResolver resolver, String defaultCatalog, String defaultSchema, TableScans.ParquetColumns parquetColumns, boolean pseudoColumns, ColumnSelection statementColumns)
    {
        this.resolver = requireNonNull(resolver, "resolver is null");
        this.defaultCatalog = defaultCatalog.toLowerCase(Locale.ROOT);
        this.schemas.push(defaultSchema.toLowerCase(Locale.ROOT));
        this.columns.push(requireNonNull(statementColumns, "statementColumns is null"));
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
     * The columns a statement or view text may read from the tables it names (not those of the views it names,
     * whose texts say for themselves): every column when it selects {@code *} or {@code t.*}, joins naturally,
     * reads {@code TABLE t} or renames a table's columns by position ({@code t AS x(p, q)}); otherwise those whose name occurs in the text at all. A name counts wherever it
     * occurs, as a column of any table, an alias or a string, so the set is larger than the columns read, never
     * smaller. The text is Trino's own printing of the tree, which spells every identifier in it.
     */
    static ColumnSelection usedColumns(Node node)
    {
        if (readsAllColumns(node)) {
            return ColumnSelection.ALL;
        }
        String text;
        try {
            text = SqlFormatter.formatSql(node);
        }
        catch (RuntimeException e) {
            // a tree the formatter cannot print: assume the worst
            return ColumnSelection.ALL;
        }
        Set<String> names = new java.util.HashSet<>();
        Matcher matcher = NAME.matcher(text);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                names.add(matcher.group(1).replace("\"\"", "\""));
            }
            else if (matcher.group(2) != null) {
                names.add(matcher.group(2).replace("''", "'"));
            }
            else {
                names.add(matcher.group(3));
            }
        }
        return ColumnSelection.of(names);
    }

    private static boolean readsAllColumns(Node node)
    {
        boolean all = switch (node) {
            case AllColumns _ -> true;
            // t AS x(p, q) names the table's columns by position
            case AliasedRelation aliased -> aliased.getColumnNames() != null && !aliased.getColumnNames().isEmpty() && aliased.getRelation() instanceof Table;
            case Join join -> join.getCriteria().orElse(null) instanceof NaturalJoin;
            case Query query -> query.getQueryBody() instanceof Table;
            case SetOperation operation -> operation.getRelations().stream().anyMatch(Table.class::isInstance);
            default -> false;
        };
        if (all) {
            return true;
        }
        for (Node child : node.getChildren()) {
            if (readsAllColumns(child)) {
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
        columns.push(usedColumns(viewQuery(view)));
        try {
            return action.get();
        }
        finally {
            columns.pop();
            schemas.pop();
        }
    }

    private record ScanKey(String table, PartitionFilter filter, ColumnSelection columns) {}

    /**
     * The DuckDB subquery that reads a base table for one reference to it: only the partitions the reference's
     * predicates leave, and of the files only the columns the text naming it may read (the scan projects only those,
     * and the resolver may leave the others out of Parquet files), printed once per table, filter and columns. Its files count as scanned, at
     * what the resolver says reading them costs.
     */
    String scan(Table node, io.pallas.core.catalog.Table table)
    {
        PartitionFilter filter = table.partitionKeys().isEmpty() ? PartitionFilter.ALL : partitionFilters.getOrDefault(node, PartitionFilter.ALL);
        ColumnSelection selection = columns.peek();
        ScanKey key = new ScanKey(table.databaseName() + "." + table.name(), filter, selection);
        String scan = scans.get(key);
        if (scan == null) {
            TableScans.format(table);
            List<DataFile> files = new ArrayList<>(resolver.files(table, filter, selection));
            // the scan projects only the columns the text may read: DuckDB plans a narrower query
            scan = TableScans.scan(table, files, pseudoColumns, parquetColumns, selection::includes);
            for (DataFile file : files) {
                scannedFiles.merge(file.path(), file.scannedBytes(), Math::max);
            }
            scans.put(key, scan);
        }
        return scan;
    }

    /** The total of what reading the files of the printed scans costs: their sizes, or the byte ranges needed. */
    long scannedBytes()
    {
        return scannedFiles.values().stream().mapToLong(Long::longValue).sum();
    }
}
