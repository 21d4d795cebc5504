package io.pallas.sql;

import io.trino.sql.parser.ParsingException;
import io.trino.sql.parser.SqlParser;
import io.trino.sql.tree.Statement;

import static java.util.Objects.requireNonNull;

/** Parses Trino-dialect statements, reporting syntax errors with Trino's own {@code line L:C: …} text. */
public final class TrinoSqlParser
{
    private final SqlParser parser = new SqlParser();

    /** Parses one statement; a single trailing semicolon is allowed, as Athena allows it. */
    public Statement parse(String sql)
    {
        requireNonNull(sql, "sql is null");
        try {
            return parser.createStatement(stripTrailingSemicolon(sql));
        }
        catch (ParsingException e) {
            throw new SqlSyntaxException(e.getMessage(), e);
        }
        catch (StackOverflowError e) {
            throw new SqlSyntaxException("Query is too deeply nested", e);
        }
    }

    /** Parses once so ANTLR's caches are warm before the first user query. */
    public void warmUp()
    {
        parse("WITH t AS (SELECT 1 AS a) SELECT a, count(*) FROM t WHERE a > 0 GROUP BY a ORDER BY 1 LIMIT 1");
    }

    static String stripTrailingSemicolon(String sql)
    {
        int end = sql.length();
        while (end > 0 && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        if (end > 0 && sql.charAt(end - 1) == ';') {
            // keep the length so positions in error messages still point into the original text
            return sql.substring(0, end - 1) + " " + sql.substring(end);
        }
        return sql;
    }
}
