package io.pallas.duckdb.functions;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.type.Column;
import io.pallas.core.type.RowValue;
import io.pallas.duckdb.EngineExtension;
import io.pallas.duckdb.TestingEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trino's array and map functions, lambdas and UNNEST: the values and types Trino gives for them. */
class TestCollectionFunctions
{

    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    record Case(String sql, List<String> types, List<List<Object>> rows)
    {
        @Override
        public String toString()
        {
            return sql;
        }
    }

    /** A query, its column types separated by ';', and its rows. */
    private static Case query(String sql, String types, List<?>... rows)
    {
        return new Case(sql, List.of(types.split(";")), Arrays.stream(rows).map(row -> (List<Object>) new ArrayList<Object>(row)).toList());
    }

    /** A one-column query giving one value. */
    private static Case value(String expression, String type, Object value)
    {
        return query("SELECT " + expression, type, row(value));
    }

    private static List<Object> row(Object... values)
    {
        return Arrays.asList(values);
    }

    private static List<Object> list(Object... values)
    {
        return Arrays.asList(values);
    }

    private static RowValue struct(Object... values)
    {
        return new RowValue(Arrays.asList(values));
    }

    private static Map<Object, Object> map(Object... keysAndValues)
    {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Stream<Case> cases()
    {
        return Stream.of(
                // = of arrays and maps: a pair with a NULL makes it unknown unless another pair differs; map entries in any order
                value("ARRAY[1, NULL] = ARRAY[1, NULL]", "boolean", null),
                value("ARRAY[1, NULL] <> ARRAY[1, NULL]", "boolean", null),
                value("ARRAY[1, NULL] = ARRAY[2, NULL]", "boolean", false),
                value("ARRAY[1, 2] = ARRAY[1]", "boolean", false),
                value("ARRAY[1, 2] = ARRAY[1, 2]", "boolean", true),
                query("SELECT x FROM (VALUES 1, 2) AS t(x) WHERE ARRAY[x, NULL] = ARRAY[x, NULL] OR ARRAY[x] = ARRAY[1]", "integer", row(1)),
                value("MAP(ARRAY['a', 'b'], ARRAY[1, 2]) = MAP(ARRAY['b', 'a'], ARRAY[2, 1])", "boolean", true),
                value("MAP(ARRAY['a', 'b'], ARRAY[1, 2]) <> MAP(ARRAY['b', 'a'], ARRAY[1, 2])", "boolean", true),
                value("MAP(ARRAY['a', 'b'], ARRAY[1, NULL]) = MAP(ARRAY['b', 'a'], ARRAY[NULL, 1])", "boolean", null),
                value("MAP(ARRAY['a'], ARRAY[1]) = MAP(ARRAY['b'], ARRAY[1])", "boolean", false),
                // lambdas
                value("transform(ARRAY[1, 2, NULL], x -> x * 2)", "array(integer)", list(2, 4, null)),
                value("transform(ARRAY['a', 'b'], x -> x || '!')", "array(varchar)", list("a!", "b!")),
                value("transform(CAST(NULL AS array(integer)), x -> x + 1)", "array(integer)", null),
                value("transform(ARRAY[ARRAY[1, 2], ARRAY[3]], a -> transform(a, x -> x + 10))", "array(array(integer))", list(list(11, 12), list(13))),
                value("transform(ARRAY[1, 2], x -> transform(ARRAY[10], y -> x + y))", "array(array(integer))", list(list(11), list(12))),
                query("SELECT transform(a, x -> x + n) FROM (VALUES (ARRAY[1, 2], 10)) AS t(a, n)", "array(integer)", row(list(11, 12))),
                value("filter(ARRAY[1, NULL, 3, 4], x -> x > 2)", "array(integer)", list(3, 4)),
                value("filter(ARRAY[1, NULL], x -> x IS NULL)", "array(integer)", list((Object) null)),
                value("filter(ARRAY[1, 2], x -> false)", "array(integer)", list()),
                value("reduce(ARRAY[1, 2, 3], 0, (s, x) -> s + x, s -> s)", "integer", 6),
                value("reduce(ARRAY[5, 20, 50], 0, (s, x) -> s + x, s -> s * 2)", "integer", 150),
                value("reduce(ARRAY[], 7, (s, x) -> s + x, s -> s)", "integer", 7),
                value("reduce(CAST(NULL AS array(integer)), 0, (s, x) -> s + x, s -> coalesce(s, -1))", "integer", null),
                value("reduce(ARRAY[1, NULL, 2], 0, (s, x) -> s + coalesce(x, 100), s -> s)", "integer", 103),
                value("zip_with(ARRAY[1, 2], ARRAY[10, 20], (a, b) -> a + b)", "array(integer)", list(11, 22)),
                value("zip_with(ARRAY[1, 2, 3], ARRAY['x'], (a, b) -> b)", "array(varchar(1))", list("x", null, null)),
                value("zip_with(ARRAY[1], CAST(NULL AS array(integer)), (a, b) -> a)", "array(integer)", null),
                value("zip(ARRAY[1, 2], ARRAY['a', 'b', 'c'])", "array(row(integer, varchar))", list(struct(1, "a"), struct(2, "b"), struct(null, "c"))),
                value("any_match(ARRAY[1, 2, 3], x -> x > 2)", "boolean", true),
                value("any_match(ARRAY[1, NULL], x -> x > 2)", "boolean", null),
                value("any_match(ARRAY[], x -> true)", "boolean", false),
                value("all_match(ARRAY[1, 2], x -> x > 0)", "boolean", true),
                value("all_match(ARRAY[1, NULL], x -> x > 1)", "boolean", false),
                value("all_match(ARRAY[1, NULL], x -> x > 0)", "boolean", null),
                value("all_match(ARRAY[], x -> false)", "boolean", true),
                value("none_match(ARRAY[1, 2], x -> x > 5)", "boolean", true),
                value("none_match(ARRAY[1, 7], x -> x > 5)", "boolean", false),
                value("none_match(CAST(NULL AS array(integer)), x -> x > 5)", "boolean", null),
                // array functions
                value("array_sort(ARRAY[3, NULL, 1, 2])", "array(integer)", list(1, 2, 3, null)),
                value("array_sort(ARRAY['b', 'a'])", "array(varchar(1))", list("a", "b")),
                value("array_distinct(ARRAY[3, 1, NULL, 3, NULL, 1])", "array(integer)", list(3, 1, null)),
                value("array_distinct(ARRAY[])", "array(unknown)", list()),
                value("array_max(ARRAY[1, 5, 3])", "integer", 5),
                value("array_max(ARRAY[1, NULL, 3])", "integer", null),
                value("array_min(ARRAY['b', 'a'])", "varchar(1)", "a"),
                value("array_min(ARRAY[])", "unknown", null),
                value("array_position(ARRAY[10, 20, 10], 10)", "bigint", 1L),
                value("array_position(ARRAY[10, 20], 30)", "bigint", 0L),
                value("array_position(ARRAY[10, NULL], NULL)", "bigint", null),
                value("array_remove(ARRAY[1, 2, NULL, 1], 1)", "array(integer)", list(2, null)),
                value("array_remove(ARRAY[1, 2], NULL)", "array(integer)", null),
                value("array_join(ARRAY['a', NULL, 'c'], ',')", "varchar", "a,c"),
                value("array_join(ARRAY['a', NULL, 'c'], ',', 'x')", "varchar", "a,x,c"),
                value("array_join(ARRAY[1, 2], '-')", "varchar", "1-2"),
                value("array_join(ARRAY[], ',')", "varchar", ""),
                value("array_join(CAST(NULL AS array(varchar)), ',')", "varchar", null),
                value("array_union(ARRAY[1, 2, 2], ARRAY[3, 1, NULL])", "array(integer)", list(1, 2, 3, null)),
                value("array_intersect(ARRAY[3, 1, 2, 1], ARRAY[1, 3, 5])", "array(integer)", list(3, 1)),
                value("array_intersect(ARRAY[1, NULL], ARRAY[NULL])", "array(integer)", list((Object) null)),
                value("array_except(ARRAY[1, 2, 2, 3], ARRAY[3])", "array(integer)", list(1, 2)),
                value("array_except(ARRAY[1], CAST(NULL AS array(integer)))", "array(integer)", null),
                value("arrays_overlap(ARRAY[1, 2], ARRAY[2, 3])", "boolean", true),
                value("arrays_overlap(ARRAY[1, NULL], ARRAY[3])", "boolean", null),
                value("arrays_overlap(ARRAY[1], ARRAY[3])", "boolean", false),
                value("arrays_overlap(ARRAY[], ARRAY[NULL])", "boolean", false),
                value("contains(ARRAY[1, 2], 2)", "boolean", true),
                value("contains(ARRAY[1, NULL], 2)", "boolean", null),
                value("contains(ARRAY[1, 3], 2)", "boolean", false),
                value("contains(ARRAY['a'], NULL)", "boolean", null),
                value("element_at(ARRAY[1, 2, 3], 2)", "integer", 2),
                value("element_at(ARRAY[1, 2, 3], -1)", "integer", 3),
                value("element_at(ARRAY[1, 2, 3], 5)", "integer", null),
                value("element_at(ARRAY[1, 2, 3], -5)", "integer", null),
                value("element_at(CAST(MAP(ARRAY['a', 'b'], ARRAY[1, 2]) AS map(varchar, integer)), 'b')", "integer", 2),
                value("element_at(MAP(ARRAY['a'], ARRAY[1]), 'z')", "integer", null),
                value("ARRAY[1, 2, 3][3]", "integer", 3),
                value("cardinality(ARRAY[1, NULL])", "bigint", 2L),
                value("cardinality(ARRAY[])", "bigint", 0L),
                value("cardinality(MAP(ARRAY['a'], ARRAY[1]))", "bigint", 1L),
                value("cardinality(CAST(NULL AS array(integer)))", "bigint", null),
                value("concat(ARRAY[1], ARRAY[2, 3])", "array(integer)", list(1, 2, 3)),
                value("ARRAY[1] || ARRAY[2]", "array(integer)", list(1, 2)),
                value("flatten(ARRAY[ARRAY[1], ARRAY[2, 3], ARRAY[]])", "array(integer)", list(1, 2, 3)),
                // trim_array, ngrams, array_histogram (Trino 476: conformance arrays-020, arrays-022)
                value("trim_array(ARRAY[1, 2, 3], 1)", "array(integer)", list(1, 2)),
                value("trim_array(ARRAY[1, 2, 3], 3)", "array(integer)", list()),
                value("trim_array(ARRAY[1, NULL], 0)", "array(integer)", list(1, null)),
                value("trim_array(CAST(NULL AS array(integer)), 1)", "array(integer)", null),
                value("ngrams(ARRAY['a', 'b', 'c', 'd'], 2)", "array(array(varchar(1)))", list(list("a", "b"), list("b", "c"), list("c", "d"))),
                value("ngrams(ARRAY[1, 2, 3], 5)", "array(array(integer))", list(list(1, 2, 3))),
                value("ngrams(ARRAY[1, NULL, 3], 1)", "array(array(integer))", list(list(1), list((Object) null), list(3))),
                value("ngrams(CAST(ARRAY[] AS array(integer)), 2)", "array(array(integer))", list(list())),
                value("array_histogram(ARRAY['a', 'b', 'a', NULL])", "map(varchar(1), bigint)", map("a", 2L, "b", 1L)),
                value("array_histogram(CAST(ARRAY[] AS array(integer)))", "map(integer, bigint)", map()),
                value("array_histogram(CAST(NULL AS array(integer)))", "map(integer, bigint)", null),
                // combinations: index sets in Trino's colexicographic order (Trino 476: conformance arrays-020)
                value("combinations(ARRAY[1, 2, 3], 2)", "array(array(integer))", list(list(1, 2), list(1, 3), list(2, 3))),
                value("combinations(ARRAY[1, 2, 3, 4], 2)", "array(array(integer))", list(list(1, 2), list(1, 3), list(2, 3), list(1, 4), list(2, 4), list(3, 4))),
                value("combinations(ARRAY[1, 2, 3, 4], 3)", "array(array(integer))", list(list(1, 2, 3), list(1, 2, 4), list(1, 3, 4), list(2, 3, 4))),
                value("combinations(ARRAY[1, 2, 3], 1)", "array(array(integer))", list(list(1), list(2), list(3))),
                value("combinations(ARRAY[1, 2], 0)", "array(array(integer))", list(list())),
                value("combinations(ARRAY[1, 2], 3)", "array(array(integer))", list()),
                value("combinations(CAST(NULL AS array(integer)), 2)", "array(array(integer))", null),
                // reverse of an array (Trino 476: conformance arrays-014)
                value("reverse(ARRAY[1, 2, 3])", "array(integer)", list(3, 2, 1)),
                value("reverse(ARRAY['a', 'b'])", "array(varchar(1))", list("b", "a")),
                value("reverse(CAST(NULL AS array(integer)))", "array(integer)", null),
                value("repeat('a', 3)", "array(varchar(1))", list("a", "a", "a")),
                value("repeat(1, 0)", "array(integer)", list()),
                value("sequence(1, 5)", "array(bigint)", list(1L, 2L, 3L, 4L, 5L)),
                value("sequence(5, 1)", "array(bigint)", list(5L, 4L, 3L, 2L, 1L)),
                value("sequence(1, 10, 4)", "array(bigint)", list(1L, 5L, 9L)),
                value("sequence(3, 3)", "array(bigint)", list(3L)),
                value("sequence(DATE '2024-01-30', DATE '2024-02-01')", "array(date)",
                        list(LocalDate.of(2024, 1, 30), LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 1))),
                value("sequence(DATE '2024-01-31', DATE '2024-03-31', INTERVAL '1' MONTH)", "array(date)",
                        list(LocalDate.of(2024, 1, 31), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 31))),
                value("sequence(DATE '2024-01-03', DATE '2024-01-01', INTERVAL '-2' DAY)", "array(date)",
                        list(LocalDate.of(2024, 1, 3), LocalDate.of(2024, 1, 1))),
                value("slice(ARRAY[1, 2, 3, 4], 2, 2)", "array(integer)", list(2, 3)),
                value("slice(ARRAY[1, 2, 3, 4], -2, 5)", "array(integer)", list(3, 4)),
                value("slice(ARRAY[1, 2, 3, 4], 5, 2)", "array(integer)", list()),
                value("slice(ARRAY[1, 2, 3, 4], -5, 2)", "array(integer)", list()),
                value("slice(ARRAY[1, 2], 1, 0)", "array(integer)", list()),
                value("cardinality(shuffle(ARRAY[1, 2, 3]))", "bigint", 3L),
                value("array_sort(shuffle(ARRAY[3, 1, 2]))", "array(integer)", list(1, 2, 3)),
                // maps
                value("map_keys(CAST(MAP(ARRAY['a', 'b'], ARRAY[1, 2]) AS map(varchar, integer)))", "array(varchar)", list("a", "b")),
                value("map_values(MAP(ARRAY['a', 'b'], ARRAY[1, NULL]))", "array(integer)", list(1, null)),
                value("map_entries(MAP(ARRAY['a'], ARRAY[1]))", "array(row(varchar, integer))", list(struct("a", 1))),
                value("map_from_entries(ARRAY[ROW('a', 1), ROW('b', 2)])", "map(varchar, integer)", map("a", 1, "b", 2)),
                value("map_concat(CAST(MAP(ARRAY['a', 'b'], ARRAY[1, 2]) AS map(varchar, integer)), CAST(MAP(ARRAY['b', 'c'], ARRAY[20, 30]) AS map(varchar, integer)))", "map(varchar, integer)", map("a", 1, "b", 20, "c", 30)),
                value("map_concat(CAST(MAP(ARRAY['a'], ARRAY[1]) AS map(varchar, integer)), NULL)", "map(varchar, integer)", null),
                value("map_filter(CAST(MAP(ARRAY['a', 'b', 'c'], ARRAY[1, 2, 3]) AS map(varchar, integer)), (k, v) -> v >= 2)", "map(varchar, integer)", map("b", 2, "c", 3)),
                value("map_filter(CAST(MAP(ARRAY['a'], ARRAY[1]) AS map(varchar, integer)), (k, v) -> k = 'z')", "map(varchar, integer)", map()),
                value("transform_values(CAST(MAP(ARRAY['a', 'b'], ARRAY[1, 2]) AS map(varchar, integer)), (k, v) -> v * 10)", "map(varchar, integer)", map("a", 10, "b", 20)),
                value("transform_keys(CAST(MAP(ARRAY['a', 'b'], ARRAY[1, 2]) AS map(varchar, integer)), (k, v) -> k || k)", "map(varchar, integer)", map("aa", 1, "bb", 2)),
                value("map_zip_with(CAST(MAP(ARRAY['a', 'b'], ARRAY[1, 2]) AS map(varchar, integer)), MAP(ARRAY['b', 'c'], ARRAY[10, 20]), (k, v1, v2) -> coalesce(v1, 0) + coalesce(v2, 0))",
                        "map(varchar, integer)", map("a", 1, "b", 12, "c", 20)),
                value("multimap_from_entries(ARRAY[ROW('a', 1), ROW('b', 2), ROW('a', 3)])", "map(varchar, array(integer))", map("a", list(1, 3), "b", list(2))),
                value("MAP(ARRAY['a'], ARRAY[1])['a']", "integer", 1),
                // UNNEST
                query("SELECT x FROM UNNEST(ARRAY[1, 2, NULL]) AS t(x) ORDER BY x NULLS FIRST", "integer", row((Object) null), row(1), row(2)),
                query("SELECT id, x FROM (VALUES (1, CAST(ARRAY['a', 'b'] AS array(varchar))), (2, CAST(ARRAY[] AS array(varchar))), (3, CAST(NULL AS array(varchar)))) AS t(id, a) "
                        + "CROSS JOIN UNNEST(a) AS u(x) ORDER BY id, x",
                        "integer;varchar", row(1, "a"), row(1, "b")),
                query("SELECT x, n FROM (VALUES ARRAY['c', 'a', 'b']) AS t(a) CROSS JOIN UNNEST(a) WITH ORDINALITY AS u(x, n) ORDER BY n",
                        "varchar(1);bigint", row("c", 1L), row("a", 2L), row("b", 3L)),
                query("SELECT x, y FROM UNNEST(ARRAY[1, 2], ARRAY['a', 'b', 'c']) AS u(x, y) ORDER BY y",
                        "integer;varchar(1)", row(1, "a"), row(2, "b"), row(null, "c")),
                query("SELECT x, y, n FROM UNNEST(ARRAY[1, 2, 3], ARRAY['a']) WITH ORDINALITY AS u(x, y, n) ORDER BY n",
                        "integer;varchar(1);bigint", row(1, "a", 1L), row(2, null, 2L), row(3, null, 3L)),
                query("SELECT k, v FROM (VALUES CAST(MAP(ARRAY['a', 'b'], ARRAY[1, 2]) AS map(varchar, integer))) AS t(m) CROSS JOIN UNNEST(m) AS u(k, v) ORDER BY k",
                        "varchar;integer", row("a", 1), row("b", 2)),
                query("SELECT a, b FROM UNNEST(ARRAY[ROW(1, 'x'), ROW(2, 'y')]) AS u(a, b) ORDER BY a",
                        "integer;varchar(1)", row(1, "x"), row(2, "y")),
                query("SELECT id, x FROM (VALUES (1, ARRAY[10]), (2, ARRAY[]), (3, NULL)) AS t(id, a) LEFT JOIN UNNEST(a) AS u(x) ON true ORDER BY id",
                        "integer;integer", row(1, 10), row(2, null), row(3, null)),
                query("SELECT sum(x) FROM (VALUES ARRAY[1, 2], ARRAY[3]) AS t(a) CROSS JOIN UNNEST(a) AS u(x)", "bigint", row(6L)),
                query("SELECT x FROM (VALUES ARRAY[ARRAY[1], ARRAY[2, 3]]) AS t(a) CROSS JOIN UNNEST(a) AS u(x) ORDER BY cardinality(x)",
                        "array(integer)", row(list(1)), row(list(2, 3))),
                query("SELECT u.x FROM (SELECT ARRAY[1, 2] AS a) t, UNNEST(t.a) AS u(x) WHERE u.x > 1", "integer", row(2)));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void query(Case testCase)
    {
        Result result = run(testCase.sql());
        assertThat(result.columns().stream().map(column -> column.type().toString()).toList()).as("types").isEqualTo(testCase.types());
        assertThat(result.rows()).as("rows").isEqualTo(testCase.rows());
    }

