package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.PartitionFilter;
import io.pallas.core.catalog.TableColumn;
import io.pallas.core.type.SqlType;
import io.pallas.core.type.SqlType.Kind;
import io.trino.sql.tree.AliasedRelation;
import io.trino.sql.tree.AllColumns;
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
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.DereferenceExpression;
import io.trino.sql.tree.DistinctFromPredicate;
import io.trino.sql.tree.DoubleLiteral;
import io.trino.sql.tree.ExistsPredicate;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.GenericLiteral;
import io.trino.sql.tree.GroupingElement;
import io.trino.sql.tree.GroupingSets;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.IfExpression;
import io.trino.sql.tree.InListExpression;
import io.trino.sql.tree.InPredicate;
import io.trino.sql.tree.IntervalLiteral;
import io.trino.sql.tree.IsNullPredicate;
import io.trino.sql.tree.Join;
import io.trino.sql.tree.JoinOn;
import io.trino.sql.tree.JoinUsing;
import io.trino.sql.tree.LambdaExpression;
import io.trino.sql.tree.LikePredicate;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.Node;
import io.trino.sql.tree.NotExpression;
import io.trino.sql.tree.NullIfExpression;
import io.trino.sql.tree.NullLiteral;
import io.trino.sql.tree.OrderBy;
import io.trino.sql.tree.Predicated;
import io.trino.sql.tree.QuantifiedComparisonPredicate;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.QueryBody;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.Relation;
import io.trino.sql.tree.Row;
import io.trino.sql.tree.SearchedCaseExpression;
import io.trino.sql.tree.SelectItem;
import io.trino.sql.tree.SetOperation;
import io.trino.sql.tree.SimpleCaseExpression;
import io.trino.sql.tree.SimpleGroupBy;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.SortItem;
import io.trino.sql.tree.StringLiteral;
import io.trino.sql.tree.SubqueryExpression;
import io.trino.sql.tree.SubscriptExpression;
import io.trino.sql.tree.Table;
import io.trino.sql.tree.TableSubquery;
import io.trino.sql.tree.Unnest;
import io.trino.sql.tree.Values;
import io.trino.sql.tree.WhenClause;
import io.trino.sql.tree.WindowSpecification;
import io.trino.sql.tree.WithQuery;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Trino's semantic checks that must happen before DuckDB sees a query, with Trino's error names and wording:
 * names of tables, columns and functions, operand types where the printer knows them, and grouping. Whatever it
 * cannot judge for sure (a relation it does not model, a type it does not know) it lets through: DuckDB or the
 * printer decide then, and analysis never reports an error Trino would not.
 */
final class DuckDbAnalyzer
{
    /** Functions whose every parameter is a number in all of Trino's signatures. */
    private static final Set<String> NUMERIC_FUNCTIONS = Set.of(
            "abs", "acos", "asin", "atan", "atan2", "cbrt", "ceil", "ceiling", "cos", "cosh", "degrees", "exp", "floor", "ln", "log10",
            "log2", "mod", "pow", "power", "radians", "round", "sign", "sin", "sinh", "sqrt", "tan", "tanh", "truncate");

    private static final Set<Kind> NOT_ARITHMETIC = Set.of(
            Kind.VARCHAR, Kind.CHAR, Kind.BOOLEAN, Kind.VARBINARY, Kind.JSON, Kind.UUID, Kind.ARRAY, Kind.MAP, Kind.ROW);

    private static final Set<Kind> DECLARED_VALUES_KINDS = Set.of(
            Kind.VARCHAR, Kind.BOOLEAN, Kind.TINYINT, Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.REAL, Kind.DOUBLE, Kind.DECIMAL);

    private final DuckDbPrinter printer;
    private final QueryTables tables;
    private final Deque<Map<String, RelationType>> withQueries = new ArrayDeque<>();
    /** The partition keys of the tables read, by the identity of their fields. */
    private final Map<Object, PartitionKey> partitionKeys = new HashMap<>();

    /** A partition key of one reference to a table. */
    private record PartitionKey(Table table, int index, SqlType type) {}

    DuckDbAnalyzer(DuckDbPrinter printer, QueryTables tables)
    {
        this.printer = requireNonNull(printer, "printer is null");
        this.tables = requireNonNull(tables, "tables is null");
    }

    /**
     * One column a name can resolve to; columns joined by USING share their identity. A hidden column (a table's
     * {@code $path}) is found by name but not by {@code *}; a declared one has the type a table declares, which the
     * printer may rely on.
     */
    private record Field(Optional<String> relation, Optional<String> name, Optional<SqlType> type, Object identity, boolean hidden, boolean declared)
    {
        static Field of(Optional<String> relation, Optional<String> name, Optional<SqlType> type)
        {
            return new Field(relation, name, type, new Object(), false, false);
        }

        static Field declared(Optional<String> relation, String name, SqlType type, boolean hidden)
        {
            return new Field(relation, Optional.of(name), Optional.of(type), new Object(), hidden, true);
        }

        Field withRelation(Optional<String> newRelation)
        {
            return new Field(newRelation, name, type, identity, hidden, declared);
        }

        Field withName(Optional<String> newName)
        {
            return new Field(relation, newName, type, identity, hidden, declared);
        }
    }

    /** The columns of a relation; partial when the relation has columns that are not modelled. */
    private record RelationType(List<Field> fields, boolean partial)
    {
        static final RelationType UNKNOWN = new RelationType(List.of(), true);

        RelationType withRelation(Optional<String> relation)
        {
            return new RelationType(fields.stream().map(field -> field.withRelation(relation)).toList(), partial);
        }
    }

    /** The columns visible to an expression, the enclosing query's next. */
    private record Scope(RelationType relation, List<Field> outputs, Optional<Scope> outer)
    {
        Scope(RelationType relation, Optional<Scope> outer)
        {
            this(relation, List.of(), outer);
        }
    }

    private enum Status { FOUND, AMBIGUOUS, MISSING, UNKNOWN }

    private record Lookup(Status status, Optional<Field> field) {}

    void analyze(Query query)
    {
        analyzeQuery(query, Optional.empty());
    }

    // ---------------------------------------------------------------- queries

    private RelationType analyzeQuery(Query query, Optional<Scope> outer)
    {
        withQueries.push(new HashMap<>());
        try {
            if (query.getWith().isPresent()) {
                for (WithQuery withQuery : query.getWith().get().getQueries()) {
                    RelationType type = analyzeQuery(withQuery.getQuery(), outer);
                    if (withQuery.getColumnNames().isPresent()) {
                        type = renamed(type, withQuery.getColumnNames().get());
                    }
                    withQueries.peek().put(lower(withQuery.getName()), type);
                }
            }
            RelationType body = analyzeQueryBody(query.getQueryBody(), outer);
            if (query.getOrderBy().isPresent()) {
                analyzeOrderBy(query.getOrderBy().get(), new Scope(new RelationType(List.of(), body.partial()), body.fields(), outer));
            }
            return body;
        }
        finally {
            withQueries.pop();
        }
    }

    private RelationType analyzeQueryBody(QueryBody body, Optional<Scope> outer)
    {
        return switch (body) {
            case QuerySpecification specification -> analyzeSpecification(specification, outer);
            case TableSubquery subquery -> analyzeQuery(subquery.getQuery(), outer).withRelation(Optional.empty());
            case Values values -> analyzeValues(values, outer);
            case Table table -> analyzeTable(table).withRelation(Optional.empty());
            case SetOperation operation -> {
                RelationType first = null;
                for (Relation relation : operation.getRelations()) {
                    RelationType type = relation instanceof QueryBody queryBody ? analyzeQueryBody(queryBody, outer) : RelationType.UNKNOWN;
                    if (first == null) {
                        first = type;
                    }
                    else {
                        requireCompatibleColumns(operation, first, type);
                    }
                }
                // the column types of a set operation are the common supertypes, which are not worked out here
                yield new RelationType(
                        first.fields().stream().map(field -> Field.of(Optional.empty(), field.name(), Optional.empty())).toList(),
                        first.partial());
            }
            default -> RelationType.UNKNOWN;
        };
    }

