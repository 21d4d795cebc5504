package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.SqlType.Kind;
import io.pallas.core.type.SqlType;
import io.pallas.duckdb.functions.AggregateFunctions;
import io.pallas.duckdb.functions.CollectionFunctions;
import io.pallas.duckdb.functions.DateTimeFunctions;
import io.pallas.duckdb.functions.FunctionContext;
import io.pallas.duckdb.functions.FunctionLibrary;
import io.pallas.duckdb.functions.StringFunctions;
import io.pallas.duckdb.functions.WindowContext;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.AllColumns;
import io.trino.sql.tree.AllRows;
import io.trino.sql.tree.ArithmeticBinaryExpression;
import io.trino.sql.tree.ArithmeticUnaryExpression;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.BetweenPredicate;
import io.trino.sql.tree.BinaryLiteral;
import io.trino.sql.tree.BooleanLiteral;
import io.trino.sql.tree.CallArgument;
import io.trino.sql.tree.Cast;
import io.trino.sql.tree.CoalesceExpression;
import io.trino.sql.tree.ComparisonPredicate;
import io.trino.sql.tree.DataType;
import io.trino.sql.tree.DataTypeParameter;
import io.trino.sql.tree.DateTimeDataType;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.DistinctFromPredicate;
import io.trino.sql.tree.DoubleLiteral;
import io.trino.sql.tree.Except;
import io.trino.sql.tree.ExistsPredicate;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FetchFirst;
import io.trino.sql.tree.FrameBound;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.QualifiedName;
import io.trino.sql.tree.AtTimeZone;
import io.trino.sql.tree.LocalTimestamp;
import io.trino.sql.tree.CurrentTimestamp;
import io.trino.sql.tree.CurrentDate;
import io.trino.sql.tree.TryExpression;
import io.trino.sql.tree.Format;
import io.trino.sql.tree.Trim;
import io.trino.sql.tree.Extract;
import io.trino.sql.tree.GenericDataType;
import io.trino.sql.tree.GenericLiteral;
import io.trino.sql.tree.GroupingElement;
import io.trino.sql.tree.GroupingOperation;
import io.trino.sql.tree.GroupingSets;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.IfExpression;
import io.trino.sql.tree.InListExpression;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.Intersect;
import io.trino.sql.tree.IntervalDataType;
import io.trino.sql.tree.IntervalField;
import io.trino.sql.tree.IntervalLiteral;
import io.trino.sql.tree.IsNullPredicate;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.JoinCriteria;
import io.trino.sql.tree.JoinOn;
import io.trino.sql.tree.JoinUsing;
import io.trino.sql.tree.LambdaExpression;
import io.trino.sql.tree.LikePredicate;
import io.trino.sql.tree.Limit;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NotExpression;
import io.trino.sql.tree.NullIfExpression;
import io.trino.sql.tree.NullLiteral;
import io.trino.sql.tree.NumericParameter;
import io.trino.sql.tree.Offset;
import io.trino.sql.tree.OrderBy;
import io.trino.sql.tree.Predicate;
import io.trino.sql.tree.Predicated;
import io.trino.sql.tree.QuantifiedComparisonPredicate;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.QueryBody;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.Relation;
import io.trino.sql.tree.Row;
import io.trino.sql.tree.RowDataType;
import io.trino.sql.tree.SearchedCaseExpression;
import io.trino.sql.tree.SelectItem;
import io.trino.sql.tree.SetOperation;
import io.trino.sql.tree.SimpleCaseExpression;
import io.trino.sql.tree.SimpleGroupBy;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.SortItem;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.SubqueryExpression;
import io.trino.sql.tree.SubscriptExpression;
import io.trino.sql.tree.Table;
import io.trino.sql.tree.TableSubquery;
import io.trino.sql.tree.TypeParameter;
import io.trino.sql.tree.Union;
import io.trino.sql.tree.Unnest;
import io.trino.sql.tree.Values;
import io.trino.sql.tree.WhenClause;
import io.trino.sql.tree.Window;
import io.trino.sql.tree.WindowDefinition;
import io.trino.sql.tree.WindowFrame;
import io.trino.sql.tree.WindowReference;
import io.trino.sql.tree.WindowSpecification;
import io.trino.sql.tree.WithQuery;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.stream.Collectors.joining;

/**
 * Prints a Trino query as DuckDB SQL with Trino's semantics. Every construct it does not know to be equivalent
 * fails with {@link ErrorCode#NOT_SUPPORTED}. Output columns always carry explicit aliases: Trino's names
 * ({@code _col0}, ...) for unnamed expressions, the column or field name for references.
 */
public final class DuckDbPrinter
{
    private static final Pattern TIMESTAMP_LITERAL = Pattern.compile(
            "(\\d{4}-\\d{1,2}-\\d{1,2})(?:[ T](\\d{1,2}:\\d{1,2}(?::\\d{1,2}(?:\\.(\\d+))?)?))?(?:\\s*(?<zone>(?:[+-]\\d{1,2}(?::?\\d{2})?)|[A-Za-z][A-Za-z0-9_/+\\-]*))?");
    private static final Pattern TIME_LITERAL = Pattern.compile("\\d{1,2}:\\d{1,2}(?::\\d{1,2}(?:\\.(\\d+))?)?");
    private static final Pattern DATE_LITERAL = Pattern.compile("[+-]?\\d{4,}-\\d{1,2}-\\d{1,2}");
    private static final Pattern ANONYMOUS_COLUMN = Pattern.compile("_col\\d+");

    private final Deque<Set<String>> withNames = new ArrayDeque<>();
    private final QueryTables tables;
    /** The {@code *} items whose relations have hidden columns, which DuckDB must leave out. */
    private final Set<AllColumns> excludingHidden = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The types tables declare for the column references that name them. */
    private final Map<Expression, SqlType> declaredTypes = new IdentityHashMap<>();
    /** The named windows (WINDOW clause) of the query specifications being printed, innermost first. */
    private final Deque<Map<String, WindowSpecification>> namedWindows = new ArrayDeque<>();

    private DuckDbPrinter(QueryTables tables)
    {
        this.tables = tables;
    }

    public static TranslatedQuery translate(Statement statement)
    {
        return translate(statement, QueryTables.NONE);
    }

    static TranslatedQuery translate(Statement statement, QueryTables tables)
    {
        if (!(statement instanceof Query query)) {
            throw notSupported("Statement " + statement.getClass().getSimpleName());
        }
        DuckDbPrinter printer = new DuckDbPrinter(tables);
        new DuckDbAnalyzer(printer, tables).analyze(query);
        String sql = tables.complete(printer.query(query));
        return new TranslatedQuery(sql, printer.outputHints(query.getQueryBody()));
    }

    void excludeHiddenColumns(AllColumns all)
    {
        excludingHidden.add(all);
    }

    void declareType(Expression reference, SqlType type)
    {
        declaredTypes.put(reference, type);
    }

    /** Whether a result column name is a Trino positional name that must follow the column's final position. */
    public static boolean isAnonymousColumnName(String name)
    {
        return ANONYMOUS_COLUMN.matcher(name).matches();
    }

    private List<Optional<SqlType>> outputHints(QueryBody body)
    {
        return switch (body) {
            case QuerySpecification specification -> {
                List<Optional<SqlType>> hints = new ArrayList<>();
                for (SelectItem item : specification.getSelect().getSelectItems()) {
                    if (!(item instanceof SingleColumn column)) {
                        yield List.of();
                    }
                    hints.add(typeOf(column.getExpression()));
                }
                yield hints;
            }
            case TableSubquery subquery -> outputHints(subquery.getQuery().getQueryBody());
            case SetOperation operation -> {
                List<Optional<SqlType>> first = outputHints((QueryBody) operation.getRelations().getFirst());
                for (Relation relation : operation.getRelations()) {
                    if (!(relation instanceof QueryBody other) || !outputHints(other).equals(first)) {
                        yield List.of();
                    }
                }
                yield first;
            }
            default -> List.of();
        };
    }

    // ---------------------------------------------------------------- queries

    private String query(Query query)
    {
        if (!query.getSessionProperties().isEmpty()) {
            throw notSupported("WITH SESSION");
        }
        if (!query.getFunctions().isEmpty()) {
            throw notSupported("WITH FUNCTION");
        }
        StringBuilder sql = new StringBuilder();
        Set<String> names = new HashSet<>();
        withNames.push(names);
        try {
            if (query.getWith().isPresent()) {
                if (query.getWith().get().isRecursive()) {
                    throw notSupported("WITH RECURSIVE");
                }
                List<String> definitions = new ArrayList<>();
                for (WithQuery withQuery : query.getWith().get().getQueries()) {
                    String definition = identifier(withQuery.getName())
                            + withQuery.getColumnNames().map(this::columnList).orElse("")
                            + " AS (" + query(withQuery.getQuery()) + ")";
                    definitions.add(definition);
                    names.add(canonical(withQuery.getName()));
                }
                sql.append("WITH ").append(String.join(", ", definitions)).append(' ');
            }
            sql.append(queryBody(query.getQueryBody()));
            appendTail(sql, query.getOrderBy(), query.getOffset(), query.getLimit());
            return sql.toString();
        }
        finally {
            withNames.pop();
        }
    }

