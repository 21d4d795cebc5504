package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.ColumnSelection;
import io.pallas.core.catalog.DataFile;
import io.pallas.core.catalog.PartitionFilter;
import io.pallas.core.catalog.SerDeInfo;
import io.pallas.core.catalog.StorageDescriptor;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;
import io.pallas.core.catalog.TableResolver;
import io.pallas.core.catalog.TableType;
import io.pallas.core.engine.ExecutionControl;
import io.pallas.core.engine.ExecutionStats;
import io.pallas.core.engine.ResultSink;
import io.pallas.core.type.Column;
import io.pallas.sql.TrinoSqlParser;
import io.pallas.sql.engine.ParsedQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading tables: each storage format, partitions, views, names and the errors around them. */
class TestTableScans
{
    private static final TrinoSqlParser PARSER = new TrinoSqlParser();
    private static final String PARQUET = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    private static final String LAZY_SIMPLE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    private static final String OPEN_CSV = "org.apache.hadoop.hive.serde2.OpenCSVSerde";
    private static final String OPENX_JSON = "org.openx.data.jsonserde.JsonSerDe";
    private static final String HIVE_JSON = "org.apache.hive.hcatalog.data.JsonSerDe";

    @TempDir
    static Path root;

    private static DuckDbEngine engine;
    private static Path data;
    private static final Map<String, Table> tables = new HashMap<>();
    private static final Map<String, List<DataFile>> files = new HashMap<>();
    /** The column sets the engine asked for, by table, in the order asked. */
    private static final Map<String, List<ColumnSelection>> selections = new java.util.concurrent.ConcurrentHashMap<>();

