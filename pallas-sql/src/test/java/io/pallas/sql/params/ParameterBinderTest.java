package io.pallas.sql.params;

import io.pallas.sql.TrinoSqlParser;
import io.trino.sql.tree.ComparisonPredicate;
import io.trino.sql.tree.Execute;
import io.trino.sql.tree.Expression;
import io.trino.sql.tree.FunctionCall;
import io.trino.sql.tree.LogicalExpression;
import io.trino.sql.tree.NodeLocation;
import io.trino.sql.tree.Predicated;
import io.trino.sql.tree.Prepare;
import io.trino.sql.tree.Query;
import io.trino.sql.tree.QuerySpecification;
import io.trino.sql.tree.SingleColumn;
import io.trino.sql.tree.Statement;
import io.trino.sql.tree.StringLiteral;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static io.trino.sql.SqlFormatter.formatSql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParameterBinderTest
{
    private final TrinoSqlParser parser = new TrinoSqlParser();
    private final ParameterBinder binder = new ParameterBinder();

    /** Each value class of contract §4.6, bound into {@code SELECT ? AS v}. */
    static Stream<Arguments> valueClasses()
    {
        return Stream.of(
                // parses and references nothing: used as that expression
                row("'abc'", "'abc'"),
                row("10", "10"),
                row("-5", "-5"),
                row("1.5", "1.5"),
                row("1E3", "1E3"),
                row("TRUE", "true"),
                row("1 + 1", "1 + 1"),
                row("DATE '2020-01-01'", "DATE '2020-01-01'"),
                row("TIMESTAMP '2020-01-01 10:00:00'", "TIMESTAMP '2020-01-01 10:00:00'"),
                row("INTERVAL '1' DAY", "INTERVAL '1' DAY"),
                row("X'ab'", "X'ab'"),
                row("NULL", "NULL"),
                row("now()", "now()"),
                row("current_date", "current_date"),
                row("CAST('2014-07-05' AS DATE)", "CAST('2014-07-05' AS DATE)"),
                row("CAST(ROW(1) AS ROW(a integer))", "CAST(ROW(1) AS ROW(a integer))"),
                row("ARRAY[1,2]", "ARRAY[1, 2]"),
                row("ROW(1, 'a')", "ROW(1, 'a')"),
                row("map(ARRAY['k'], ARRAY[1])", "map(ARRAY['k'], ARRAY[1])"),
                row("CASE WHEN 1 > 0 THEN 'y' END", "CASE WHEN 1 > 0 THEN 'y' END"),
                row("'it''s'", "'it''s'"),
                row("' OR ''='", "' OR ''='"),
                // parses but fails analysis later: stays an expression
                row("nosuchfunc(1)", "nosuchfunc(1)"),
                // does not parse: the exact text as a string literal
                row("abc def", "'abc def'"),
                row("it's", "'it''s'"),
                row("0f8fad5b-d9cb-469f-a165-70867728950e", "'0f8fad5b-d9cb-469f-a165-70867728950e'"),
                row("1; DROP TABLE x", "'1; DROP TABLE x'"),
                row("1) OR (1=1", "'1) OR (1=1'"),
                row("SELECT 1", "'SELECT 1'"),
                row("99999999999999999999", "'99999999999999999999'"),
                row(" ", "' '"),
                // references a column, table or lambda argument: the exact text as a string literal
                row("abc", "'abc'"),
                row("\"abc\"", "'\"abc\"'"),
                row("x + 1", "'x + 1'"),
                row("t.x", "'t.x'"),
                row("upper(name)", "'upper(name)'"),
                row("transform(ARRAY[1], e -> e + 1)", "'transform(ARRAY[1], e -> e + 1)'"),
                row("(SELECT 1)", "'(SELECT 1)'"),
                row("(SELECT count(*) FROM secrets)", "'(SELECT count(*) FROM secrets)'"),
                row("EXISTS (SELECT 1)", "'EXISTS (SELECT 1)'"),
                row("?", "'?'"));
    }

    @ParameterizedTest
    @MethodSource("valueClasses")
    void testValueClass(String value, String expectedExpression)
    {
        assertBound("SELECT ? AS v", List.of(value), "SELECT " + expectedExpression + " AS v");
    }

    /** Placeholders in the positions Athena allows, compared structurally with the expected statement. */
    static Stream<Arguments> positions()
    {
        return Stream.of(
                statement("SELECT * FROM t WHERE a = ?", List.of("10"), "SELECT * FROM t WHERE a = 10"),
                statement("SELECT * FROM t WHERE a = ? AND b = ?", List.of("'x'", "DATE '2020-01-01'"), "SELECT * FROM t WHERE a = 'x' AND b = DATE '2020-01-01'"),
                statement("SELECT ?, ? + 1, upper(?) FROM t", List.of("1", "2", "'a'"), "SELECT 1, 2 + 1, upper('a') FROM t"),
                statement("SELECT ? * 2", List.of("1 + 1"), "SELECT (1 + 1) * 2"),
                statement("SELECT * FROM t LIMIT ?", List.of("10"), "SELECT * FROM t LIMIT 10"),
                statement("SELECT * FROM t ORDER BY a OFFSET ? ROWS LIMIT ?", List.of("5", "10"), "SELECT * FROM t ORDER BY a OFFSET 5 ROWS LIMIT 10"),
                statement("SELECT * FROM t FETCH FIRST ? ROWS ONLY", List.of("3"), "SELECT * FROM t FETCH FIRST 3 ROWS ONLY"),
                statement("SELECT * FROM t WHERE a IN (?, ?, ?)", List.of("1", "'two'", "abc"), "SELECT * FROM t WHERE a IN (1, 'two', 'abc')"),
                statement("SELECT * FROM t WHERE a BETWEEN ? AND ?", List.of("1", "9"), "SELECT * FROM t WHERE a BETWEEN 1 AND 9"),
                statement("SELECT * FROM t WHERE a LIKE ?", List.of("'x%'"), "SELECT * FROM t WHERE a LIKE 'x%'"),
                statement(
                        "SELECT * FROM t WHERE a IN (SELECT b FROM s WHERE c = ?)",
                        List.of("'x'"),
                        "SELECT * FROM t WHERE a IN (SELECT b FROM s WHERE c = 'x')"),
                statement(
                        "SELECT (SELECT max(b) FROM s WHERE b < ?) AS m, ? FROM t",
                        List.of("1", "2"),
                        "SELECT (SELECT max(b) FROM s WHERE b < 1) AS m, 2 FROM t"),
                statement(
                        "SELECT * FROM t WHERE EXISTS (SELECT 1 FROM s WHERE s.a = t.a AND s.b = ?)",
                        List.of("3"),
                        "SELECT * FROM t WHERE EXISTS (SELECT 1 FROM s WHERE s.a = t.a AND s.b = 3)"),
                statement(
                        "SELECT * FROM t WHERE a = ANY (SELECT b FROM s WHERE c > ?)",
                        List.of("3"),
                        "SELECT * FROM t WHERE a = ANY (SELECT b FROM s WHERE c > 3)"),
                statement(
                        "SELECT * FROM (SELECT * FROM (SELECT a FROM t WHERE a > ?) x WHERE a < ?) y",
                        List.of("1", "9"),
                        "SELECT * FROM (SELECT * FROM (SELECT a FROM t WHERE a > 1) x WHERE a < 9) y"),
                statement(
                        "WITH w AS (SELECT a FROM t WHERE a = ?) SELECT * FROM w WHERE a <> ?",
                        List.of("1", "2"),
                        "WITH w AS (SELECT a FROM t WHERE a = 1) SELECT * FROM w WHERE a <> 2"),
                statement(
                        "SELECT * FROM t JOIN s ON t.a = s.a AND s.b = ? LEFT JOIN u USING (a)",
                        List.of("'k'"),
                        "SELECT * FROM t JOIN s ON t.a = s.a AND s.b = 'k' LEFT JOIN u USING (a)"),
                statement(
                        "SELECT a FROM t WHERE a = ? UNION ALL SELECT a FROM s WHERE a = ? EXCEPT SELECT ? INTERSECT SELECT ?",
                        List.of("1", "2", "3", "4"),
                        "SELECT a FROM t WHERE a = 1 UNION ALL SELECT a FROM s WHERE a = 2 EXCEPT SELECT 3 INTERSECT SELECT 4"),
                statement(
                        "SELECT a, count(*) FROM t GROUP BY a, ? HAVING count(*) > ? ORDER BY ?",
                        List.of("1", "2", "1"),
                        "SELECT a, count(*) FROM t GROUP BY a, 1 HAVING count(*) > 2 ORDER BY 1"),
                statement(
                        "SELECT a FROM t GROUP BY ROLLUP (a, ?)",
                        List.of("'r'"),
                        "SELECT a FROM t GROUP BY ROLLUP (a, 'r')"),
                statement(
                        "SELECT a FROM t GROUP BY CUBE (a, ?), GROUPING SETS ((a), (?, ?))",
                        List.of("1", "2", "3"),
                        "SELECT a FROM t GROUP BY CUBE (a, 1), GROUPING SETS ((a), (2, 3))"),
                statement(
                        "SELECT count(*) FILTER (WHERE a > ?), transform(b, e -> e + ?), CASE WHEN a = ? THEN ? ELSE ? END FROM t",
                        List.of("1", "2", "3", "'y'", "NULL"),
                        "SELECT count(*) FILTER (WHERE a > 1), transform(b, e -> e + 2), CASE WHEN a = 3 THEN 'y' ELSE NULL END FROM t"),
                statement(
                        "SELECT sum(a) OVER (PARTITION BY ? ORDER BY b ROWS BETWEEN ? PRECEDING AND CURRENT ROW) FROM t",
                        List.of("'p'", "2"),
                        "SELECT sum(a) OVER (PARTITION BY 'p' ORDER BY b ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM t"),
                statement(
                        "SELECT sum(a) OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY ?)",
                        List.of("1"),
                        "SELECT sum(a) OVER w FROM t WINDOW w AS (PARTITION BY b ORDER BY 1)"),
                statement("SELECT * FROM UNNEST(ARRAY[?, ?]) AS u (x)", List.of("1", "2"), "SELECT * FROM UNNEST(ARRAY[1, 2]) AS u (x)"),
                statement("SELECT * FROM t TABLESAMPLE BERNOULLI (?)", List.of("10"), "SELECT * FROM t TABLESAMPLE BERNOULLI (10)"),
                statement("VALUES (?, ?), (3, ?)", List.of("1", "2", "4"), "VALUES (1, 2), (3, 4)"),
                statement("SELECT CAST(? AS DATE)", List.of("'2014-07-05'"), "SELECT CAST('2014-07-05' AS DATE)"),
                // INSERT INTO and CTAS
                statement("INSERT INTO t SELECT ?", List.of("1"), "INSERT INTO t SELECT 1"),
                statement("INSERT INTO t (a, b) VALUES (?, ?)", List.of("1", "it's"), "INSERT INTO t (a, b) VALUES (1, 'it''s')"),
                statement("INSERT INTO t SELECT a FROM s WHERE b = ?", List.of("'x'"), "INSERT INTO t SELECT a FROM s WHERE b = 'x'"),
                statement("CREATE TABLE c AS SELECT ? AS a, b FROM t WHERE b > ?", List.of("'x'", "0"), "CREATE TABLE c AS SELECT 'x' AS a, b FROM t WHERE b > 0"),
                statement(
                        "CREATE TABLE c WITH (format = ?) AS SELECT ? AS a",
                        List.of("'PARQUET'", "1"),
                        "CREATE TABLE c WITH (format = 'PARQUET') AS SELECT 1 AS a"),
                statement("EXPLAIN SELECT * FROM t WHERE a = ?", List.of("1"), "EXPLAIN SELECT * FROM t WHERE a = 1"),
                statement("EXECUTE s USING ?, 2", List.of("'a'"), "EXECUTE s USING 'a', 2"),
                // a question mark in a string literal, quoted identifier or comment is not a placeholder
                statement("SELECT '?', \"?\" FROM t WHERE a = ?", List.of("1"), "SELECT '?', \"?\" FROM t WHERE a = 1"),
                statement("SELECT ? -- why?\n, 'a?b' /* and ? here */", List.of("1"), "SELECT 1, 'a?b'"),
                // injection attempts end up as one expression or one string literal in the placeholder's position
                statement("SELECT * FROM t WHERE a = ?", List.of("1; DROP TABLE x"), "SELECT * FROM t WHERE a = '1; DROP TABLE x'"),
                statement("SELECT * FROM t WHERE a = (?)", List.of("1) OR (1=1"), "SELECT * FROM t WHERE a = '1) OR (1=1'"),
                statement("SELECT * FROM t WHERE a = '?' OR a = ?", List.of("' OR ''='"), "SELECT * FROM t WHERE a = '?' OR a = ' OR ''='"),
                statement("SELECT * FROM t WHERE a = ? AND b = 2", List.of("1 OR 1 = 1"), "SELECT * FROM t WHERE a = (1 OR 1 = 1) AND b = 2"),
                statement("SELECT * FROM t WHERE a = ? AND b = 2", List.of("a OR 1 = 1"), "SELECT * FROM t WHERE a = 'a OR 1 = 1' AND b = 2"),
                statement("SELECT * FROM t WHERE a = ?", List.of("1 UNION SELECT secret FROM s"), "SELECT * FROM t WHERE a = '1 UNION SELECT secret FROM s'"),
                statement("SELECT * FROM t WHERE a IN (?)", List.of("1) UNION (SELECT 2"), "SELECT * FROM t WHERE a IN ('1) UNION (SELECT 2')"));
    }

    @ParameterizedTest
    @MethodSource("positions")
    void testPosition(String sql, List<String> values, String expected)
    {
        assertBound(sql, values, expected);
    }

    @Test
    void testStatementWithoutParametersIsReturnedUnchanged()
    {
        for (String sql : List.of("SELECT 1", "SELECT '?' AS q", "SELECT 1 -- ?", "SELECT /* ? */ 1", "SELECT \"?\" FROM t")) {
            Statement statement = parser.parse(sql);
            assertThat(ParameterBinder.parameters(statement)).isEmpty();
            assertThat(binder.bind(statement, List.of("1", "2"))).isSameAs(statement);
            assertThat(binder.bind(statement, List.of())).isSameAs(statement);
        }
    }

    @Test
    void testWrongNumberOfValues()
    {
        Statement statement = parser.parse("SELECT ? AS a, ? AS b");
        assertThatThrownBy(() -> binder.bind(statement, List.of("1")))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("Incorrect number of parameters: expected 2 but found 1");
        assertThatThrownBy(() -> binder.bind(statement, List.of("1", "2", "3")))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("Incorrect number of parameters: expected 2 but found 3");
        assertThatThrownBy(() -> binder.bind(statement, List.of()))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("Incorrect number of parameters: expected 2 but found 0");
    }

    @Test
    void testErrorCode()
    {
        InvalidParameterUsageException exception = new InvalidParameterUsageException("message");
        assertThat(exception.errorName()).isEqualTo("INVALID_PARAMETER_USAGE");
        assertThat(exception.errorCategory()).isEqualTo(2);
        assertThat(exception.errorType()).isEqualTo(1100);
        assertThat(exception.retryable()).isFalse();
    }

    @Test
    void testInjectionKeepsStructure()
    {
        Statement bound = binder.bind(parser.parse("SELECT a FROM t WHERE b = ?"), List.of("1; DROP TABLE x"));
        assertThat(bound).isInstanceOf(Query.class);
        QuerySpecification specification = (QuerySpecification) ((Query) bound).getQueryBody();
        Predicated where = (Predicated) specification.getWhere().orElseThrow();
        assertThat(((ComparisonPredicate) where.getPredicate()).getRight()).isEqualTo(new StringLiteral("1; DROP TABLE x"));
        assertThat(formatSql(bound)).doesNotContain("DROP TABLE x\n");
    }

    @Test
    void testLocationsAreKept()
    {
        Statement statement = parser.parse("SELECT a\nFROM t\nWHERE b = ? AND c = ?");
        Query bound = (Query) binder.bind(statement, List.of("abc def", "1"));
        QuerySpecification specification = (QuerySpecification) bound.getQueryBody();
        assertThat(bound.getLocation()).isEqualTo(statement.getLocation());
        QuerySpecification original = (QuerySpecification) ((Query) statement).getQueryBody();
        assertThat(specification.getLocation()).isEqualTo(original.getLocation());
        assertThat(specification.getWhere().orElseThrow().getLocation()).contains(new NodeLocation(3, 7));
        assertThat(specification.getFrom().orElseThrow().getLocation()).contains(new NodeLocation(2, 6));
        Predicated comparison = (Predicated) ((LogicalExpression) specification.getWhere().orElseThrow()).getTerms().getFirst();
        Expression literal = ((ComparisonPredicate) comparison.getPredicate()).getRight();
        assertThat(literal).isEqualTo(new StringLiteral("abc def"));
        // the string literal stands where the ? stood
        assertThat(literal.getLocation()).contains(new NodeLocation(3, 11));
        // a subtree without parameters is the original node
        assertThat(specification.getFrom().orElseThrow()).isSameAs(((QuerySpecification) ((Query) statement).getQueryBody()).getFrom().orElseThrow());
    }

    @Test
    void testFailingFunctionStaysAnExpression()
    {
        Query bound = (Query) binder.bind(parser.parse("SELECT ?"), List.of("nosuchfunc(1)"));
        SingleColumn column = (SingleColumn) ((QuerySpecification) bound.getQueryBody()).getSelect().getSelectItems().getFirst();
        assertThat(column.getExpression()).isInstanceOf(FunctionCall.class);
    }

    @Test
    void testDeeplyNestedValueIsAStringLiteral()
            throws Exception
    {
        // values are at most 1024 characters; a small stack stands in for a value nested deeply enough to overflow
        String nested = "(".repeat(500) + "1" + ")".repeat(500);
        Statement statement = parser.parse("SELECT ?");
        AtomicReference<Object> result = new AtomicReference<>();
        Thread thread = new Thread(null, () -> result.set(binder.bind(statement, List.of(nested))), "small-stack", 32 * 1024);
        thread.start();
        thread.join();
        assertThat(result.get()).isInstanceOf(Query.class);
        SingleColumn column = (SingleColumn) ((QuerySpecification) ((Query) result.get()).getQueryBody()).getSelect().getSelectItems().getFirst();
        assertThat(column.getExpression()).isEqualTo(new StringLiteral(nested));

        // with an ordinary stack the same value is the expression 1
        assertSameStatement(binder.bind(statement, List.of(nested)), "SELECT 1");
    }

    @Test
    void testRowCountMustBeAnIntegerLiteral()
    {
        assertThatThrownBy(() -> binder.bind(parser.parse("SELECT * FROM t LIMIT ?"), List.of("1; DELETE FROM t")))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("line 1:17: Parameter value for LIMIT must be an integer literal");
        assertThatThrownBy(() -> binder.bind(parser.parse("SELECT * FROM t OFFSET ?"), List.of("1 + 1")))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("line 1:17: Parameter value for OFFSET must be an integer literal");
        assertThatThrownBy(() -> binder.bind(parser.parse("SELECT * FROM t FETCH FIRST ? ROWS ONLY"), List.of("'x'")))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("line 1:17: Parameter value for FETCH FIRST must be an integer literal");
    }

    @Test
    void testExecuteUsing()
    {
        Prepare prepare = (Prepare) parser.parse("PREPARE s FROM SELECT * FROM t WHERE a = ? AND b = ?");
        Execute execute = (Execute) parser.parse("EXECUTE s USING 1, 'x'");
        Statement bound = binder.bindExpressions(prepare.getStatement(), execute.getParameters());
        assertSameStatement(bound, "SELECT * FROM t WHERE a = 1 AND b = 'x'");

        // USING expressions are used as they are, without classification
        Execute withColumn = (Execute) parser.parse("EXECUTE s USING abc, 2");
        assertSameStatement(binder.bindExpressions(prepare.getStatement(), withColumn.getParameters()), "SELECT * FROM t WHERE a = abc AND b = 2");

        // ExecutionParameters for EXECUTE without USING bind the prepared statement itself
        assertSameStatement(binder.bind(prepare.getStatement(), List.of("1", "x y")), "SELECT * FROM t WHERE a = 1 AND b = 'x y'");

        Prepare insert = (Prepare) parser.parse("PREPARE i FROM INSERT INTO t SELECT ?, ?");
        assertSameStatement(
                binder.bindExpressions(insert.getStatement(), ((Execute) parser.parse("EXECUTE i USING DATE '2020-01-01', NULL")).getParameters()),
                "INSERT INTO t SELECT DATE '2020-01-01', NULL");
    }

    @Test
    void testExecuteUsingWrongNumber()
    {
        Statement prepared = ((Prepare) parser.parse("PREPARE s FROM SELECT ?, ?")).getStatement();
        assertThatThrownBy(() -> binder.bindExpressions(prepared, ((Execute) parser.parse("EXECUTE s USING 1")).getParameters()))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("Incorrect number of parameters: expected 2 but found 1");
        assertThatThrownBy(() -> binder.bindExpressions(prepared, ((Execute) parser.parse("EXECUTE s USING 1, 2, 3")).getParameters()))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("Incorrect number of parameters: expected 2 but found 3");
        assertThatThrownBy(() -> binder.bindExpressions(prepared, List.of()))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("Incorrect number of parameters: expected 2 but found 0");

        // unlike ExecutionParameters, USING values for a statement without ? are refused, as in Trino
        Statement withoutParameters = ((Prepare) parser.parse("PREPARE s FROM SELECT 1")).getStatement();
        assertThatThrownBy(() -> binder.bindExpressions(withoutParameters, ((Execute) parser.parse("EXECUTE s USING 1")).getParameters()))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("Incorrect number of parameters: expected 0 but found 1");
        assertThat(binder.bindExpressions(withoutParameters, List.of())).isSameAs(withoutParameters);
    }

    @Test
    void testUnsupportedPosition()
    {
        assertThatThrownBy(() -> binder.bind(parser.parse("UPDATE t SET a = ? WHERE b = 1"), List.of("1")))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("line 1:18: Parameters are not supported in this position");
        assertThatThrownBy(() -> binder.bind(parser.parse("SELECT * FROM t FOR TIMESTAMP AS OF ?"), List.of("TIMESTAMP '2020-01-01 00:00:00'")))
                .isInstanceOf(InvalidParameterUsageException.class)
                .hasMessage("line 1:37: Parameters are not supported in this position");
    }

    @Test
    void testParametersInOrderOfPosition()
    {
        Statement statement = parser.parse("SELECT ?, (SELECT ? FROM t WHERE a = ?) FROM s WHERE b = ? LIMIT ?");
        assertThat(ParameterBinder.parameters(statement))
                .extracting(parameter -> parameter.getId())
                .containsExactly(0, 1, 2, 3, 4);
        assertBound(
                "SELECT ?, (SELECT ? FROM t WHERE a = ?) FROM s WHERE b = ? LIMIT ?",
                List.of("'p0'", "'p1'", "'p2'", "'p3'", "4"),
                "SELECT 'p0', (SELECT 'p1' FROM t WHERE a = 'p2') FROM s WHERE b = 'p3' LIMIT 4");
    }

    @Test
    void testWithClauseParametersBindInTextOrder()
    {
        // trino-parser numbers the main query's ? before those of the WITH clause; values follow the text
        Statement statement = parser.parse("WITH w AS (SELECT a FROM t WHERE a = ?) SELECT * FROM w WHERE a <> ?");
        assertThat(ParameterBinder.parameters(statement))
                .extracting(parameter -> parameter.getLocation().orElseThrow().getColumnNumber())
                .containsExactly(38, 68);
    }

    private void assertBound(String sql, List<String> values, String expected)
    {
        Statement bound = binder.bind(parser.parse(sql), values);
        assertSameStatement(bound, expected);
    }

    private void assertSameStatement(Statement bound, String expected)
    {
        Statement expectedStatement = parser.parse(expected);
        assertThat(ParameterBinder.parameters(bound)).isEmpty();
        assertThat(formatSql(bound)).isEqualTo(formatSql(expectedStatement));
        assertThat(bound).isEqualTo(expectedStatement);
    }

    private static Arguments row(String value, String expectedExpression)
    {
        return Arguments.of(value, expectedExpression);
    }

    private static Arguments statement(String sql, List<String> values, String expected)
    {
        return Arguments.of(sql, values, expected);
    }
}