    private void appendTail(StringBuilder sql, Optional<OrderBy> orderBy, Optional<Offset> offset, Optional<Node> limit)
    {
        orderBy.ifPresent(order -> sql.append(" ORDER BY ").append(order.getSortItems().stream().map(this::sortItem).collect(joining(", "))));
        limit.ifPresent(node -> {
            switch (node) {
                case Limit limitNode -> {
                    if (!(limitNode.getRowCount() instanceof AllRows)) {
                        sql.append(" LIMIT ").append(count(limitNode.getRowCount()));
                    }
                }
                case FetchFirst fetch -> {
                    if (fetch.isWithTies()) {
                        throw notSupported("FETCH FIRST ... WITH TIES");
                    }
                    sql.append(" LIMIT ").append(fetch.getRowCount().map(this::count).orElse(1L));
                }
                default -> throw notSupported(node.getClass().getSimpleName());
            }
        });
        offset.ifPresent(node -> sql.append(" OFFSET ").append(count(node.getRowCount())));
    }

    private long count(Expression expression)
    {
        if (expression instanceof LongLiteral literal) {
            return literal.getParsedValue();
        }
        throw notSupported("Row count " + expression);
    }

    private String sortItem(SortItem item)
    {
        String direction = item.getOrdering() == SortItem.Ordering.DESCENDING ? " DESC" : " ASC";
        String nulls = item.getNullOrdering() == SortItem.NullOrdering.FIRST ? " NULLS FIRST" : " NULLS LAST";
        return ordinalOrExpression(item.getSortKey()) + direction + nulls;
    }

    private String ordinalOrExpression(Expression expression)
    {
        if (expression instanceof LongLiteral literal) {
            return Long.toString(literal.getParsedValue());
        }
        return expression(expression);
    }

    private String queryBody(QueryBody body)
    {
        return switch (body) {
            case QuerySpecification specification -> querySpecification(specification);
            case TableSubquery subquery -> "SELECT * FROM (" + query(subquery.getQuery()) + ") AS \"_subquery\"";
            case Values values -> values(values);
            case SetOperation operation -> setOperation(operation);
            case Table table -> "SELECT * FROM " + table(table) + " AS \"_table\"";
            default -> throw notSupported(body.getClass().getSimpleName());
        };
    }

    private String setOperation(SetOperation operation)
    {
        if (operation.getCorresponding().isPresent()) {
            throw notSupported("CORRESPONDING");
        }
        String keyword = switch (operation) {
            case Union _ -> "UNION";
            case Intersect _ -> "INTERSECT";
            case Except _ -> "EXCEPT";
            default -> throw notSupported(operation.getClass().getSimpleName());
        };
        String operator = " " + keyword + (operation.isDistinct() ? " " : " ALL ");
        return operation.getRelations().stream()
                .map(relation -> "(" + queryBody(asQueryBody(relation)) + ")")
                .collect(joining(operator));
    }

    private static QueryBody asQueryBody(Relation relation)
    {
        if (relation instanceof QueryBody body) {
            return body;
        }
        throw notSupported(relation.getClass().getSimpleName() + " in a set operation");
    }

    private String values(Values values)
    {
        int width = -1;
        List<String> rows = new ArrayList<>();
        for (Expression row : values.getRows()) {
            List<Expression> fields = row instanceof Row tuple
                    ? tuple.getFields().stream().map(Row.Field::getExpression).toList()
                    : List.of(row);
            if (width >= 0 && width != fields.size()) {
                throw new PallasException(ErrorCode.TYPE_MISMATCH, "Values rows have mismatched sizes");
            }
            width = fields.size();
            rows.add(fields.stream().map(this::expression).collect(joining(", ", "(", ")")));
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            names.add(quote("_col" + i));
        }
        return "SELECT * FROM (VALUES " + String.join(", ", rows) + ") AS \"_values\"(" + String.join(", ", names) + ")";
    }

    private String querySpecification(QuerySpecification specification)
    {
        // named windows are resolved into each OVER clause, so that DuckDB sees only full window specifications
        Map<String, WindowSpecification> windows = new HashMap<>();
        for (WindowDefinition definition : specification.getWindows()) {
            namedWindows.push(windows);
            try {
                windows.put(canonical(definition.getName()), resolveWindow(definition.getWindow()));
            }
            finally {
                namedWindows.pop();
            }
        }
        namedWindows.push(windows);
        try {
            return querySpecificationBody(specification);
        }
        finally {
            namedWindows.pop();
        }
    }

    private String querySpecificationBody(QuerySpecification specification)
    {
        StringBuilder sql = new StringBuilder("SELECT ");
        if (specification.getSelect().isDistinct()) {
            sql.append("DISTINCT ");
        }
        List<String> items = new ArrayList<>();
        List<SelectItem> selectItems = specification.getSelect().getSelectItems();
        for (int i = 0; i < selectItems.size(); i++) {
            items.add(selectItem(selectItems.get(i), i));
        }
        sql.append(String.join(", ", items));
        specification.getFrom().ifPresent(from -> sql.append(" FROM ").append(relation(from)));
        specification.getWhere().ifPresent(where -> sql.append(" WHERE ").append(expression(where)));
        specification.getGroupBy().ifPresent(groupBy -> {
            if (groupBy.isDistinct()) {
                throw notSupported("GROUP BY DISTINCT");
            }
            List<String> keys = new ArrayList<>();
            for (GroupingElement element : groupBy.getGroupingElements()) {
                switch (element) {
                    case SimpleGroupBy simple -> simple.getExpressions().forEach(key -> keys.add(ordinalOrExpression(key)));
                    case GroupingSets sets -> keys.add(groupingSets(sets));
                    default -> throw notSupported(element.getClass().getSimpleName());
                }
            }
            if (!keys.isEmpty()) {
                sql.append(" GROUP BY ").append(String.join(", ", keys));
            }
        });
        specification.getHaving().ifPresent(having -> sql.append(" HAVING ").append(expression(having)));
        appendTail(sql, specification.getOrderBy(), specification.getOffset(), specification.getLimit());
        return sql.toString();
    }

    /** ROLLUP, CUBE and GROUPING SETS as DuckDB writes them; a set may group several columns: ROLLUP ((a, b), c). */
    private String groupingSets(GroupingSets sets)
    {
        List<String> groups = new ArrayList<>();
        for (List<Expression> set : sets.getSets()) {
            for (Expression key : set) {
                if (key instanceof LongLiteral) {
                    throw notSupported("Ordinals in grouping sets");
                }
            }
            groups.add(set.stream().map(this::expression).collect(joining(", ", "(", ")")));
        }
        String keyword = switch (sets.getType()) {
            case ROLLUP -> "ROLLUP";
            case CUBE -> "CUBE";
            case EXPLICIT -> "GROUPING SETS";
        };
        return keyword + " (" + String.join(", ", groups) + ")";
    }

    // ---------------------------------------------------------------- windows

    /** A window with the named windows it refers to merged in, as Trino defines: the reference gives partitioning, order and frame it has. */
    private WindowSpecification resolveWindow(Window window)
    {
        return switch (window) {
            case WindowReference reference -> namedWindow(reference.getName());
            case WindowSpecification specification -> {
                if (specification.getExistingWindowName().isEmpty()) {
                    yield specification;
                }
                WindowSpecification base = namedWindow(specification.getExistingWindowName().get());
                if (!specification.getPartitionBy().isEmpty()) {
                    throw new PallasException(ErrorCode.GENERIC_USER_ERROR, "WINDOW specification with named WINDOW reference cannot specify PARTITION BY");
                }
                if (specification.getOrderBy().isPresent() && base.getOrderBy().isPresent()) {
                    throw new PallasException(ErrorCode.GENERIC_USER_ERROR, "Cannot specify ORDER BY if referenced named WINDOW specifies ORDER BY");
                }
                if (base.getFrame().isPresent()) {
                    throw new PallasException(ErrorCode.GENERIC_USER_ERROR, "Cannot reference named WINDOW containing frame specification");
                }
                yield new WindowSpecification(Optional.empty(), base.getPartitionBy(),
                        specification.getOrderBy().or(base::getOrderBy), specification.getFrame());
            }
            default -> throw notSupported(window.getClass().getSimpleName());
        };
    }

    private WindowSpecification namedWindow(Identifier name)
    {
        WindowSpecification window = namedWindows.isEmpty() ? null : namedWindows.peek().get(canonical(name));
        if (window == null) {
            throw new PallasException(ErrorCode.GENERIC_USER_ERROR, "Cannot resolve WINDOW name " + canonical(name));
        }
        return window;
    }

    private String over(FunctionCall call)
    {
        if (call.getWindow().isEmpty()) {
            return "";
        }
        WindowSpecification window = resolveWindow(call.getWindow().get());
        List<String> parts = new ArrayList<>();
        if (!window.getPartitionBy().isEmpty()) {
            parts.add("PARTITION BY " + window.getPartitionBy().stream().map(this::expression).collect(joining(", ")));
        }
        // sort keys of a window are expressions, never ordinals
        window.getOrderBy().ifPresent(orderBy -> parts.add("ORDER BY " + orderBy.getSortItems().stream()
                .map(item -> expression(item.getSortKey())
                        + (item.getOrdering() == SortItem.Ordering.DESCENDING ? " DESC" : " ASC")
                        + (item.getNullOrdering() == SortItem.NullOrdering.FIRST ? " NULLS FIRST" : " NULLS LAST"))
                .collect(joining(", "))));
        window.getFrame().ifPresent(frame -> parts.add(frame(frame)));
        return " OVER (" + String.join(" ", parts) + ")";
    }

