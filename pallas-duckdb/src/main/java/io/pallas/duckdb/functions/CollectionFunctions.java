package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.SqlType;
import io.pallas.core.type.SqlType.Kind;
import io.trino.sql.tree.CallArgument;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.Identifier;
import io.trino.sql.tree.LambdaArgumentDeclaration;
import io.trino.sql.tree.LambdaExpression;
import io.trino.sql.tree.LongLiteral;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static java.util.stream.Collectors.joining;

/** Arrays and maps, including the lambda functions (transform, filter, reduce, zip_with, map_filter, transform_keys, transform_values), element_at, cardinality, sequence, slice, array_* and map_*. */
public final class CollectionFunctions
        implements FunctionLibrary
{
    private static final Set<String> NAMES = Set.of(
            "transform", "filter", "reduce", "zip_with", "zip", "any_match", "all_match", "none_match", "array_sort", "array_distinct",
            "array_max", "array_min", "array_position", "array_remove", "array_join", "array_union", "array_intersect", "array_except",
            "arrays_overlap", "contains", "element_at", "cardinality", "flatten", "repeat", "sequence", "slice", "shuffle",
            "trim_array", "ngrams", "array_histogram", "combinations",
            "map_keys", "map_values", "map_entries", "map_from_entries", "map_concat", "map_filter", "transform_keys",
            "transform_values", "map_zip_with", "multimap_from_entries");

    /** Names of the helper lambda parameters; a query would have to quote them to collide. */
    private static final String E = "\"__pallas_e\"";
    private static final String I = "\"__pallas_i\"";
    private static final String K = "\"__pallas_k\"";
    private static final String D = "\"__pallas_d\"";

    @Override
    public boolean translates(String name)
    {
        return NAMES.contains(name);
    }

    @Override
    public Optional<String> translate(String name, FunctionCall call, FunctionContext context)
    {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        if (call.getWindow().isPresent() || call.getFilter().isPresent() || call.getOrderBy().isPresent() || call.isDistinct()
                || call.getProcessingMode().isPresent() || call.hasNamedArguments()) {
            throw new PallasException(ErrorCode.NOT_SUPPORTED, "Function call clauses in " + name + " are not supported yet");
        }
        List<Expression> arguments = call.getArguments().stream().map(CallArgument::getValue).toList();
        return Optional.of(new Call(name, arguments, context).sql());
    }

    @Override
    public Optional<SqlType> resultType(String name, FunctionCall call, FunctionContext context)
    {
        if (!NAMES.contains(name)) {
            return Optional.empty();
        }
        List<Expression> arguments = call.getArguments().stream().map(CallArgument::getValue).toList();
        Optional<SqlType> type;
        try {
            type = new Call(name, arguments, context).type();
        }
        catch (PallasException _) {
            return Optional.empty();
        }
        // only types DuckDB can be cast to; the others are left to DuckDB's own type
        return type.filter(CollectionFunctions::castable);
    }

    private static boolean castable(SqlType type)
    {
        return switch (type.kind()) {
            case UNKNOWN, CHAR, TIME_WITH_TIME_ZONE -> false;
            case ARRAY, MAP -> type.parameters().stream().allMatch(CollectionFunctions::castable);
            case ROW -> type.fieldNames().stream().allMatch(Optional::isPresent) && type.parameters().stream().allMatch(CollectionFunctions::castable);
            default -> true;
        };
    }

    /** One call being translated. */
    private record Call(String name, List<Expression> arguments, FunctionContext context)
    {
        String sql()
        {
            return switch (name) {
                case "transform" -> {
                    arity(2);
                    yield "list_transform(" + arg(0) + ", " + lambdaSql(1, 1) + ")";
                }
                case "filter" -> {
                    arity(2);
                    yield "list_filter(" + arg(0) + ", " + lambdaSql(1, 1) + ")";
                }
                case "reduce" -> {
                    arity(4);
                    LambdaExpression output = lambda(3, 1);
                    String reduced = "list_reduce(" + arg(0) + ", " + lambdaSql(2, 2) + ", " + arg(1) + ")";
                    if (output.getBody() instanceof Identifier body && canonical(body).equals(canonical(output.getArguments().getFirst().getName()))) {
                        yield reduced;
                    }
                    // the output function runs on the final state, but not when the array is NULL
                    yield "CASE WHEN " + arg(0) + " IS NULL THEN NULL ELSE " + bind(List.of(reduced), output) + " END";
                }
                case "zip_with" -> {
                    arity(3);
                    LambdaExpression function = lambda(2, 2);
                    yield "CASE WHEN " + arg(0) + " IS NULL OR " + arg(1) + " IS NULL THEN NULL ELSE list_transform(list_zip(" + arg(0) + ", " + arg(1) + "), lambda " + E + ": "
                            + bind(List.of(field(E, 1), field(E, 2)), function) + ") END";
                }
                case "zip" -> {
                    if (arguments.size() < 2 || arguments.size() > 5) {
                        throw unexpectedParameters();
                    }
                    List<String> arrays = new ArrayList<>();
                    for (int i = 0; i < arguments.size(); i++) {
                        arrays.add(arg(i));
                    }
                    yield "CASE WHEN " + arrays.stream().map(array -> array + " IS NULL").collect(joining(" OR ")) + " THEN NULL ELSE list_zip("
                            + String.join(", ", arrays) + ") END";
                }
                case "any_match", "all_match", "none_match" -> {
                    arity(2);
                    String values = "list_transform(" + arg(0) + ", " + lambdaSql(1, 1) + ")";
                    String decisive = switch (name) {
                        case "any_match" -> "WHEN list_contains(" + values + ", TRUE) THEN TRUE";
                        case "all_match" -> "WHEN list_contains(" + values + ", FALSE) THEN FALSE";
                        default -> "WHEN list_contains(" + values + ", TRUE) THEN FALSE";
                    };
                    String otherwise = name.equals("any_match") ? "FALSE" : "TRUE";
                    yield "CASE WHEN " + arg(0) + " IS NULL THEN NULL " + decisive + " WHEN " + hasNull(values) + " THEN NULL ELSE " + otherwise + " END";
                }
                case "array_sort" -> {
                    if (arguments.size() == 2) {
                        throw new PallasException(ErrorCode.NOT_SUPPORTED, "array_sort with a comparator is not supported yet");
                    }
                    arity(1);
                    yield "list_sort(" + arg(0) + ", 'ASC', 'NULLS LAST')";
                }
                case "array_distinct" -> {
                    arity(1);
                    yield distinct(arg(0));
                }
                case "array_max", "array_min" -> {
                    arity(1);
                    // Trino's answer is NULL when any element is NULL
                    yield "CASE WHEN " + hasNull(arg(0)) + " THEN NULL ELSE " + (name.equals("array_max") ? "list_max(" : "list_min(") + arg(0) + ") END";
                }
                case "array_position" -> {
                    if (arguments.size() == 3) {
                        throw new PallasException(ErrorCode.NOT_SUPPORTED, "array_position with an instance is not supported yet");
                    }
                    arity(2);
                    yield "CASE WHEN " + arg(0) + " IS NULL OR " + arg(1) + " IS NULL THEN NULL ELSE coalesce(list_position(" + arg(0) + ", " + arg(1) + "), 0) END";
                }
                case "array_remove" -> {
                    arity(2);
                    yield "CASE WHEN " + arg(1) + " IS NULL THEN NULL ELSE list_filter(" + arg(0) + ", lambda " + E + ": " + E + " IS NULL OR " + E + " <> " + arg(1) + ") END";
                }
                case "array_join" -> {
                    if (arguments.size() != 2 && arguments.size() != 3) {
                        throw unexpectedParameters();
                    }
                    Optional<SqlType> element = type(0).filter(type -> type.kind() == Kind.ARRAY).map(SqlType::elementType);
                    if (element.isPresent() && switch (element.get().kind()) {
                        case ARRAY, MAP, ROW -> true;
                        default -> false;
                    }) {
                        // Trino has no cast of these to varchar
                        throw new PallasException(ErrorCode.OPERATOR_NOT_FOUND, "Cannot cast " + element.get() + " to varchar");
                    }
                    if (element.isPresent() && switch (element.get().kind()) {
                        case REAL, DOUBLE, TIMESTAMP, TIMESTAMP_WITH_TIME_ZONE, TIME, TIME_WITH_TIME_ZONE, VARBINARY -> true;
                        default -> false;
                    }) {
                        throw new PallasException(ErrorCode.NOT_SUPPORTED, "array_join of " + element.get() + " elements is not supported yet");
                    }
                    String text = "CAST(" + E + " AS VARCHAR)";
                    String nulls = arguments.size() == 3 ? " OR " + arg(2) + " IS NULL" : "";
                    String strings = "list_transform(" + arg(0) + ", lambda " + E + ": " + (arguments.size() == 3 ? "coalesce(" + text + ", " + arg(2) + ")" : text) + ")";
                    yield "CASE WHEN " + arg(1) + " IS NULL" + nulls + " THEN NULL ELSE array_to_string(" + strings + ", " + arg(1) + ") END";
                }
                case "array_union", "array_intersect", "array_except" -> {
                    arity(2);
                    String combined = switch (name) {
                        case "array_union" -> "list_concat(" + arg(0) + ", " + arg(1) + ")";
                        case "array_intersect" -> "list_filter(" + arg(0) + ", lambda " + E + ": list_position(" + arg(1) + ", " + E + ") IS NOT NULL)";
                        default -> "list_filter(" + arg(0) + ", lambda " + E + ": list_position(" + arg(1) + ", " + E + ") IS NULL)";
                    };
                    yield "CASE WHEN " + arg(0) + " IS NULL OR " + arg(1) + " IS NULL THEN NULL ELSE " + distinct(combined) + " END";
                }
                case "arrays_overlap" -> {
                    arity(2);
                    yield "CASE WHEN " + arg(0) + " IS NULL OR " + arg(1) + " IS NULL THEN NULL"
                            + " WHEN len(" + arg(0) + ") = 0 OR len(" + arg(1) + ") = 0 THEN FALSE"
                            + " WHEN len(list_filter(" + arg(0) + ", lambda " + E + ": " + E + " IS NOT NULL AND list_position(" + arg(1) + ", " + E + ") IS NOT NULL)) > 0 THEN TRUE"
                            + " WHEN " + hasNull(arg(0)) + " OR " + hasNull(arg(1)) + " THEN NULL ELSE FALSE END";
                }
                case "contains" -> {
                    arity(2);
                    yield "CASE WHEN " + arg(0) + " IS NULL OR " + arg(1) + " IS NULL THEN NULL"
                            + " WHEN list_position(" + arg(0) + ", " + arg(1) + ") IS NOT NULL THEN TRUE"
                            + " WHEN " + hasNull(arg(0)) + " THEN NULL ELSE FALSE END";
                }
                case "element_at" -> {
                    arity(2);
                    boolean array = type(0).map(type -> type.kind() == Kind.ARRAY).orElse(false);
                    String subscript = "(" + arg(0) + ")[" + arg(1) + "]";
                    yield array ? "CASE WHEN " + arg(1) + " = 0 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:SQL array indices start at 1') ELSE " + subscript + " END" : subscript;
                }
                case "cardinality" -> {
                    arity(1);
                    yield "cardinality(" + arg(0) + ")";
                }
                case "flatten" -> {
                    arity(1);
                    yield "flatten(" + arg(0) + ")";
                }
                case "repeat" -> {
                    arity(2);
                    yield "CASE WHEN " + arg(1) + " < 0 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:count argument of repeat function must be greater than or equal to 0')"
                            + " WHEN " + arg(1) + " > 10000 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:count argument of repeat function must be less than or equal to 10000')"
                            + " ELSE list_resize([" + arg(0) + "], " + arg(1) + ", " + arg(0) + ") END";
                }
                case "sequence" -> sequence();
                case "slice" -> {
                    arity(3);
                    String start = "CASE WHEN " + arg(1) + " > 0 THEN " + arg(1) + " ELSE len(" + arg(0) + ") + " + arg(1) + " + 1 END";
                    yield "CASE WHEN " + arg(1) + " = 0 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:SQL array indices start at 1')"
                            + " WHEN " + arg(2) + " < 0 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:length must be greater than or equal to 0')"
                            + " ELSE list_slice(" + arg(0) + ", greatest(" + start + ", 1), CASE WHEN " + start + " < 1 THEN 0 ELSE " + start + " + " + arg(2) + " - 1 END) END";
                }
                case "trim_array" -> {
                    arity(2);
                    yield "CASE WHEN " + arg(1) + " < 0 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:size must not be negative')"
                            + " WHEN " + arg(1) + " > len(" + arg(0) + ") THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:size must not exceed array cardinality')"
                            + " ELSE list_slice(" + arg(0) + ", 1, len(" + arg(0) + ") - " + arg(1) + ") END";
                }
                case "ngrams" -> {
                    arity(2);
                    // n-grams of min(n, cardinality) elements: an array shorter than n is its only n-gram, an empty one gives [[]]
                    String size = "least(len(" + arg(0) + "), " + arg(1) + ")";
                    yield "CASE WHEN " + arg(1) + " <= 0 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:N must be positive')"
                            + " WHEN " + arg(0) + " IS NULL THEN NULL"
                            + " ELSE list_transform(range(1, len(" + arg(0) + ") - " + size + " + 2), lambda " + I + ": list_slice(" + arg(0) + ", " + I + ", "
                            + I + " + " + size + " - 1)) END";
                }
                case "combinations" -> combinations();
                case "array_histogram" -> {
                    arity(1);
                    // the non-NULL elements counted, each key at its first occurrence
                    String firsts = "list_filter(" + arg(0) + ", lambda " + E + ", " + I + ": " + E + " IS NOT NULL AND list_position(" + arg(0) + ", " + E + ") = " + I + ")";
                    yield "map_from_entries(list_transform(" + firsts + ", lambda " + K + ": struct_pack(key := " + K + ", value := CAST(len(list_filter("
                            + arg(0) + ", lambda " + E + ": " + E + " = " + K + ")) AS BIGINT))))";
                }
                case "shuffle" -> {
                    arity(1);
                    yield "list_transform(list_sort(list_transform(" + arg(0) + ", lambda " + E + ": {'r': random(), 'v': " + E + "})), lambda " + E + ": " + E + ".v)";
                }
                case "map_keys", "map_values" -> {
                    arity(1);
                    yield name + "(" + arg(0) + ")";
                }
                case "map_entries" -> {
                    arity(1);
                    yield "list_transform(map_entries(" + arg(0) + "), lambda " + E + ": row(" + E + ".key, " + E + ".value))";
                }
                case "map_from_entries" -> {
                    arity(1);
                    yield "map_from_entries(" + arg(0) + ")";
                }
                case "map_concat" -> {
                    if (arguments.isEmpty()) {
                        throw unexpectedParameters();
                    }
                    List<String> maps = new ArrayList<>();
                    for (int i = 0; i < arguments.size(); i++) {
                        maps.add(arg(i));
                    }
                    yield "CASE WHEN " + maps.stream().map(map -> map + " IS NULL").collect(joining(" OR ")) + " THEN NULL ELSE map_concat(" + String.join(", ", maps) + ") END";
                }
                case "map_filter" -> {
                    arity(2);
                    LambdaExpression predicate = lambda(1, 2);
                    yield "map_from_entries(list_filter(map_entries(" + arg(0) + "), lambda " + E + ": " + bind(List.of(E + ".key", E + ".value"), predicate) + "))";
                }
                case "transform_keys", "transform_values" -> {
                    arity(2);
                    String value = bind(List.of(E + ".key", E + ".value"), lambda(1, 2));
                    String entry = name.equals("transform_keys") ? "row(" + value + ", " + E + ".value)" : "row(" + E + ".key, " + value + ")";
                    yield "map_from_entries(list_transform(map_entries(" + arg(0) + "), lambda " + E + ": " + entry + "))";
                }
                case "map_zip_with" -> {
                    arity(3);
                    LambdaExpression function = lambda(2, 3);
                    String left = arg(0);
                    String right = arg(1);
                    String keys = "list_concat(map_keys(" + left + "), list_filter(map_keys(" + right + "), lambda " + K + ": NOT list_contains(map_keys(" + left + "), " + K + ")))";
                    String value = bind(List.of(K, "(" + left + ")[" + K + "]", "(" + right + ")[" + K + "]"), function);
                    yield "CASE WHEN " + left + " IS NULL OR " + right + " IS NULL THEN NULL ELSE map_from_entries(list_transform(" + keys
                            + ", lambda " + K + ": row(" + K + ", " + value + "))) END";
                }
                case "multimap_from_entries" -> {
                    arity(1);
                    String entries = arg(0);
                    String keys = distinct("list_transform(" + entries + ", lambda " + E + ": " + field(E, 1) + ")");
                    String values = "list_transform(list_filter(" + entries + ", lambda " + E + ": " + field(E, 1) + " = " + K + "), lambda " + E + ": " + field(E, 2) + ")";
                    yield "map_from_entries(list_transform(" + keys + ", lambda " + K + ": row(" + K + ", " + values + ")))";
                }
                default -> throw new IllegalStateException(name);
            };
        }

        /**
         * combinations(array, n) for a constant n: Trino lists the index sets in colexicographic order (by the last
         * index, then the one before, ...), so the largest index is the outermost loop here.
         */
        private String combinations()
        {
            arity(2);
            if (!(arguments.get(1) instanceof LongLiteral literal)) {
                throw new PallasException(ErrorCode.NOT_SUPPORTED, "combinations with a size that is not a constant is not supported yet");
            }
            long n = literal.getParsedValue();
            if (n > 5) {
                throw new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, "combination size must not exceed 5: " + n);
            }
            String array = arg(0);
            if (n == 0) {
                return "CASE WHEN " + array + " IS NULL THEN NULL ELSE [list_slice(" + array + ", 1, 0)] END";
            }
            List<String> indexes = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                indexes.add("\"__pallas_c" + i + "\"");
            }
            String body = indexes.stream().map(index -> array + "[" + index + "]").collect(joining(", ", "[", "]"));
            String sql = "list_transform(range(1, " + (n == 1 ? "len(" + array + ") + 1" : indexes.get(1)) + "), lambda " + indexes.get(0) + ": " + body + ")";
            for (int i = 2; i <= n; i++) {
                String upper = i == n ? "len(" + array + ") + 1" : indexes.get(i);
                sql = "flatten(list_transform(range(" + i + ", " + upper + "), lambda " + indexes.get(i - 1) + ": " + sql + "))";
            }
            String count = "CAST(1 AS HUGEINT)";
            for (int i = 0; i < n; i++) {
                count += " * (len(" + array + ") - " + i + ")";
            }
            long factorial = 1;
            for (int i = 2; i <= n; i++) {
                factorial *= i;
            }
            return "CASE WHEN " + array + " IS NULL THEN NULL WHEN len(" + array + ") < " + n + " THEN list_slice([" + array + "], 1, 0)"
                    + " WHEN (" + count + ") // " + factorial + " * " + n + " > 100000 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:combinations exceed max size')"
                    + " ELSE " + sql + " END";
        }

        Optional<SqlType> type()
        {
            return switch (name) {
                case "cardinality", "array_position" -> Optional.of(SqlType.BIGINT);
                case "contains", "arrays_overlap", "any_match", "all_match", "none_match" -> Optional.of(SqlType.BOOLEAN);
                case "array_join" -> Optional.of(SqlType.VARCHAR);
                case "filter", "array_sort", "array_distinct", "array_remove", "slice", "shuffle", "trim_array" -> arrayType(0);
                case "ngrams", "combinations" -> arrayType(0).map(SqlType::array);
                case "array_histogram" -> arrayType(0).map(type -> SqlType.map(type.elementType(), SqlType.BIGINT));
                case "array_union", "array_intersect", "array_except" -> arrayType(0).filter(type -> type.equals(arrayType(1).orElse(null)));
                case "array_max", "array_min" -> arrayType(0).map(SqlType::elementType);
                case "flatten" -> arrayType(0).map(SqlType::elementType).filter(type -> type.kind() == Kind.ARRAY);
                case "element_at" -> type(0).flatMap(type -> switch (type.kind()) {
                    case ARRAY -> Optional.of(type.elementType());
                    case MAP -> Optional.of(type.valueType());
                    default -> Optional.empty();
                });
                case "repeat" -> arguments.size() == 2 ? type(0).map(SqlType::array) : Optional.empty();
                case "map_keys" -> mapType(0).map(type -> SqlType.array(type.keyType()));
                case "map_values" -> mapType(0).map(type -> SqlType.array(type.valueType()));
                case "map_concat", "map_filter" -> mapType(0);
                case "sequence" -> sequenceElement().map(SqlType::array);
                case "transform", "zip_with" -> bodyType(arguments.size() - 1).map(SqlType::array);
                case "transform_keys" -> mapType(0).flatMap(map -> bodyType(1).map(key -> SqlType.map(key, map.valueType())));
                case "transform_values" -> mapType(0).flatMap(map -> bodyType(1).map(value -> SqlType.map(map.keyType(), value)));
                default -> Optional.empty();
            };
        }

        private Optional<SqlType> bodyType(int index)
        {
            return index >= 0 && index < arguments.size() && arguments.get(index) instanceof LambdaExpression lambda
                    ? context.typeOf(lambda.getBody()).filter(type -> type.kind() != Kind.UNKNOWN)
                    : Optional.empty();
        }

        private Optional<SqlType> arrayType(int index)
        {
            return type(index).filter(type -> type.kind() == Kind.ARRAY);
        }

        private Optional<SqlType> mapType(int index)
        {
            return type(index).filter(type -> type.kind() == Kind.MAP);
        }

        private Optional<SqlType> type(int index)
        {
            return index < arguments.size() ? context.typeOf(arguments.get(index)) : Optional.empty();
        }

        /** The element type of sequence: bigint for integers, else the type of the bounds. */
        private Optional<SqlType> sequenceElement()
        {
            Optional<SqlType> bound = type(0).filter(type -> type.kind() != Kind.UNKNOWN).or(() -> type(1).filter(type -> type.kind() != Kind.UNKNOWN));
            return bound.flatMap(type -> switch (type.kind()) {
                case TINYINT, SMALLINT, INTEGER, BIGINT -> Optional.of(SqlType.BIGINT);
                case DATE -> Optional.of(SqlType.DATE);
                case TIMESTAMP -> Optional.of(type);
                default -> Optional.empty();
            });
        }

        private String sequence()
        {
            if (arguments.size() != 2 && arguments.size() != 3) {
                throw unexpectedParameters();
            }
            SqlType element = sequenceElement()
                    .orElseThrow(() -> new PallasException(ErrorCode.NOT_SUPPORTED, "sequence of values of an unknown type is not supported yet"));
            String start = arg(0);
            String stop = arg(1);
            String order = "WHEN " + start + " IS NULL OR " + stop + " IS NULL THEN NULL ";
            if (element.kind() == Kind.BIGINT) {
                String step = arguments.size() == 3 ? arg(2) : "CASE WHEN " + start + " <= " + stop + " THEN 1 ELSE -1 END";
                return "CASE " + order
                        + "WHEN " + step + " = 0 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:step must not be zero') "
                        + "WHEN (" + step + " > 0 AND " + start + " > " + stop + ") OR (" + step + " < 0 AND " + start + " < " + stop + ") "
                        + "THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start') "
                        + "WHEN (CAST(" + stop + " AS HUGEINT) - " + start + ") // " + step + " >= 10000 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:result of sequence function must not have more than 10000 entries') "
                        + "ELSE generate_series(CAST(" + start + " AS BIGINT), CAST(" + stop + " AS BIGINT), CAST(" + step + " AS BIGINT)) END";
            }
            if (element.kind() == Kind.TIMESTAMP && arguments.size() != 3) {
                throw unexpectedParameters();
            }
            String step = arguments.size() == 3
                    ? arg(2)
                    : "CASE WHEN " + start + " <= " + stop + " THEN to_days(CAST(1 AS INTEGER)) ELSE to_days(CAST(-1 AS INTEGER)) END";
            String zero = "to_days(CAST(0 AS INTEGER))";
            String series;
            if (arguments.size() == 3 && type(2).map(type -> type.kind() == Kind.INTERVAL_YEAR_TO_MONTH).orElse(false)) {
                // Trino adds multiples of the step to the start (Jan 31 + 1 month, + 2 months), DuckDB adds the step repeatedly
                series = "list_filter(list_transform(range(0, 10001), lambda " + I + ": CAST(" + start + " AS TIMESTAMP) + " + I + " * " + step + "), lambda " + E + ": "
                        + "CASE WHEN " + step + " > " + zero + " THEN " + E + " <= " + stop + " ELSE " + E + " >= " + stop + " END)";
            }
            else {
                series = "generate_series(CAST(" + start + " AS TIMESTAMP), CAST(" + stop + " AS TIMESTAMP), " + step + ")";
            }
            return "CASE " + order
                    + "WHEN " + step + " = " + zero + " THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:step must not be zero') "
                    + "WHEN (" + step + " > " + zero + " AND " + start + " > " + stop + ") OR (" + step + " < " + zero + " AND " + start + " < " + stop + ") "
                    + "THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:sequence stop value should be greater than or equal to start value if step is greater than zero otherwise stop should be less than or equal to start') "
                    + "WHEN len(" + series + ") > 10000 THEN error('pallas-error:INVALID_FUNCTION_ARGUMENT:result of sequence function must not have more than 10000 entries') "
                    + "ELSE " + (element.kind() == Kind.DATE ? "CAST(" + series + " AS DATE[])" : series) + " END";
        }

        private String arg(int index)
        {
            return context.sql(arguments.get(index));
        }

        private void arity(int count)
        {
            if (arguments.size() != count) {
                throw unexpectedParameters();
            }
        }

        private PallasException unexpectedParameters()
        {
            return new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters for function " + name);
        }

        private LambdaExpression lambda(int index, int parameters)
        {
            if (!(arguments.get(index) instanceof LambdaExpression lambda)) {
                throw new PallasException(ErrorCode.TYPE_MISMATCH, "Argument " + (index + 1) + " of " + name + " must be a lambda expression");
            }
            if (lambda.getArguments().size() != parameters) {
                throw new PallasException(ErrorCode.INVALID_PARAMETER_USAGE,
                        "Expected a lambda that takes " + parameters + " argument(s) but got " + lambda.getArguments().size());
            }
            return lambda;
        }

        private String lambdaSql(int index, int parameters)
        {
            return context.sql(lambda(index, parameters));
        }

        /** The lambda's body with its parameters bound to the given values: nested one-element transforms. */
        private String bind(List<String> values, LambdaExpression lambda)
        {
            String sql = context.sql(lambda.getBody());
            List<LambdaArgumentDeclaration> parameters = lambda.getArguments();
            for (int i = parameters.size() - 1; i >= 0; i--) {
                sql = "list_transform([" + values.get(i) + "], lambda " + quote(canonical(parameters.get(i).getName())) + ": " + sql + ")[1]";
            }
            return sql;
        }
    }

    /** The distinct elements of a list in the order of their first occurrence, NULL included once, as Trino keeps them. */
    private static String distinct(String list)
    {
        return "list_filter(" + list + ", lambda " + D + ", " + I + ": list_position(" + list + ", " + D + ") = " + I + ")";
    }

    private static String hasNull(String list)
    {
        return "(len(" + list + ") > list_count(" + list + "))";
    }

    private static String field(String struct, int position)
    {
        return "struct_extract_at(" + struct + ", " + position + ")";
    }

    private static String canonical(Identifier identifier)
    {
        return identifier.isDelimited() ? identifier.getValue() : identifier.getValue().toLowerCase(Locale.ROOT);
    }

    private static String quote(String name)
    {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
