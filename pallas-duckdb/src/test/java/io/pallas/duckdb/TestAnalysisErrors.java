package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Semantic errors found before DuckDB sees a query, with Trino's error names, wording and positions. */
class TestAnalysisErrors
{
    @RegisterExtension
    static final EngineExtension ENGINE = new EngineExtension();

    static Stream<ErrorCase> errors()
    {
        return Stream.of(
                // columns
                new ErrorCase("SELECT x FROM (SELECT 1 AS y)", ErrorCode.COLUMN_NOT_FOUND, "line 1:8: Column 'x' cannot be resolved"),
                new ErrorCase("SELECT X FROM (SELECT 1 AS y)", ErrorCode.COLUMN_NOT_FOUND, "line 1:8: Column 'x' cannot be resolved"),
                new ErrorCase("SELECT t.x FROM (SELECT 1 AS y) AS t", ErrorCode.COLUMN_NOT_FOUND, "line 1:8: Column 't.x' cannot be resolved"),
                new ErrorCase("SELECT u.y FROM (SELECT 1 AS y) AS t", ErrorCode.COLUMN_NOT_FOUND, "line 1:8: Column 'u.y' cannot be resolved"),
                new ErrorCase("SELECT y FROM (SELECT 1 AS y) WHERE z > 1", ErrorCode.COLUMN_NOT_FOUND, "line 1:37: Column 'z' cannot be resolved"),
                new ErrorCase("SELECT 1 + abs(q)", ErrorCode.COLUMN_NOT_FOUND, "line 1:16: Column 'q' cannot be resolved"),
                new ErrorCase("SELECT _col0 FROM (VALUES 1)", ErrorCode.COLUMN_NOT_FOUND, "line 1:8: Column '_col0' cannot be resolved"),
                new ErrorCase("SELECT x AS y FROM (VALUES 1) AS t(x) GROUP BY y", ErrorCode.COLUMN_NOT_FOUND, "line 1:48: Column 'y' cannot be resolved"),
                new ErrorCase("SELECT (SELECT w) FROM (VALUES 1) AS t(x)", ErrorCode.COLUMN_NOT_FOUND, "line 1:16: Column 'w' cannot be resolved"),
                new ErrorCase("SELECT 1 FROM (VALUES 1) AS a(k) JOIN (VALUES 2) AS b(j) USING (k)", ErrorCode.COLUMN_NOT_FOUND,
                        "line 1:65: Column 'k' is missing from right side of join"),
                new ErrorCase("SELECT x FROM (VALUES 1) AS t(x) ORDER BY nope", ErrorCode.COLUMN_NOT_FOUND, "line 1:43: Column 'nope' cannot be resolved"),
                // positions on a later line and after leading comments
                new ErrorCase("SELECT 1 AS a\nFROM (VALUES 1) AS t(x)\nWHERE missing = 1", ErrorCode.COLUMN_NOT_FOUND, "line 3:7: Column 'missing' cannot be resolved"),
                new ErrorCase("-- a comment\nSELECT x FROM (SELECT 1 AS y)", ErrorCode.COLUMN_NOT_FOUND, "line 2:8: Column 'x' cannot be resolved"),
                new ErrorCase("/* lead */ SELECT x FROM (SELECT 1 AS y)", ErrorCode.COLUMN_NOT_FOUND, "line 1:19: Column 'x' cannot be resolved"),
                // ambiguity
                new ErrorCase("SELECT a FROM (VALUES 1) AS l(a) CROSS JOIN (VALUES 2) AS r(a)", ErrorCode.AMBIGUOUS_NAME, "line 1:8: Column 'a' is ambiguous"),
                new ErrorCase("SELECT 1 FROM (VALUES 1) AS l(a), (VALUES 2) AS r(a)\nWHERE a > 0", ErrorCode.AMBIGUOUS_NAME, "line 2:7: Column 'a' is ambiguous"),
                // tables
                new ErrorCase("SELECT * FROM t", ErrorCode.TABLE_NOT_FOUND, "line 1:15: Table 'awsdatacatalog.default.t' does not exist"),
                new ErrorCase("SELECT * FROM Sales.Orders", ErrorCode.TABLE_NOT_FOUND, "line 1:15: Table 'awsdatacatalog.sales.orders' does not exist"),
                new ErrorCase("SELECT * FROM c.s.t", ErrorCode.CATALOG_NOT_FOUND, "line 1:15: Catalog 'c' does not exist"),
                new ErrorCase("WITH a AS (SELECT 1 AS x)\nSELECT * FROM a JOIN b ON true", ErrorCode.TABLE_NOT_FOUND, "line 2:22: Table 'awsdatacatalog.default.b' does not exist"),
                // functions
                new ErrorCase("SELECT foo(1)", ErrorCode.FUNCTION_NOT_FOUND, "line 1:8: Function 'foo' not registered"),
                new ErrorCase("SELECT 1,\n  Nope_Fn('a')", ErrorCode.FUNCTION_NOT_FOUND, "line 2:3: Function 'nope_fn' not registered"),
                // types
                new ErrorCase("SELECT 1 + 'a'", ErrorCode.TYPE_MISMATCH, "line 1:10: Cannot apply operator: integer + varchar(1)"),
                new ErrorCase("SELECT 1 UNION ALL SELECT 'a'", ErrorCode.TYPE_MISMATCH, "line 1:10: column 1 in UNION query has incompatible types: integer, varchar(1)"),
                new ErrorCase("SELECT 'a', 1 EXCEPT SELECT 'b', true", ErrorCode.TYPE_MISMATCH, "line 1:15: column 2 in EXCEPT query has incompatible types: integer, boolean"),
                new ErrorCase("SELECT CAST(1 AS char(3))", ErrorCode.TYPE_MISMATCH, "line 1:8: Cannot cast integer to char(3)"),
                new ErrorCase("SELECT bitwise_and(5.5, 1)", ErrorCode.FUNCTION_NOT_FOUND,
                        "Unexpected parameters (decimal(2,1), integer) for function bitwise_and. Expected: bitwise_and(bigint, bigint)"),
                new ErrorCase("SELECT concat('x', 1)", ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters (varchar(1), integer) for function concat"),
                new ErrorCase("SELECT 'x' || x FROM (VALUES 1.5) AS t(x)", ErrorCode.FUNCTION_NOT_FOUND, "Unexpected parameters (varchar(1), decimal(2,1)) for function concat"),
                new ErrorCase("SELECT x * true FROM (VALUES 1.5) AS t(x)", ErrorCode.TYPE_MISMATCH, "line 1:10: Cannot apply operator: decimal(2,1) * boolean"),
                new ErrorCase("SELECT 1 = 'a'", ErrorCode.TYPE_MISMATCH, "line 1:10: Cannot apply operator: integer = varchar(1)"),
                // Trino 476 (conformance errors-008, errors-039, errors-040): no common type, no implicit boolean
                new ErrorCase("SELECT CASE WHEN true THEN 1 ELSE 'a' END", ErrorCode.TYPE_MISMATCH,
                        "line 1:35: All CASE results must be the same type or coercible to a common type. Cannot find common type between integer and varchar(1)"),
                new ErrorCase("SELECT IF(1, 2, 3)", ErrorCode.TYPE_MISMATCH, "line 1:11: IF condition must evaluate to a boolean (actual: integer)"),
                new ErrorCase("SELECT coalesce(1, 'a')", ErrorCode.TYPE_MISMATCH,
                        "line 1:20: All COALESCE operands must be the same type or coercible to a common type. Cannot find common type between integer and varchar(1)"),
                new ErrorCase("SELECT 'a' <> 2", ErrorCode.TYPE_MISMATCH, "line 1:12: Cannot apply operator: varchar(1) = integer"),
                new ErrorCase("SELECT - 'a'", ErrorCode.TYPE_MISMATCH, "line 1:8: Cannot negate varchar(1)"),
                new ErrorCase("SELECT 1 WHERE 1", ErrorCode.TYPE_MISMATCH, "line 1:16: WHERE clause must evaluate to a boolean: actual type integer"),
                new ErrorCase("SELECT x FROM (VALUES 'a') AS t(x)\nWHERE x", ErrorCode.TYPE_MISMATCH, "line 2:7: WHERE clause must evaluate to a boolean: actual type varchar(1)"),
                new ErrorCase("SELECT count(*) FROM (VALUES 1) AS t(x) HAVING count(*)", ErrorCode.TYPE_MISMATCH,
                        "line 1:48: HAVING clause must evaluate to a boolean: actual type bigint"),
                new ErrorCase("SELECT 1 FROM (VALUES 1) AS a(x) JOIN (VALUES 1) AS b(y) ON 1", ErrorCode.TYPE_MISMATCH,
                        "line 1:61: JOIN ON clause must evaluate to a boolean: actual type integer"),
                // grouping
                new ErrorCase("SELECT a FROM (VALUES (1, 2)) AS t(a, b) GROUP BY b", ErrorCode.EXPRESSION_NOT_AGGREGATE,
                        "line 1:8: 'a' must be an aggregate expression or appear in GROUP BY clause"),
                new ErrorCase("SELECT b, a + 1 FROM (VALUES (1, 2)) AS t(a, b) GROUP BY 1", ErrorCode.EXPRESSION_NOT_AGGREGATE,
                        "line 1:11: 'a' must be an aggregate expression or appear in GROUP BY clause"),
                new ErrorCase("SELECT t.a, count(*) FROM (VALUES (1, 2)) AS t(a, b)", ErrorCode.EXPRESSION_NOT_AGGREGATE,
                        "line 1:8: 't.a' must be an aggregate expression or appear in GROUP BY clause"),
                new ErrorCase("SELECT b FROM (VALUES (1, 2)) AS t(a, b) GROUP BY b HAVING a > 1", ErrorCode.EXPRESSION_NOT_AGGREGATE,
                        "line 1:60: 'a' must be an aggregate expression or appear in GROUP BY clause"),
                // the first error in Trino's order of analysis: FROM, WHERE, then the select list
                new ErrorCase("SELECT foo(x) FROM (VALUES 1) AS t(y) WHERE z", ErrorCode.COLUMN_NOT_FOUND, "line 1:45: Column 'z' cannot be resolved"),
                new ErrorCase("SELECT foo(x) FROM (VALUES 1) AS t(y)", ErrorCode.COLUMN_NOT_FOUND, "line 1:12: Column 'x' cannot be resolved"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void failsAtAnalysis(ErrorCase testCase)
    {
        assertThat(testCase.failureMessage(ENGINE.engine())).isEqualTo(testCase.message());
    }

    /** Queries Trino accepts: analysis must not reject them. */
    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT \"X\" FROM (SELECT 1 AS x)",
            "SELECT t.x, x FROM (SELECT 1 AS x) AS t",
            "SELECT k FROM (VALUES 1) AS l(k) JOIN (VALUES 1) AS r(k) USING (k)",
            "SELECT l.k, r.k FROM (VALUES 1) AS l(k) JOIN (VALUES 1) AS r(k) ON l.k = r.k",
            "SELECT x FROM (VALUES 1) AS t(x) WHERE EXISTS (SELECT 1 FROM (VALUES 2) AS u(y) WHERE y > x)",
            "SELECT x AS renamed FROM (VALUES 1) AS t(x) ORDER BY renamed",
            "SELECT t.a, count(*) FROM (VALUES (1, 2)) AS t(a, b) GROUP BY a",
            "SELECT a + 1, count(*) FROM (VALUES (1, 2)) AS t(a, b) GROUP BY a + 1",
            "SELECT a + 1 FROM (VALUES (1, 2)) AS t(a, b) GROUP BY t.a + 1",
            "SELECT a, sum(b) FROM (VALUES (1, 2)) AS t(a, b) GROUP BY 1 HAVING sum(b) > 0",
            "SELECT x FROM (VALUES 1) AS t(x) WHERE NULL",
            "SELECT CAST(NULL AS integer) + 1, NULL + 1, 1.5 + 1, DATE '2024-01-01' = DATE '2024-01-02'",
            "SELECT CAST(ROW(1) AS ROW(a integer)).a",
            "SELECT r.a FROM (SELECT CAST(ROW(1) AS ROW(a integer)) AS r)",
            "WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT * FROM b",
            "SELECT x FROM (SELECT 1 AS x UNION ALL SELECT 2) ORDER BY x",
            "SELECT CASE WHEN x > 1 THEN 1 ELSE 2.5E0 END, coalesce(x, NULL, 2), IF(x > 1, 'a', NULL), CASE x WHEN 1 THEN true END FROM (VALUES 1) AS t(x)"})
    void acceptsValidQueries(String sql)
    {
        assertThat(QueryRunner.run(ENGINE.engine(), sql).rows()).isNotNull();
    }
}
