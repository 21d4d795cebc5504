package io.pallas.bench.tpch;

import io.trino.tpch.TpchTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestTpchSupport
{
    @Test
    void generatesEveryTableOnceAndReusesIt(@TempDir Path root)
            throws Exception
    {
        assertThat(TpchData.generate(0.01, root, 2)).isTrue();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            for (TpchTable<?> table : TpchData.tables()) {
                long expected = 0;
                for (Object _ : table.createGenerator(0.01, 1, 1)) {
                    expected++;
                }
                try (ResultSet count = statement.executeQuery("SELECT count(*) FROM read_parquet('" + TpchData.tableDirectory(root, table) + "/*.parquet')")) {
                    count.next();
                    assertThat(count.getLong(1)).as(table.getTableName()).isEqualTo(expected);
                }
            }
            try (ResultSet types = statement.executeQuery("SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('"
                    + TpchData.tableDirectory(root, TpchTable.ORDERS) + "/*.parquet'))")) {
                StringBuilder schema = new StringBuilder();
                while (types.next()) {
                    schema.append(types.getString(1)).append(' ').append(types.getString(2)).append(", ");
                }
                assertThat(schema.toString()).isEqualTo("o_orderkey BIGINT, o_custkey BIGINT, o_orderstatus VARCHAR, o_totalprice DECIMAL(12,2), o_orderdate DATE, "
                        + "o_orderpriority VARCHAR, o_clerk VARCHAR, o_shippriority INTEGER, o_comment VARCHAR, ");
            }
        }
        Path marker = root.resolve("_tpch_complete");
        assertThat(Files.readString(marker).strip()).isEqualTo("0.01");
        assertThat(TpchData.generate(0.01, root, 2)).isFalse();
        assertThat(TpchData.isComplete(root, 0.02)).isFalse();
    }

    @Test
    void ddlDeclaresTpchTypes()
    {
        assertThat(TpchData.createTable("tpch", TpchTable.NATION, "s3://tpch/nation/")).isEqualTo("""
                CREATE EXTERNAL TABLE tpch.nation (n_nationkey bigint, n_name varchar(25), n_regionkey bigint, n_comment varchar(152))
                STORED AS PARQUET
                LOCATION 's3://tpch/nation/'""");
    }

    @Test
    void queriesAreTrinoTextWithoutViews()
    {
        assertThat(TpchQueries.query(1)).startsWith("SELECT").doesNotContain(";").doesNotContain("--");
        assertThat(TpchQueries.query(15)).startsWith("WITH revenue AS (").doesNotContainIgnoringCase("CREATE");
        assertThat(TpchQueries.reference(1)).hasSize(4);
    }

    @Test
    void referenceComparisonCatchesDifferences()
    {
        List<List<String>> reference = List.of(List.of("A", "25.58", "1995-03-11", "305", ""), List.of("B", "0", "1995-03-12", "15.4865458122841", ""));
        List<Boolean> decimal = List.of(false, true, false, true);
        assertThat(TpchQueries.compareWithReference(reference, List.of(List.of("A", "25.5774", "1995-03-11", "305.00"), List.of("B", "0.0000", "1995-03-12", "15.486546")), decimal)).isNull();
        assertThat(TpchQueries.compareWithReference(reference, List.of(List.of("A", "25.59", "1995-03-11", "305.00"), List.of("B", "0.0000", "1995-03-12", "15.486546")), decimal)).contains("row 1 column 2");
        assertThat(TpchQueries.compareWithReference(reference, List.of(List.of("A", "25.58", "1995-03-11", "305.00"), List.of("B", "0", "1995-03-13", "15.486546")), decimal)).contains("row 2 column 3");
        assertThat(TpchQueries.compareWithReference(reference, List.of(List.of("A", "25.58", "1995-03-11", "305.00"), List.of("B", "0", "1995-03-12", "15.48656")), decimal)).contains("row 2 column 4");
        assertThat(TpchQueries.compareWithReference(reference, List.of(List.of("A", "25.58", "1995-03-11", "305.00")), decimal)).contains("1 rows, expected 2");
        assertThat(TpchQueries.compareWithReference(List.of(List.of("null")), List.of(Arrays.asList((String) null)), List.of(true))).isNull();
        assertThat(TpchQueries.compareWithReference(List.of(List.of("null")), List.of(List.of("0")), List.of(true))).contains("row 1 column 1");
    }

    @Test
    void engineComparisonAllowsOnlyRounding()
    {
        assertThat(TpchQueries.compareAnswers(List.of(List.of("x", "1.25", "1995-03-11")), List.of(List.of("x", "1.2500", "1995-03-11")))).isNull();
        // one engine keeps more decimals than the other: equal within the coarser one's rounding
        assertThat(TpchQueries.compareAnswers(List.of(List.of("0.0500")), List.of(List.of("0.05")))).isNull();
        assertThat(TpchQueries.compareAnswers(List.of(List.of("1.2345678901234567E7")), List.of(List.of("12345678.90123457")))).isNull();
        assertThat(TpchQueries.compareAnswers(List.of(List.of("1.26")), List.of(List.of("1.25")))).contains("row 1 column 1");
        assertThat(TpchQueries.compareAnswers(List.of(List.of("10")), List.of(List.of("11")))).contains("row 1 column 1");
        assertThat(TpchQueries.compareAnswers(List.of(List.of("a")), List.of(List.of("b")))).contains("<a> vs <b>");
        assertThat(TpchQueries.compareAnswers(List.of(Arrays.asList((String) null)), List.of(List.of("0")))).contains("row 1 column 1");
        assertThat(TpchQueries.compareAnswers(List.of(List.of("1"), List.of("2")), List.of(List.of("1")))).contains("1 rows, expected 2");
    }
}
