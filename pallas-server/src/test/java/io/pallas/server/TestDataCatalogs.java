package io.pallas.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.DataCatalog;
import software.amazon.awssdk.services.athena.model.DataCatalogSummary;
import software.amazon.awssdk.services.athena.model.DataCatalogType;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.MetadataException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Create/Update/DeleteDataCatalog and queries through registered catalogs, with the AWS SDK v2. */
class TestDataCatalogs
{
    private static final String RESULTS = "s3://pallas-query-results/";
    private static final String ACCOUNT = "123456789012";

    @TempDir
    Path data;

    @Test
    void catalogsAreCreatedUpdatedDeletedAndKept()
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of(RESULTS));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            DataCatalog created = athena.createDataCatalog(r -> r.name("Mirror").type(DataCatalogType.GLUE).description("same catalog")
                    .parameters(Map.of("catalog-id", ACCOUNT)).tags(Tag.builder().key("team").value("data").build())).dataCatalog();
            assertThat(created.name()).isEqualTo("Mirror");
            assertThat(created.statusAsString()).isEqualTo("CREATE_COMPLETE");
            athena.createDataCatalog(r -> r.name("dynamo").type(DataCatalogType.LAMBDA).parameters(Map.of("function", "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:ddb")));
            athena.createDataCatalog(r -> r.name("ext").type(DataCatalogType.FEDERATED).parameters(Map.of("connection-type", "MYSQL", "connection-properties", "{}")));

            assertThat(athena.listDataCatalogs(r -> { }).dataCatalogsSummary()).containsExactly(
                    DataCatalogSummary.builder().catalogName("AwsDataCatalog").type("GLUE").build(),
                    DataCatalogSummary.builder().catalogName("dynamo").type("LAMBDA").status("CREATE_COMPLETE").build(),
                    DataCatalogSummary.builder().catalogName("ext").type("FEDERATED").status("CREATE_COMPLETE").connectionType("MYSQL").build(),
                    DataCatalogSummary.builder().catalogName("Mirror").type("GLUE").status("CREATE_COMPLETE").build());
            var firstPage = athena.listDataCatalogs(r -> r.maxResults(2));
            assertThat(firstPage.dataCatalogsSummary()).extracting(DataCatalogSummary::catalogName).containsExactly("AwsDataCatalog", "dynamo");
            assertThat(athena.listDataCatalogs(r -> r.maxResults(2).nextToken(firstPage.nextToken())).dataCatalogsSummary())
                    .extracting(DataCatalogSummary::catalogName).containsExactly("ext", "Mirror");
            assertThat(athena.getDataCatalog(r -> r.name("MIRROR")).dataCatalog()).isEqualTo(created);

            String arn = "arn:aws:athena:us-east-1:" + ACCOUNT + ":datacatalog/Mirror";
            assertThat(athena.listTagsForResource(r -> r.resourceARN(arn)).tags()).containsExactly(Tag.builder().key("team").value("data").build());
            athena.tagResource(r -> r.resourceARN(arn).tags(Tag.builder().key("env").value("test").build()));
            athena.untagResource(r -> r.resourceARN(arn).tagKeys("team"));
            assertThat(athena.listTagsForResource(r -> r.resourceARN(arn)).tags()).containsExactly(Tag.builder().key("env").value("test").build());
            assertThatThrownBy(() -> athena.listTagsForResource(r -> r.resourceARN("arn:aws:athena:us-east-1:" + ACCOUNT + ":datacatalog/AwsDataCatalog")))
                    .isInstanceOf(ResourceNotFoundException.class);
            // workgroups are still tagged by their ARNs
            assertThat(athena.listTagsForResource(r -> r.resourceARN("arn:aws:athena:us-east-1:" + ACCOUNT + ":workgroup/primary")).tags()).isEmpty();

            athena.updateDataCatalog(r -> r.name("mirror").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", "210987654321")));
            DataCatalog updated = athena.getDataCatalog(r -> r.name("Mirror")).dataCatalog();
            assertThat(updated.description()).isNull();
            assertThat(updated.parameters()).containsExactly(Map.entry("catalog-id", "210987654321"));

            assertThat(athena.deleteDataCatalog(r -> r.name("DYNAMO")).dataCatalog().name()).isEqualTo("dynamo");
            assertInvalidRequest(() -> athena.getDataCatalog(r -> r.name("dynamo")), "DATACATALOG_NOT_FOUND", "DataCatalog dynamo was not found.");
        }
        // registrations are in the metadata store
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of(RESULTS));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            assertThat(athena.listDataCatalogs(r -> { }).dataCatalogsSummary()).extracting(DataCatalogSummary::catalogName)
                    .containsExactly("AwsDataCatalog", "ext", "Mirror");
            assertThat(athena.getDataCatalog(r -> r.name("mirror")).dataCatalog().parameters()).containsEntry("catalog-id", "210987654321");
            // an update keeps the tags
            assertThat(athena.listTagsForResource(r -> r.resourceARN("arn:aws:athena:us-east-1:" + ACCOUNT + ":datacatalog/mirror")).tags())
                    .containsExactly(Tag.builder().key("env").value("test").build());
        }
    }

    @Test
    void refusedRequests()
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of(RESULTS));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            athena.createDataCatalog(r -> r.name("mirror").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", ACCOUNT)));
            assertInvalidRequest(() -> athena.createDataCatalog(r -> r.name("MIRROR").type(DataCatalogType.HIVE).parameters(Map.of("metadata-function", "arn"))),
                    "INVALID_INPUT", "DataCatalog MIRROR already exists.");
            assertInvalidRequest(() -> athena.createDataCatalog(r -> r.name("awsdatacatalog").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", ACCOUNT))),
                    "INVALID_INPUT", "DataCatalog awsdatacatalog already exists.");
            assertInvalidRequest(() -> athena.updateDataCatalog(r -> r.name("AwsDataCatalog").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", ACCOUNT))),
                    "INVALID_INPUT", "The data catalog AwsDataCatalog is built in and cannot be modified.");
            assertInvalidRequest(() -> athena.deleteDataCatalog(r -> r.name("AwsDataCatalog")),
                    "INVALID_INPUT", "The data catalog AwsDataCatalog is built in and cannot be deleted.");
            assertInvalidRequest(() -> athena.updateDataCatalog(r -> r.name("nope").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", ACCOUNT))),
                    "DATACATALOG_NOT_FOUND", "DataCatalog nope was not found.");
            assertInvalidRequest(() -> athena.deleteDataCatalog(r -> r.name("nope")), "DATACATALOG_NOT_FOUND", "DataCatalog nope was not found.");
            assertInvalidRequest(() -> athena.createDataCatalog(r -> r.name("glue2").type(DataCatalogType.GLUE)),
                    "INVALID_INPUT", "The GLUE data catalog type requires the parameter catalog-id=<account id>.");
            assertInvalidRequest(() -> athena.createDataCatalog(r -> r.name("has space").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", ACCOUNT))),
                    "INVALID_INPUT", "Invalid catalog name has space: a data catalog name has at most 127 letters, digits, '_', '@' or '-'.");
            assertThatThrownBy(() -> athena.createDataCatalog(r -> r.name("x").type("SPARK")))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Member must satisfy enum value set: [FEDERATED, GLUE, HIVE, LAMBDA]");
        }
    }

    @Test
    void queriesReadTheGlueCatalogThroughItsNames()
            throws Exception
    {
        Path sales = Files.createDirectories(data.resolve("s3/data-bucket/shop/sales"));
        Files.writeString(sales.resolve("part-0.txt"), "1|apple\n2|pear\n");
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of(RESULTS));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            succeed(athena, "CREATE DATABASE shop", Optional.empty());
            succeed(athena, "CREATE EXTERNAL TABLE shop.sales (id int, name string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '|' LOCATION 's3://data-bucket/shop/sales/'",
                    Optional.empty());
            athena.createDataCatalog(r -> r.name("Mirror").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", ACCOUNT)));
            athena.createDataCatalog(r -> r.name("elsewhere").type(DataCatalogType.GLUE).parameters(Map.of("catalog-id", "210987654321")));
            athena.createDataCatalog(r -> r.name("dynamo").type(DataCatalogType.LAMBDA).parameters(Map.of("function", "arn:aws:lambda:us-east-1:" + ACCOUNT + ":function:ddb")));

            assertThat(rows(athena, succeed(athena, "SELECT name FROM mirror.shop.sales ORDER BY id", Optional.empty()))).containsExactly("apple", "pear");
            assertThat(rows(athena, succeed(athena, "SELECT count(*) FROM \"MIRROR\".shop.sales JOIN awsdatacatalog.shop.sales USING (id)", Optional.empty())))
                    .containsExactly("2");
            QueryExecution inContext = succeed(athena, "SELECT name FROM shop.sales WHERE id = 2", Optional.of("Mirror"));
            assertThat(inContext.queryExecutionContext().catalog()).isEqualTo("mirror");
            assertThat(rows(athena, inContext)).containsExactly("pear");
            assertThat(athena.listDatabases(r -> r.catalogName("MIRROR")).databaseList()).extracting(d -> d.name()).containsExactly("default", "shop");
            assertThat(athena.getTableMetadata(r -> r.catalogName("mirror").databaseName("shop").tableName("sales")).tableMetadata().name()).isEqualTo("sales");

            assertFailed(athena, "SELECT * FROM dynamo.shop.sales", Optional.empty(), "NOT_SUPPORTED: line 1:15: Catalog 'dynamo' is a LAMBDA data catalog, "
                    + "whose metadata and data come from AWS Lambda functions, which Pallas cannot run", 1200);
            assertFailed(athena, "SELECT * FROM shop.sales", Optional.of("elsewhere"), "NOT_SUPPORTED: line 1:15: Catalog 'elsewhere' is the Glue Data Catalog of account "
                    + "210987654321, which Pallas cannot reach: it serves only its own catalog (account " + ACCOUNT + ")", 1200);
            assertThatThrownBy(() -> athena.listDatabases(r -> r.catalogName("dynamo")))
                    .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).startsWith("Catalog 'dynamo' is a LAMBDA data catalog"));
            assertFailed(athena, "SELECT * FROM nope.shop.sales", Optional.empty(), "CATALOG_NOT_FOUND: line 1:15: Catalog 'nope' does not exist", 1006);
            assertInvalidRequest(() -> athena.listDatabases(r -> r.catalogName("nope")), "DATACATALOG_NOT_FOUND", "DataCatalog nope was not found.");

            athena.deleteDataCatalog(r -> r.name("mirror"));
            assertFailed(athena, "SELECT * FROM mirror.shop.sales", Optional.empty(), "CATALOG_NOT_FOUND: line 1:15: Catalog 'mirror' does not exist", 1006);
        }
    }

    @Test
    void missingSchemaIsSchemaNotFound()
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of(RESULTS));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            assertFailed(athena, "SELECT * FROM nowhere.t", Optional.empty(), "SCHEMA_NOT_FOUND: line 1:15: Schema 'nowhere' does not exist", 1301);
            assertFailed(athena, "SELECT 1 FROM\n  default.t", Optional.empty(), "TABLE_NOT_FOUND: line 2:3: Table 'awsdatacatalog.default.t' does not exist", 1301);
            String id = athena.startQueryExecution(r -> r.queryString("SELECT * FROM t").queryExecutionContext(c -> c.database("Nowhere"))).queryExecutionId();
            QueryExecution execution = TestAthenaEndToEnd.await(athena, id);
            assertThat(execution.status().stateChangeReason()).isEqualTo("SCHEMA_NOT_FOUND: line 1:15: Schema 'nowhere' does not exist");
        }
    }

    private static QueryExecution run(AthenaClient athena, String sql, Optional<String> catalog)
    {
        String id = athena.startQueryExecution(r -> r.queryString(sql).queryExecutionContext(c -> c.catalog(catalog.orElse(null)))).queryExecutionId();
        return TestAthenaEndToEnd.await(athena, id);
    }

    private static QueryExecution succeed(AthenaClient athena, String sql, Optional<String> catalog)
    {
        QueryExecution execution = run(athena, sql, catalog);
        assertThat(execution.status().state()).as(sql + ": " + execution.status().stateChangeReason()).isEqualTo(QueryExecutionState.SUCCEEDED);
        return execution;
    }

    private static void assertFailed(AthenaClient athena, String sql, Optional<String> catalog, String reason, int errorType)
    {
        QueryExecution execution = run(athena, sql, catalog);
        assertThat(execution.status().state()).isEqualTo(QueryExecutionState.FAILED);
        assertThat(execution.status().stateChangeReason()).isEqualTo(reason);
        assertThat(execution.status().athenaError().errorCategory()).isEqualTo(2);
        assertThat(execution.status().athenaError().errorType()).isEqualTo(errorType);
    }

    /** The first column of the result rows, without the header row. */
    private static List<String> rows(AthenaClient athena, QueryExecution execution)
    {
        GetQueryResultsResponse results = athena.getQueryResults(r -> r.queryExecutionId(execution.queryExecutionId()));
        return results.resultSet().rows().stream().skip(1).map(row -> row.data().getFirst().varCharValue()).toList();
    }

    private static void assertInvalidRequest(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code, String message)
    {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.athenaErrorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }
}