    private String frame(WindowFrame frame)
    {
        if (!frame.getMeasures().isEmpty() || frame.getPattern().isPresent() || !frame.getVariableDefinitions().isEmpty()) {
            throw notSupported("Row pattern recognition in windows");
        }
        String type = frame.getType().name();
        return frame.getEnd().isPresent()
                ? type + " BETWEEN " + frameBound(frame.getStart()) + " AND " + frameBound(frame.getEnd().get())
                : type + " " + frameBound(frame.getStart());
    }

    private String frameBound(FrameBound bound)
    {
        return switch (bound.getType()) {
            case UNBOUNDED_PRECEDING -> "UNBOUNDED PRECEDING";
            case PRECEDING -> expression(bound.getValue().orElseThrow()) + " PRECEDING";
            case CURRENT_ROW -> "CURRENT ROW";
            case FOLLOWING -> expression(bound.getValue().orElseThrow()) + " FOLLOWING";
            case UNBOUNDED_FOLLOWING -> "UNBOUNDED FOLLOWING";
        };
    }

    private String selectItem(SelectItem item, int position)
    {
        return switch (item) {
            case SingleColumn column -> expression(column.getExpression()) + " AS " + quote(outputName(column, position));
            case AllColumns all -> {
                if (!all.getAliases().isEmpty()) {
                    throw notSupported("Column aliases on *");
                }
                String exclude = excludingHidden.contains(all)
                        ? " EXCLUDE (" + quote(TableScans.PATH_COLUMN) + ", " + quote(TableScans.FILE_SIZE_COLUMN) + ")"
                        : "";
                yield all.getTarget().map(target -> expression(target) + ".*").orElse("*") + exclude;
            }
            default -> throw notSupported(item.getClass().getSimpleName());
        };
    }

    private static String outputName(SingleColumn column, int position)
    {
        if (column.getAlias().isPresent()) {
            return canonical(column.getAlias().get());
        }
        return switch (column.getExpression()) {
            case Identifier identifier -> canonical(identifier);
            case DereferenceExpression dereference when dereference.getField().isPresent() -> canonical(dereference.getField().get());
            default -> "_col" + position;
        };
    }

    // ---------------------------------------------------------------- relations

    private String relation(Relation relation)
    {
        return switch (relation) {
            case AliasedRelation aliased -> (aliased.getRelation() instanceof Table table ? table(table)
                    : aliased.getRelation() instanceof Unnest unnest ? unnest(unnest, Optional.ofNullable(aliased.getColumnNames()))
                    : relation(aliased.getRelation()))
                    + " AS " + identifier(aliased.getAlias())
                    + (aliased.getColumnNames() == null || aliased.getColumnNames().isEmpty() ? "" : columnList(aliased.getColumnNames()));
            case TableSubquery subquery -> "(" + query(subquery.getQuery()) + ")";
            case Table table -> table(table) + " AS " + quote(table.getName().getOriginalParts().getLast().getValue().toLowerCase(Locale.ROOT));
            case Join join -> join(join);
            case Values values -> "(" + values(values) + ")";
            case QueryBody body -> "(" + queryBody(body) + ")";
            case Unnest unnest -> unnest(unnest, Optional.empty());
            default -> throw notSupported(relation.getClass().getSimpleName());
        };
    }

    private String table(Table table)
    {
        if (table.getQueryPeriod().isPresent() || table.getBranch().isPresent()) {
            throw notSupported("Table versions and branches");
        }
        List<Identifier> parts = table.getName().getOriginalParts();
        if (parts.size() == 1 && withNames.stream().anyMatch(names -> names.contains(canonical(parts.getFirst())))) {
            return identifier(parts.getFirst());
        }
        io.pallas.core.catalog.Table resolved = tables.resolve(table);
        if (!resolved.isView()) {
            return "(" + tables.scan(table, resolved) + ")";
        }
        Query view = tables.viewQuery(resolved);
        // the view's text sees none of the query's WITH names
        List<Set<String>> saved = new ArrayList<>(withNames);
        withNames.clear();
        String sql;
        try {
            sql = tables.inView(resolved, () -> query(view));
        }
        finally {
            withNames.clear();
            withNames.addAll(saved);
        }
        if (resolved.columns().isEmpty()) {
            return "(" + sql + ")";
        }
        String names = resolved.columns().stream().map(column -> quote(column.name().toLowerCase(Locale.ROOT))).collect(joining(", "));
        return "(SELECT * FROM (" + sql + ") AS \"_view\"(" + names + "))";
    }

    private String join(Join join)
    {
        String left = relation(join.getLeft());
        String right = relation(join.getRight());
        return switch (join.getType()) {
            case CROSS, IMPLICIT -> left + " CROSS JOIN " + right;
            case INNER -> left + " INNER JOIN " + right + joinCriteria(join.getCriteria());
            case LEFT -> left + " LEFT JOIN " + right + joinCriteria(join.getCriteria());
            case RIGHT -> left + " RIGHT JOIN " + right + joinCriteria(join.getCriteria());
            case FULL -> left + " FULL JOIN " + right + joinCriteria(join.getCriteria());
        };
    }

    private String joinCriteria(Optional<JoinCriteria> criteria)
    {
        return switch (criteria.orElseThrow(() -> notSupported("Join without criteria"))) {
            case JoinOn on -> " ON " + expression(on.getExpression());
            case JoinUsing using -> " USING " + columnList(using.getColumns());
            default -> throw notSupported("NATURAL JOIN");
        };
    }

