package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.SqlType;
import io.pallas.core.type.SqlType.Kind;
import io.trino.sql.tree.Array;
import io.trino.sql.tree.CallArgument;
import io.trino.sql.tree.DecimalLiteral;
import io.trino.sql.tree.DoubleLiteral;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.LongLiteral;
import io.trino.sql.tree.SortItem;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.stream.Collectors.joining;

/**
 * Aggregate and window functions with Trino's semantics and result types: count / sum / avg / min / max when they carry
 * FILTER, ORDER BY or OVER (the printer prints the plain forms itself), count_if, bool_and / bool_or / every, arbitrary /
 * any_value, max_by / min_by (with n), approx_distinct, approx_percentile, array_agg, listagg, map_agg, multimap_agg,
 * histogram, the variance family, corr, covariances, regressions, geometric_mean, bitwise_*_agg, and the ranking and
 * value window functions.
 *
 * <p>Every aggregate may carry DISTINCT, ORDER BY, FILTER (WHERE …) and OVER (…), as in Trino; the translation puts them
 * on each DuckDB aggregate it emits. Where a translation must use its aggregate more than once it binds it with
 * {@code list_transform([aggregate], lambda …)[1]}, so that the aggregate is computed once and no user expression ends up
 * inside a lambda body (where a column could be shadowed by a lambda parameter).
 *
 * <p>Documented choices:
 * <ul>
 * <li>approx_distinct is exact ({@code count(DISTINCT x)}): Trino's answer is an estimate, exact on small inputs.</li>
 * <li>approx_percentile returns the smallest value whose cumulative count exceeds {@code p * n} (the
 * {@code floor(p * n)}-th value, 0-based, clamped to the last), which is what Trino's digests answer for small inputs of
 * distinct values (median of {5, 7, 10, 20} is 10). DuckDB's approx_quantile (8) and quantile_disc (7) differ, so
 * neither is used. The weighted and accuracy forms are refused.</li>
 * <li>corr and regr_* return NULL where the statistic is not finite (fewer than two rows, a constant column), as Trino
 * does; DuckDB would give NaN.</li>
 * </ul>
 */