    @Test
    void failures()
    {
        assertFails("SELECT element_at(ARRAY[1], 0)", "SQL array indices start at 1");
        assertFails("SELECT sequence(1, 5, -1)", "sequence stop value should be greater than or equal to start value");
        assertFails("SELECT sequence(1, 5, 0)", "step must not be zero");
        assertFails("SELECT sequence(1, 100000)", "result of sequence function must not have more than 10000 entries");
        assertFails("SELECT slice(ARRAY[1], 0, 1)", "SQL array indices start at 1");
        assertFails("SELECT repeat(1, -1)", "count argument of repeat function must be greater than or equal to 0");
        assertFails("SELECT trim_array(ARRAY[1, 2], 3)", "size must not exceed array cardinality");
        assertFails("SELECT trim_array(ARRAY[1, 2], -1)", "size must not be negative");
        assertFails("SELECT ngrams(ARRAY[1, 2], 0)", "N must be positive");
        assertFails("SELECT combinations(ARRAY[1, 2], 6)", "combination size must not exceed 5");
        assertFails("SELECT combinations(sequence(1, 200), 5)", "combinations exceed max size");
        assertFails("SELECT ARRAY[1, 2, 3][4]", "Array subscript must be less than or equal to array length: 4 > 3");
        assertFails("SELECT ARRAY[1, 2, 3][0]", "SQL array indices start at 1");
        assertFails("SELECT ARRAY[1, 2, 3][-1]", "Array subscript is negative: -1");
        assertFails("SELECT MAP(ARRAY['a'], ARRAY[1])['z']", "Key not present in map: z");
        assertThatThrownBy(() -> run("SELECT array_sort(ARRAY[1, 2], (a, b) -> b - a)"))
                .isInstanceOf(PallasException.class)
                .hasMessageContaining("not supported");
        // Trino 476 (conformance errors-031, errors-045)
        assertThatThrownBy(() -> run("SELECT transform(ARRAY[1], (a, b) -> a)"))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_PARAMETER_USAGE))
                .hasMessage("Expected a lambda that takes 1 argument(s) but got 2");
        assertThatThrownBy(() -> run("SELECT array_join(ARRAY[ARRAY[1]], ',')"))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.OPERATOR_NOT_FOUND))
                .hasMessage("Cannot cast array(integer) to varchar");
    }

    @Test
    void subscriptsInsideTryAreNullWhenOutOfRange()
    {
        assertThat(run("SELECT try(ARRAY[1, 2][3]), try(MAP(ARRAY['a'], ARRAY[1])['z']), ARRAY[1, 2][2], MAP(ARRAY['a'], ARRAY[1])['a']").rows())
                .isEqualTo(List.of(java.util.Arrays.asList(null, null, 2, 1)));
    }

    private static void assertFails(String sql, String message)
    {
        assertThatThrownBy(() -> run(sql)).isInstanceOf(PallasException.class).hasMessageContaining(message);
    }

    record Result(List<Column> columns, List<List<Object>> rows) {}

    private static Result run(String sql)
    {
        TestingEngine.QueryResult result = TestingEngine.run(ENGINE.engine(), sql);
        return new Result(result.columns(), result.rows());
    }
}