    /**
     * UNNEST as a lateral subquery of DuckDB's select-list unnests, which zip several lists and pad them with NULLs as
     * Trino does; a map gives its keys and values, an array of rows one column per field.
     */
    private String unnest(Unnest unnest, Optional<List<Identifier>> aliases)
    {
        int aliasCount = aliases.map(List::size).orElse(0);
        int expected = unnest.isWithOrdinality() ? 1 : 0;
        boolean guessed = false;
        List<String> lists = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < unnest.getExpressions().size(); i++) {
            Expression value = unnest.getExpressions().get(i);
            Optional<SqlType> type = typeOf(value);
            String sql = expression(value);
            String name = quote("_u" + i);
            if (type.isPresent() && type.get().kind() == Kind.MAP) {
                lists.add("unnest(map_keys(" + sql + ")) AS " + quote("_u" + i + "k"));
                lists.add("unnest(map_values(" + sql + ")) AS " + quote("_u" + i + "v"));
                columns.add(quote("_u" + i + "k"));
                columns.add(quote("_u" + i + "v"));
                expected += 2;
                continue;
            }
            lists.add("unnest(" + sql + ") AS " + name);
            if (type.isPresent() && type.get().kind() == Kind.ARRAY && type.get().elementType().kind() == Kind.ROW) {
                int fields = type.get().elementType().parameters().size();
                for (int field = 1; field <= fields; field++) {
                    columns.add("struct_extract_at(" + name + ", " + field + ")");
                }
                expected += fields;
            }
            else {
                // an array of scalars, which only the alias list confirms when the type is not known here
                guessed |= type.isEmpty() || type.get().kind() == Kind.UNKNOWN;
                columns.add(name);
                expected++;
            }
        }
        if (guessed && aliasCount != expected) {
            throw notSupported("UNNEST of a value whose type is not known here");
        }
        if (aliases.isPresent() && aliasCount != expected) {
            throw new PallasException(ErrorCode.GENERIC_USER_ERROR, "Column alias list has " + aliasCount + " entries but 'UNNEST' has " + expected + " columns available");
        }
        if (unnest.isWithOrdinality()) {
            String lengths = unnest.getExpressions().stream().map(value -> "CAST(cardinality(" + expression(value) + ") AS BIGINT)").collect(joining(", "));
            lists.add("unnest(range(1, " + (unnest.getExpressions().size() == 1 ? lengths : "greatest(" + lengths + ")") + " + 1)) AS \"_ordinality\"");
            columns.add("\"_ordinality\"");
        }
        return "LATERAL (SELECT " + String.join(", ", columns) + " FROM (SELECT " + String.join(", ", lists) + ") AS \"_unnest\")";
    }

    private String columnList(List<Identifier> names)
    {
        return names.stream().map(DuckDbPrinter::identifier).collect(joining(", ", "(", ")"));
    }

    // ---------------------------------------------------------------- expressions

    private String expression(Expression expression)
    {
        return switch (expression) {
            case Identifier identifier -> identifier(identifier);
            case DereferenceExpression dereference -> dereference(dereference);
            case LongLiteral literal -> longLiteral(literal.getParsedValue());
            case DecimalLiteral literal -> {
                SqlType type = decimalLiteralType(literal);
                yield "CAST(" + string(literal.getValue()) + " AS DECIMAL(" + type.length() + ", " + type.scale() + "))";
            }
            case DoubleLiteral literal -> "CAST(" + string(Double.toString(literal.getValue())) + " AS DOUBLE)";
            case StringLiteral literal -> string(literal.getValue());
            case BooleanLiteral literal -> literal.getValue() ? "TRUE" : "FALSE";
            case NullLiteral _ -> "NULL";
            case BinaryLiteral literal -> "from_hex(" + string(HexFormat.of().formatHex(literal.getValue())) + ")";
            case GenericLiteral literal -> genericLiteral(literal);
            case IntervalLiteral literal -> intervalLiteral(literal);
            case ArithmeticUnaryExpression unary -> unary.getSign() == ArithmeticUnaryExpression.Sign.MINUS
                    ? "(- " + expression(unary.getValue()) + ")"
                    : expression(unary.getValue());
            case ArithmeticBinaryExpression binary -> arithmetic(binary);
            case Predicated predicated -> predicated(predicated.getValue(), predicated.getPredicate());
            case LogicalExpression logical -> logical.getTerms().stream()
                    .map(this::expression)
                    .collect(joining(logical.getOperator() == LogicalExpression.Operator.AND ? " AND " : " OR ", "(", ")"));
            case NotExpression not -> "(NOT " + expression(not.getValue()) + ")";
            case SearchedCaseExpression searched -> numericCast(searched, "CASE" + whenClauses(searched.getWhenClauses())
                    + searched.getDefaultValue().map(value -> " ELSE " + expression(value)).orElse("") + " END");
            case SimpleCaseExpression simple -> numericCast(simple, "CASE " + expression(simple.getOperand()) + whenClauses(simple.getWhenClauses())
                    + simple.getDefaultValue().map(value -> " ELSE " + expression(value)).orElse("") + " END");
            case IfExpression ifExpression -> numericCast(ifExpression, "CASE WHEN " + expression(ifExpression.getCondition())
                    + " THEN " + expression(ifExpression.getTrueValue())
                    + ifExpression.getFalseValue().map(value -> " ELSE " + expression(value)).orElse("") + " END");
            case CoalesceExpression coalesce -> numericCast(coalesce, coalesce.getOperands().stream().map(this::expression).collect(joining(", ", "COALESCE(", ")")));
            case NullIfExpression nullIf -> "NULLIF(" + expression(nullIf.getFirst()) + ", " + expression(nullIf.getSecond()) + ")";
            case Cast cast -> cast(cast);
            case SubqueryExpression subquery -> "(" + query(subquery.getQuery()) + ")";
            case ExistsPredicate exists -> "(EXISTS " + expression(exists.getSubquery()) + ")";
            case Row row -> row(row);
            case Array array -> array.getValues().stream().map(this::expression).collect(joining(", ", "[", "]"));
            case SubscriptExpression subscript -> "(" + expression(subscript.getBase()) + ")[" + expression(subscript.getIndex()) + "]";
            case FunctionCall call -> functionCall(call);
            case Extract _, Trim _, Format _, TryExpression _ -> functionCall(asFunctionCall(expression));
            case CurrentDate _ -> "current_date";
            case CurrentTimestamp current -> {
                requireMillisecondPrecision(current.getPrecision());
                yield "date_trunc('millisecond', get_current_timestamp())";
            }
            case LocalTimestamp current -> {
                requireMillisecondPrecision(current.getPrecision());
                yield "date_trunc('millisecond', CAST(get_current_timestamp() AS TIMESTAMP))";
            }
            case AtTimeZone atTimeZone -> atTimeZone(atTimeZone);
            // DuckDB numbers the bits as Trino does: the first column is the most significant, 1 when it is not grouped
            case GroupingOperation grouping -> grouping.getGroupingColumns().stream().map(this::expression)
                    .collect(joining(", ", "CAST(grouping(", ") AS BIGINT)"));
            case LambdaExpression lambda -> lambda.getArguments().stream()
                    .map(argument -> identifier(argument.getName()))
                    .collect(joining(", ", "lambda ", ": ")) + expression(lambda.getBody());
            default -> throw notSupported(expression.getClass().getSimpleName());
        };
    }

    private String dereference(DereferenceExpression dereference)
    {
        Identifier field = dereference.getField().orElseThrow(() -> notSupported("Dereference without a field"));
        Expression base = dereference.getBase();
        if (base instanceof Identifier || base instanceof DereferenceExpression) {
            return expression(base) + "." + identifier(field);
        }
        return "struct_extract(" + expression(base) + ", " + string(canonical(field)) + ")";
    }

    private static String longLiteral(long value)
    {
        // DuckDB types a bare integer literal by context (it would become a tinyint beside one); Trino does not
        return "CAST(" + value + " AS " + (value == (int) value ? "INTEGER" : "BIGINT") + ")";
    }

    private String whenClauses(List<WhenClause> clauses)
    {
        StringBuilder sql = new StringBuilder();
        for (WhenClause clause : clauses) {
            if (!(clause.getMatch() instanceof WhenClause.Operand operand)) {
                throw notSupported("CASE WHEN with a partial predicate");
            }
            sql.append(" WHEN ").append(expression(operand.expression())).append(" THEN ").append(expression(clause.getResult()));
        }
        return sql.toString();
    }

    private String predicated(Expression value, Predicate predicate)
    {
        String left = expression(value);
        return switch (predicate) {
            case ComparisonPredicate comparison -> "(" + left + " " + comparison.getOperator().getValue() + " " + expression(comparison.getRight()) + ")";
            case BetweenPredicate between -> {
                if (between.isSymmetric()) {
                    throw notSupported("BETWEEN SYMMETRIC");
                }
                yield "(" + left + (between.isNegated() ? " NOT" : "") + " BETWEEN " + expression(between.getMin()) + " AND " + expression(between.getMax()) + ")";
            }
            case InPredicate in -> "(" + left + (in.isNegated() ? " NOT IN " : " IN ") + switch (in.getValueList()) {
                case InListExpression list -> list.getValues().stream().map(this::expression).collect(joining(", ", "(", ")"));
                case SubqueryExpression subquery -> "(" + query(subquery.getQuery()) + ")";
                default -> throw notSupported("IN " + in.getValueList().getClass().getSimpleName());
            } + ")";
            case IsNullPredicate isNull -> "(" + left + (isNull.isNegated() ? " IS NOT NULL)" : " IS NULL)");
            case DistinctFromPredicate distinct -> "(" + left + (distinct.isNegated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ") + expression(distinct.getRight()) + ")";
            case LikePredicate like -> "(" + left + (like.isNegated() ? " NOT LIKE " : " LIKE ") + expression(like.getPattern())
                    + like.getEscape().map(escape -> " ESCAPE " + expression(escape)).orElse("") + ")";
            case QuantifiedComparisonPredicate quantified -> {
                if (!(quantified.getSubquery() instanceof SubqueryExpression subquery)) {
                    throw notSupported("Quantified comparison without a subquery");
                }
                yield "(" + left + " " + quantified.getOperator().getValue() + " " + quantified.getQuantifier().name() + " (" + query(subquery.getQuery()) + "))";
            }
            default -> throw notSupported(predicate.getClass().getSimpleName());
        };
    }

    /** A CASE, IF or COALESCE of numbers, cast to the type Trino gives it (DuckDB's may differ, as with a decimal and an integer). */
    private String numericCast(Expression expression, String sql)
    {
        Optional<SqlType> type = typeOf(expression);
        if (type.isPresent() && isNumeric(type.get())) {
            return "CAST(" + sql + " AS " + duckDbType(type.get()) + ")";
        }
        return sql;
    }

    private String arithmetic(ArithmeticBinaryExpression binary)
    {
        String left = expression(binary.getLeft());
        String right = expression(binary.getRight());
        Optional<SqlType> leftType = typeOf(binary.getLeft());
        Optional<SqlType> rightType = typeOf(binary.getRight());
        Optional<SqlType> resultType = typeOf(binary);
        if (binary.getOperator() == ArithmeticBinaryExpression.Operator.DIVIDE
                && resultType.isPresent() && resultType.get().kind() == Kind.DECIMAL) {
            return decimalDivision(left, asDecimal(leftType.orElseThrow()), right, asDecimal(rightType.orElseThrow()), resultType.get());
        }
        if (binary.getOperator() == ArithmeticBinaryExpression.Operator.DIVIDE
                && resultType.isPresent() && (resultType.get().kind() == Kind.DOUBLE || resultType.get().kind() == Kind.REAL)) {
            // with integer_division the operator / is DuckDB's //, which fails on a zero divisor; the function "/"
            // divides floating point numbers as IEEE 754 and Trino do: Infinity, -Infinity or NaN
            String type = duckDbType(resultType.get());
            return "\"/\"(CAST(" + left + " AS " + type + "), CAST(" + right + " AS " + type + "))";
        }
        String sql = "(" + left + " " + binary.getOperator().getValue() + " " + right + ")";
        if (resultType.isPresent() && resultType.get().kind() == Kind.DATE) {
            // DuckDB's date + interval is a timestamp; Trino keeps the date (month ends clamp in both)
            return "CAST(" + sql + " AS DATE)";
        }
        if (resultType.isPresent() && resultType.get().kind() == Kind.DECIMAL) {
            // DuckDB and Trino agree on decimal arithmetic values; the cast pins Trino's result precision
            return "CAST(" + sql + " AS " + duckDbType(resultType.get()) + ")";
        }
        return sql;
    }

    /**
     * Decimal division as Trino does it: exact, rounded half up to the larger of the two scales. DuckDB divides
     * decimals in double precision, so this works on the unscaled integers instead.
     */
    private static String decimalDivision(String left, SqlType leftType, String right, SqlType rightType, SqlType resultType)
    {
        int scale = resultType.scale();
        String dividend = "(" + unscaled(left, leftType) + " * " + power(scale + rightType.scale() - leftType.scale()) + ")";
        String divisor = unscaled(right, rightType);
        String quotient = "((2 * abs(" + dividend + ") + abs(" + divisor + ")) // (2 * abs(" + divisor + ")) * sign(" + dividend + ") * sign(" + divisor + "))";
        String shifted = scale == 0
                ? "CAST(" + quotient + " AS DECIMAL(38, 0))"
                : "(CAST(" + quotient + " AS DECIMAL(38, 0)) * CAST('" + BigDecimal.ONE.movePointLeft(scale).toPlainString() + "' AS DECIMAL(" + (scale + 1) + ", " + scale + ")))";
        return "CAST(" + shifted + " AS " + duckDbType(resultType) + ")";
    }

    private static String unscaled(String value, SqlType type)
    {
        return "CAST(CAST(" + value + " AS DECIMAL(38, " + type.scale() + ")) * " + power(type.scale()) + " AS HUGEINT)";
    }

    private static String power(int exponent)
    {
        return "CAST(1" + "0".repeat(exponent) + " AS HUGEINT)";
    }

    private String row(Row row)
    {
        List<Row.Field> fields = row.getFields();
        boolean named = fields.stream().allMatch(field -> field.getName().isPresent());
        if (named) {
            return fields.stream()
                    .map(field -> identifier(field.getName().get()) + " := " + expression(field.getExpression()))
                    .collect(joining(", ", "struct_pack(", ")"));
        }
        if (fields.stream().anyMatch(field -> field.getName().isPresent())) {
            throw notSupported("ROW with some named fields");
        }
        return fields.stream().map(field -> expression(field.getExpression())).collect(joining(", ", "row(", ")"));
    }

    private String cast(Cast cast)
    {
        SqlType target = sqlType(cast.getType());
        String function = cast.isSafe() ? "TRY_CAST" : "CAST";
        String value = expression(cast.getExpression());
        return switch (target.kind()) {
            // DuckDB ignores a varchar length; Trino cuts the value to it
            case VARCHAR -> target.length() == SqlType.UNBOUNDED
                    ? function + "(" + value + " AS VARCHAR)"
                    : "left(" + function + "(" + value + " AS VARCHAR), " + target.length() + ")";
            // kept without its padding, which the converter adds back; Trino compares char values without it too
            case CHAR -> "rtrim(left(" + function + "(" + value + " AS VARCHAR), " + target.length() + "), ' ')";
            default -> function + "(" + value + " AS " + duckDbType(target) + ")";
        };
    }

    /** Function names the printer translates itself; all others go to the libraries. */
    private static final Set<String> BUILT_IN_FUNCTIONS = Set.of("concat", "map", "count", "min", "max", "sum", "avg");
    private static final Set<String> AGGREGATE_BUILT_INS = Set.of("count", "min", "max", "sum", "avg");
    private static final List<FunctionLibrary> FUNCTION_LIBRARIES = List.of(
            new StringFunctions(),
            new DateTimeFunctions(),
            new CollectionFunctions(),
            new AggregateFunctions());

    private final WindowContext functionContext = new WindowContext()
    {
        @Override
        public String over(FunctionCall call)
        {
            return DuckDbPrinter.this.over(call);
        }

        @Override
        public String sql(Expression expression)
        {
            return DuckDbPrinter.this.expression(expression);
        }

        @Override
        public Optional<SqlType> typeOf(Expression expression)
        {
            return DuckDbPrinter.this.typeOf(expression);
        }

        @Override
        public String duckDbType(SqlType type)
        {
            return DuckDbPrinter.duckDbType(type);
        }

        @Override
        public String literal(String value)
        {
            return string(value);
        }
    };

    private String functionCall(FunctionCall call)
    {
        if (call.getName().getParts().size() != 1) {
            throw notSupported("Function " + call.getName());
        }
        String name = call.getName().getSuffix().toLowerCase(Locale.ROOT);
        if (!BUILT_IN_FUNCTIONS.contains(name)) {
            // the libraries decide which call clauses (ORDER BY, FILTER, OVER) they support
            return libraryCall(name, call);
        }
        if (AGGREGATE_BUILT_INS.contains(name) && (call.getWindow().isPresent() || call.getFilter().isPresent() || call.getOrderBy().isPresent())) {
            // with OVER, FILTER or ORDER BY: printed by the aggregate library
            return libraryCall(name, call);
        }
        if (call.getWindow().isPresent()) {
            throw notSupported("Window functions");
        }
        if (call.getFilter().isPresent() || call.getOrderBy().isPresent() || call.getProcessingMode().isPresent() || call.hasNamedArguments()) {
            throw notSupported("Function call clauses in " + call.getName());
        }
        List<Expression> arguments = call.getArguments().stream().map(CallArgument::getValue).toList();
        String distinct = call.isDistinct() ? "DISTINCT " : "";
        String argumentList = arguments.stream().map(this::expression).collect(joining(", "));
        return switch (name) {
            case "concat" -> {
                if (arguments.size() < 2 || call.isDistinct()) {
                    throw notSupported("concat with " + arguments.size() + " arguments");
                }
                // a bare NULL takes the type of the other operands, as in Trino
                String nullType = arguments.stream()
                        .map(this::typeOf)
                        .flatMap(Optional::stream)
                        .filter(type -> type.kind() != Kind.UNKNOWN)
                        .findFirst()
                        .map(type -> duckDbType(withoutLengths(type)))
                        .orElse("VARCHAR");
                yield arguments.stream()
                        .map(argument -> argument instanceof NullLiteral ? "CAST(NULL AS " + nullType + ")" : expression(argument))
                        .collect(joining(" || ", "(", ")"));
            }
            case "map" -> {
                if (arguments.isEmpty()) {
                    yield "MAP {}";
                }
                requireArguments(name, arguments, 2);
                yield "map(" + argumentList + ")";
            }
            case "count" -> arguments.isEmpty() ? "count(*)" : "count(" + distinct + argumentList + ")";
            case "min", "max" -> {
                requireArguments(name, arguments, 1);
                yield name + "(" + distinct + argumentList + ")";
            }
            case "sum", "avg" -> {
                requireArguments(name, arguments, 1);
                String sql = name + "(" + distinct + argumentList + ")";
                Optional<SqlType> type = typeOf(call);
                yield type.isPresent() ? "CAST(" + sql + " AS " + duckDbType(type.get()) + ")" : sql;
            }
            default -> libraryCall(name, call);
        };
    }

    /** A function from one of the libraries, cast to the Trino result type the library reports. */
    private String libraryCall(String name, FunctionCall call)
    {
        for (FunctionLibrary library : FUNCTION_LIBRARIES) {
            Optional<String> sql = library.translate(name, call, functionContext);
            if (sql.isPresent()) {
                Optional<SqlType> type = library.resultType(name, call, functionContext);
                return type.map(resultType -> "CAST(" + sql.get() + " AS " + duckDbType(withoutLengths(resultType)) + ")").orElse(sql.get());
            }
        }
        throw new PallasException(ErrorCode.NOT_SUPPORTED, "Function is not supported yet: " + name);
    }

    private Optional<SqlType> libraryType(FunctionCall call)
    {
        if (call.getName().getParts().size() != 1) {
            return Optional.empty();
        }
        String name = call.getName().getSuffix().toLowerCase(Locale.ROOT);
        for (FunctionLibrary library : FUNCTION_LIBRARIES) {
            Optional<SqlType> type = library.resultType(name, call, functionContext);
            if (type.isPresent()) {
                return type;
            }
        }
        return Optional.empty();
    }

    private static void requireArguments(String name, List<Expression> arguments, int count)
    {
        if (arguments.size() != count) {
            throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters for function " + name);
        }
    }

    private String genericLiteral(GenericLiteral literal)
    {
        String type = literal.getType().toLowerCase(Locale.ROOT);
        String value = literal.getValue();
        return switch (type) {
            case "date" -> {
                if (!DATE_LITERAL.matcher(value.strip()).matches()) {
                    throw new PallasException(ErrorCode.INVALID_CAST_ARGUMENT, "Value cannot be cast to date: " + value);
                }
                yield "CAST(" + string(value.strip()) + " AS DATE)";
            }
            case "timestamp" -> {
                Matcher matcher = timestampLiteral(value);
                String zone = matcher.group("zone");
                String local = matcher.group(1) + (matcher.group(2) == null ? "" : " " + matcher.group(2));
                if (zone == null) {
                    yield "CAST(" + string(local) + " AS TIMESTAMP)";
                }
                // DuckDB reads a numeric offset only when it follows the time directly
                yield "CAST(" + string(local + (zone.startsWith("+") || zone.startsWith("-") ? zone : " " + zone)) + " AS TIMESTAMPTZ)";
            }
            case "time" -> {
                if (!TIME_LITERAL.matcher(value.strip()).matches()) {
                    throw notSupported("TIME literal '" + value + "'");
                }
                yield "CAST(" + string(value.strip()) + " AS TIME)";
            }
            case "decimal", "varchar", "char", "integer", "int", "bigint", "smallint", "tinyint", "real", "double", "boolean", "json", "uuid" -> {
                SqlType target = sqlType(new GenericDataType(Optional.empty(), new Identifier(type), List.of()));
                if (type.equals("decimal")) {
                    target = decimalLiteralType(new DecimalLiteral(value.strip()));
                }
                if (type.equals("char")) {
                    target = SqlType.charType(value.length());
                }
                yield switch (target.kind()) {
                    case VARCHAR -> string(value);
                    case CHAR -> "rtrim(" + string(value) + ", ' ')";
                    case JSON -> "json(" + string(value) + ")";
                    default -> "CAST(" + string(value) + " AS " + duckDbType(target) + ")";
                };
            }
            case "x" -> "from_hex(" + string(value) + ")";
            default -> throw notSupported(literal.getType() + " literal");
        };
    }

    private static Matcher timestampLiteral(String value)
    {
        Matcher matcher = TIMESTAMP_LITERAL.matcher(value.strip());
        if (!matcher.matches()) {
            throw new PallasException(ErrorCode.INVALID_CAST_ARGUMENT, "Value cannot be cast to timestamp: " + value);
        }
        if (matcher.group(3) != null && matcher.group(3).length() > 6) {
            throw notSupported("Timestamps with more than 6 fractional digits");
        }
        return matcher;
    }

    private static String intervalLiteral(IntervalLiteral literal)
    {
        if (!(literal.qualifier() instanceof io.trino.sql.tree.SimpleIntervalQualifier qualifier)) {
            throw notSupported("Interval literal ranges such as DAY TO SECOND");
        }
        String value = literal.getValue().strip();
        int sign = literal.getSign().multiplier();
        if (value.startsWith("-")) {
            sign = -sign;
            value = value.substring(1);
        }
        IntervalField field = qualifier.getField();
        try {
            return switch (field) {
                case IntervalField.Year _ -> "to_months(CAST(" + Math.multiplyExact(sign * Long.parseLong(value), 12) + " AS INTEGER))";
                case IntervalField.Month _ -> "to_months(CAST(" + sign * Long.parseLong(value) + " AS INTEGER))";
                case IntervalField.Day _ -> micros(sign, new BigDecimal(Long.parseLong(value)).multiply(BigDecimal.valueOf(86_400_000_000L)));
                case IntervalField.Hour _ -> micros(sign, new BigDecimal(Long.parseLong(value)).multiply(BigDecimal.valueOf(3_600_000_000L)));
                case IntervalField.Minute _ -> micros(sign, new BigDecimal(Long.parseLong(value)).multiply(BigDecimal.valueOf(60_000_000L)));
                case IntervalField.Second _ -> micros(sign, new BigDecimal(value).movePointRight(6));
                default -> throw notSupported("Interval field " + field.name());
            };
        }
        catch (NumberFormatException | ArithmeticException e) {
            throw new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, "Invalid INTERVAL " + field.name() + " value: " + literal.getValue());
        }
    }

    private static String micros(int sign, BigDecimal micros)
    {
        // Trino keeps milliseconds
        long value = micros.movePointLeft(3).setScale(0, java.math.RoundingMode.DOWN).movePointRight(3).longValueExact();
        return "to_microseconds(CAST(" + (sign * value) + " AS BIGINT))";
    }

    // ---------------------------------------------------------------- types

    /** The Trino type of an expression where it follows from literals, casts and operators; empty otherwise. */
    Optional<SqlType> typeOf(Expression expression)
    {
        SqlType declared = declaredTypes.get(expression);
        if (declared != null) {
            return Optional.of(declared);
        }
        return switch (expression) {
            case LongLiteral literal -> Optional.of(literal.getParsedValue() == (int) literal.getParsedValue() ? SqlType.INTEGER : SqlType.BIGINT);
            case DecimalLiteral literal -> Optional.of(decimalLiteralType(literal));
            case DoubleLiteral _ -> Optional.of(SqlType.DOUBLE);
            // Trino types a string literal by its length in code points
            case StringLiteral literal -> Optional.of(varcharLiteralType(literal.getValue()));
            case BooleanLiteral _ -> Optional.of(SqlType.BOOLEAN);
            case BinaryLiteral _ -> Optional.of(SqlType.VARBINARY);
            case NullLiteral _ -> Optional.of(SqlType.UNKNOWN);
            case GenericLiteral literal -> genericLiteralType(literal);
            case IntervalLiteral literal -> Optional.of(literal.qualifier() instanceof io.trino.sql.tree.SimpleIntervalQualifier qualifier
                    && (qualifier.getField() instanceof IntervalField.Year || qualifier.getField() instanceof IntervalField.Month)
                    ? SqlType.INTERVAL_YEAR_TO_MONTH
                    : SqlType.INTERVAL_DAY_TO_SECOND);
            case Cast cast -> Optional.of(sqlType(cast.getType()));
            case SearchedCaseExpression searched -> commonType(Stream.concat(
                    searched.getWhenClauses().stream().map(WhenClause::getResult),
                    searched.getDefaultValue().stream()).toList());
            case SimpleCaseExpression simple -> commonType(Stream.concat(
                    simple.getWhenClauses().stream().map(WhenClause::getResult),
                    simple.getDefaultValue().stream()).toList());
            case IfExpression ifExpression -> commonType(Stream.concat(
                    Stream.of(ifExpression.getTrueValue()),
                    ifExpression.getFalseValue().stream()).toList());
            case CoalesceExpression coalesce -> commonType(coalesce.getOperands());
            case NullIfExpression nullIf -> boundedVarchar(List.of(nullIf.getFirst()));
            case FunctionCall call when call.getName().getParts().size() == 1 && call.getArguments().size() >= 2
                    && call.getName().getSuffix().equalsIgnoreCase("concat") -> concatType(call.getArguments().stream().map(CallArgument::getValue).toList());
            case ArithmeticUnaryExpression unary -> typeOf(unary.getValue());
            case ArithmeticBinaryExpression binary -> arithmeticType(binary.getOperator(), typeOf(binary.getLeft()), typeOf(binary.getRight()));
            case Row row -> {
                List<SqlType> fields = new ArrayList<>();
                List<Optional<String>> names = new ArrayList<>();
                for (Row.Field field : row.getFields()) {
                    Optional<SqlType> type = typeOf(field.getExpression());
                    if (type.isEmpty()) {
                        yield Optional.empty();
                    }
                    fields.add(type.get());
                    names.add(field.getName().map(DuckDbPrinter::canonical));
                }
                yield Optional.of(SqlType.row(names, fields));
            }
            case Array array -> {
                Optional<SqlType> element = Optional.empty();
                for (Expression value : array.getValues()) {
                    Optional<SqlType> type = typeOf(value);
                    if (type.isEmpty() || (element.isPresent() && !element.equals(type))) {
                        yield Optional.empty();
                    }
                    element = type;
                }
                yield element.map(SqlType::array);
            }
            case FunctionCall call when call.getName().getParts().size() == 1 && call.getArguments().size() == 1 -> {
                String name = call.getName().getSuffix().toLowerCase(Locale.ROOT);
                Optional<SqlType> argument = typeOf(call.getArguments().getFirst().getValue());
                yield switch (name) {
                    case "count" -> Optional.of(SqlType.BIGINT);
                    case "min", "max" -> argument;
                    case "sum" -> argument.flatMap(type -> switch (type.kind()) {
                        case TINYINT, SMALLINT, INTEGER, BIGINT -> Optional.of(SqlType.BIGINT);
                        case DECIMAL -> Optional.of(SqlType.decimal(38, type.scale()));
                        case REAL, DOUBLE -> Optional.of(type);
                        default -> Optional.empty();
                    });
                    case "avg" -> argument.flatMap(type -> switch (type.kind()) {
                        case TINYINT, SMALLINT, INTEGER, BIGINT, DOUBLE -> Optional.of(SqlType.DOUBLE);
                        case REAL, DECIMAL -> Optional.of(type);
                        default -> Optional.empty();
                    });
                    default -> libraryType(call);
                };
            }
            case FunctionCall call when call.getName().getParts().size() == 1
                    && call.getArguments().isEmpty() && call.getName().getSuffix().equalsIgnoreCase("count") -> Optional.of(SqlType.BIGINT);
            case FunctionCall call -> libraryType(call);
            case GroupingOperation _ -> Optional.of(SqlType.BIGINT);
            case Extract _ -> Optional.of(SqlType.BIGINT);
            case Trim _, Format _, TryExpression _ -> typeOf(asFunctionCall(expression));
            case CurrentDate _ -> Optional.of(SqlType.DATE);
            case CurrentTimestamp _, AtTimeZone _ -> Optional.of(SqlType.timestampWithTimeZone(SqlType.DEFAULT_TIMESTAMP_PRECISION));
            case LocalTimestamp _ -> Optional.of(SqlType.timestamp(SqlType.DEFAULT_TIMESTAMP_PRECISION));
            default -> Optional.empty();
        };
    }

    private static SqlType varcharLiteralType(String value)
    {
        return SqlType.varchar(value.codePointCount(0, value.length()));
    }

    private static boolean isBoundedVarchar(SqlType type)
    {
        return type.kind() == Kind.VARCHAR && type.length() != SqlType.UNBOUNDED;
    }

    /**
     * The type of a CASE, IF or COALESCE: the longest bounded varchar, or the numeric type Trino coerces the values
     * to; empty for anything else, which DuckDB's own type then describes.
     */
    private Optional<SqlType> commonType(List<Expression> values)
    {
        Optional<SqlType> varchar = boundedVarchar(values);
        return varchar.isPresent() ? varchar : numericCommonType(values);
    }

    /**
     * Trino's common type of numeric values (NULL aside): double over real over decimal over integers; a decimal
     * mixed with integers or other decimals keeps the most integer digits and the largest scale.
     */
    private Optional<SqlType> numericCommonType(List<Expression> values)
    {
        List<SqlType> types = new ArrayList<>();
        for (Expression value : values) {
            Optional<SqlType> type = typeOf(value);
            if (type.isPresent() && type.get().kind() == Kind.UNKNOWN) {
                continue;
            }
            if (type.isEmpty() || !isNumeric(type.get())) {
                return Optional.empty();
            }
            types.add(type.get());
        }
        if (types.isEmpty()) {
            return Optional.empty();
        }
        if (types.stream().anyMatch(type -> type.kind() == Kind.DOUBLE)) {
            return Optional.of(SqlType.DOUBLE);
        }
        if (types.stream().anyMatch(type -> type.kind() == Kind.REAL)) {
            return Optional.of(SqlType.REAL);
        }
        if (types.stream().noneMatch(type -> type.kind() == Kind.DECIMAL)) {
            return types.stream().max(java.util.Comparator.comparingInt(DuckDbPrinter::integerRank));
        }
        int integerDigits = 0;
        int scale = 0;
        for (SqlType type : types) {
            SqlType decimal = asDecimal(type);
            integerDigits = Math.max(integerDigits, decimal.length() - decimal.scale());
            scale = Math.max(scale, decimal.scale());
        }
        return Optional.of(SqlType.decimal(Math.min(38, integerDigits + scale), scale));
    }

    /**
     * The type of a CASE, IF, COALESCE or NULLIF whose possible values are all bounded varchar (or NULL): the
     * longest of them, as in Trino. Empty for anything else, which DuckDB's own type then describes.
     */
    private Optional<SqlType> boundedVarchar(List<Expression> values)
    {
        int length = -1;
        for (Expression value : values) {
            Optional<SqlType> type = typeOf(value);
            if (type.isPresent() && type.get().kind() == Kind.UNKNOWN) {
                continue;
            }
            if (type.isEmpty() || !isBoundedVarchar(type.get())) {
                return Optional.empty();
            }
            length = Math.max(length, type.get().length());
        }
        return length < 0 ? Optional.empty() : Optional.of(SqlType.varchar(length));
    }

    /** Trino's concat of bounded varchars is bounded by the sum of their lengths. */
    private Optional<SqlType> concatType(List<Expression> arguments)
    {
        long length = 0;
        for (Expression argument : arguments) {
            Optional<SqlType> type = typeOf(argument);
            if (type.isEmpty() || !isBoundedVarchar(type.get())) {
                return Optional.empty();
            }
            length += type.get().length();
        }
        return length > Integer.MAX_VALUE ? Optional.empty() : Optional.of(SqlType.varchar((int) length));
    }

    /** The type without varchar lengths, which DuckDB cannot keep inside casts. */
    private static SqlType withoutLengths(SqlType type)
    {
        return switch (type.kind()) {
            case VARCHAR -> SqlType.VARCHAR;
            case ARRAY -> SqlType.array(withoutLengths(type.elementType()));
            case MAP -> SqlType.map(withoutLengths(type.keyType()), withoutLengths(type.valueType()));
            case ROW -> SqlType.row(type.fieldNames(), type.parameters().stream().map(DuckDbPrinter::withoutLengths).toList());
            default -> type;
        };
    }

    private static Optional<SqlType> genericLiteralType(GenericLiteral literal)
    {
        String value = literal.getValue();
        return switch (literal.getType().toLowerCase(Locale.ROOT)) {
            case "date" -> Optional.of(SqlType.DATE);
            case "timestamp" -> {
                Matcher matcher = timestampLiteral(value);
                int precision = matcher.group(3) == null ? 0 : matcher.group(3).length();
                yield Optional.of(matcher.group("zone") == null ? SqlType.timestamp(precision) : SqlType.timestampWithTimeZone(precision));
            }
            case "time" -> {
                Matcher matcher = TIME_LITERAL.matcher(value.strip());
                yield Optional.of(SqlType.time(matcher.matches() && matcher.group(1) != null ? matcher.group(1).length() : 0));
            }
            case "char" -> Optional.of(SqlType.charType(value.length()));
            case "varchar" -> Optional.of(varcharLiteralType(value));
            case "decimal" -> Optional.of(decimalLiteralType(new DecimalLiteral(value.strip())));
            case "integer", "int", "bigint", "smallint", "tinyint", "real", "double", "boolean", "json", "uuid" ->
                    Optional.of(sqlType(new GenericDataType(Optional.empty(), new Identifier(literal.getType()), List.of())));
            default -> Optional.empty();
        };
    }

    private static boolean isInterval(SqlType type)
    {
        return type.kind() == Kind.INTERVAL_DAY_TO_SECOND || type.kind() == Kind.INTERVAL_YEAR_TO_MONTH;
    }

    private static boolean isDateTime(SqlType type)
    {
        return type.kind() == Kind.DATE || type.kind() == Kind.TIMESTAMP || type.kind() == Kind.TIMESTAMP_WITH_TIME_ZONE;
    }

    /** EXTRACT, TRIM, FORMAT and TRY are syntax for functions the libraries translate. */
    private static FunctionCall asFunctionCall(Expression expression)
    {
        return switch (expression) {
            case Extract extract -> new FunctionCall(QualifiedName.of(extract.getField().name().toLowerCase(Locale.ROOT)), List.of(extract.getExpression()));
            case Trim trim -> {
                String name = switch (trim.getSpecification()) {
                    case BOTH -> "trim";
                    case LEADING -> "ltrim";
                    case TRAILING -> "rtrim";
                };
                List<Expression> arguments = new ArrayList<>();
                arguments.add(trim.getTrimSource());
                trim.getTrimCharacter().ifPresent(arguments::add);
                yield new FunctionCall(QualifiedName.of(name), arguments);
            }
            case Format format -> new FunctionCall(QualifiedName.of("format"), format.getArguments());
            case TryExpression tryExpression -> new FunctionCall(QualifiedName.of("try"), List.of(tryExpression.getInnerExpression()));
            default -> throw new IllegalArgumentException("not a function syntax: " + expression);
        };
    }

    private static void requireMillisecondPrecision(Optional<Integer> precision)
    {
        if (precision.isPresent() && precision.get() != SqlType.DEFAULT_TIMESTAMP_PRECISION) {
            throw notSupported("current time with precision " + precision.get());
        }
    }

    /**
     * {@code x AT TIME ZONE 'UTC'}: the session zone is UTC, so a timestamp becomes the same instant with zone UTC.
     * Other zones would need a per-value zone, which results cannot carry yet. DuckDB's own AT TIME ZONE means
     * the opposite conversion and is never emitted.
     */
    private String atTimeZone(AtTimeZone atTimeZone)
    {
        boolean utc = atTimeZone.getTimeZone() instanceof StringLiteral zone
                && Set.of("utc", "z", "zulu", "gmt", "etc/utc", "etc/gmt", "+00:00", "-00:00", "universal").contains(zone.getValue().toLowerCase(Locale.ROOT));
        if (!utc) {
            throw notSupported("AT TIME ZONE with a zone other than UTC");
        }
        Optional<SqlType> type = typeOf(atTimeZone.getValue());
        String value = expression(atTimeZone.getValue());
        return type.isPresent() && type.get().kind() == Kind.TIMESTAMP_WITH_TIME_ZONE ? value : "CAST(" + value + " AS TIMESTAMPTZ)";
    }

    static Optional<SqlType> arithmeticType(ArithmeticBinaryExpression.Operator operator, Optional<SqlType> left, Optional<SqlType> right)
    {
        if (left.isEmpty() || right.isEmpty()) {
            return Optional.empty();
        }
        SqlType a = left.get();
        SqlType b = right.get();
        boolean additive = operator == ArithmeticBinaryExpression.Operator.ADD || operator == ArithmeticBinaryExpression.Operator.SUBTRACT;
        if (additive && isInterval(b) && isDateTime(a)) {
            return Optional.of(a);
        }
        if (operator == ArithmeticBinaryExpression.Operator.ADD && isInterval(a) && isDateTime(b)) {
            return Optional.of(b);
        }
        if (isExactNumeric(a) && isExactNumeric(b) && a.kind() != Kind.DECIMAL && b.kind() != Kind.DECIMAL) {
            return Optional.of(integerRank(a) >= integerRank(b) ? a : b);
        }
        if (a.kind() == Kind.DOUBLE || b.kind() == Kind.DOUBLE) {
            return isNumeric(a) && isNumeric(b) ? Optional.of(SqlType.DOUBLE) : Optional.empty();
        }
        if (a.kind() == Kind.REAL || b.kind() == Kind.REAL) {
            return isNumeric(a) && isNumeric(b) ? Optional.of(SqlType.REAL) : Optional.empty();
        }
        if (!isExactNumeric(a) || !isExactNumeric(b)) {
            return Optional.empty();
        }
        SqlType x = asDecimal(a);
        SqlType y = asDecimal(b);
        int p1 = x.length();
        int s1 = x.scale();
        int p2 = y.length();
        int s2 = y.scale();
        return Optional.of(switch (operator) {
            case ADD, SUBTRACT -> {
                int scale = Math.max(s1, s2);
                yield SqlType.decimal(Math.min(38, 1 + scale + Math.max(p1 - s1, p2 - s2)), scale);
            }
            case MULTIPLY -> SqlType.decimal(Math.min(38, p1 + p2), s1 + s2);
            case DIVIDE -> {
                int scale = Math.max(s1, s2);
                yield SqlType.decimal(Math.min(38, p1 + s2 + Math.max(0, s2 - s1)), scale);
            }
            case MODULO -> {
                int scale = Math.max(s1, s2);
                yield SqlType.decimal(Math.min(38, Math.min(p2 - s2, p1 - s1) + scale), scale);
            }
        });
    }

    private static boolean isNumeric(SqlType type)
    {
        return isExactNumeric(type) || type.kind() == Kind.REAL || type.kind() == Kind.DOUBLE;
    }

    private static boolean isExactNumeric(SqlType type)
    {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL -> true;
            default -> false;
        };
    }

    private static int integerRank(SqlType type)
    {
        return switch (type.kind()) {
            case TINYINT -> 0;
            case SMALLINT -> 1;
            case INTEGER -> 2;
            default -> 3;
        };
    }

    private static SqlType asDecimal(SqlType type)
    {
        return switch (type.kind()) {
            case TINYINT -> SqlType.decimal(3, 0);
            case SMALLINT -> SqlType.decimal(5, 0);
            case INTEGER -> SqlType.decimal(10, 0);
            case BIGINT -> SqlType.decimal(19, 0);
            case DECIMAL -> type;
            default -> throw new IllegalArgumentException("not an exact numeric type: " + type);
        };
    }

    private static SqlType decimalLiteralType(DecimalLiteral literal)
    {
        BigDecimal value = new BigDecimal(literal.getValue());
        int scale = Math.max(value.scale(), 0);
        int precision = Math.max(value.precision() - Math.min(value.scale(), 0), scale);
        if (precision > 38) {
            throw new PallasException(ErrorCode.INVALID_CAST_ARGUMENT, "Decimal literal is out of range: " + literal.getValue());
        }
        return SqlType.decimal(Math.max(precision, 1), scale);
    }

    /** The Trino type a data type names; fails for types DuckDB cannot hold with Trino's meaning. */
    static SqlType sqlType(DataType type)
    {
        return switch (type) {
            case GenericDataType generic -> {
                String name = generic.getName().getValue().toLowerCase(Locale.ROOT);
                List<DataTypeParameter> arguments = generic.getArguments();
                yield switch (name) {
                    case "boolean" -> SqlType.BOOLEAN;
                    case "tinyint" -> SqlType.TINYINT;
                    case "smallint" -> SqlType.SMALLINT;
                    case "integer", "int" -> SqlType.INTEGER;
                    case "bigint" -> SqlType.BIGINT;
                    case "real" -> SqlType.REAL;
                    case "double" -> SqlType.DOUBLE;
                    case "decimal" -> {
                        int precision = arguments.isEmpty() ? 38 : numeric(arguments.get(0));
                        int scale = arguments.size() < 2 ? 0 : numeric(arguments.get(1));
                        if (precision < 1 || precision > 38 || scale > precision) {
                            throw new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, "Invalid decimal type: decimal(" + precision + "," + scale + ")");
                        }
                        yield SqlType.decimal(precision, scale);
                    }
                    case "varchar" -> arguments.isEmpty() ? SqlType.VARCHAR : SqlType.varchar(numeric(arguments.getFirst()));
                    case "char" -> SqlType.charType(arguments.isEmpty() ? 1 : numeric(arguments.getFirst()));
                    case "varbinary" -> SqlType.VARBINARY;
                    case "date" -> SqlType.DATE;
                    case "json" -> SqlType.JSON;
                    case "uuid" -> SqlType.UUID;
                    case "array" -> SqlType.array(typeArgument(arguments, 0, 1));
                    case "map" -> SqlType.map(typeArgument(arguments, 0, 2), typeArgument(arguments, 1, 2));
                    default -> throw notSupported("Type " + name);
                };
            }
            case RowDataType row -> {
                List<Optional<String>> names = new ArrayList<>();
                List<SqlType> fields = new ArrayList<>();
                for (RowDataType.Field field : row.getFields()) {
                    names.add(field.getName().map(DuckDbPrinter::canonical));
                    fields.add(sqlType(field.getType()));
                }
                yield SqlType.row(names, fields);
            }
            case DateTimeDataType dateTime -> {
                int precision = dateTime.getPrecision().map(DuckDbPrinter::numeric).orElse(-1);
                if (precision > 6) {
                    throw notSupported("Precision above 6 for " + dateTime.getType());
                }
                yield switch (dateTime.getType()) {
                    case TIMESTAMP -> dateTime.isWithTimeZone()
                            ? SqlType.timestampWithTimeZone(precision < 0 ? SqlType.DEFAULT_TIMESTAMP_PRECISION : precision)
                            : SqlType.timestamp(precision < 0 ? SqlType.DEFAULT_TIMESTAMP_PRECISION : precision);
                    case TIME -> {
                        if (dateTime.isWithTimeZone()) {
                            throw notSupported("time with time zone");
                        }
                        yield SqlType.time(precision < 0 ? SqlType.DEFAULT_TIMESTAMP_PRECISION : precision);
                    }
                };
            }
            case IntervalDataType interval -> {
                IntervalField from = switch (interval.qualifier()) {
                    case io.trino.sql.tree.SimpleIntervalQualifier simple -> simple.getField();
                    case io.trino.sql.tree.CompositeIntervalQualifier composite -> composite.getFrom();
                    default -> throw notSupported("Interval type " + interval);
                };
                yield from instanceof IntervalField.Year || from instanceof IntervalField.Month ? SqlType.INTERVAL_YEAR_TO_MONTH : SqlType.INTERVAL_DAY_TO_SECOND;
            }
            default -> throw notSupported("Type " + type);
        };
    }

    private static SqlType typeArgument(List<DataTypeParameter> arguments, int index, int expected)
    {
        if (arguments.size() != expected || !(arguments.get(index) instanceof TypeParameter parameter)) {
            throw new PallasException(ErrorCode.TYPE_MISMATCH, "Wrong type parameters");
        }
        return sqlType(parameter.getValue());
    }

    private static int numeric(DataTypeParameter parameter)
    {
        if (parameter instanceof NumericParameter numeric) {
            return Math.toIntExact(numeric.getParsedValue());
        }
        throw new PallasException(ErrorCode.TYPE_MISMATCH, "Expected a number as type parameter");
    }

    /** DuckDB's spelling of a Trino type, for casts. */
    static String duckDbType(SqlType type)
    {
        return switch (type.kind()) {
            case BOOLEAN -> "BOOLEAN";
            case TINYINT -> "TINYINT";
            case SMALLINT -> "SMALLINT";
            case INTEGER -> "INTEGER";
            case BIGINT -> "BIGINT";
            case REAL -> "FLOAT";
            case DOUBLE -> "DOUBLE";
            case DECIMAL -> "DECIMAL(" + type.length() + ", " + type.scale() + ")";
            case VARCHAR -> {
                if (type.length() != SqlType.UNBOUNDED) {
                    throw notSupported("varchar(n) inside a structural type");
                }
                yield "VARCHAR";
            }
            case STRING -> "VARCHAR";
            case VARBINARY -> "BLOB";
            case DATE -> "DATE";
            case TIME -> "TIME";
            case TIMESTAMP -> "TIMESTAMP";
            case TIMESTAMP_WITH_TIME_ZONE -> "TIMESTAMPTZ";
            case INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH -> "INTERVAL";
            case JSON -> "JSON";
            case UUID -> "UUID";
            case ARRAY -> duckDbType(type.elementType()) + "[]";
            case MAP -> "MAP(" + duckDbType(type.keyType()) + ", " + duckDbType(type.valueType()) + ")";
            case ROW -> {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < type.parameters().size(); i++) {
                    String name = type.fieldNames().get(i).orElseThrow(() -> notSupported("Casts to row types with unnamed fields"));
                    fields.add(quote(name) + " " + duckDbType(type.parameters().get(i)));
                }
                yield "STRUCT(" + String.join(", ", fields) + ")";
            }
            case CHAR, TIME_WITH_TIME_ZONE, UNKNOWN -> throw notSupported("Type " + type + " here");
        };
    }

    // ---------------------------------------------------------------- lexical

    static String canonical(Identifier identifier)
    {
        return identifier.isDelimited() ? identifier.getValue() : identifier.getValue().toLowerCase(Locale.ROOT);
    }

    private static String identifier(Identifier identifier)
    {
        return quote(canonical(identifier));
    }

    static String quote(String name)
    {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String string(String value)
    {
        return "'" + value.replace("'", "''") + "'";
    }

    private static PallasException notSupported(String construct)
    {
        return new PallasException(ErrorCode.NOT_SUPPORTED, construct + " is not supported yet");
    }
}