    /** A number and a text (or a boolean) have no common type: Trino refuses to combine them where DuckDB casts. */
    private static void requireCompatibleColumns(SetOperation operation, RelationType first, RelationType next)
    {
        if (first.partial() || next.partial() || first.fields().size() != next.fields().size()) {
            return;
        }
        for (int i = 0; i < first.fields().size(); i++) {
            Optional<SqlType> left = first.fields().get(i).type();
            Optional<SqlType> right = next.fields().get(i).type();
            if (left.isEmpty() || right.isEmpty()) {
                continue;
            }
            Optional<String> leftFamily = typeFamily(left.get());
            Optional<String> rightFamily = typeFamily(right.get());
            if (leftFamily.isPresent() && rightFamily.isPresent() && !leftFamily.equals(rightFamily)) {
                String name = operation.getClass().getSimpleName().toUpperCase(Locale.ROOT);
                throw semanticError(ErrorCode.TYPE_MISMATCH, operation,
                        "column " + (i + 1) + " in " + name + " query has incompatible types: " + left.get() + ", " + right.get());
            }
        }
    }

    private static Optional<String> typeFamily(SqlType type)
    {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> Optional.of("number");
            case VARCHAR, CHAR -> Optional.of("text");
            case BOOLEAN -> Optional.of("boolean");
            default -> Optional.empty();
        };
    }

    private RelationType analyzeValues(Values values, Optional<Scope> outer)
    {
        Scope scope = new Scope(new RelationType(List.of(), false), outer);
        List<Optional<SqlType>> types = null;
        for (Expression row : values.getRows()) {
            List<Expression> cells = row instanceof Row tuple
                    ? tuple.getFields().stream().map(Row.Field::getExpression).toList()
                    : List.of(row);
            List<Optional<SqlType>> rowTypes = new ArrayList<>();
            for (Expression cell : cells) {
                rowTypes.add(analyzeExpression(cell, scope));
            }
            if (types == null) {
                types = rowTypes;
            }
            else if (types.size() != rowTypes.size()) {
                return RelationType.UNKNOWN;
            }
            else {
                for (int i = 0; i < types.size(); i++) {
                    types.set(i, valuesColumnType(types.get(i), rowTypes.get(i)));
                }
            }
        }
        // the columns of VALUES have no names until an alias gives them some; a varchar column's length is passed
        // to the printer, which DuckDB would not keep (Trino types VALUES 'a', 'bc' as varchar(2)), and so are the
        // numeric types the printer's aggregates need (avg of a decimal is a decimal, sum of a real a real)
        List<Field> fields = types.stream()
                .map(type -> type.isPresent() && DECLARED_VALUES_KINDS.contains(type.get().kind())
                        ? new Field(Optional.empty(), Optional.empty(), type, new Object(), false, true)
                        : Field.of(Optional.empty(), Optional.empty(), type))
                .toList();
        printer.declareValuesTypes(values, fields.stream().map(field -> field.declared() ? field.type() : Optional.<SqlType>empty()).toList());
        return new RelationType(fields, false);
    }

    /** The type of a VALUES column from two rows: varchar lengths widen to the longer; other types must agree. */
    private static Optional<SqlType> valuesColumnType(Optional<SqlType> left, Optional<SqlType> right)
    {
        // a NULL takes the other rows' type
        if (left.isPresent() && left.get().kind() == Kind.UNKNOWN) {
            return right;
        }
        if (right.isPresent() && right.get().kind() == Kind.UNKNOWN) {
            return left;
        }
        if (left.isPresent() && right.isPresent() && left.get().kind() == Kind.VARCHAR && right.get().kind() == Kind.VARCHAR) {
            boolean unbounded = left.get().length() == SqlType.UNBOUNDED || right.get().length() == SqlType.UNBOUNDED;
            return Optional.of(unbounded ? SqlType.VARCHAR : SqlType.varchar(Math.max(left.get().length(), right.get().length())));
        }
        if (left.isPresent() && right.isPresent() && left.get().kind() == Kind.DECIMAL && right.get().kind() == Kind.DECIMAL) {
            int scale = Math.max(left.get().scale(), right.get().scale());
            int integerDigits = Math.max(left.get().length() - left.get().scale(), right.get().length() - right.get().scale());
            return Optional.of(SqlType.decimal(Math.min(38, integerDigits + scale), scale));
        }
        return left.equals(right) ? left : Optional.empty();
    }

    private RelationType analyzeSpecification(QuerySpecification specification, Optional<Scope> outer)
    {
        RelationType source = specification.getFrom()
                .map(from -> analyzeRelation(from, outer))
                .orElse(new RelationType(List.of(), false));
        Scope scope = new Scope(source, outer);

        specification.getWhere().ifPresent(where -> requireBoolean("WHERE clause", where, analyzeExpression(where, scope)));
        if (specification.getWhere().isPresent() && specification.getFrom().isPresent()) {
            Set<Table> read = Collections.newSetFromMap(new IdentityHashMap<>());
            directTables(specification.getFrom().get(), read);
            restrictPartitions(specification.getWhere().get(), scope, read);
        }

        List<Field> outputs = new ArrayList<>();
        boolean partial = false;
        for (SelectItem item : specification.getSelect().getSelectItems()) {
            switch (item) {
                case SingleColumn column -> {
                    Optional<SqlType> type = analyzeExpression(column.getExpression(), scope);
                    // a column passed on unchanged keeps the type its relation declares
                    outputs.add(type.isPresent() && printer.isDeclared(column.getExpression())
                            ? new Field(Optional.empty(), outputName(column), type, new Object(), false, true)
                            : Field.of(Optional.empty(), outputName(column), type));
                }
                case AllColumns all when all.getTarget().isEmpty() && all.getAliases().isEmpty() -> {
                    expandAll(all, source.fields(), outputs, !source.partial());
                    partial |= source.partial();
                }
                case AllColumns all when all.getTarget().orElseThrow() instanceof Identifier target && all.getAliases().isEmpty() -> {
                    List<Field> fields = source.fields().stream().filter(field -> field.relation().equals(Optional.of(lower(target)))).toList();
                    if (fields.isEmpty() && !source.partial() && lookup(scope, Optional.empty(), lower(target), true).status() == Status.MISSING) {
                        throw semanticError(ErrorCode.TABLE_NOT_FOUND, target, "Unable to resolve reference " + lower(target));
                    }
                    expandAll(all, fields, outputs, !fields.isEmpty() && !source.partial());
                    partial |= fields.isEmpty() || source.partial();
                }
                default -> partial = true;
            }
        }

        List<Expression> groupingKeys = new ArrayList<>();
        boolean simpleGrouping = true;
        if (specification.getGroupBy().isPresent()) {
            for (GroupingElement element : specification.getGroupBy().get().getGroupingElements()) {
                if (element instanceof GroupingSets sets) {
                    // every column of any set is a grouping key (NULL in the rows of the sets without it)
                    for (Expression key : sets.getExpressions()) {
                        if (key instanceof LongLiteral) {
                            simpleGrouping = false;
                        }
                        else {
                            analyzeExpression(key, scope);
                            groupingKeys.add(key);
                        }
                    }
                    continue;
                }
                if (!(element instanceof SimpleGroupBy simple)) {
                    simpleGrouping = false;
                    continue;
                }
                for (Expression key : simple.getExpressions()) {
                    Optional<Expression> selected = ordinal(key, specification.getSelect().getSelectItems());
                    if (selected.isPresent()) {
                        groupingKeys.add(selected.get());
                    }
                    else if (key instanceof LongLiteral) {
                        simpleGrouping = false;
                    }
                    else {
                        analyzeExpression(key, scope);
                        groupingKeys.add(key);
                    }
                }
            }
        }

        specification.getHaving().ifPresent(having -> requireBoolean("HAVING clause", having, analyzeExpression(having, scope)));

        if (specification.getOrderBy().isPresent()) {
            analyzeOrderBy(specification.getOrderBy().get(), new Scope(source, outputs, outer));
        }

        if (simpleGrouping && (specification.getGroupBy().isPresent() || hasAggregate(specification))) {
            checkGrouping(specification, source, groupingKeys);
        }
        return new RelationType(outputs, partial);
    }

    /** The columns {@code *} stands for: all but the hidden ones, which the printer then leaves out too. */
    private void expandAll(AllColumns all, List<Field> fields, List<Field> outputs, boolean complete)
    {
        List<Optional<SqlType>> declaredTypes = new ArrayList<>();
        for (Field field : fields) {
            if (field.hidden()) {
                printer.excludeHiddenColumns(all);
            }
            else {
                outputs.add(field.withRelation(Optional.empty()));
                declaredTypes.add(field.declared() ? field.type() : Optional.empty());
            }
        }
        // columns joined by USING appear once in the result, where and with which type (the common one, for outer
        // joins) is the engine's to say: no types are passed on then
        boolean joinedByUsing = fields.stream().map(Field::identity).distinct().count() < fields.size();
        if (complete && !joinedByUsing) {
            printer.declareAllColumnTypes(all, declaredTypes);
        }
    }

    private void analyzeOrderBy(OrderBy orderBy, Scope scope)
    {
        for (SortItem item : orderBy.getSortItems()) {
            if (!(item.getSortKey() instanceof LongLiteral)) {
                analyzeExpression(item.getSortKey(), scope);
            }
        }
    }

    private static Optional<Expression> ordinal(Expression key, List<SelectItem> items)
    {
        if (key instanceof LongLiteral literal && literal.getParsedValue() >= 1 && literal.getParsedValue() <= items.size()
                && items.get((int) literal.getParsedValue() - 1) instanceof SingleColumn column) {
            return Optional.of(column.getExpression());
        }
        return Optional.empty();
    }

    private static Optional<String> outputName(SingleColumn column)
    {
        if (column.getAlias().isPresent()) {
            return Optional.of(lower(column.getAlias().get()));
        }
        return switch (column.getExpression()) {
            case Identifier identifier -> Optional.of(lower(identifier));
            case DereferenceExpression dereference when dereference.getField().isPresent() && DuckDbPrinter.isQualifiedName(dereference.getBase()) -> Optional.of(lower(dereference.getField().get()));
            default -> Optional.empty();
        };
    }

    // ---------------------------------------------------------------- relations

    private RelationType analyzeRelation(Relation relation, Optional<Scope> outer)
    {
        return switch (relation) {
            case AliasedRelation aliased -> {
                RelationType type = analyzeRelation(aliased.getRelation(), outer);
                if (aliased.getColumnNames() != null && !aliased.getColumnNames().isEmpty()) {
                    type = renamed(type, aliased.getColumnNames());
                }
                yield type.withRelation(Optional.of(lower(aliased.getAlias())));
            }
            case Table table -> analyzeTable(table);
            case TableSubquery subquery -> analyzeQuery(subquery.getQuery(), outer).withRelation(Optional.empty());
            case Join join -> analyzeJoin(join, outer);
            case QueryBody body -> analyzeQueryBody(body, outer).withRelation(Optional.empty());
            case Unnest unnest -> analyzeUnnest(unnest, outer);
            default -> RelationType.UNKNOWN;
        };
    }

    private RelationType analyzeTable(Table table)
    {
        List<Identifier> parts = table.getName().getOriginalParts();
        if (parts.size() == 1) {
            for (Map<String, RelationType> names : withQueries) {
                RelationType type = names.get(lower(parts.getFirst()));
                if (type != null) {
                    return type.withRelation(Optional.of(lower(parts.getFirst())));
                }
            }
        }
        io.pallas.core.catalog.Table resolved = tables.resolve(table);
        Optional<String> relation = Optional.of(lower(parts.getLast()));
        if (resolved.isView()) {
            return analyzeView(resolved).withRelation(relation);
        }
        List<Field> fields = new ArrayList<>();
        for (TableColumn column : resolved.allColumns()) {
            fields.add(Field.declared(relation, column.name().toLowerCase(Locale.ROOT), TableScans.columnType(resolved, column), false));
        }
        int dataColumns = resolved.columns().size();
        for (int i = 0; i < resolved.partitionKeys().size(); i++) {
            Field key = fields.get(dataColumns + i);
            partitionKeys.put(key.identity(), new PartitionKey(table, i, key.type().orElseThrow()));
        }
        if (tables.pseudoColumns()) {
            fields.add(Field.declared(relation, TableScans.PATH_COLUMN, SqlType.VARCHAR, true));
            fields.add(Field.declared(relation, TableScans.FILE_SIZE_COLUMN, SqlType.BIGINT, true));
        }
        return new RelationType(fields, false);
    }

    /** A view's columns: those its query produces, named and typed as the catalog stores them when it does. */
    private RelationType analyzeView(io.pallas.core.catalog.Table view)
    {
        Query query = tables.viewQuery(view);
        List<Map<String, RelationType>> saved = new ArrayList<>(withQueries);
        withQueries.clear();
        RelationType type;
        try {
            type = tables.inView(view, () -> analyzeQuery(query, Optional.empty()));
        }
        finally {
            withQueries.clear();
            withQueries.addAll(saved);
        }
        List<TableColumn> columns = view.columns();
        if (columns.isEmpty() || (!type.partial() && type.fields().size() != columns.size())) {
            return type;
        }
        List<Field> fields = new ArrayList<>();
        for (TableColumn column : columns) {
            Optional<SqlType> columnType;
            try {
                columnType = Optional.of(HiveTypes.toSqlType(column.type()));
            }
            catch (IllegalArgumentException _) {
                columnType = Optional.empty();
            }
            fields.add(Field.of(Optional.empty(), Optional.of(column.name().toLowerCase(Locale.ROOT)), columnType));
        }
        return new RelationType(fields, false);
    }

    private static RelationType renamed(RelationType type, List<Identifier> names)
    {
        if (type.partial() || type.fields().size() != names.size()) {
            // a mismatched alias list is left to the engine
            return RelationType.UNKNOWN;
        }
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Field field = type.fields().get(i);
            fields.add(field.withName(Optional.of(lower(names.get(i)))));
        }
        return new RelationType(fields, false);
    }

    private RelationType analyzeJoin(Join join, Optional<Scope> outer)
    {
        RelationType left = analyzeRelation(join.getLeft(), outer);
        // UNNEST sees the columns on its left, as a lateral relation
        boolean lateral = join.getRight() instanceof Unnest || (join.getRight() instanceof AliasedRelation aliased && aliased.getRelation() instanceof Unnest);
        RelationType right = analyzeRelation(join.getRight(), lateral ? Optional.of(new Scope(left, outer)) : outer);
        List<Field> leftFields = new ArrayList<>(left.fields());
        List<Field> rightFields = new ArrayList<>(right.fields());
        if (join.getCriteria().isPresent() && join.getCriteria().get() instanceof JoinUsing using) {
            for (Identifier column : using.getColumns()) {
                Optional<Field> leftField = usingField(left, column, "left");
                Optional<Field> rightField = usingField(right, column, "right");
                if (leftField.isPresent() && rightField.isPresent()) {
                    // the joined column has the common type of both sides (varchar(4) for a varchar(2) and a
                    // varchar(4)), which is not either side's declared type
                    Field leftJoined = leftField.get();
                    leftFields.set(leftFields.indexOf(leftJoined),
                            new Field(leftJoined.relation(), leftJoined.name(), leftJoined.type(), leftJoined.identity(), leftJoined.hidden(), false));
                    int index = rightFields.indexOf(rightField.get());
                    Field field = rightField.get();
                    rightFields.set(index, new Field(field.relation(), field.name(), field.type(), leftJoined.identity(), field.hidden(), false));
                }
            }
        }
        List<Field> fields = new ArrayList<>(leftFields);
        fields.addAll(rightFields);
        RelationType type = new RelationType(fields, left.partial() || right.partial());
        if (join.getCriteria().isPresent() && join.getCriteria().get() instanceof JoinOn on) {
            Scope scope = new Scope(type, outer);
            requireBoolean("JOIN ON clause", on.getExpression(), analyzeExpression(on.getExpression(), scope));
            // an ON condition filters the rows of both sides of an inner join, and of the side an outer join pads with NULLs
            Set<Table> read = Collections.newSetFromMap(new IdentityHashMap<>());
            if (join.getType() == Join.Type.INNER || join.getType() == Join.Type.LEFT) {
                directTables(join.getRight(), read);
            }
            if (join.getType() == Join.Type.INNER || join.getType() == Join.Type.RIGHT) {
                directTables(join.getLeft(), read);
            }
            restrictPartitions(on.getExpression(), scope, read);
        }
        return type;
    }

    /**
     * The columns of UNNEST: the element of an array, the fields of an array of rows, the key and value of a map, then
     * the ordinality. The printer learns the types of the unnested values, which decide how it expands them.
     */
    private RelationType analyzeUnnest(Unnest unnest, Optional<Scope> outer)
    {
        RelationType type = unnestColumns(unnest, outer);
        // the printer may rely on these types, as on those tables declare
        return new RelationType(type.fields().stream()
                .map(field -> new Field(field.relation(), field.name(), field.type(), field.identity(), false, field.type().isPresent()))
                .toList(), type.partial());
    }

    private RelationType unnestColumns(Unnest unnest, Optional<Scope> outer)
    {
        Scope scope = new Scope(new RelationType(List.of(), false), outer);
        List<Field> fields = new ArrayList<>();
        boolean known = true;
        for (Expression value : unnest.getExpressions()) {
            Optional<SqlType> type = analyzeExpression(value, scope);
            if (type.isEmpty()) {
                known = false;
                continue;
            }
            printer.declareType(value, type.get());
            switch (type.get().kind()) {
                case ARRAY -> {
                    SqlType element = type.get().elementType();
                    if (element.kind() == Kind.ROW) {
                        element.parameters().forEach(field -> fields.add(Field.of(Optional.empty(), Optional.empty(), Optional.of(field))));
                    }
                    else {
                        fields.add(Field.of(Optional.empty(), Optional.empty(), Optional.of(element)));
                    }
                }
                case MAP -> {
                    fields.add(Field.of(Optional.empty(), Optional.empty(), Optional.of(type.get().keyType())));
                    fields.add(Field.of(Optional.empty(), Optional.empty(), Optional.of(type.get().valueType())));
                }
                default -> known = false;
            }
        }
        if (!known) {
            return RelationType.UNKNOWN;
        }
        if (unnest.isWithOrdinality()) {
            fields.add(Field.of(Optional.empty(), Optional.empty(), Optional.of(SqlType.BIGINT)));
        }
        return new RelationType(fields, false);
    }

    private static Optional<Field> usingField(RelationType side, Identifier column, String sideName)
    {
        List<Field> matches = side.fields().stream().filter(field -> field.name().equals(Optional.of(lower(column)))).toList();
        if (matches.isEmpty() && !side.partial()) {
            throw semanticError(ErrorCode.COLUMN_NOT_FOUND, column, "Column '" + lower(column) + "' is missing from " + sideName + " side of join");
        }
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    // ---------------------------------------------------------------- expressions

    private Optional<SqlType> analyzeExpression(Expression expression, Scope scope)
    {
        return switch (expression) {
            case Identifier identifier -> resolveIdentifier(identifier, scope);
            case DereferenceExpression dereference -> resolveDereference(dereference, scope);
            case SubqueryExpression subquery -> {
                analyzeQuery(subquery.getQuery(), Optional.of(scope));
                yield Optional.empty();
            }
            case ExistsPredicate exists -> {
                analyzeExpression(exists.getSubquery(), scope);
                yield Optional.of(SqlType.BOOLEAN);
            }
            case FunctionCall call -> {
                List<Optional<SqlType>> types = new ArrayList<>();
                for (CallArgument argument : call.getArguments()) {
                    types.add(argument.getValue() instanceof LambdaExpression ? Optional.empty() : analyzeExpression(argument.getValue(), scope));
                }
                for (CallArgument argument : call.getArguments()) {
                    if (argument.getValue() instanceof LambdaExpression lambda) {
                        analyzeLambda(lambda, lambdaParameterTypes(call.getName().getSuffix().toLowerCase(Locale.ROOT), types, lambda), scope);
                    }
                }
                for (Expression clause : callClauses(call)) {
                    analyzeExpression(clause, scope);
                }
                if (call.getName().getParts().size() == 1 && !TrinoFunctions.exists(call.getName().getSuffix())) {
                    throw semanticError(ErrorCode.FUNCTION_NOT_FOUND, call, "Function '" + call.getName().getSuffix().toLowerCase(Locale.ROOT) + "' not registered");
                }
                if (call.getName().getParts().size() == 1) {
                    checkArgumentTypes(call, call.getName().getSuffix().toLowerCase(Locale.ROOT), types);
                }
                yield literalType(call);
            }
            case ArithmeticBinaryExpression binary -> {
                Optional<SqlType> left = analyzeExpression(binary.getLeft(), scope);
                Optional<SqlType> right = analyzeExpression(binary.getRight(), scope);
                if (left.isPresent() && right.isPresent() && left.get().kind() != Kind.UNKNOWN && right.get().kind() != Kind.UNKNOWN
                        && (NOT_ARITHMETIC.contains(left.get().kind()) || NOT_ARITHMETIC.contains(right.get().kind()))) {
                    throw semanticError(ErrorCode.TYPE_MISMATCH, binary,
                            "Cannot apply operator: " + left.get() + " " + binary.getOperator().getValue() + " " + right.get());
                }
                try {
                    yield DuckDbPrinter.arithmeticType(binary.getOperator(), left, right);
                }
                catch (RuntimeException _) {
                    yield Optional.empty();
                }
            }
            case ArithmeticUnaryExpression unary -> {
                Optional<SqlType> type = analyzeExpression(unary.getValue(), scope);
                if (unary.getSign() == ArithmeticUnaryExpression.Sign.MINUS && type.isPresent() && NOT_ARITHMETIC.contains(type.get().kind())) {
                    throw semanticError(ErrorCode.TYPE_MISMATCH, unary, "Cannot negate " + type.get());
                }
                yield type;
            }
            case Predicated predicated -> {
                Optional<SqlType> left = analyzeExpression(predicated.getValue(), scope);
                if (predicated.getPredicate() instanceof ComparisonPredicate comparison) {
                    Optional<SqlType> right = analyzeExpression(comparison.getRight(), scope);
                    checkComparison(predicated, comparison.getOperator(), left, right);
                }
                else {
                    Optional<List<Expression>> operands = predicateOperands(predicated);
                    if (operands.isEmpty()) {
                        yield Optional.empty();
                    }
                    operands.get().stream().skip(1).forEach(operand -> analyzeExpression(operand, scope));
                }
                yield Optional.of(SqlType.BOOLEAN);
            }
            case LogicalExpression logical -> {
                logical.getTerms().forEach(term -> analyzeExpression(term, scope));
                yield Optional.of(SqlType.BOOLEAN);
            }
            case NotExpression not -> {
                analyzeExpression(not.getValue(), scope);
                yield Optional.of(SqlType.BOOLEAN);
            }
            case Array array -> {
                requireCommonType("ARRAY elements", array.getValues(), scope);
                yield literalType(expression);
            }
            case Cast cast -> {
                analyzeExpression(cast.getExpression(), scope);
                yield literalType(cast);
            }
            case IfExpression ifExpression -> {
                Optional<SqlType> condition = analyzeExpression(ifExpression.getCondition(), scope);
                if (condition.isPresent() && condition.get().kind() != Kind.BOOLEAN && condition.get().kind() != Kind.UNKNOWN) {
                    throw semanticError(ErrorCode.TYPE_MISMATCH, ifExpression.getCondition(), "IF condition must evaluate to a boolean (actual: " + condition.get() + ")");
                }
                analyzeExpression(ifExpression.getTrueValue(), scope);
                ifExpression.getFalseValue().ifPresent(value -> analyzeExpression(value, scope));
                yield literalType(expression);
            }
            case CoalesceExpression coalesce -> {
                requireCommonType("COALESCE operands", coalesce.getOperands(), scope);
                yield literalType(expression);
            }
            case SearchedCaseExpression searched -> {
                searched.getWhenClauses().forEach(clause -> analyzeExpression(clause.getOperand(), scope));
                requireCommonType("CASE results", caseResults(searched.getWhenClauses(), searched.getDefaultValue()), scope);
                yield literalType(expression);
            }
            case SimpleCaseExpression simple -> {
                analyzeExpression(simple.getOperand(), scope);
                simple.getWhenClauses().forEach(clause -> analyzeExpression(clause.getOperand(), scope));
                requireCommonType("CASE results", caseResults(simple.getWhenClauses(), simple.getDefaultValue()), scope);
                yield literalType(expression);
            }
            default -> {
                Optional<List<Expression>> operands = operands(expression);
                if (operands.isEmpty()) {
                    yield Optional.empty();
                }
                operands.get().forEach(operand -> analyzeExpression(operand, scope));
                yield literalType(expression);
            }
        };
    }

    /** A lambda's body, with its parameters as columns of the types the function gives them (when known). */
    private void analyzeLambda(LambdaExpression lambda, List<Optional<SqlType>> parameterTypes, Scope scope)
    {
        List<Field> parameters = new ArrayList<>();
        for (int i = 0; i < lambda.getArguments().size(); i++) {
            String name = lower(lambda.getArguments().get(i).getName());
            Optional<SqlType> type = i < parameterTypes.size() ? parameterTypes.get(i) : Optional.empty();
            parameters.add(type.isPresent() && type.get().kind() != Kind.UNKNOWN
                    ? Field.declared(Optional.empty(), name, type.get(), false)
                    : Field.of(Optional.empty(), Optional.of(name), Optional.empty()));
        }
        analyzeExpression(lambda.getBody(), new Scope(new RelationType(parameters, false), Optional.of(scope)));
    }

    /** The types Trino gives the parameters of a lambda argument of a collection function, from the other arguments' types. */
    private static List<Optional<SqlType>> lambdaParameterTypes(String function, List<Optional<SqlType>> arguments, LambdaExpression lambda)
    {
        Optional<SqlType> first = arguments.isEmpty() ? Optional.empty() : arguments.getFirst();
        Optional<SqlType> element = first.filter(type -> type.kind() == Kind.ARRAY).map(SqlType::elementType);
        Optional<SqlType> key = first.filter(type -> type.kind() == Kind.MAP).map(SqlType::keyType);
        Optional<SqlType> value = first.filter(type -> type.kind() == Kind.MAP).map(SqlType::valueType);
        return switch (function) {
            case "transform", "filter", "any_match", "all_match", "none_match", "array_sort" -> List.of(element, element);
            case "zip_with" -> List.of(element, arguments.size() > 1 ? arguments.get(1).filter(type -> type.kind() == Kind.ARRAY).map(SqlType::elementType) : Optional.empty());
            case "map_filter", "transform_keys", "transform_values" -> List.of(key, value);
            case "map_zip_with" -> List.of(key, value, arguments.size() > 1 ? arguments.get(1).filter(type -> type.kind() == Kind.MAP).map(SqlType::valueType) : Optional.empty());
            // the state's type is the initial value's only when the functions keep it: not assumed here
            case "reduce" -> lambda.getArguments().size() == 2 ? List.of(Optional.empty(), element) : List.of();
            default -> List.of();
        };
    }

    /**
     * Fails as Trino does when a function is called with an argument of a type none of its signatures takes and that
     * DuckDB would cast (a string for a number); only the functions and types listed here are judged.
     */
    private static void checkArgumentTypes(FunctionCall call, String name, List<Optional<SqlType>> types)
    {
        boolean mismatch = false;
        if (NUMERIC_FUNCTIONS.contains(name)) {
            mismatch = types.stream().anyMatch(type -> type.flatMap(DuckDbAnalyzer::coercionFamily).filter(family -> !family.equals("number")).isPresent());
        }
        else if (name.equals("element_at") && types.size() == 2 && types.get(0).isPresent() && types.get(1).isPresent()) {
            SqlType container = types.get(0).get();
            Optional<String> index = coercionFamily(types.get(1).get());
            Optional<String> expected = switch (container.kind()) {
                case ARRAY -> Optional.of("number");
                case MAP -> coercionFamily(container.keyType());
                default -> Optional.empty();
            };
            mismatch = index.isPresent() && expected.isPresent() && !index.equals(expected);
        }
        if (mismatch) {
            String arguments = String.join(", ", types.stream().map(type -> type.map(SqlType::toString).orElse("unknown")).toList());
            throw semanticError(ErrorCode.FUNCTION_NOT_FOUND, call, "Unexpected parameters (" + arguments + ") for function " + name);
        }
    }

    private void checkComparison(Predicated node, ComparisonPredicate.Operator operator, Optional<SqlType> left, Optional<SqlType> right)
    {
        // Trino names = for <> and < for >, and its order of the operands for those is not certain here: only = and < are reported
        String symbol = switch (operator) {
            case EQUAL, NOT_EQUAL -> "=";
            case LESS_THAN -> "<";
            case LESS_THAN_OR_EQUAL -> "<=";
            default -> null;
        };
        if (symbol == null || left.isEmpty() || right.isEmpty()) {
            return;
        }
        Optional<String> leftFamily = comparisonFamily(left.get());
        Optional<String> rightFamily = comparisonFamily(right.get());
        if (leftFamily.isPresent() && rightFamily.isPresent() && !leftFamily.equals(rightFamily)) {
            throw semanticError(ErrorCode.TYPE_MISMATCH, node, "Cannot apply operator: " + left.get() + " " + symbol + " " + right.get());
        }
    }

    /** Types that compare with each other through Trino's implicit coercions; empty for types not judged here. */
    private static Optional<String> comparisonFamily(SqlType type)
    {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, DECIMAL, REAL, DOUBLE -> Optional.of("number");
            case VARCHAR, CHAR -> Optional.of("string");
            case BOOLEAN -> Optional.of("boolean");
            case VARBINARY -> Optional.of("varbinary");
            default -> Optional.empty();
        };
    }

    private static List<Expression> caseResults(List<WhenClause> clauses, Optional<Expression> defaultValue)
    {
        List<Expression> results = new ArrayList<>(clauses.stream().map(WhenClause::getResult).toList());
        defaultValue.ifPresent(results::add);
        return results;
    }

    /**
     * Analyses the operands and fails as Trino does when two of them have no common type; only numbers, strings and
     * booleans are told apart here, which DuckDB would otherwise cast into one another.
     */
    private void requireCommonType(String what, List<Expression> operands, Scope scope)
    {
        Optional<SqlType> first = Optional.empty();
        for (Expression operand : operands) {
            Optional<SqlType> type = analyzeExpression(operand, scope);
            Optional<String> family = type.flatMap(DuckDbAnalyzer::coercionFamily);
            if (family.isEmpty()) {
                continue;
            }
            if (first.isEmpty()) {
                first = type;
            }
            else if (!coercionFamily(first.get()).equals(family)) {
                throw semanticError(ErrorCode.TYPE_MISMATCH, operand, "All " + what + " must be the same type or coercible to a common type. Cannot find common type between "
                        + first.get() + " and " + type.get());
            }
        }
    }

    private static Optional<String> coercionFamily(SqlType type)
    {
        return switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL -> Optional.of("number");
            case VARCHAR, CHAR -> Optional.of("string");
            case BOOLEAN -> Optional.of("boolean");
            default -> Optional.empty();
        };
    }

    private static void requireBoolean(String clause, Expression expression, Optional<SqlType> type)
    {
        if (type.isPresent() && type.get().kind() != Kind.BOOLEAN && type.get().kind() != Kind.UNKNOWN) {
            throw semanticError(ErrorCode.TYPE_MISMATCH, expression, clause + " must evaluate to a boolean: actual type " + type.get());
        }
    }

    /** The type the printer derives from literals, casts and operators; empty where it cannot tell or would fail. */
    private Optional<SqlType> literalType(Expression expression)
    {
        try {
            return printer.typeOf(expression);
        }
        catch (RuntimeException _) {
            return Optional.empty();
        }
    }

    private Optional<SqlType> resolveIdentifier(Identifier identifier, Scope scope)
    {
        Lookup lookup = lookup(scope, Optional.empty(), lower(identifier), true);
        return switch (lookup.status()) {
            case FOUND -> declaredType(identifier, lookup.field().orElseThrow());
            case AMBIGUOUS -> throw semanticError(ErrorCode.AMBIGUOUS_NAME, identifier, "Column '" + lower(identifier) + "' is ambiguous");
            case MISSING -> throw semanticError(ErrorCode.COLUMN_NOT_FOUND, identifier, "Column '" + lower(identifier) + "' cannot be resolved");
            case UNKNOWN -> Optional.empty();
        };
    }

    private Optional<SqlType> resolveDereference(DereferenceExpression dereference, Scope scope)
    {
        Optional<List<String>> parts = nameParts(dereference);
        if (parts.isEmpty()) {
            analyzeExpression(dereference.getBase(), scope);
            return Optional.empty();
        }
        List<String> names = parts.get();
        Lookup qualified = lookup(scope, Optional.of(names.get(0)), names.get(1), true);
        if (qualified.status() == Status.FOUND) {
            return names.size() == 2 ? declaredType(dereference, qualified.field().orElseThrow()) : Optional.empty();
        }
        if (qualified.status() == Status.AMBIGUOUS) {
            throw semanticError(ErrorCode.AMBIGUOUS_NAME, dereference, "Column '" + names.get(0) + "." + names.get(1) + "' is ambiguous");
        }
        Lookup base = lookup(scope, Optional.empty(), names.getFirst(), true);
        if (base.status() == Status.AMBIGUOUS) {
            throw semanticError(ErrorCode.AMBIGUOUS_NAME, dereference, "Column '" + names.getFirst() + "' is ambiguous");
        }
        if (base.status() == Status.MISSING && qualified.status() == Status.MISSING) {
            throw semanticError(ErrorCode.COLUMN_NOT_FOUND, dereference, "Column '" + String.join(".", names) + "' cannot be resolved");
        }
        // a field of a row value, whose type is not modelled here
        return Optional.empty();
    }

    /** A column's type; the printer learns the types tables declare, which DuckDB does not keep (varchar(n), decimal). */
    private Optional<SqlType> declaredType(Expression reference, Field field)
    {
        if (field.declared() && field.type().isPresent()) {
            printer.declareType(reference, field.type().get());
        }
        return field.type();
    }

    /** The lower-cased parts of {@code a.b.c} when every part is a plain name. */
    private static Optional<List<String>> nameParts(DereferenceExpression dereference)
    {
        List<String> parts = new ArrayList<>();
        Expression current = dereference;
        while (current instanceof DereferenceExpression step) {
            if (step.getField().isEmpty()) {
                return Optional.empty();
            }
            parts.addFirst(lower(step.getField().get()));
            current = step.getBase();
        }
        if (!(current instanceof Identifier identifier)) {
            return Optional.empty();
        }
        parts.addFirst(lower(identifier));
        return Optional.of(parts);
    }

    private static Lookup lookup(Scope scope, Optional<String> relation, String name, boolean searchOuter)
    {
        for (Optional<Scope> current = Optional.of(scope); current.isPresent(); current = searchOuter ? current.get().outer() : Optional.empty()) {
            if (relation.isEmpty()) {
                List<Field> outputs = current.get().outputs().stream().filter(field -> field.name().equals(Optional.of(name))).toList();
                if (!outputs.isEmpty()) {
                    return new Lookup(Status.FOUND, Optional.of(outputs.getFirst()));
                }
            }
            RelationType type = current.get().relation();
            List<Field> matches = type.fields().stream()
                    .filter(field -> field.name().equals(Optional.of(name)) && (relation.isEmpty() || field.relation().equals(relation)))
                    .toList();
            long identities = matches.stream().map(Field::identity).distinct().count();
            if (identities > 1) {
                return new Lookup(Status.AMBIGUOUS, Optional.empty());
            }
            if (identities == 1) {
                return new Lookup(Status.FOUND, Optional.of(matches.getFirst()));
            }
            if (type.partial()) {
                return new Lookup(Status.UNKNOWN, Optional.empty());
            }
        }
        return new Lookup(Status.MISSING, Optional.empty());
    }

    /** The direct operands of the expressions analysed generically; empty for expressions not modelled here. */
    private static Optional<List<Expression>> operands(Expression expression)
    {
        return switch (expression) {
            case LongLiteral _, DecimalLiteral _, DoubleLiteral _, StringLiteral _, BooleanLiteral _, NullLiteral _, BinaryLiteral _,
                 GenericLiteral _, IntervalLiteral _ -> Optional.of(List.of());
            case SearchedCaseExpression searched -> whenOperands(null, searched.getWhenClauses(), searched.getDefaultValue());
            case SimpleCaseExpression simple -> whenOperands(simple.getOperand(), simple.getWhenClauses(), simple.getDefaultValue());
            case IfExpression ifExpression -> {
                List<Expression> operands = new ArrayList<>(List.of(ifExpression.getCondition(), ifExpression.getTrueValue()));
                ifExpression.getFalseValue().ifPresent(operands::add);
                yield Optional.of(operands);
            }
            case CoalesceExpression coalesce -> Optional.of(coalesce.getOperands());
            case NullIfExpression nullIf -> Optional.of(List.of(nullIf.getFirst(), nullIf.getSecond()));
            case Row row -> Optional.of(row.getFields().stream().map(Row.Field::getExpression).toList());
            case Array array -> Optional.of(array.getValues());
            case SubscriptExpression subscript -> Optional.of(List.of(subscript.getBase(), subscript.getIndex()));
            case ArithmeticBinaryExpression binary -> Optional.of(List.of(binary.getLeft(), binary.getRight()));
            case ArithmeticUnaryExpression unary -> Optional.of(List.of(unary.getValue()));
            case LogicalExpression logical -> Optional.of(logical.getTerms());
            case NotExpression not -> Optional.of(List.of(not.getValue()));
            case Cast cast -> Optional.of(List.of(cast.getExpression()));
            case FunctionCall call when call.getWindow().isEmpty() && call.getFilter().isEmpty() && call.getOrderBy().isEmpty() ->
                    Optional.of(call.getArguments().stream().map(CallArgument::getValue).toList());
            case Predicated predicated -> predicateOperands(predicated);
            default -> Optional.empty();
        };
    }

    private static Optional<List<Expression>> whenOperands(Expression operand, List<WhenClause> clauses, Optional<Expression> defaultValue)
    {
        List<Expression> operands = new ArrayList<>();
        if (operand != null) {
            operands.add(operand);
        }
        for (WhenClause clause : clauses) {
            if (!(clause.getMatch() instanceof WhenClause.Operand match)) {
                return Optional.empty();
            }
            operands.add(match.expression());
            operands.add(clause.getResult());
        }
        defaultValue.ifPresent(operands::add);
        return Optional.of(operands);
    }

    /** The value first, then the other operands of the predicate. */
    private static Optional<List<Expression>> predicateOperands(Predicated predicated)
    {
        List<Expression> operands = new ArrayList<>();
        operands.add(predicated.getValue());
        switch (predicated.getPredicate()) {
            case ComparisonPredicate comparison -> operands.add(comparison.getRight());
            case BetweenPredicate between -> {
                operands.add(between.getMin());
                operands.add(between.getMax());
            }
            case InPredicate in -> {
                if (in.getValueList() instanceof InListExpression list) {
                    operands.addAll(list.getValues());
                }
                else {
                    operands.add(in.getValueList());
                }
            }
            case IsNullPredicate _ -> {}
            case DistinctFromPredicate distinct -> operands.add(distinct.getRight());
            case LikePredicate like -> {
                operands.add(like.getPattern());
                like.getEscape().ifPresent(operands::add);
            }
            case QuantifiedComparisonPredicate quantified -> operands.add(quantified.getSubquery());
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(operands);
    }

    // ---------------------------------------------------------------- partition pruning

    /** Restricts the partitions of the tables in {@code read} by what {@code condition} says about their keys. */
    private void restrictPartitions(Expression condition, Scope scope, Set<Table> read)
    {
        partitionFilters(condition, scope).forEach((table, filter) -> {
            if (read.contains(table)) {
                tables.restrictPartitions(table, filter);
            }
        });
    }

    /**
     * What a WHERE condition says about the partition keys of the tables its FROM clause reads, per table reference:
     * comparisons, BETWEEN and IN of a key with a literal of the key's type, and AND / OR of them. Every such
     * predicate is false on NULL, so partitions it rules out give no rows even on the outer side of a join. A term it
     * cannot judge restricts nothing.
     */
    private Map<Table, PartitionFilter> partitionFilters(Expression condition, Scope scope)
    {
        Map<Table, PartitionFilter> filters = new IdentityHashMap<>();
        switch (condition) {
            case LogicalExpression logical when logical.getOperator() == LogicalExpression.Operator.AND -> {
                for (Expression term : logical.getTerms()) {
                    partitionFilters(term, scope).forEach((table, filter) -> filters.merge(table, filter, (a, b) -> new PartitionFilter.And(List.of(a, b))));
                }
            }
            case LogicalExpression logical -> {
                // a table is restricted by an OR only when every term restricts it
                List<Map<Table, PartitionFilter>> terms = logical.getTerms().stream().map(term -> partitionFilters(term, scope)).toList();
                for (Table table : terms.getFirst().keySet()) {
                    if (terms.stream().allMatch(term -> term.containsKey(table))) {
                        filters.put(table, new PartitionFilter.Or(terms.stream().map(term -> term.get(table)).toList()));
                    }
                }
            }
            case Predicated predicated -> {
                Optional<PartitionKey> key = referencedField(predicated.getValue(), scope).map(field -> partitionKeys.get(field.identity()));
                if (key.isPresent()) {
                    keyPredicate(key.get(), predicated.getPredicate()).ifPresent(filter -> filters.put(key.get().table(), filter));
                }
                else if (predicated.getPredicate() instanceof ComparisonPredicate comparison) {
                    // literal <op> key
                    Optional<PartitionKey> right = referencedField(comparison.getRight(), scope).map(field -> partitionKeys.get(field.identity()));
                    if (right.isPresent()) {
                        comparison(right.get(), flip(comparison.getOperator()), predicated.getValue())
                                .ifPresent(filter -> filters.put(right.get().table(), filter));
                    }
                }
            }
            default -> { }
        }
        return filters;
    }

    /**
     * The tables a FROM clause reads itself, not through a subquery, WITH query or view: a WHERE condition on a key of
     * a table read in a subquery may not hold before the subquery's LIMIT, aggregation or window functions.
     */
    private static void directTables(Relation relation, Set<Table> tables)
    {
        switch (relation) {
            case AliasedRelation aliased -> directTables(aliased.getRelation(), tables);
            case Join join -> {
                directTables(join.getLeft(), tables);
                directTables(join.getRight(), tables);
            }
            case Table table -> tables.add(table);
            default -> { }
        }
    }

    private static Optional<PartitionFilter> keyPredicate(PartitionKey key, io.trino.sql.tree.Predicate predicate)
    {
        return switch (predicate) {
            case ComparisonPredicate comparison -> comparison(key, comparison.getOperator(), comparison.getRight());
            case BetweenPredicate between when !between.isNegated() && !between.isSymmetric() -> {
                Optional<PartitionFilter> low = comparison(key, ComparisonPredicate.Operator.GREATER_THAN_OR_EQUAL, between.getMin());
                Optional<PartitionFilter> high = comparison(key, ComparisonPredicate.Operator.LESS_THAN_OR_EQUAL, between.getMax());
                yield low.isPresent() && high.isPresent() ? Optional.of(new PartitionFilter.And(List.of(low.get(), high.get()))) : low.or(() -> high);
            }
            case InPredicate in when !in.isNegated() && in.getValueList() instanceof InListExpression list -> {
                List<PartitionFilter> equals = new ArrayList<>();
                for (Expression value : list.getValues()) {
                    Optional<PartitionFilter> equal = comparison(key, ComparisonPredicate.Operator.EQUAL, value);
                    if (equal.isEmpty()) {
                        yield Optional.empty();
                    }
                    equals.add(equal.get());
                }
                yield Optional.of(new PartitionFilter.Or(equals));
            }
            default -> Optional.empty();
        };
    }

    /** {@code key <operator> literal} when the literal has the key's type, so that the comparison is the one Trino makes. */
    private static Optional<PartitionFilter> comparison(PartitionKey key, ComparisonPredicate.Operator operator, Expression literal)
    {
        PartitionFilter.Operator filterOperator = PartitionFilter.Operator.valueOf(operator.name());
        Optional<PartitionFilter.KeyType> keyType = switch (key.type().kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> Optional.of(new PartitionFilter.KeyType(PartitionFilter.KeyType.Kind.INTEGER, PartitionFilter.KeyType.UNBOUNDED));
            case DATE -> Optional.of(new PartitionFilter.KeyType(PartitionFilter.KeyType.Kind.DATE, PartitionFilter.KeyType.UNBOUNDED));
            case VARCHAR, STRING -> Optional.of(new PartitionFilter.KeyType(PartitionFilter.KeyType.Kind.STRING,
                    key.type().length() == SqlType.UNBOUNDED ? PartitionFilter.KeyType.UNBOUNDED : key.type().length()));
            default -> Optional.empty();
        };
        if (keyType.isEmpty()) {
            return Optional.empty();
        }
        Optional<Object> constant = switch (keyType.get().kind()) {
            case INTEGER -> literal instanceof LongLiteral number ? Optional.of(BigInteger.valueOf(number.getParsedValue())) : Optional.empty();
            case STRING -> literal instanceof StringLiteral string ? Optional.of(string.getValue()) : Optional.empty();
            case DATE -> {
                if (!(literal instanceof GenericLiteral generic) || !generic.getType().equalsIgnoreCase("date")) {
                    yield Optional.empty();
                }
                try {
                    yield Optional.of(LocalDate.parse(generic.getValue()));
                }
                catch (DateTimeParseException _) {
                    yield Optional.empty();
                }
            }
        };
        return constant.map(value -> new PartitionFilter.Comparison(key.index(), keyType.get(), filterOperator, value));
    }

    private static ComparisonPredicate.Operator flip(ComparisonPredicate.Operator operator)
    {
        return switch (operator) {
            case EQUAL, NOT_EQUAL -> operator;
            case LESS_THAN -> ComparisonPredicate.Operator.GREATER_THAN;
            case LESS_THAN_OR_EQUAL -> ComparisonPredicate.Operator.GREATER_THAN_OR_EQUAL;
            case GREATER_THAN -> ComparisonPredicate.Operator.LESS_THAN;
            case GREATER_THAN_OR_EQUAL -> ComparisonPredicate.Operator.LESS_THAN_OR_EQUAL;
        };
    }

    // ---------------------------------------------------------------- grouping

    private static boolean hasAggregate(QuerySpecification specification)
    {
        List<Expression> expressions = new ArrayList<>();
        for (SelectItem item : specification.getSelect().getSelectItems()) {
            if (item instanceof SingleColumn column) {
                expressions.add(column.getExpression());
            }
        }
        specification.getHaving().ifPresent(expressions::add);
        specification.getOrderBy().ifPresent(orderBy -> orderBy.getSortItems().forEach(item -> expressions.add(item.getSortKey())));
        return expressions.stream().anyMatch(DuckDbAnalyzer::containsAggregate);
    }

    private static boolean containsAggregate(Expression expression)
    {
        if (expression instanceof FunctionCall call && call.getWindow().isEmpty() && call.getName().getParts().size() == 1
                && TrinoFunctions.isAggregate(call.getName().getSuffix())) {
            return true;
        }
        return operands(expression).orElse(List.of()).stream().anyMatch(DuckDbAnalyzer::containsAggregate);
    }

    /**
     * Every column reference of the select list and HAVING outside an aggregate must be a grouping key. Only plain
     * references to the query's own columns are judged; keys that are expressions excuse the columns they use.
     */
    private static void checkGrouping(QuerySpecification specification, RelationType source, List<Expression> groupingKeys)
    {
        Scope scope = new Scope(source, Optional.empty());
        List<Object> groupedFields = new ArrayList<>();
        List<Object> usedByKeyExpressions = new ArrayList<>();
        for (Expression key : groupingKeys) {
            Optional<Field> field = referencedField(key, scope);
            if (field.isPresent()) {
                groupedFields.add(field.get().identity());
            }
            else {
                collectFields(key, scope, usedByKeyExpressions);
            }
        }
        for (SelectItem item : specification.getSelect().getSelectItems()) {
            if (item instanceof SingleColumn column) {
                checkGrouped(column.getExpression(), scope, groupingKeys, groupedFields, usedByKeyExpressions);
            }
        }
        specification.getHaving().ifPresent(having -> checkGrouped(having, scope, groupingKeys, groupedFields, usedByKeyExpressions));
    }

    private static void checkGrouped(Expression expression, Scope scope, List<Expression> keys, List<Object> groupedFields, List<Object> usedByKeys)
    {
        if (keys.contains(expression)) {
            return;
        }
        if (expression instanceof FunctionCall call && call.getWindow().isPresent()) {
            // a window function runs after grouping: its arguments, partitioning and order must be grouped or aggregates
            if (call.getWindow().get() instanceof WindowSpecification) {
                call.getArguments().forEach(argument -> checkGrouped(argument.getValue(), scope, keys, groupedFields, usedByKeys));
                callClauses(call).forEach(clause -> checkGrouped(clause, scope, keys, groupedFields, usedByKeys));
            }
            return;
        }
        if (expression instanceof FunctionCall call && (call.getName().getParts().size() != 1
                || TrinoFunctions.isAggregate(call.getName().getSuffix()))) {
            return;
        }
        if (expression instanceof Identifier || expression instanceof DereferenceExpression) {
            Optional<Field> field = referencedField(expression, scope);
            if (field.isPresent() && !groupedFields.contains(field.get().identity()) && !usedByKeys.contains(field.get().identity())) {
                throw semanticError(ErrorCode.EXPRESSION_NOT_AGGREGATE, expression, "'" + expression + "' must be an aggregate expression or appear in GROUP BY clause");
            }
            return;
        }
        operands(expression).orElse(List.of()).forEach(operand -> checkGrouped(operand, scope, keys, groupedFields, usedByKeys));
    }

    /** The expressions of a call's FILTER, ORDER BY and OVER (PARTITION BY … ORDER BY …); a named window's are the WINDOW clause's. */
    private static List<Expression> callClauses(FunctionCall call)
    {
        List<Expression> clauses = new ArrayList<>();
        call.getFilter().ifPresent(clauses::add);
        call.getOrderBy().ifPresent(orderBy -> orderBy.getSortItems().forEach(item -> clauses.add(item.getSortKey())));
        if (call.getWindow().isPresent() && call.getWindow().get() instanceof WindowSpecification window) {
            clauses.addAll(window.getPartitionBy());
            window.getOrderBy().ifPresent(orderBy -> orderBy.getSortItems().forEach(item -> clauses.add(item.getSortKey())));
        }
        return clauses;
    }

    private static void collectFields(Expression expression, Scope scope, List<Object> identities)
    {
        Optional<Field> field = referencedField(expression, scope);
        if (field.isPresent()) {
            identities.add(field.get().identity());
            return;
        }
        if (expression instanceof DereferenceExpression dereference) {
            collectFields(dereference.getBase(), scope, identities);
        }
        operands(expression).orElse(List.of()).forEach(operand -> collectFields(operand, scope, identities));
    }

    /** The column of this query's FROM clause that a plain reference names, if exactly one. */
    private static Optional<Field> referencedField(Expression expression, Scope scope)
    {
        Lookup lookup = switch (expression) {
            case Identifier identifier -> lookup(scope, Optional.empty(), lower(identifier), false);
            case DereferenceExpression dereference -> {
                Optional<List<String>> parts = nameParts(dereference);
                if (parts.isEmpty()) {
                    yield new Lookup(Status.UNKNOWN, Optional.empty());
                }
                Lookup qualified = lookup(scope, Optional.of(parts.get().get(0)), parts.get().get(1), false);
                if (qualified.status() == Status.FOUND && parts.get().size() == 2) {
                    yield qualified;
                }
                // a row field: judged by the row column it belongs to only when the row column is the whole key
                yield new Lookup(Status.UNKNOWN, Optional.empty());
            }
            default -> new Lookup(Status.UNKNOWN, Optional.empty());
        };
        return lookup.status() == Status.FOUND ? lookup.field() : Optional.empty();
    }

    // ---------------------------------------------------------------- errors

    /** An error with Trino's {@code line L:C: } prefix from the node's position in the original text. */
    static PallasException semanticError(ErrorCode code, Node node, String message)
    {
        String prefix = node.getLocation()
                .map(location -> "line " + location.getLineNumber() + ":" + location.getColumnNumber() + ": ")
                .orElse("");
        return new PallasException(code, prefix + message);
    }

    private static String lower(Identifier identifier)
    {
        return identifier.getValue().toLowerCase(Locale.ROOT);
    }
}
