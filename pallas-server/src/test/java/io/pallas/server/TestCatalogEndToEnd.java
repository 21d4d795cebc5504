package io.pallas.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.ColumnInfo;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.TableMetadata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Hive DDL, SHOW / DESCRIBE and queries over table files, through the Athena API with the AWS SDK v2. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestCatalogEndToEnd
{
    private static final String RESULTS = "s3://pallas-query-results/";

    @TempDir
    static Path dataDirectory;

    private TestingPallasServer server;
    private AthenaClient athena;

    @BeforeAll
    void start()
            throws Exception
    {
        // table data in the local store, as `aws s3 cp` would leave it
        Path sales = Files.createDirectories(dataDirectory.resolve("s3/data-bucket/shop/sales"));
        Files.writeString(sales.resolve("part-0.txt"), "1|apple|2.5|2024-01-02\n2|pear|\\N|2024-01-03\n");
        Files.writeString(sales.resolve("part-1.txt"), "3|fig|x|2024-01-04\n");
        Files.writeString(sales.resolve("_SUCCESS"), "not data\n");
        Path events = Files.createDirectories(dataDirectory.resolve("s3/data-bucket/shop/events"));
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = duckdb.createStatement()) {
            Files.createDirectories(events.resolve("dt=2024-01-01"));
            Files.createDirectories(events.resolve("dt=2024-01-02"));
            statement.execute("COPY (SELECT 1 AS id, 'click' AS kind UNION ALL SELECT 2, 'view') TO '" + events.resolve("dt=2024-01-01/a.parquet") + "' (FORMAT PARQUET)");
            statement.execute("COPY (SELECT 3 AS id, 'click' AS kind) TO '" + events.resolve("dt=2024-01-02/b.parquet") + "' (FORMAT PARQUET)");
        }
        server = new TestingPallasServer(dataDirectory, Optional.of(RESULTS));
        athena = TestAthenaEndToEnd.client(server);
    }

    @AfterAll
    void stop()
            throws Exception
    {
        athena.close();
        server.close();
    }

    private QueryExecution run(String sql)
    {
        String id = athena.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
        return TestAthenaEndToEnd.await(athena, id);
    }

    private QueryExecution succeed(String sql)
    {
        QueryExecution execution = run(sql);
        assertThat(execution.status().state()).as(sql + ": " + execution.status().stateChangeReason()).isEqualTo(QueryExecutionState.SUCCEEDED);
        return execution;
    }

    private List<List<String>> rows(QueryExecution execution)
    {
        GetQueryResultsResponse results = athena.getQueryResults(r -> r.queryExecutionId(execution.queryExecutionId()));
        return results.resultSet().rows().stream().map(row -> row.data().stream().map(Datum::varCharValue).toList()).toList();
    }

    @Test
    void textTableLifecycle()
            throws Exception
    {
        succeed("CREATE DATABASE IF NOT EXISTS grocer");
        QueryExecution create = succeed("""
                CREATE EXTERNAL TABLE grocer.sales (id int, fruit string COMMENT 'the fruit', price double, sold date)
                ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'
                LOCATION 's3://data-bucket/shop/sales/'
                """);
        assertThat(create.statementTypeAsString()).isEqualTo("DDL");
        assertThat(create.substatementType()).isEqualTo("CREATE_TABLE");
        assertThat(create.resultConfiguration().outputLocation()).isEqualTo(RESULTS + create.queryExecutionId() + ".txt");
        assertThat(server.objectPath(create.resultConfiguration().outputLocation())).isEmptyFile();

        QueryExecution select = succeed("SELECT id, fruit, price, sold FROM grocer.sales ORDER BY id");
        assertThat(rows(select)).containsExactly(
                List.of("id", "fruit", "price", "sold"),
                List.of("1", "apple", "2.5", "2024-01-02"),
                java.util.Arrays.asList("2", "pear", null, "2024-01-03"),
                java.util.Arrays.asList("3", "fig", null, "2024-01-04"));
        assertThat(select.statistics().dataScannedInBytes()).isEqualTo(
                Files.size(dataDirectory.resolve("s3/data-bucket/shop/sales/part-0.txt")) + Files.size(dataDirectory.resolve("s3/data-bucket/shop/sales/part-1.txt")));

        QueryExecution tables = succeed("SHOW TABLES IN grocer");
        assertThat(tables.statementTypeAsString()).isEqualTo("UTILITY");
        assertThat(rows(tables)).containsExactly(List.of("sales"));

        QueryExecution describe = succeed("DESCRIBE grocer.sales");
        assertThat(rows(describe)).containsExactly(
                List.of("id                  \tint                 \t                    "),
                List.of("fruit               \tstring              \tthe fruit           "),
                List.of("price               \tdouble              \t                    "),
                List.of("sold                \tdate                \t                    "));
        assertThat(athena.getQueryResults(r -> r.queryExecutionId(describe.queryExecutionId())).resultSet().resultSetMetadata().columnInfo())
                .extracting(ColumnInfo::name, ColumnInfo::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("col_name", "string"), org.assertj.core.groups.Tuple.tuple("data_type", "string"),
                        org.assertj.core.groups.Tuple.tuple("comment", "string"));
        assertThat(Files.readString(server.objectPath(describe.resultConfiguration().outputLocation())))
                .startsWith("id                  \tint                 \t                    \nfruit");

        TableMetadata metadata = athena.getTableMetadata(r -> r.catalogName("AwsDataCatalog").databaseName("grocer").tableName("sales")).tableMetadata();
        assertThat(metadata.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(metadata.columns()).extracting(c -> c.name() + " " + c.type()).containsExactly("id int", "fruit string", "price double", "sold date");
        assertThat(metadata.parameters()).containsEntry("location", "s3://data-bucket/shop/sales/")
                .containsEntry("serde.serialization.lib", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                .containsEntry("serde.param.field.delim", "|");

        QueryExecution duplicate = run("CREATE EXTERNAL TABLE grocer.sales (id int) LOCATION 's3://data-bucket/x/'");
        assertThat(duplicate.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(duplicate.status().stateChangeReason())
                .isEqualTo("FAILED: Execution Error, return code 1 from org.apache.hadoop.hive.ql.exec.DDLTask. AlreadyExistsException(message:Table sales already exist)");
        assertThat(duplicate.status().athenaError().errorMessage()).isEqualTo("Table sales already exists.");
        assertThat(Files.readString(server.objectPath(duplicate.resultConfiguration().outputLocation()))).isEqualTo(duplicate.status().stateChangeReason());

        QueryExecution missing = run("SELECT * FROM grocer.nope");
        assertThat(missing.status().stateChangeReason()).isEqualTo("TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.grocer.nope' does not exist");

        succeed("DROP TABLE grocer.sales");
        assertThat(rows(succeed("SHOW TABLES IN grocer"))).isEmpty();
    }

    @Test
    void partitionedParquetTableWithRepairAndViews()
    {
        succeed("CREATE DATABASE IF NOT EXISTS shop");
        succeed("""
                CREATE EXTERNAL TABLE shop.events (id bigint, kind string)
                PARTITIONED BY (dt string)
                STORED AS PARQUET
                LOCATION 's3://data-bucket/shop/events/'
                """);
        // no partition registered yet: no data, as in Athena
        assertThat(rows(succeed("SELECT count(*) AS n FROM shop.events"))).containsExactly(List.of("n"), List.of("0"));
        QueryExecution repair = succeed("MSCK REPAIR TABLE shop.events");
        assertThat(repair.substatementType()).isEqualTo("MSCK_REPAIR");
        assertThat(rows(succeed("SHOW PARTITIONS shop.events"))).containsExactly(List.of("dt=2024-01-01"), List.of("dt=2024-01-02"));
        assertThat(rows(succeed("SELECT dt, count(*) AS n FROM shop.events GROUP BY dt ORDER BY dt")))
                .containsExactly(List.of("dt", "n"), List.of("2024-01-01", "2"), List.of("2024-01-02", "1"));

        succeed("ALTER TABLE shop.events DROP PARTITION (dt = '2024-01-01')");
        assertThat(rows(succeed("SELECT id FROM shop.events"))).containsExactly(List.of("id"), List.of("3"));
        succeed("ALTER TABLE shop.events ADD PARTITION (dt = '2024-01-01') LOCATION 's3://data-bucket/shop/events/dt=2024-01-01/'");

        succeed("CREATE VIEW shop.clicks AS SELECT id, dt FROM events WHERE kind = 'click'");
        QueryExecution view = succeed("SELECT * FROM shop.clicks ORDER BY id");
        assertThat(rows(view)).containsExactly(List.of("id", "dt"), List.of("1", "2024-01-01"), List.of("3", "2024-01-02"));
        QueryExecution describeView = succeed("DESCRIBE shop.clicks");
        assertThat(describeView.substatementType()).isEqualTo("DESC_VIEW");
        assertThat(rows(describeView)).containsExactly(List.of("id\tbigint"), List.of("dt\tvarchar"));
        assertThat(run("CREATE VIEW shop.clicks AS SELECT 1 AS x").status().stateChangeReason())
                .isEqualTo("TABLE_ALREADY_EXISTS: line 1:1: View 'awsdatacatalog.shop.clicks' already exists");
        succeed("CREATE OR REPLACE VIEW shop.clicks AS SELECT 1 AS x");
        assertThat(rows(succeed("SELECT * FROM shop.clicks"))).containsExactly(List.of("x"), List.of("1"));
        succeed("DROP VIEW shop.clicks");
    }

    /** Contract §5.1, §5.3, §5.4: which result object and which {@code .metadata} each kind of DDL leaves behind. */
    @Test
    void ddlResultFilesFollowTheStatementType()
            throws Exception
    {
        for (String sql : List.of(
                "CREATE DATABASE ddlfiles",
                "CREATE EXTERNAL TABLE ddlfiles.events (id bigint) PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://data-bucket/shop/events/'",
                "ALTER TABLE ddlfiles.events SET TBLPROPERTIES ('note' = 'x')",
                "ALTER TABLE ddlfiles.events ADD PARTITION (dt = '2024-01-01')",
                "CREATE VIEW ddlfiles.ids AS SELECT id FROM ddlfiles.events",
                "DROP VIEW ddlfiles.ids")) {
            QueryExecution execution = succeed(sql);
            String location = execution.resultConfiguration().outputLocation();
            assertThat(location).isEqualTo(RESULTS + execution.queryExecutionId() + ".txt");
            assertThat(server.objectPath(location)).as(sql).isEmptyFile();
            assertThat(server.objectPath(location + ".metadata")).as(sql).doesNotExist();
            GetQueryResultsResponse results = athena.getQueryResults(r -> r.queryExecutionId(execution.queryExecutionId()));
            assertThat(results.resultSet().rows()).as(sql).isEmpty();
            assertThat(results.resultSet().resultSetMetadata().columnInfo()).as(sql).isEmpty();
            assertThat(results.updateCount()).as(sql).isNull();
        }

        QueryExecution repair = succeed("MSCK REPAIR TABLE ddlfiles.events");
        Path repairFile = server.objectPath(repair.resultConfiguration().outputLocation());
        assertThat(Files.readString(repairFile)).isEqualTo("""
                Partitions not in metastore:\tevents:dt=2024-01-02
                Repair: Added partition to metastore events:dt=2024-01-02""");
        assertThat(Files.readAllBytes(Path.of(repairFile + ".metadata"))).isEqualTo(queryIdOnlyMetadata(repair.queryExecutionId()));
        GetQueryResultsResponse repairResults = athena.getQueryResults(r -> r.queryExecutionId(repair.queryExecutionId()));
        assertThat(repairResults.resultSet().rows()).extracting(row -> row.data().getFirst().varCharValue())
                .containsExactly("Partitions not in metastore:\tevents:dt=2024-01-02", "Repair: Added partition to metastore events:dt=2024-01-02");
        assertThat(repairResults.resultSet().resultSetMetadata().columnInfo()).isEmpty();

        for (String sql : List.of("ALTER TABLE ddlfiles.events ADD COLUMNS (kind string)", "ALTER TABLE ddlfiles.events REPLACE COLUMNS (id bigint, kind string)")) {
            QueryExecution alter = succeed(sql);
            Path file = server.objectPath(alter.resultConfiguration().outputLocation());
            assertThat(file).as(sql).isEmptyFile();
            assertThat(Files.readAllBytes(Path.of(file + ".metadata"))).as(sql).isEqualTo(queryIdOnlyMetadata(alter.queryExecutionId()));
            GetQueryResultsResponse results = athena.getQueryResults(r -> r.queryExecutionId(alter.queryExecutionId()));
            assertThat(results.resultSet().rows()).as(sql).isEmpty();
            assertThat(results.resultSet().resultSetMetadata().columnInfo()).as(sql).isEmpty();
        }

        // SHOW statements keep their companion, which GetQueryResults' column info comes from
        QueryExecution show = succeed("SHOW PARTITIONS ddlfiles.events");
        assertThat(Files.readString(server.objectPath(show.resultConfiguration().outputLocation()))).isEqualTo("dt=2024-01-01\ndt=2024-01-02");
        assertThat(server.objectPath(show.resultConfiguration().outputLocation() + ".metadata")).isNotEmptyFile();
        assertThat(athena.getQueryResults(r -> r.queryExecutionId(show.queryExecutionId())).resultSet().resultSetMetadata().columnInfo())
                .extracting(ColumnInfo::name).containsExactly("partition");

        for (String sql : List.of("DROP TABLE ddlfiles.events", "DROP DATABASE ddlfiles")) {
            QueryExecution drop = succeed(sql);
            assertThat(server.objectPath(drop.resultConfiguration().outputLocation())).as(sql).isEmptyFile();
            assertThat(server.objectPath(drop.resultConfiguration().outputLocation() + ".metadata")).as(sql).doesNotExist();
        }
    }

    /** Protobuf field 1 holding the query id, and nothing else: 38 bytes for a UUID. */
    private static byte[] queryIdOnlyMetadata(String queryExecutionId)
    {
        byte[] id = queryExecutionId.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = new byte[2 + id.length];
        bytes[0] = 0x0A;
        bytes[1] = (byte) id.length;
        System.arraycopy(id, 0, bytes, 2, id.length);
        return bytes;
    }

    @Test
    void hiveStatementsAreCheckedAsAthenaChecksThem()
    {
        assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("CREATE EXTERNAL TABLE t (a int)")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo("MALFORMED_QUERY");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No location was specified for table. An S3 location must be specified");
                });
        assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("DESCRIBE no_such_table")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).startsWith("Entity Not Found (Service: AmazonDataCatalog;"));

        QueryExecution syntax = run("CREATE EXTERNAL TABLE t (a int LOCATION 's3://b/t/'");
        assertThat(syntax.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(syntax.status().stateChangeReason()).startsWith("FAILED: ParseException line 1:");
        assertThat(syntax.status().athenaError().errorCategory()).isEqualTo(1);
        assertThat(syntax.status().athenaError().errorType()).isEqualTo(1003);

        QueryExecution dropMissing = run("DROP TABLE no_such_table");
        assertThat(dropMissing.status().stateChangeReason()).isEqualTo("FAILED: SemanticException [Error 10001]: Table not found default.no_such_table");
        succeed("DROP TABLE IF EXISTS no_such_table");
        assertThat(rows(succeed("SHOW DATABASES"))).contains(List.of("default"));
    }
}
