package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.Column;
import io.pallas.core.type.RowValue;
import io.pallas.duckdb.EngineExtension;
import io.pallas.duckdb.TestingEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Aggregate functions, window functions and grouping extensions: each Trino query with the types and rows Trino gives.
 * Rows are rendered as {@code v | v}; NULL as {@code NULL}, arrays as {@code [a, b]}, maps sorted by key as {@code {k=v}}.
 */
class TestAggregateFunctions
{

    /** k, x (integer), d (double), s (varchar), b (boolean), o (ordering) */
    private static final String T = "(VALUES ('a', 1, 1.5e0, 'p', true, 1), ('a', 2, 2.5e0, NULL, false, 2), ('a', NULL, NULL, 'q', NULL, 3), "
            + "('b', 5, 10e0, 'r', true, 4), ('b', 7, 20e0, 'r', true, 5)) AS t(k, x, d, s, b, o)";
    /** the same rows filtered away: aggregates over no rows */
    private static final String EMPTY = T + " WHERE x > 100";

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    record Case(String sql, String types, List<String> rows)
    {
        @Override
        public String toString()
        {
            return sql;
        }
    }

    private static Case c(String sql, String types, String... rows)
    {
        return new Case(sql, types, List.of(rows));
    }

    static Stream<Case> cases()
    {
        return Stream.of(
                // avg of a decimal is a decimal of the same type, rounded half away from zero from the exact sum (a double
                // would round 1.005 down); sum and avg of real are real; VALUES of decimals take the common decimal type
                c("SELECT sum(x), avg(x) FROM (VALUES 1.5, 2.25) AS t(x)", "decimal(38,2);decimal(3,2)", "3.75 | 1.88"),
                c("SELECT avg(x), avg(DISTINCT x) FROM (VALUES 1.00, 1.01, 1.01) AS t(x)", "decimal(3,2);decimal(3,2)", "1.01 | 1.01"),
                c("SELECT avg(x) FROM (VALUES -1.00, -1.01) AS t(x)", "decimal(3,2)", "-1.01"),
                c("SELECT avg(x) FILTER (WHERE x > 0) FROM (VALUES 1.00, 1.01) AS t(x)", "decimal(3,2)", "1.01"),
                c("SELECT x, avg(x) OVER () FROM (VALUES 1.00, 1.01) AS t(x)", "decimal(3,2);decimal(3,2)", "1.00 | 1.01", "1.01 | 1.01"),
                c("SELECT avg(x) FROM (VALUES 1.5) AS t(x) WHERE x > 2", "decimal(2,1)", "NULL"),
                c("SELECT sum(x), avg(x) FROM (VALUES REAL '1.5', REAL '2.25') AS t(x)", "real;real", "3.75 | 1.875"),
                c("SELECT approx_percentile(x, 0.5) FROM (VALUES 1, 2, 3, 4, 5) AS t(x)", "bigint", "3"),
                // count, sum, avg with DISTINCT and FILTER; count_if
                c("SELECT count(*), count(x), count(DISTINCT k), sum(DISTINCT x), avg(DISTINCT x), count_if(x > 1), count_if(b) FROM " + T,
                        "bigint;bigint;bigint;bigint;double;bigint;bigint", "5 | 4 | 2 | 15 | 3.75 | 3 | 3"),
                c("SELECT count(*) FILTER (WHERE x > 1), sum(x) FILTER (WHERE k = 'a'), max(d) FILTER (WHERE b) FROM " + T,
                        "bigint;bigint;double", "3 | 3 | 20.0"),
                c("SELECT count(*), count(x), count_if(x > 0), sum(x), avg(d), min(s), bool_and(b), array_agg(x), approx_distinct(x) FROM " + EMPTY,
                        "bigint;bigint;bigint;bigint;double;varchar(1);boolean;array(integer);bigint", "0 | 0 | 0 | NULL | NULL | NULL | NULL | NULL | 0"),
                c("SELECT k, count_if(x IS NULL), count_if(NULL) FROM " + T + " GROUP BY k ORDER BY k",
                        "varchar(1);bigint;bigint", "a | 1 | 0", "b | 0 | 0"),
                // booleans
                c("SELECT k, bool_and(b), bool_or(b), every(b) FROM " + T + " GROUP BY k ORDER BY k",
                        "varchar(1);boolean;boolean;boolean", "a | false | true | false", "b | true | true | true"),
                c("SELECT bool_or(b) FROM " + T + " WHERE x IS NULL", "boolean", "NULL"),
                // arbitrary skips NULLs
                c("SELECT arbitrary(s), any_value(x) FROM " + T + " WHERE k = 'b'", "varchar(1);integer", "r | 5"),
                c("SELECT arbitrary(x) FROM " + T + " WHERE x IS NULL", "integer", "NULL"),
                // max_by / min_by: a NULL value still wins, NULL keys are skipped; the n form gives arrays
                c("SELECT max_by(s, o), min_by(s, o), max_by(x, d), min_by(s, x) FROM " + T,
                        "varchar(1);varchar(1);integer;varchar(1)", "r | p | 7 | p"),
                c("SELECT max_by(s, o) FROM " + T + " WHERE o < 3", "varchar(1)", "NULL"),
                c("SELECT max_by(x, o, 2), min_by(s, o, 3), max_by(x, d, 10) FROM " + T,
                        "array(integer);array(varchar(1));array(integer)", "[7, 5] | [p, NULL, q] | [7, 5, 2, 1]"),
                c("SELECT max_by(x, o, 2) FROM " + EMPTY, "array(integer)", "NULL"),
                // max(x, n) and min(x, n): the n largest / smallest non-NULL values (Trino 476: conformance aggregates-016)
                c("SELECT max(x, 2), min(x, 2), max(s, 10), min(d, 3) FROM " + T,
                        "array(integer);array(integer);array(varchar(1));array(double)", "[7, 5] | [1, 2] | [r, r, q, p] | [1.5, 2.5, 10.0]"),
                c("SELECT k, max(x, 1) FROM " + T + " GROUP BY k ORDER BY k", "varchar(1);array(integer)", "a | [2]", "b | [7]"),
                c("SELECT max(x, 2), min(x, 2) FROM " + EMPTY, "array(integer);array(integer)", "NULL | NULL"),
                // approx_distinct: exact here
                c("SELECT approx_distinct(x), approx_distinct(s), approx_distinct(k, 0.1) FROM " + T, "bigint;bigint;bigint", "4 | 3 | 2"),
                // approx_percentile: the floor(p * n)-th of the sorted values, as Trino answers on small inputs; of an integer it is a bigint
                c("SELECT approx_percentile(v, 0.5), approx_percentile(v, 0), approx_percentile(v, 1), approx_percentile(v, 0.25), approx_percentile(v, 0.9) "
                                + "FROM (VALUES 5, 7, 10, 20) AS t(v)",
                        "bigint;bigint;bigint;bigint;bigint", "10 | 5 | 20 | 7 | 20"),
                c("SELECT approx_percentile(CAST(v AS bigint), ARRAY[0.1, 0.5, 0.75]), approx_percentile(CAST(v AS double), 0.5) FROM (VALUES 5, 7, 10, 20, NULL) AS t(v)",
                        "array(bigint);double", "[5, 10, 20] | 10.0"),
                c("SELECT approx_percentile(x, 0.5), approx_percentile(x, ARRAY[0.5]) FROM " + EMPTY, "bigint;array(bigint)", "NULL | NULL"),
                // array_agg keeps NULLs; ORDER BY, DISTINCT, FILTER
                c("SELECT k, array_agg(x ORDER BY o DESC), array_agg(s ORDER BY s NULLS FIRST), array_agg(DISTINCT s ORDER BY s), array_agg(x) FILTER (WHERE x > 1) "
                                + "FROM " + T + " GROUP BY k ORDER BY k",
                        "varchar(1);array(integer);array(varchar(1));array(varchar(1));array(integer)",
                        "a | [NULL, 2, 1] | [NULL, p, q] | [p, q, NULL] | [2]", "b | [7, 5] | [r, r] | [r] | [5, 7]"),
                // listagg skips NULLs
                c("SELECT k, listagg(s, ',') WITHIN GROUP (ORDER BY o DESC) FROM " + T + " GROUP BY k ORDER BY k",
                        "varchar(1);varchar", "a | q,p", "b | r,r"),
                c("SELECT listagg(DISTINCT s, '-') WITHIN GROUP (ORDER BY s), listagg(s) WITHIN GROUP (ORDER BY s) FROM " + T,
                        "varchar;varchar", "p-q-r | pqrr"),
                c("SELECT listagg(s, ',') WITHIN GROUP (ORDER BY s) FROM " + EMPTY, "varchar", "NULL"),
                // maps
                c("SELECT k, map_agg(s, x), multimap_agg(s, x), histogram(s) FROM " + T + " GROUP BY k ORDER BY k",
                        "varchar(1);map(varchar, integer);map(varchar, array(integer));map(varchar, bigint)",
                        "a | {p=1, q=NULL} | {p=[1], q=[NULL]} | {p=1, q=1}", "b | {r=5} | {r=[5, 7]} | {r=2}"),
                // map_union: NULL maps skipped, a repeated key keeps one of its values (Trino 476: conformance aggregates-039)
                c("SELECT map_union(m) FROM (VALUES MAP(ARRAY['a'], ARRAY[1]), NULL, MAP(ARRAY['b', 'c'], ARRAY[2, 3]), MAP()) AS t(m)",
                        "map(varchar, integer)", "{a=1, b=2, c=3}"),
                c("SELECT k, map_union(m) FROM (VALUES (1, MAP(ARRAY['a'], ARRAY[1])), (1, MAP(ARRAY['a'], ARRAY[1])), (2, NULL)) AS t(k, m) GROUP BY k ORDER BY k",
                        "integer;map(varchar, integer)", "1 | {a=1}", "2 | NULL"),
                c("SELECT map_agg(s, x), multimap_agg(s, x), histogram(s) FROM " + EMPTY,
                        "map(varchar, integer);map(varchar, array(integer));map(varchar, bigint)", "NULL | NULL | NULL"),
                c("SELECT histogram(x) FROM " + T, "map(integer, bigint)", "{1=1, 2=1, 5=1, 7=1}"),
                // statistics
                c("SELECT stddev(x), stddev_samp(x), stddev_pop(x), variance(x), var_samp(x), var_pop(x) FROM (VALUES 1, 2, 3, 4, NULL) AS t(x)",
                        "double;double;double;double;double;double",
                        "1.2909944487358056 | 1.2909944487358056 | 1.118033988749895 | 1.6666666666666667 | 1.6666666666666667 | 1.25"),
                c("SELECT stddev(x), variance(x), stddev_pop(x), var_pop(x) FROM (VALUES 5) AS t(x)", "double;double;double;double", "NULL | NULL | 0.0 | 0.0"),
                c("SELECT corr(x, y), covar_samp(x, y), covar_pop(x, y), regr_slope(y, x), regr_intercept(y, x) FROM (VALUES (1, 2), (2, 4), (3, 6)) AS t(x, y)",
                        "double;double;double;double;double", "1.0 | 2.0 | 1.3333333333333333 | 2.0 | 0.0"),
                c("SELECT corr(x, y), covar_samp(x, y), covar_pop(x, y), regr_slope(y, x) FROM (VALUES (1, 2)) AS t(x, y)",
                        "double;double;double;double", "NULL | NULL | 0.0 | NULL"),
                c("SELECT corr(x, y), regr_slope(y, x), stddev(x) FROM (VALUES (1, 2)) AS t(x, y) WHERE x > 5",
                        "double;double;double", "NULL | NULL | NULL"),
                c("SELECT geometric_mean(x), geometric_mean(d) FROM (VALUES (2, 1e0), (8, 100e0)) AS t(x, d)", "double;double", "4.0 | " + Math.exp(Math.log(100) / 2)),
                // bitwise aggregates
                c("SELECT bitwise_and_agg(x), bitwise_or_agg(x), bitwise_xor_agg(x) FROM (VALUES 12, 10, NULL) AS t(x)", "bigint;bigint;bigint", "8 | 14 | 6"),
                // ranking, with ties
                c("SELECT v, row_number() OVER (ORDER BY v, o), rank() OVER (ORDER BY v), dense_rank() OVER (ORDER BY v), percent_rank() OVER (ORDER BY v), "
                                + "cume_dist() OVER (ORDER BY v), ntile(2) OVER (ORDER BY v, o) FROM (VALUES (10, 1), (20, 2), (20, 3), (30, 4)) AS t(v, o) ORDER BY o",
                        "integer;bigint;bigint;bigint;double;double;bigint",
                        "10 | 1 | 1 | 1 | 0.0 | 0.25 | 1", "20 | 2 | 2 | 2 | 0.3333333333333333 | 0.75 | 1",
                        "20 | 3 | 2 | 2 | 0.3333333333333333 | 0.75 | 2", "30 | 4 | 4 | 3 | 1.0 | 1.0 | 2"),
                c("SELECT k, o, row_number() OVER (PARTITION BY k ORDER BY o DESC), rank() OVER (PARTITION BY k ORDER BY x DESC) FROM " + T + " ORDER BY o",
                        "varchar(1);integer;bigint;bigint", "a | 1 | 3 | 2", "a | 2 | 2 | 1", "a | 3 | 1 | 3", "b | 4 | 2 | 2", "b | 5 | 1 | 1"),
                c("SELECT ntile(3) OVER (ORDER BY o) FROM " + T + " ORDER BY o", "bigint", "1", "1", "2", "2", "3"),
                // lag / lead with offsets, defaults and IGNORE NULLS
                c("SELECT o, lag(x) OVER (ORDER BY o), lag(x, 2, -1) OVER (ORDER BY o), lead(x) OVER (ORDER BY o), lead(x, 1, 0) OVER (PARTITION BY k ORDER BY o), "
                                + "lag(x) IGNORE NULLS OVER (ORDER BY o), lead(x) IGNORE NULLS OVER (ORDER BY o) FROM " + T + " ORDER BY o",
                        "integer;integer;integer;integer;integer;integer;integer",
                        "1 | NULL | -1 | 2 | 2 | NULL | 2", "2 | 1 | -1 | NULL | NULL | 1 | 5", "3 | 2 | 1 | 5 | 0 | 2 | 5",
                        "4 | NULL | 2 | 7 | 7 | 2 | 7", "5 | 5 | NULL | NULL | 0 | 5 | NULL"),
                // first_value / last_value / nth_value with the default and explicit frames
                c("SELECT o, first_value(x) OVER (ORDER BY o), last_value(x) OVER (ORDER BY o), "
                                + "last_value(x) OVER (ORDER BY o ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING), nth_value(x, 2) OVER (ORDER BY o), "
                                + "first_value(x) IGNORE NULLS OVER (ORDER BY o DESC ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), last_value(x) IGNORE NULLS OVER (ORDER BY o) FROM " + T + " ORDER BY o",
                        "integer;integer;integer;integer;integer;integer;integer",
                        "1 | 1 | 1 | 7 | NULL | 2 | 1", "2 | 1 | 2 | 7 | 2 | 5 | 2", "3 | 1 | NULL | 7 | 2 | 7 | 2",
                        "4 | 1 | 5 | 7 | 2 | 7 | 5", "5 | 1 | 7 | 7 | 2 | 7 | 7"),
                // aggregates as window functions, frames ROWS / RANGE / GROUPS
                c("SELECT v, sum(v) OVER (ORDER BY v), sum(v) OVER (ORDER BY v ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), "
                                + "sum(v) OVER (ORDER BY v RANGE BETWEEN 1 PRECEDING AND CURRENT ROW), sum(v) OVER (ORDER BY v GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING), "
                                + "count(*) OVER (ORDER BY v ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING), avg(v) OVER (), count(*) OVER (ORDER BY v ROWS UNBOUNDED PRECEDING) "
                                + "FROM (VALUES 1, 2, 4, 4) AS t(v) ORDER BY v",
                        "integer;bigint;bigint;bigint;bigint;bigint;double;bigint",
                        "1 | 1 | 3 | 1 | 3 | 4 | 2.75 | 1", "2 | 3 | 7 | 3 | 11 | 3 | 2.75 | 2", "4 | 11 | 10 | 8 | 10 | 2 | 2.75 | 3", "4 | 11 | 8 | 8 | 10 | 1 | 2.75 | 4"),
                c("SELECT o, array_agg(x) OVER (PARTITION BY k ORDER BY o), count_if(b) OVER (ORDER BY o ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), "
                                + "max_by(s, o) OVER (PARTITION BY k), min(s) OVER (PARTITION BY k), listagg(s, '') WITHIN GROUP (ORDER BY o) OVER (PARTITION BY k) FROM " + T + " ORDER BY o",
                        "integer;array(integer);bigint;varchar(1);varchar(1);varchar",
                        "1 | [1] | 1 | q | p | pq", "2 | [1, 2] | 1 | q | p | pq", "3 | [1, 2, NULL] | 1 | q | p | pq",
                        "4 | [5] | 2 | r | r | rr", "5 | [5, 7] | 2 | r | r | rr"),
                c("SELECT o, sum(x) FILTER (WHERE x > 1) OVER (ORDER BY o), approx_percentile(x, 0.5) OVER (PARTITION BY k) FROM " + T + " ORDER BY o",
                        "integer;bigint;bigint", "1 | NULL | 2", "2 | 2 | 2", "3 | 2 | 2", "4 | 7 | 7", "5 | 14 | 7"),
                // named windows, and a window extending a named one
                c("SELECT o, sum(x) OVER w, row_number() OVER (w ORDER BY o DESC), rank() OVER v FROM " + T + " WINDOW w AS (PARTITION BY k), v AS (w ORDER BY x) ORDER BY o",
                        "integer;bigint;bigint;bigint", "1 | 3 | 3 | 1", "2 | 3 | 2 | 2", "3 | 3 | 1 | 3", "4 | 12 | 2 | 1", "5 | 12 | 1 | 2"),
                // window functions over aggregates
                c("SELECT k, sum(x), rank() OVER (ORDER BY sum(x) DESC), sum(sum(x)) OVER () FROM " + T + " GROUP BY k ORDER BY k",
                        "varchar(1);bigint;bigint;bigint", "a | 3 | 2 | 15", "b | 12 | 1 | 15"),
                // grouping sets, rollup, cube and grouping() with Trino's bit order
                c("SELECT k, b, count(*), grouping(k, b), grouping(b) FROM " + T + " GROUP BY ROLLUP (k, b) ORDER BY grouping(k, b), k, b",
                        "varchar(1);boolean;bigint;integer;integer",
                        "a | false | 1 | 0 | 0", "a | true | 1 | 0 | 0", "a | NULL | 1 | 0 | 0", "b | true | 2 | 0 | 0",
                        "a | NULL | 3 | 1 | 1", "b | NULL | 2 | 1 | 1", "NULL | NULL | 5 | 3 | 1"),
                c("SELECT k, s, sum(x), grouping(s, k) FROM " + T + " WHERE x IS NOT NULL GROUP BY CUBE (k, s) ORDER BY grouping(s, k), k, s",
                        "varchar(1);varchar(1);bigint;integer",
                        "a | p | 1 | 0", "a | NULL | 2 | 0", "b | r | 12 | 0", "NULL | p | 1 | 1", "NULL | r | 12 | 1", "NULL | NULL | 2 | 1",
                        "a | NULL | 3 | 2", "b | NULL | 12 | 2", "NULL | NULL | 15 | 3"),
                c("SELECT k, b, count(*), grouping(k, b) FROM " + T + " GROUP BY GROUPING SETS ((k), (b), ()) ORDER BY grouping(k, b), k, b",
                        "varchar(1);boolean;bigint;integer",
                        "a | NULL | 3 | 1", "b | NULL | 2 | 1", "NULL | false | 1 | 2", "NULL | true | 3 | 2", "NULL | NULL | 1 | 2", "NULL | NULL | 5 | 3"),
                c("SELECT k, o > 2 AS late, count(*) FROM " + T + " GROUP BY k, ROLLUP (o > 2) ORDER BY k, late",
                        "varchar(1);boolean;bigint", "a | false | 2", "a | true | 1", "a | NULL | 3", "b | true | 2", "b | NULL | 2"),
                // GROUP BY ordinals and HAVING with aggregates
                c("SELECT k, count(*) AS n FROM " + T + " GROUP BY 1 HAVING count_if(x > 4) > 0 OR max(o) < 2", "varchar(1);bigint", "b | 2"),
                c("SELECT k || '!', sum(x) FROM " + T + " GROUP BY 1 HAVING avg(d) >= 2 ORDER BY 1", "varchar;bigint", "a! | 3", "b! | 12"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void query(Case testCase)
    {
        List<Column> columns = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        run(testCase.sql(), columns, rows);
        assertThat(columns.stream().map(column -> column.type().toString()).collect(Collectors.joining(";"))).as("types").isEqualTo(testCase.types());
        assertThat(rows).as("rows").isEqualTo(testCase.rows());
    }

    record Refusal(String sql, ErrorCode code)
    {
        @Override
        public String toString()
        {
            return sql;
        }
    }

    static Stream<Refusal> refusals()
    {
        return Stream.of(
                new Refusal("SELECT approx_percentile(x, 1.5) FROM " + T, ErrorCode.INVALID_FUNCTION_ARGUMENT),
                new Refusal("SELECT approx_percentile(x, o, 0.5) FROM " + T, ErrorCode.NOT_SUPPORTED),
                new Refusal("SELECT max_by(x, o, 0) FROM " + T, ErrorCode.INVALID_FUNCTION_ARGUMENT),
                new Refusal("SELECT max(x, 0) FROM " + T, ErrorCode.INVALID_FUNCTION_ARGUMENT),
                new Refusal("SELECT min(x, 10001) FROM " + T, ErrorCode.INVALID_FUNCTION_ARGUMENT),
                new Refusal("SELECT sum(DISTINCT x) OVER () FROM " + T, ErrorCode.NOT_SUPPORTED),
                // Trino 476 (conformance errors-025)
                new Refusal("SELECT row_number() FROM " + T, ErrorCode.MISSING_OVER),
                new Refusal("SELECT listagg(s, ',' ON OVERFLOW TRUNCATE '...' WITHOUT COUNT) WITHIN GROUP (ORDER BY s) FROM " + T, ErrorCode.NOT_SUPPORTED),
                new Refusal("SELECT sum(x) OVER missing FROM " + T, ErrorCode.GENERIC_USER_ERROR),
                new Refusal("SELECT k, x FROM " + T + " GROUP BY ROLLUP (k)", ErrorCode.EXPRESSION_NOT_AGGREGATE),
                new Refusal("SELECT k, rank() OVER (ORDER BY x) FROM " + T + " GROUP BY k", ErrorCode.EXPRESSION_NOT_AGGREGATE),
                new Refusal("SELECT x, count(*) FILTER (WHERE x > 1) FROM " + T, ErrorCode.EXPRESSION_NOT_AGGREGATE));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void refused(Refusal refusal)
    {
        assertThatThrownBy(() -> run(refusal.sql(), new ArrayList<>(), new ArrayList<>()))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(refusal.code()));
    }

    private static void run(String sql, List<Column> columns, List<String> rows)
    {
        TestingEngine.QueryResult result = TestingEngine.run(ENGINE.engine(), sql);
        columns.addAll(result.columns());
        for (List<Object> row : result.rows()) {
            rows.add(row.stream().map(TestAggregateFunctions::render).collect(Collectors.joining(" | ")));
        }
    }

    private static String render(Object value)
    {
        return switch (value) {
            case null -> "NULL";
            case List<?> list -> list.stream().map(TestAggregateFunctions::render).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> map -> map.entrySet().stream()
                    .map(entry -> render(entry.getKey()) + "=" + render(entry.getValue()))
                    .sorted()
                    .collect(Collectors.joining(", ", "{", "}"));
            case RowValue row -> row.fields().stream().map(TestAggregateFunctions::render).collect(Collectors.joining(", ", "(", ")"));
            case BigDecimal decimal -> decimal.toPlainString();
            default -> value.toString();
        };
    }
}