public final class AggregateFunctions
        implements FunctionLibrary
{
    /** Trino's aggregates that appear here only with FILTER, ORDER BY or OVER (the printer prints their plain form). */
    private static final Set<String> BUILT_IN = Set.of("count", "sum", "avg", "min", "max");

    private static final Set<String> RANKING = Set.of("row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile");
    private static final Set<String> VALUE_WINDOW = Set.of("lag", "lead", "first_value", "last_value", "nth_value");

    @Override
    public boolean translates(String name)
    {
        return owns(name);
    }

    @Override
    public Optional<String> translate(String name, FunctionCall call, FunctionContext context)
    {
        if (!owns(name)) {
            return Optional.empty();
        }
        if (call.hasNamedArguments() || call.getProcessingMode().isPresent()) {
            throw notSupported("Named arguments and processing modes in " + name);
        }
        if (call.getWindow().isPresent() && call.isDistinct()) {
            throw notSupported("DISTINCT in window function parameters");
        }
        if (call.getNullTreatment().isPresent() && !VALUE_WINDOW.contains(name)) {
            throw new PallasException(ErrorCode.NOT_SUPPORTED, "IGNORE NULLS and RESPECT NULLS are only allowed for lag, lead, first_value, last_value and nth_value");
        }
        List<Expression> arguments = call.getArguments().stream().map(CallArgument::getValue).toList();
        Call c = new Call(name, call, arguments, context);
        if (RANKING.contains(name) || VALUE_WINDOW.contains(name)) {
            return Optional.of(windowFunction(c));
        }
        return Optional.of(aggregate(c));
    }

    private static boolean owns(String name)
    {
        return BUILT_IN.contains(name) || RANKING.contains(name) || VALUE_WINDOW.contains(name) || switch (name) {
            case "count_if", "bool_and", "bool_or", "every", "arbitrary", "any_value", "max_by", "min_by", "approx_distinct",
                 "approx_percentile", "array_agg", "listagg", "map_agg", "multimap_agg", "histogram", "stddev", "stddev_samp",
                 "stddev_pop", "variance", "var_samp", "var_pop", "corr", "covar_samp", "covar_pop", "regr_slope",
                 "regr_intercept", "geometric_mean", "bitwise_and_agg", "bitwise_or_agg", "bitwise_xor_agg", "map_union" -> true;
            default -> false;
        };
    }

    /** One call being translated. */
    private record Call(String name, FunctionCall call, List<Expression> arguments, FunctionContext context)
    {
        String sql(int argument)
        {
            return context.sql(arguments.get(argument));
        }

        Optional<SqlType> type(int argument)
        {
            return context.typeOf(arguments.get(argument));
        }

        void arity(int... counts)
        {
            for (int count : counts) {
                if (arguments.size() == count) {
                    return;
                }
            }
            throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters for function " + name);
        }

        String over()
        {
            if (call.getWindow().isEmpty()) {
                return "";
            }
            if (!(context instanceof WindowContext window)) {
                throw notSupported("Window functions here");
            }
            return window.over(call);
        }

        /** {@code function(DISTINCT arguments ORDER BY …) FILTER (WHERE …) OVER (…)}. */
        String aggregate(String function, String... duckDbArguments)
        {
            StringBuilder sql = new StringBuilder(function).append('(');
            if (call.isDistinct()) {
                sql.append("DISTINCT ");
            }
            sql.append(String.join(", ", duckDbArguments));
            call.getOrderBy().ifPresent(orderBy -> sql.append(" ORDER BY ")
                    .append(orderBy.getSortItems().stream().map(this::sortItem).collect(joining(", "))));
            sql.append(')');
            call.getFilter().ifPresent(filter -> sql.append(" FILTER (WHERE ").append(context.sql(filter)).append(')'));
            return sql.append(over()).toString();
        }

        private String sortItem(SortItem item)
        {
            return context.sql(item.getSortKey())
                    + (item.getOrdering() == SortItem.Ordering.DESCENDING ? " DESC" : " ASC")
                    // Trino puts NULLs last unless told otherwise, in both directions
                    + (item.getNullOrdering() == SortItem.NullOrdering.FIRST ? " NULLS FIRST" : " NULLS LAST");
        }
    }

    private static String aggregate(Call c)
    {
        String name = c.name();
        return switch (name) {
            case "count" -> c.arguments().isEmpty() ? c.aggregate("count", "*") : c.aggregate("count", c.sql(0));
            case "sum", "avg" -> {
                c.arity(1);
                Optional<SqlType> type = c.context().typeOf(withoutClauses(c.call()));
                yield name.equals("avg") && type.isPresent() && type.get().kind() == Kind.DECIMAL
                        ? decimalAverage(c, type.get().scale())
                        : c.aggregate(name, c.sql(0));
            }
            // max(x, n) and min(x, n): the n largest (smallest) non-NULL values, duplicates kept, largest (smallest) first;
            // NULL when there are none, as DuckDB's max(x, n) does too
            case "min", "max" -> {
                c.arity(1, 2);
                if (c.arguments().size() == 1) {
                    yield c.aggregate(name, c.sql(0));
                }
                long count = constantCount(c.arguments().get(1), name + "_n", "second");
                if (count > 10_000) {
                    throw new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, "second argument of " + name + "_n must be less than or equal to 10000; found " + count);
                }
                yield c.aggregate(name, c.sql(0), "CAST(" + count + " AS BIGINT)");
            }
            // count ignores NULLs and gives 0 over no rows, as Trino's count_if does (DuckDB's count_if gives NULL there)
            case "count_if" -> {
                c.arity(1);
                requireNoDistinct(c);
                yield c.aggregate("count", "CASE WHEN " + c.sql(0) + " THEN 1 END");
            }
            case "bool_and", "every" -> {
                c.arity(1);
                yield c.aggregate("bool_and", c.sql(0));
            }
            case "bool_or" -> {
                c.arity(1);
                yield c.aggregate("bool_or", c.sql(0));
            }
            // both skip NULLs
            case "arbitrary", "any_value" -> {
                c.arity(1);
                yield c.aggregate("any_value", c.sql(0));
            }
            case "max_by", "min_by" -> maxBy(c);
            case "approx_distinct" -> {
                c.arity(1, 2);
                if (c.arguments().size() == 2) {
                    double error = constantNumber(c.arguments().get(1), "approx_distinct");
                    if (error < 0.0040625 || error > 0.26) {
                        throw new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, "Max standard error must be in [0.0040625, 0.26]: " + error);
                    }
                }
                // exact: DISTINCT is implied, and an ORDER BY does not matter
                yield "count(DISTINCT " + c.sql(0) + ")"
                        + c.call().getFilter().map(filter -> " FILTER (WHERE " + c.context().sql(filter) + ")").orElse("")
                        + c.over();
            }
            case "approx_percentile" -> approxPercentile(c);
            // list keeps NULLs, as Trino's array_agg does; both give NULL over no rows
            case "array_agg" -> {
                c.arity(1);
                yield c.aggregate("list", c.sql(0));
            }
            case "listagg" -> listagg(c);
            case "map_agg", "multimap_agg" -> mapAggregate(c);
            case "map_union" -> mapUnion(c);
            case "histogram" -> {
                c.arity(1);
                requireNoDistinct(c);
                // DuckDB counts in UBIGINT; NULLs are skipped in both
                yield "list_transform([" + c.aggregate("histogram", c.sql(0)) + "], lambda pallas_h: "
                        + "map_from_entries(list_transform(map_entries(pallas_h), lambda pallas_e: struct_pack(key := pallas_e.key, value := CAST(pallas_e.value AS BIGINT)))))[1]";
            }
            case "stddev", "stddev_samp" -> statistic(c, "stddev_samp", 1);
            case "stddev_pop" -> statistic(c, "stddev_pop", 1);
            case "variance", "var_samp" -> statistic(c, "var_samp", 1);
            case "var_pop" -> statistic(c, "var_pop", 1);
            case "covar_samp" -> statistic(c, "covar_samp", 2);
            case "covar_pop" -> statistic(c, "covar_pop", 2);
            case "geometric_mean" -> statistic(c, "geomean", 1);
            case "corr", "regr_slope", "regr_intercept" -> {
                // Trino answers NULL where the statistic is not finite; DuckDB gives NaN (one row, constant input)
                String value = statistic(c, name, 2);
                yield "list_transform([" + value + "], lambda pallas_v: CASE WHEN isfinite(pallas_v) THEN pallas_v END)[1]";
            }
            case "bitwise_and_agg", "bitwise_or_agg", "bitwise_xor_agg" -> {
                c.arity(1);
                String function = switch (name) {
                    case "bitwise_and_agg" -> "bit_and";
                    case "bitwise_or_agg" -> "bit_or";
                    default -> "bit_xor";
                };
                yield c.aggregate(function, "CAST(" + c.sql(0) + " AS BIGINT)");
            }
            default -> throw notSupported("Function " + name);
        };
    }

    private static String statistic(Call c, String function, int arity)
    {
        c.arity(arity);
        String[] arguments = new String[arity];
        for (int i = 0; i < arity; i++) {
            arguments[i] = "CAST(" + c.sql(i) + " AS DOUBLE)";
        }
        return c.aggregate(function, arguments);
    }

    private static String maxBy(Call c)
    {
        c.arity(2, 3);
        requireNoDistinct(c);
        String function = c.name().equals("max_by") ? "arg_max" : "arg_min";
        // wrapped in a struct, a NULL value still counts (DuckDB's arg_max skips rows whose value is NULL, Trino does not);
        // rows whose key is NULL are skipped by both
        String value = "struct_pack(v := " + c.sql(0) + ")";
        if (c.arguments().size() == 2) {
            return "(" + c.aggregate(function, value, c.sql(1)) + ").v";
        }
        long count = constantCount(c.arguments().get(2), c.name(), "third");
        return "list_transform(" + c.aggregate(function, value, c.sql(1), "CAST(" + count + " AS BIGINT)") + ", lambda pallas_s: pallas_s.v)";
    }

    private static String approxPercentile(Call c)
    {
        c.arity(2, 3, 4);
        if (c.arguments().size() > 2) {
            throw notSupported("approx_percentile with weights or accuracy");
        }
        requireNoDistinct(c);
        Expression percentile = c.arguments().get(1);
        List<Expression> percentiles = percentile instanceof Array array ? array.getValues() : List.of(percentile);
        for (Expression value : percentiles) {
            double p = constantNumber(value, "approx_percentile");
            if (p < 0 || p > 1) {
                throw new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, "Percentile must be between 0 and 1");
            }
        }
        String value = c.sql(0);
        Optional<SqlType> type = percentileType(c.type(0));
        if (type.isPresent()) {
            value = "CAST(" + value + " AS " + c.context().duckDbType(type.get()) + ")";
        }
        // the sorted non-NULL values, bound once; the floor(p * n)-th (0-based) of n values, the last for p = 1
        String sorted = "list_sort(list_filter(" + c.aggregate("list", value) + ", lambda pallas_x: pallas_x IS NOT NULL))";
        String pick = "pallas_l[CAST(least(floor(CAST(%s AS DOUBLE) * len(pallas_l)), len(pallas_l) - 1) AS BIGINT) + 1]";
        String body = percentile instanceof Array
                ? "CASE WHEN len(pallas_l) > 0 THEN [" + percentiles.stream().map(p -> pick.formatted(c.context().sql(p))).collect(joining(", ")) + "] END"
                : "CASE WHEN len(pallas_l) > 0 THEN " + pick.formatted(c.context().sql(percentile)) + " END";
        return "list_transform([" + sorted + "], lambda pallas_l: " + body + ")[1]";
    }

    /** Trino's approx_percentile takes bigint, double and real: smaller integers become bigint, decimals double. */
    private static Optional<SqlType> percentileType(Optional<SqlType> argument)
    {
        return argument.flatMap(type -> switch (type.kind()) {
            case TINYINT, SMALLINT, INTEGER, BIGINT -> Optional.of(SqlType.BIGINT);
            case DECIMAL, DOUBLE -> Optional.of(SqlType.DOUBLE);
            case REAL -> Optional.of(SqlType.REAL);
            default -> Optional.empty();
        });
    }

    private static String listagg(Call c)
    {
        // the parser gives listagg(value, separator, overflow error?, filler, with count?) for LISTAGG(…) WITHIN GROUP (…)
        if (c.arguments().size() < 2) {
            throw new PallasException(ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters for function listagg");
        }
        if (c.arguments().size() >= 3 && !(c.arguments().get(2) instanceof io.trino.sql.tree.BooleanLiteral error && error.getValue())) {
            throw notSupported("listagg ON OVERFLOW TRUNCATE");
        }
        // string_agg skips NULLs and gives NULL over no rows, as listagg does
        return c.aggregate("string_agg", "CAST(" + c.sql(0) + " AS VARCHAR)", c.sql(1));
    }

    /**
     * map_union: the entries of the non-NULL maps, a key taking the value of the first map that has it (Trino takes it
     * from an arbitrary map); NULL when there is no non-NULL map.
     */
    private static String mapUnion(Call c)
    {
        c.arity(1);
        requireNoDistinct(c);
        String maps = "list_filter(pallas_l, lambda pallas_m: pallas_m IS NOT NULL)";
        String entries = "flatten(list_transform(" + maps + ", lambda pallas_m: map_entries(pallas_m)))";
        String firstOfEachKey = "list_filter(pallas_es, lambda pallas_e, pallas_i: "
                + "list_position(list_transform(pallas_es, lambda pallas_f: pallas_f.key), pallas_e.key) = pallas_i)";
        return "list_transform([" + c.aggregate("list", c.sql(0)) + "], lambda pallas_l: CASE WHEN len(" + maps + ") = 0 THEN NULL"
                + " ELSE list_transform([" + entries + "], lambda pallas_es: map_from_entries(" + firstOfEachKey + "))[1] END)[1]";
    }

    private static String mapAggregate(Call c)
    {
        c.arity(2);
        requireNoDistinct(c);
        String entries = c.aggregate("list", "struct_pack(k := " + c.sql(0) + ", v := " + c.sql(1) + ")");
        // one entry per distinct non-NULL key: the first value for map_agg (DuckDB's map rejects duplicate keys), all of
        // them in input order for multimap_agg
        String value = c.name().equals("map_agg")
                ? "list_filter(pallas_m, lambda pallas_q: pallas_q.k = pallas_k)[1].v"
                : "list_transform(list_filter(pallas_m, lambda pallas_q: pallas_q.k = pallas_k), lambda pallas_q: pallas_q.v)";
        return "list_transform([" + entries + "], lambda pallas_m: map_from_entries(list_transform("
                + "list_distinct(list_transform(pallas_m, lambda pallas_q: pallas_q.k)), "
                + "lambda pallas_k: struct_pack(key := pallas_k, value := " + value + "))))[1]";
    }

    private static String windowFunction(Call c)
    {
        String name = c.name();
        if (c.call().getWindow().isEmpty()) {
            throw new PallasException(ErrorCode.MISSING_OVER, "Window function " + name + " requires an OVER clause");
        }
        if (c.call().getFilter().isPresent() || c.call().getOrderBy().isPresent() || c.call().isDistinct()) {
            throw notSupported("FILTER, ORDER BY and DISTINCT in window function " + name);
        }
        switch (name) {
            case "ntile" -> c.arity(1);
            case "lag", "lead" -> c.arity(1, 2, 3);
            case "first_value", "last_value" -> c.arity(1);
            case "nth_value" -> c.arity(2);
            default -> c.arity(0);
        }
        String arguments = c.arguments().stream().map(argument -> c.context().sql(argument)).collect(joining(", "));
        if (name.equals("ntile") || name.equals("nth_value")) {
            // Trino takes bigint positions
            List<String> parts = new java.util.ArrayList<>(c.arguments().stream().map(argument -> c.context().sql(argument)).toList());
            int last = parts.size() - 1;
            parts.set(last, "CAST(" + parts.get(last) + " AS BIGINT)");
            arguments = String.join(", ", parts);
        }
        String nulls = c.call().getNullTreatment().map(treatment -> treatment == FunctionCall.NullTreatment.IGNORE ? " IGNORE NULLS" : "").orElse("");
        return name + "(" + arguments + nulls + ")" + c.over();
    }

    private static void requireNoDistinct(Call c)
    {
        if (c.call().isDistinct()) {
            throw notSupported("DISTINCT in " + c.name());
        }
    }

    private static double constantNumber(Expression expression, String function)
    {
        return switch (expression) {
            case DoubleLiteral literal -> literal.getValue();
            case DecimalLiteral literal -> new BigDecimal(literal.getValue()).doubleValue();
            case LongLiteral literal -> literal.getParsedValue();
            default -> throw notSupported("A non-constant parameter of " + function);
        };
    }

    private static long constantCount(Expression expression, String function, String position)
    {
        if (!(expression instanceof LongLiteral literal)) {
            throw notSupported("A non-constant count in " + function);
        }
        if (literal.getParsedValue() <= 0) {
            throw new PallasException(ErrorCode.INVALID_FUNCTION_ARGUMENT, position + " argument of " + function + " must be a positive integer");
        }
        return literal.getParsedValue();
    }

    @Override
    public Optional<SqlType> resultType(String name, FunctionCall call, FunctionContext context)
    {
        if (!owns(name)) {
            return Optional.empty();
        }
        List<Expression> arguments = call.getArguments().stream().map(CallArgument::getValue).toList();
        Optional<SqlType> first = arguments.isEmpty() ? Optional.empty() : context.typeOf(arguments.getFirst());
        return switch (name) {
            case "count", "count_if", "approx_distinct", "row_number", "rank", "dense_rank", "ntile",
                 "bitwise_and_agg", "bitwise_or_agg", "bitwise_xor_agg" -> Optional.of(SqlType.BIGINT);
            case "percent_rank", "cume_dist", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop",
                 "corr", "covar_samp", "covar_pop", "regr_slope", "regr_intercept", "geometric_mean" -> Optional.of(SqlType.DOUBLE);
            case "bool_and", "bool_or", "every" -> Optional.of(SqlType.BOOLEAN);
            case "listagg" -> Optional.of(SqlType.VARCHAR);
            // the printer's own rules for sum and avg of one argument
            case "sum", "avg" -> arguments.size() == 1 ? castable(context.typeOf(withoutClauses(call))) : Optional.empty();
            case "min", "max" -> arguments.size() == 2 ? castable(first).map(SqlType::array) : castable(first);
            case "arbitrary", "any_value", "first_value", "last_value", "nth_value" -> castable(first);
            // a default value may be longer than the column's varchar length
            case "lag", "lead" -> castable(arguments.size() > 2 ? first.map(AggregateFunctions::withoutLength) : first);
            case "max_by", "min_by" -> arguments.size() == 2 ? castable(first) : castable(first).map(SqlType::array);
            case "approx_percentile" -> arguments.size() == 2
                    ? percentileType(first).map(type -> arguments.get(1) instanceof Array ? SqlType.array(type) : type)
                    : Optional.empty();
            case "array_agg" -> castable(first).map(SqlType::array);
            // the maps' own type: the printer casts to it without the varchar lengths
            case "map_union" -> first.filter(type -> type.kind() == Kind.MAP);
            default -> Optional.empty();
        };
    }

    /**
     * avg of a decimal as Trino computes it: the exact sum over the count, rounded half away from zero to the scale.
     * DuckDB's avg of a decimal is a double, which would round 1.005 down.
     */
    private static String decimalAverage(Call c, int scale)
    {
        String power = "CAST(1" + "0".repeat(scale) + " AS HUGEINT)";
        String sum = "CAST(CAST(" + c.aggregate("sum", c.sql(0)) + " AS DECIMAL(38, " + scale + ")) * " + power + " AS HUGEINT)";
        String count = c.aggregate("count", c.sql(0));
        String quotient = "((2 * abs(" + sum + ") + " + count + ") // (2 * " + count + ") * sign(" + sum + "))";
        return scale == 0
                ? "CAST(" + quotient + " AS DECIMAL(38, 0))"
                : "(CAST(" + quotient + " AS DECIMAL(38, 0)) * CAST('" + BigDecimal.ONE.movePointLeft(scale).toPlainString() + "' AS DECIMAL(" + (scale + 1) + ", " + scale + ")))";
    }

    private static SqlType withoutLength(SqlType type)
    {
        return type.kind() == Kind.VARCHAR ? SqlType.VARCHAR : type;
    }

    private static FunctionCall withoutClauses(FunctionCall call)
    {
        return new FunctionCall(call.getLocation(), call.getName(), Optional.empty(), Optional.empty(), Optional.empty(), call.isDistinct(),
                Optional.empty(), Optional.empty(), call.argumentValues());
    }

    /**
     * A type the printer can cast to: nothing nested and no char (DuckDB has no such type); a bounded varchar is
     * reported with its length and cast to DuckDB's varchar.
     */
    private static Optional<SqlType> castable(Optional<SqlType> type)
    {
        return type.filter(t -> switch (t.kind()) {
            case CHAR, ARRAY, MAP, ROW, UNKNOWN, TIME_WITH_TIME_ZONE -> false;
            default -> true;
        });
    }

    private static PallasException notSupported(String construct)
    {
        return new PallasException(ErrorCode.NOT_SUPPORTED, construct + " is not supported yet");
    }
}
