package io.pallas.duckdb;

import io.pallas.core.catalog.ColumnSelection;
import io.pallas.sql.TrinoSqlParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which columns a statement may read of the tables it names: the set the server fetches Parquet chunks for, so it
 * must hold every column the query reads (more is harmless).
 */
class TestUsedColumns
{
    private static final TrinoSqlParser PARSER = new TrinoSqlParser();

    @Test
    void namedColumnsAreRead()
    {
        ColumnSelection columns = used("SELECT a, t.b, sum(\"C\") FROM db.t WHERE d > 1 GROUP BY 1, 2 ORDER BY max(e)");
        assertThat(List.of("a", "b", "c", "d", "e")).allMatch(columns::includes);
        assertThat(columns.includes("f")).isFalse();
        assertThat(columns.isAll()).isFalse();
    }

    @Test
    void fieldsOfRowsAndJoinKeysAreRead()
    {
        ColumnSelection columns = used("SELECT x.point.lat, element_at(m, 'k') FROM t x JOIN u USING (key) CROSS JOIN UNNEST(items) AS i(item)");
        assertThat(List.of("point", "lat", "m", "key", "items")).allMatch(columns::includes);
        assertThat(columns.includes("other")).isFalse();
    }

    @Test
    void quotedNamesKeepTheirCharacters()
    {
        ColumnSelection columns = used("SELECT \"my col\", \"say \"\"hi\"\"\" FROM t");
        assertThat(columns.includes("My Col")).isTrue();
        assertThat(columns.includes("say \"hi\"")).isTrue();
        assertThat(columns.includes("my")).isFalse();
        assertThat(columns.includes("hi")).isFalse();
    }

    @Test
    void countingRowsReadsNoColumn()
    {
        ColumnSelection columns = used("SELECT count(*) FROM t");
        assertThat(columns.isAll()).isFalse();
        assertThat(columns.includes("a")).isFalse();
    }

    @Test
    void starsNaturalJoinsAndTableQueriesReadEverything()
    {
        assertThat(used("SELECT * FROM t").isAll()).isTrue();
        assertThat(used("SELECT t.* FROM t JOIN u ON t.a = u.a").isAll()).isTrue();
        assertThat(used("SELECT count(*) FROM (SELECT * FROM t) s").isAll()).isTrue();
        assertThat(used("SELECT a FROM t NATURAL JOIN u").isAll()).isTrue();
        assertThat(used("TABLE t").isAll()).isTrue();
        assertThat(used("SELECT p FROM t AS x(p, q)").isAll()).as("columns renamed by position").isTrue();
        assertThat(used("SELECT p FROM (SELECT a, b FROM t) AS x(p, q)").isAll()).isFalse();
        assertThat(used("SELECT a FROM t UNION TABLE u").isAll()).isTrue();
        assertThat(used("EXPLAIN ANALYZE SELECT * FROM t").isAll()).isTrue();
        assertThat(used("CREATE TABLE c AS SELECT * FROM t").isAll()).isTrue();
    }

    private static ColumnSelection used(String sql)
    {
        return QueryTables.usedColumns(PARSER.parse(sql));
    }
}