    private static final TableResolver RESOLVER = new TableResolver()
    {
        @Override
        public Optional<Table> table(String catalog, String schema, String table)
        {
            return Optional.ofNullable(tables.get(schema + "." + table));
        }

        @Override
        public Optional<CatalogAccess> catalog(String catalog)
        {
            return TableResolver.NONE.catalog(catalog);
        }

        @Override
        public boolean schemaExists(String catalog, String schema)
        {
            return tables.values().stream().anyMatch(table -> table.databaseName().equals(schema));
        }

        @Override
        public List<DataFile> files(Table table, PartitionFilter filter)
        {
            return files.getOrDefault(table.databaseName() + "." + table.name(), List.of()).stream()
                    .filter(file -> filter.mayMatch(file.partitionValues()))
                    .toList();
        }

        @Override
        public List<DataFile> files(Table table, PartitionFilter filter, ColumnSelection columns)
        {
            selections.computeIfAbsent(table.databaseName() + "." + table.name(), _ -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(columns);
            return files(table, filter);
        }
    };

    @BeforeAll
    static void start()
            throws Exception
    {
        data = root.resolve("data");
        Files.createDirectories(data);
        engine = new DuckDbEngine(DuckDbConfig.inDirectory(data));
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
            copy(statement, """
                    SELECT 1 AS id, 'a' AS "Name", CAST(12.34 AS DECIMAL(10, 2)) AS price, DATE '2024-01-02' AS day,
                           TIMESTAMP '2024-01-02 03:04:05.123' AS ts, [1, 2] AS numbers, MAP {'k': 1} AS counts,
                           {'a': 1, 'b': 'x'} AS point, CAST(NULL AS INTEGER) AS nothing
                    """, "parquet/types/part-0.parquet");
            copy(statement, "SELECT 2 AS id", "parquet/types/part-1.parquet");
            copy(statement, "SELECT 10 AS amount UNION ALL SELECT 11", "parquet/sales/dt=2024-01-01/a.parquet");
            copy(statement, "SELECT 20 AS amount", "parquet/sales/dt=2024-01-02/b.parquet");
            copy(statement, """
                    SELECT * FROM (VALUES (1, 'ab', 'ab'), (2, 'abcd', 'abcd'), (3, 'äöüß', 'a  '), (4, 'a  ', 'äö '), (5, NULL, NULL), (6, '', ''))
                        AS t(id, short, flag)
                    """, "parquet/bounded/part-0.parquet");
            copy(statement, "SELECT 1 AS id, NULL::INTEGER AS note, 'x' AS \"Odd Name\"", "parquet/mixed/part-0.parquet");
        }
        register(table("default", "types", PARQUET, Map.of(),
                List.of(column("id", "int"), column("name", "string"), column("price", "decimal(10,2)"), column("day", "date"),
                        column("ts", "timestamp"), column("numbers", "array<bigint>"), column("counts", "map<string,int>"),
                        column("point", "struct<a:int,b:string>"), column("nothing", "int"), column("missing", "string")),
                List.of()),
                file("parquet/types/part-0.parquet", List.of()), file("parquet/types/part-1.parquet", List.of()));
        List<DataFile> hits = new ArrayList<>();
        for (int year = 2021; year <= 2024; year++) {
            for (String region : List.of("eu", "us", "__HIVE_DEFAULT_PARTITION__")) {
                String path = "parquet/hits/year=" + year + "/region=" + region + "/part.parquet";
                try (Connection connection = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = connection.createStatement()) {
                    copy(statement, "SELECT " + ((year - 2000) * 10 + List.of("eu", "us", "__HIVE_DEFAULT_PARTITION__").indexOf(region)) + " AS hits", path);
                }
                hits.add(file(path, List.of(String.valueOf(year), region)));
            }
        }
        register(table("shop", "hits", PARQUET, Map.of(), List.of(column("hits", "bigint")), List.of(column("year", "int"), column("region", "string"))),
                hits.toArray(DataFile[]::new));
        register(table("default", "bounded", PARQUET, Map.of(), List.of(column("id", "int"), column("short", "varchar(3)"), column("flag", "char(3)")), List.of()),
                file("parquet/bounded/part-0.parquet", List.of()));
        register(table("default", "mixed", PARQUET, Map.of(), List.of(column("id", "int"), column("note", "int"), column("odd name", "string")), List.of()),
                file("parquet/mixed/part-0.parquet", List.of()));
        register(table("shop", "sales", PARQUET, Map.of(), List.of(column("amount", "bigint")), List.of(column("dt", "date"))),
                file("parquet/sales/dt=2024-01-01/a.parquet", List.of("2024-01-01")),
                file("parquet/sales/dt=2024-01-02/b.parquet", List.of("2024-01-02")));

        text("text/plain/data.txt", "1|a|1.5|2024-01-01|2024-01-01 10:00:00|true\nx|b|y|nope|never|maybe\n\\N||\\N|\\N|\\N|\\N\n3\n");
        register(table("default", "plain", LAZY_SIMPLE, Map.of("field.delim", "|"),
                List.of(column("n", "int"), column("s", "string"), column("d", "double"), column("day", "date"), column("ts", "timestamp"), column("b", "boolean")),
                List.of()), file("text/plain/data.txt", List.of()));
        text("text/tabs/data.tsv", "name\tscore\nann\t10\nbob\t20\n");
        register(table("default", "tabs", LAZY_SIMPLE, Map.of("field.delim", "\t", "skip.header.line.count", "1"),
                List.of(column("name", "varchar(2)"), column("score", "decimal(5,1)")), List.of()), file("text/tabs/data.tsv", List.of()));
        text("text/nested/data.txt", "1\u0001a\u0002b\u0001k\u00031\u0002j\u00032\u00017\u0002x\n2\u0001\u0001\u0001\\N\n");
        register(table("default", "nested", LAZY_SIMPLE, Map.of(),
                List.of(column("id", "int"), column("items", "array<string>"), column("pairs", "map<string,int>"), column("point", "struct<a:int,b:string>")),
                List.of()), file("text/nested/data.txt", List.of()));
        text("csv/quoted/data.csv", "\"a,b\",1,1.5\n\"c\"\"d\",,x\nplain,7,\n");
        register(table("default", "quoted", OPEN_CSV, Map.of(),
                List.of(column("s", "string"), column("n", "int"), column("d", "double")), List.of()), file("csv/quoted/data.csv", List.of()));
        text("json/events/data.json", "{\"Id\": 1, \"NAME\": \"x\", \"tags\": [\"a\", \"b\"], \"when\": \"2024-01-01 10:00:00\", \"price\": 1.25}\n"
                + "{\"id\": \"bad\", \"name\": null}\n"
                + "not json\n");
        register(table("default", "events", OPENX_JSON, Map.of("ignore.malformed.json", "true", "mapping.label", "name"),
                List.of(column("id", "int"), column("label", "string"), column("tags", "array<string>"), column("when", "timestamp"), column("price", "decimal(4,2)")),
                List.of()), file("json/events/data.json", List.of()));
        register(table("default", "strict_events", HIVE_JSON, Map.of(), List.of(column("id", "int")), List.of()), file("json/events/data.json", List.of()));
        Path compressed = data.resolve("text/zipped/data.csv.gz");
        Files.createDirectories(compressed.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(compressed))) {
            out.write("1,x\n2,y\n".getBytes(StandardCharsets.UTF_8));
        }
        register(table("default", "zipped", LAZY_SIMPLE, Map.of("field.delim", ","), List.of(column("n", "int")), List.of(column("part", "int"))),
                file("text/zipped/data.csv.gz", List.of("__HIVE_DEFAULT_PARTITION__")));
        register(table("default", "empty", PARQUET, Map.of(), List.of(column("a", "int"), column("b", "string")), List.of()));
        register(table("default", "orc", "org.apache.hadoop.hive.ql.io.orc.OrcSerde", Map.of(), List.of(column("a", "int")), List.of()));
        Table view = new Table("shop", "big_sales", TableType.VIRTUAL_VIEW, List.of(column("amount", "bigint"), column("dt", "date")), List.of(),
                new StorageDescriptor(Optional.empty(), "", "", new SerDeInfo("", Map.of()), List.of(), 0, false), Map.of(), Optional.empty(),
                Optional.of("SELECT amount, dt FROM sales WHERE amount > 10"), Optional.empty(), Optional.empty(), Instant.EPOCH, Instant.EPOCH, 1);
        register(view);
    }

    @AfterAll
    static void stop()
    {
        engine.close();
    }

    @Test
    void tablesAreReadForTheColumnsTheTextNamingThemUses()
    {
        selections.clear();
        assertThat(run("SELECT sum(amount) FROM shop.big_sales WHERE dt IS NOT NULL").rows().toString()).isEqualTo("[[31]]");
        // the view's text names the table, so its columns are what count, not the outer query's
        assertThat(selections.get("shop.sales")).singleElement().satisfies(columns -> {
            assertThat(columns.isAll()).isFalse();
            assertThat(columns.includes("amount")).isTrue();
            assertThat(columns.includes("dt")).isTrue();
        });
        selections.clear();
        run("SELECT count(*) FROM types");
        assertThat(selections.get("default.types")).singleElement().satisfies(columns -> assertThat(columns.includes("id")).isFalse());
        selections.clear();
        run("SELECT * FROM types");
        assertThat(selections.get("default.types")).singleElement().satisfies(columns -> assertThat(columns.isAll()).isTrue());
    }

    @Test
    void parquet()
    {
        Result result = run("SELECT * FROM types ORDER BY id");
        assertThat(result.names()).containsExactly("id", "name", "price", "day", "ts", "numbers", "counts", "point", "nothing", "missing");
        assertThat(result.types()).containsExactly("integer", "varchar", "decimal(10,2)", "date", "timestamp(3)", "array(bigint)",
                "map(varchar, integer)", "row(a integer, b varchar)", "integer", "varchar");
        assertThat(result.rows().toString()).isEqualTo(
                "[[1, a, 12.34, 2024-01-02, 2024-01-02T03:04:05.123, [1, 2], {k=1}, RowValue[fields=[1, x]], null, null], "
                        + "[2, null, null, null, null, null, null, null, null, null]]");
        assertThat(result.stats().dataScannedInBytes()).isEqualTo(size("parquet/types/part-0.parquet") + size("parquet/types/part-1.parquet"));
        assertThat(run("SELECT price / 2, name FROM types WHERE id = 1").rows().toString()).isEqualTo("[[6.17, a]]");
    }

    @Test
    void boundedTextIsCutToItsLength()
    {
        // varchar(n) keeps n characters; char(n) keeps n characters, padded for display; Trino's length of a char(n) is n
        assertThat(run("SELECT id, short, length(short), flag, length(flag) FROM bounded ORDER BY id").rows().toString()).isEqualTo(
                "[[1, ab, 2, ab , 3], [2, abc, 3, abc, 3], [3, äöü, 3, a  , 3], [4, a  , 3, äö , 3], [5, null, null, null, null], [6, , 0,    , 3]]");
        assertThat(run("SELECT id FROM bounded WHERE short = 'abc' OR flag = 'a' ORDER BY id").rows().toString()).isEqualTo("[[2], [3]]");
    }

    /**
     * A scan projects only the columns the query's text names ({@link QueryTables#usedColumns}: DuckDB then plans a narrower query); a {@code *}, a
     * {@code TABLE t} query or column aliases on a table reach columns without naming them, and keep them all. The
     * answers stay the same either way.
     */
    @Test
    void scansProjectOnlyNamedColumns()
    {
        assertThat(run("SELECT id FROM mixed").rows().toString()).isEqualTo("[[1]]");
        assertThat(run("SELECT count(*) FROM mixed").rows().toString()).isEqualTo("[[1]]");
        assertThat(run("SELECT \"odd name\", m.id + 1 FROM mixed AS m WHERE id IN (SELECT id FROM mixed)").rows().toString()).isEqualTo("[[x, 2]]");
        assertThat(run("SELECT a.id FROM mixed AS a JOIN mixed AS b USING (id)").rows().toString()).isEqualTo("[[1]]");
        assertThat(run("SELECT b, c FROM mixed AS m(a, b, c)").rows().toString()).isEqualTo("[[null, x]]");
        assertThat(run("SELECT \"$path\", dt FROM shop.sales WHERE amount = 20").rows().toString())
                .isEqualTo("[[s3://bucket/parquet/sales/dt=2024-01-02/b.parquet, 2024-01-02]]");
        assertThat(run("SELECT count(*) FROM shop.sales WHERE dt > DATE '2024-01-01'").rows().toString()).isEqualTo("[[1]]");
        assertThat(run("SELECT amount FROM shop.big_sales ORDER BY 1").rows().toString()).isEqualTo("[[11], [20]]");

        assertThat(duckDbSql("SELECT id FROM mixed")).doesNotContain("\"note\"", "\"odd name\"");
        // count(*) keeps one column to carry the rows
        assertThat(duckDbSql("SELECT count(*) FROM mixed")).contains("\"id\"").doesNotContain("\"note\"", "\"odd name\"");
        assertThat(duckDbSql("SELECT \"odd name\" FROM mixed WHERE note > 0")).contains("\"note\"", "\"odd name\"").doesNotContain("\"id\"");
        // a string naming a column only costs reading it
        assertThat(duckDbSql("SELECT id, 'note' FROM mixed")).contains("\"note\"").doesNotContain("\"odd name\"");
        for (String sql : List.of("SELECT * FROM mixed", "SELECT m.* FROM mixed m", "SELECT id FROM (SELECT * FROM mixed)", "TABLE mixed",
                "SELECT a FROM mixed AS m(a, b, c)", "SELECT id FROM mixed WHERE \"NOTE\" IS NULL AND \"ODD NAME\" <> ''")) {
            assertThat(duckDbSql(sql)).as(sql).contains("\"id\"", "\"note\"", "\"odd name\"");
        }
    }

    /** The DuckDB SQL a query over {@code mixed} is translated to. */
    private static String duckDbSql(String sql)
    {
        io.trino.sql.tree.Statement statement = PARSER.parse(sql);
        QueryTables queryTables = new QueryTables(RESOLVER, "awsdatacatalog", "default", _ -> List.of("id", "note", "Odd Name"), QueryTables.usesPseudoColumns(statement),
                QueryTables.usedColumns(statement));
        return DuckDbPrinter.translate(statement, queryTables).sql();
    }

    @Test
    void partitions()
    {
        assertThat(run("SELECT amount, dt FROM shop.sales ORDER BY amount").rows().toString())
                .isEqualTo("[[10, 2024-01-01], [11, 2024-01-01], [20, 2024-01-02]]");
        Result filtered = run("SELECT sum(amount) FROM awsdatacatalog.shop.sales WHERE dt = DATE '2024-01-02'");
        assertThat(filtered.rows().toString()).isEqualTo("[[20]]");
        assertThat(filtered.stats().dataScannedInBytes()).isEqualTo(size("parquet/sales/dt=2024-01-02/b.parquet"));
        assertThat(run("SELECT \"$path\", \"$file_size\" > 0, s.* FROM shop.sales AS s WHERE amount = 20").rows().toString())
                .isEqualTo("[[s3://bucket/parquet/sales/dt=2024-01-02/b.parquet, true, 20, 2024-01-02]]");
    }

    /**
     * Predicates on partition keys leave out the partitions they rule out: only the files of the others are read
     * (and counted as scanned), and the answer is the one the same condition gives over every partition.
     */
    @Test
    void partitionPruning()
    {
        record Case(String condition, String kept) {}
        List<Case> cases = List.of(
                new Case("year = 2023", "2023/eu 2023/us 2023/-"),
                new Case("h.year IN (2021, 2024) AND region = 'eu'", "2021/eu 2024/eu"),
                new Case("year BETWEEN 2022 AND 2023 OR region = 'us'", "2021/us 2022/eu 2022/us 2022/- 2023/eu 2023/us 2023/- 2024/us"),
                new Case("2023 < year AND hits > 0", "2024/eu 2024/us 2024/-"),
                new Case("year <> 2021 AND (region < 'f' OR region >= 'v')", "2022/eu 2023/eu 2024/eu"),
                new Case("region IN ('us', 'x') AND year <= 2022", "2021/us 2022/us"),
                new Case("year = 2022 OR hits = 240", "*"),
                new Case("NOT (year = 2022)", "*"),
                new Case("year + 0 = 2022", "*"),
                new Case("region IS NULL", "*"),
                new Case("year = 1999", ""));
        for (Case testCase : cases) {
            Result pruned = run("SELECT h.year, h.region, h.hits FROM shop.hits AS h WHERE " + testCase.condition() + " ORDER BY 3");
            // through a subquery the same condition prunes nothing
            Result full = run("SELECT h.year, h.region, h.hits FROM (SELECT * FROM shop.hits) AS h WHERE " + testCase.condition() + " ORDER BY 3");
            assertThat(pruned.rows()).as(testCase.condition()).isEqualTo(full.rows());
            assertThat(full.stats().dataScannedInBytes()).isEqualTo(hitsSize("*"));
            assertThat(pruned.stats().dataScannedInBytes()).as(testCase.condition()).isEqualTo(hitsSize(testCase.kept()));
        }
        // a subquery's LIMIT comes before the outer condition: pruning inside it would change the answer
        assertThat(run("SELECT count(*) FROM (SELECT * FROM shop.hits ORDER BY hits LIMIT 1) WHERE year = 2024").rows().toString()).isEqualTo("[[0]]");
        // each reference to a table is pruned by its own conditions
        Result join = run("SELECT a.hits, b.hits FROM shop.hits a JOIN shop.hits b ON a.region = b.region WHERE a.year = 2021 AND b.year = 2022 ORDER BY 1");
        assertThat(join.rows().toString()).isEqualTo("[[210, 220], [211, 221]]");
        assertThat(join.stats().dataScannedInBytes()).isEqualTo(hitsSize("2021/eu 2021/us 2021/- 2022/eu 2022/us 2022/-"));
        Result on = run("SELECT a.hits, b.hits FROM shop.hits a JOIN shop.hits b ON a.region = b.region AND a.year = 2021 AND b.year = 2022 ORDER BY 1");
        assertThat(on.rows()).isEqualTo(join.rows());
        assertThat(on.stats().dataScannedInBytes()).isEqualTo(join.stats().dataScannedInBytes());
        // an outer join's ON condition filters the side it pads with NULLs, not the other
        Result leftOn = run("SELECT a.hits, b.hits FROM shop.hits a LEFT JOIN shop.hits b ON a.hits + 10 = b.hits AND b.year = 2024 AND a.year = 2023 ORDER BY 1");
        assertThat(leftOn.rows()).isEqualTo(run("SELECT a.hits, b.hits FROM (SELECT * FROM shop.hits) a LEFT JOIN (SELECT * FROM shop.hits) b "
                + "ON a.hits + 10 = b.hits AND b.year = 2024 AND a.year = 2023 ORDER BY 1").rows());
        assertThat(leftOn.rows()).hasSize(12);
        assertThat(leftOn.stats().dataScannedInBytes()).isEqualTo(hitsSize("*"));
        Result rightOn = run("SELECT a.hits, b.hits FROM shop.hits a RIGHT JOIN shop.hits b ON a.hits = b.hits AND a.year = 2022 ORDER BY 2");
        assertThat(rightOn.rows().stream().filter(row -> row.get(0) != null).map(row -> row.get(0)).toList()).containsExactly(220L, 221L, 222L);
        assertThat(rightOn.rows()).hasSize(12);
        Result fullOn = run("SELECT count(*) FROM shop.hits a FULL JOIN shop.hits b ON a.hits = b.hits AND a.year = 2022 AND b.year = 2022");
        assertThat(fullOn.rows().toString()).isEqualTo("[[21]]");
        assertThat(fullOn.stats().dataScannedInBytes()).isEqualTo(hitsSize("*"));
        Result outer = run("SELECT a.hits, b.hits FROM shop.hits a LEFT JOIN shop.hits b ON a.hits + 10 = b.hits WHERE a.year = 2023 AND b.year = 2024 ORDER BY 1");
        assertThat(outer.rows().toString()).isEqualTo("[[230, 240], [231, 241], [232, 242]]");
        assertThat(outer.stats().dataScannedInBytes()).isEqualTo(hitsSize("2023/eu 2023/us 2023/- 2024/eu 2024/us 2024/-"));
    }

    /** The bytes of the {@code shop.hits} partitions named {@code year/region} ({@code -} for NULL), or all for {@code *}. */
    private static long hitsSize(String partitions)
    {
        long total = 0;
        for (int year = 2021; year <= 2024; year++) {
            for (String region : List.of("eu", "us", "__HIVE_DEFAULT_PARTITION__")) {
                String name = year + "/" + (region.startsWith("__") ? "-" : region);
                if (partitions.equals("*") || List.of(partitions.split(" ")).contains(name)) {
                    total += size("parquet/hits/year=" + year + "/region=" + region + "/part.parquet");
                }
            }
        }
        return total;
    }

    @Test
    void lazySimpleText()
    {
        Result result = run("SELECT * FROM plain");
        assertThat(result.types()).containsExactly("integer", "varchar", "double", "date", "timestamp(3)", "boolean");
        assertThat(result.rows().toString()).isEqualTo("[[1, a, 1.5, 2024-01-01, 2024-01-01T10:00, true], "
                + "[null, b, null, null, null, null], [null, , null, null, null, null], [3, null, null, null, null, null]]");
        Result tabs = run("SELECT name, score FROM tabs ORDER BY name");
        assertThat(tabs.types()).containsExactly("varchar(2)", "decimal(5,1)");
        assertThat(tabs.rows().toString()).isEqualTo("[[an, 10.0], [bo, 20.0]]");
        assertThat(run("SELECT * FROM nested ORDER BY id").rows().toString())
                .isEqualTo("[[1, [a, b], {k=1, j=2}, RowValue[fields=[7, x]]], [2, [], {}, null]]");
    }

    @Test
    void compressedFilesAndDefaultPartition()
    {
        assertThat(run("SELECT n, part FROM zipped WHERE part IS NULL ORDER BY n").rows().toString()).isEqualTo("[[1, null], [2, null]]");
    }

    @Test
    void openCsv()
    {
        assertThat(run("SELECT * FROM quoted").rows().toString()).isEqualTo("[[a,b, 1, 1.5], [c\"\"d, null, null], [plain, 7, null]]");
    }

    @Test
    void json()
    {
        Result result = run("SELECT * FROM events");
        assertThat(result.names()).containsExactly("id", "label", "tags", "when", "price");
        assertThat(result.rows().toString()).isEqualTo("[[1, x, [a, b], 2024-01-01T10:00, 1.25], [null, null, null, null, null], [null, null, null, null, null]]");
        assertThatThrownBy(() -> run("SELECT * FROM strict_events")).isInstanceOf(PallasException.class).hasMessageContaining("Malformed JSON");
    }

    @Test
    void emptyTablesAndViews()
    {
        Result empty = run("SELECT * FROM empty");
        assertThat(empty.names()).containsExactly("a", "b");
        assertThat(empty.rows()).isEmpty();
        assertThat(run("SELECT amount, dt FROM shop.big_sales ORDER BY amount").rows().toString()).isEqualTo("[[11, 2024-01-01], [20, 2024-01-02]]");
        // WITH names shadow tables
        assertThat(run("WITH types AS (SELECT 5 AS id) SELECT id FROM types").rows().toString()).isEqualTo("[[5]]");
    }

    @Test
    void errors()
    {
        assertError("SELECT * FROM nope", ErrorCode.TABLE_NOT_FOUND, "line 1:15: Table 'awsdatacatalog.default.nope' does not exist");
        assertError("SELECT * FROM other.shop.sales", ErrorCode.CATALOG_NOT_FOUND, "line 1:15: Catalog 'other' does not exist");
        assertError("SELECT * FROM nowhere.sales", ErrorCode.SCHEMA_NOT_FOUND, "line 1:15: Schema 'nowhere' does not exist");
        assertError("SELECT * FROM\n  awsdatacatalog.Nowhere.sales", ErrorCode.SCHEMA_NOT_FOUND, "line 2:3: Schema 'nowhere' does not exist");
        assertError("SELECT * FROM shop.nope", ErrorCode.TABLE_NOT_FOUND, "line 1:15: Table 'awsdatacatalog.shop.nope' does not exist");
        assertError("SELECT bogus FROM types", ErrorCode.COLUMN_NOT_FOUND, "line 1:8: Column 'bogus' cannot be resolved");
        assertError("SELECT * FROM orc", ErrorCode.NOT_SUPPORTED, "Table 'default.orc' uses ORC data, which Pallas cannot read yet");
    }

    // ---------------------------------------------------------------- fixtures

    record Result(List<Column> columns, List<List<Object>> rows, ExecutionStats stats)
    {
        List<String> names()
        {
            return columns.stream().map(Column::name).toList();
        }

        List<String> types()
        {
            return columns.stream().map(column -> column.type().toString()).toList();
        }
    }

    private static Result run(String sql)
    {
        List<Column> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        try {
            ExecutionStats stats = engine.execute(new ParsedQuery(sql, PARSER.parse(sql), "awsdatacatalog", "default", RESOLVER), new ResultSink()
            {
                @Override
                public void columns(List<Column> resultColumns)
                {
                    columns.addAll(resultColumns);
                }

                @Override
                public void row(Object[] values)
                {
                    rows.add(Arrays.asList(values));
                }
            }, new ExecutionControl());
            return new Result(columns, rows, stats);
        }
        catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static void assertError(String sql, ErrorCode code, String message)
    {
        assertThatThrownBy(() -> run(sql)).isInstanceOfSatisfying(PallasException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(code);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void copy(Statement statement, String query, String path)
            throws SQLException, IOException
    {
        Path target = data.resolve(path);
        Files.createDirectories(target.getParent());
        statement.execute("COPY (" + query + ") TO '" + target + "' (FORMAT parquet)");
    }

    private static void text(String path, String content)
            throws IOException
    {
        Path target = data.resolve(path);
        Files.createDirectories(target.getParent());
        Files.writeString(target, content);
    }

    private static long size(String path)
    {
        try {
            return Files.size(data.resolve(path));
        }
        catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static DataFile file(String path, List<String> partitionValues)
    {
        return new DataFile(data.resolve(path), size(path), partitionValues, "s3://bucket/" + path);
    }

    private static TableColumn column(String name, String type)
    {
        return new TableColumn(name, type, Optional.empty());
    }

    private static Table table(String database, String name, String serDe, Map<String, String> parameters, List<TableColumn> columns, List<TableColumn> partitionKeys)
    {
        String inputFormat = serDe.equals(PARQUET) ? "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat" : "org.apache.hadoop.mapred.TextInputFormat";
        StorageDescriptor storage = new StorageDescriptor(Optional.of("s3://bucket/" + name + "/"), inputFormat, "", new SerDeInfo(serDe, parameters), List.of(), 0, false);
        return new Table(database, name, TableType.EXTERNAL_TABLE, columns, partitionKeys, storage, Map.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Instant.EPOCH, Instant.EPOCH, 1);
    }

    private static void register(Table table, DataFile... tableFiles)
    {
        tables.put(table.databaseName() + "." + table.name(), table);
        files.put(table.databaseName() + "." + table.name(), List.of(tableFiles));
    }
}
