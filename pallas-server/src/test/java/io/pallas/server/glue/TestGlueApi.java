package io.pallas.server.glue;

import io.pallas.server.TestingPallasServer;
import io.pallas.server.protocol.auth.AccessKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.TableMetadata;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.AlreadyExistsException;
import software.amazon.awssdk.services.glue.model.BatchCreatePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeletePartitionResponse;
import software.amazon.awssdk.services.glue.model.BatchDeleteTableResponse;
import software.amazon.awssdk.services.glue.model.BatchGetPartitionResponse;
import software.amazon.awssdk.services.glue.model.Column;
import software.amazon.awssdk.services.glue.model.ConcurrentModificationException;
import software.amazon.awssdk.services.glue.model.Database;
import software.amazon.awssdk.services.glue.model.EntityNotFoundException;
import software.amazon.awssdk.services.glue.model.GetTablesResponse;
import software.amazon.awssdk.services.glue.model.InvalidInputException;
import software.amazon.awssdk.services.glue.model.Partition;
import software.amazon.awssdk.services.glue.model.PartitionInput;
import software.amazon.awssdk.services.glue.model.PartitionValueList;
import software.amazon.awssdk.services.glue.model.SerDeInfo;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Glue catalog operations end to end through the AWS SDK v2 Glue client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestGlueApi
{
    private static final StorageDescriptor STORAGE = StorageDescriptor.builder()
            .columns(Column.builder().name("id").type("bigint").comment("the key").build(), Column.builder().name("name").type("string").build())
            .location("s3://warehouse/sales/orders/")
            .inputFormat("org.apache.hadoop.mapred.TextInputFormat")
            .outputFormat("org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat")
            .compressed(true)
            .numberOfBuckets(4)
            .serdeInfo(SerDeInfo.builder()
                    .serializationLibrary("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                    .parameters(Map.of("field.delim", ",", "serialization.format", ","))
                    .build())
            .bucketColumns("id")
            .build();

    private TestingPallasServer server;
    private GlueClient glue;

    @BeforeAll
    void startServer(@TempDir Path data)
            throws Exception
    {
        server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"), AccessKeys.none());
        glue = GlueClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    void stopServer()
            throws Exception
    {
        glue.close();
        server.close();
    }

    @Test
    void databases()
    {
        Instant before = Instant.now().minusSeconds(1);
        glue.createDatabase(r -> r.catalogId("123456789012").databaseInput(d -> d.name("Sales_DB").description("the sales").locationUri("s3://warehouse/sales/")
                .parameters(Map.of("owner", "team"))));
        Database database = glue.getDatabase(r -> r.name("SALES_db")).database();
        assertThat(database.name()).isEqualTo("sales_db");
        assertThat(database.description()).isEqualTo("the sales");
        assertThat(database.locationUri()).isEqualTo("s3://warehouse/sales/");
        assertThat(database.parameters()).isEqualTo(Map.of("owner", "team"));
        assertThat(database.createTime()).isAfter(before);
        assertThat(database.catalogId()).isEqualTo("123456789012");

        glue.updateDatabase(r -> r.name("sales_db").databaseInput(d -> d.name("sales_db").description("renamed description")));
        Database updated = glue.getDatabase(r -> r.name("sales_db")).database();
        assertThat(updated.description()).isEqualTo("renamed description");
        assertThat(updated.locationUri()).isNull();
        assertThat(updated.createTime()).isEqualTo(database.createTime());

        for (int i = 0; i < 5; i++) {
            String name = "paged_" + i;
            glue.createDatabase(r -> r.databaseInput(d -> d.name(name)));
        }
        assertThat(glue.getDatabasesPaginator(r -> r.maxResults(2)).stream().flatMap(page -> page.databaseList().stream()).map(Database::name))
                .startsWith("default")
                .contains("paged_0", "paged_4", "sales_db")
                .doesNotHaveDuplicates();
        assertThat(glue.getDatabases(r -> r.maxResults(2)).nextToken()).isNotNull();

        glue.createTable(r -> r.databaseName("paged_0").tableInput(t -> t.name("t").storageDescriptor(STORAGE)));
        glue.deleteDatabase(r -> r.name("PAGED_0"));
        assertThatThrownBy(() -> glue.getDatabase(r -> r.name("paged_0")))
                .isInstanceOfSatisfying(EntityNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Database paged_0 not found."));
        assertThatThrownBy(() -> glue.getTable(r -> r.databaseName("paged_0").name("t"))).isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.deleteDatabase(r -> r.name("paged_0")))
                .isInstanceOfSatisfying(EntityNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Database paged_0 not found."));
        assertThatThrownBy(() -> glue.createDatabase(r -> r.databaseInput(d -> d.name("SALES_DB"))))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Database already exists."));
        assertThatThrownBy(() -> glue.createDatabase(r -> r.databaseInput(d -> d.description("no name"))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value null at 'databaseInput.name' failed to satisfy constraint: Member must not be null"));
        assertThatThrownBy(() -> glue.getDatabase(r -> r.name("x".repeat(256))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value at 'name' failed to satisfy constraint: Member must have length less than or equal to 255"));
        assertThatThrownBy(() -> glue.updateDatabase(r -> r.name("nope").databaseInput(d -> d.name("nope"))))
                .isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void tables()
    {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("shop")));
        TableInput input = TableInput.builder()
                .name("Orders")
                .description("all orders")
                .owner("hadoop")
                .storageDescriptor(STORAGE)
                .partitionKeys(Column.builder().name("dt").type("string").build(), Column.builder().name("region").type("string").comment("where").build())
                .tableType("EXTERNAL_TABLE")
                .parameters(Map.of("classification", "csv", "skip.header.line.count", "1"))
                .build();
        Instant before = Instant.now().minusSeconds(1);
        glue.createTable(r -> r.catalogId("123456789012").databaseName("SHOP").tableInput(input));

        Table table = glue.getTable(r -> r.databaseName("shop").name("ORDERS")).table();
        assertThat(table.name()).isEqualTo("orders");
        assertThat(table.databaseName()).isEqualTo("shop");
        assertThat(table.description()).isEqualTo("all orders");
        assertThat(table.owner()).isEqualTo("hadoop");
        assertThat(table.createTime()).isAfter(before);
        assertThat(table.updateTime()).isEqualTo(table.createTime());
        assertThat(table.storageDescriptor().columns()).isEqualTo(STORAGE.columns());
        assertThat(table.storageDescriptor().location()).isEqualTo(STORAGE.location());
        assertThat(table.storageDescriptor().inputFormat()).isEqualTo(STORAGE.inputFormat());
        assertThat(table.storageDescriptor().outputFormat()).isEqualTo(STORAGE.outputFormat());
        assertThat(table.storageDescriptor().compressed()).isTrue();
        assertThat(table.storageDescriptor().numberOfBuckets()).isEqualTo(4);
        assertThat(table.storageDescriptor().serdeInfo()).isEqualTo(STORAGE.serdeInfo());
        assertThat(table.storageDescriptor().bucketColumns()).containsExactly("id");
        assertThat(table.partitionKeys()).isEqualTo(input.partitionKeys());
        assertThat(table.tableType()).isEqualTo("EXTERNAL_TABLE");
        assertThat(table.parameters()).isEqualTo(input.parameters());
        assertThat(table.viewOriginalText()).isNull();
        assertThat(table.catalogId()).isEqualTo("123456789012");
        assertThat(table.versionId()).isEqualTo("1");

        // Athena sees the table Glue created
        try (AthenaClient athena = AthenaClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            TableMetadata metadata = athena.getTableMetadata(r -> r.catalogName("AwsDataCatalog").databaseName("shop").tableName("orders")).tableMetadata();
            assertThat(metadata.columns()).extracting(c -> c.name()).containsExactly("id", "name");
            assertThat(metadata.partitionKeys()).extracting(c -> c.name()).containsExactly("dt", "region");
            assertThat(metadata.parameters()).containsEntry("location", "s3://warehouse/sales/orders/").containsEntry("classification", "csv");
        }

        glue.createTable(r -> r.databaseName("shop").tableInput(t -> t.name("customers").storageDescriptor(STORAGE)));
        glue.createTable(r -> r.databaseName("shop").tableInput(t -> t.name("order_items").storageDescriptor(STORAGE)));
        glue.createTable(r -> r.databaseName("shop").tableInput(t -> t.name("orders_view").tableType("VIRTUAL_VIEW")
                .viewOriginalText("/* Presto View: e30= */").viewExpandedText("/* Presto View */")
                .storageDescriptor(s -> s.columns(Column.builder().name("id").type("bigint").build()))));
        assertThat(names(glue.getTables(r -> r.databaseName("shop")))).containsExactly("customers", "order_items", "orders", "orders_view");
        assertThat(names(glue.getTables(r -> r.databaseName("shop").expression("order*")))).containsExactly("order_items", "orders", "orders_view");
        assertThat(names(glue.getTables(r -> r.databaseName("shop").expression("*view*")))).containsExactly("orders_view");
        assertThat(names(glue.getTables(r -> r.databaseName("shop").expression("customers|orders")))).containsExactly("customers", "orders");
        assertThat(glue.getTablesPaginator(r -> r.databaseName("shop").maxResults(1)).stream().flatMap(page -> page.tableList().stream()).map(Table::name))
                .containsExactly("customers", "order_items", "orders", "orders_view");
        GetTablesResponse firstPage = glue.getTables(r -> r.databaseName("shop").maxResults(3));
        assertThat(names(firstPage)).hasSize(3);
        assertThat(names(glue.getTables(r -> r.databaseName("shop").maxResults(3).nextToken(firstPage.nextToken())))).containsExactly("orders_view");
        Table view = glue.getTable(r -> r.databaseName("shop").name("orders_view")).table();
        assertThat(view.tableType()).isEqualTo("VIRTUAL_VIEW");
        assertThat(view.viewOriginalText()).isEqualTo("/* Presto View: e30= */");
        assertThat(view.viewExpandedText()).isEqualTo("/* Presto View */");

        glue.updateTable(r -> r.databaseName("shop").tableInput(input.toBuilder().description("updated").parameters(Map.of("classification", "parquet")).build()));
        Table updated = glue.getTable(r -> r.databaseName("shop").name("orders")).table();
        assertThat(updated.description()).isEqualTo("updated");
        assertThat(updated.parameters()).isEqualTo(Map.of("classification", "parquet"));
        assertThat(updated.createTime()).isEqualTo(table.createTime());
        assertThat(updated.updateTime()).isAfterOrEqualTo(table.updateTime());
        assertThat(updated.versionId()).isEqualTo("2");
        assertThatThrownBy(() -> glue.updateTable(r -> r.databaseName("shop").versionId("1").tableInput(input)))
                .isInstanceOf(ConcurrentModificationException.class);
        glue.updateTable(r -> r.databaseName("shop").versionId("2").tableInput(input));

        assertThatThrownBy(() -> glue.createTable(r -> r.databaseName("shop").tableInput(input)))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Table already exists."));
        assertThatThrownBy(() -> glue.createTable(r -> r.databaseName("nodb").tableInput(input)))
                .isInstanceOfSatisfying(EntityNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Database nodb not found."));
        assertThatThrownBy(() -> glue.getTable(r -> r.databaseName("shop").name("Nope")))
                .isInstanceOfSatisfying(EntityNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Table nope not found."));
        assertThatThrownBy(() -> glue.getTables(r -> r.databaseName("nodb")))
                .isInstanceOfSatisfying(EntityNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Database nodb not found."));
        assertThatThrownBy(() -> glue.updateTable(r -> r.databaseName("shop").tableInput(t -> t.name("nope"))))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.createTable(r -> r.databaseName("shop").tableInput(t -> t.storageDescriptor(s -> s.columns(Column.builder().build())))))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(
                        "2 validation errors detected: Value null at 'tableInput.name' failed to satisfy constraint: Member must not be null; "
                                + "Value null at 'tableInput.storageDescriptor.columns.1.member.name' failed to satisfy constraint: Member must not be null"));
        assertThatThrownBy(() -> glue.getTables(r -> r.databaseName("shop").nextToken("garbage")))
                .isInstanceOf(InvalidInputException.class);

        glue.deleteTable(r -> r.databaseName("shop").name("CUSTOMERS"));
        assertThatThrownBy(() -> glue.deleteTable(r -> r.databaseName("shop").name("customers")))
                .isInstanceOfSatisfying(EntityNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Table customers not found."));
        BatchDeleteTableResponse batch = glue.batchDeleteTable(r -> r.databaseName("shop").tablesToDelete("order_items", "missing"));
        assertThat(batch.errors()).hasSize(1);
        assertThat(batch.errors().getFirst().tableName()).isEqualTo("missing");
        assertThat(batch.errors().getFirst().errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(batch.errors().getFirst().errorDetail().errorMessage()).isEqualTo("Table missing not found.");
        assertThat(names(glue.getTables(r -> r.databaseName("shop")))).containsExactly("orders", "orders_view");
    }

    @Test
    void partitions()
    {
        glue.createDatabase(r -> r.databaseInput(d -> d.name("events")));
        glue.createTable(r -> r.databaseName("events").tableInput(t -> t.name("clicks").storageDescriptor(STORAGE)
                .partitionKeys(Column.builder().name("year").type("int").build(), Column.builder().name("region").type("string").build())));
        BatchCreatePartitionResponse created = glue.batchCreatePartition(r -> r.databaseName("events").tableName("clicks").partitionInputList(
                partition("2023", "eu"), partition("2023", "us"), partition("2024", "eu"), partition("2024", "us"), partition("9", "eu"),
                partition("2024", "eu"), PartitionInput.builder().values("2024").build()));
        assertThat(created.errors()).hasSize(2);
        assertThat(created.errors().get(0).partitionValues()).containsExactly("2024", "eu");
        assertThat(created.errors().get(0).errorDetail().errorCode()).isEqualTo("AlreadyExistsException");
        assertThat(created.errors().get(0).errorDetail().errorMessage()).isEqualTo("Partition already exists.");
        assertThat(created.errors().get(1).errorDetail().errorCode()).isEqualTo("InvalidInputException");

        Partition partition = glue.getPartition(r -> r.databaseName("events").tableName("clicks").partitionValues("2024", "eu")).partition();
        assertThat(partition.values()).containsExactly("2024", "eu");
        assertThat(partition.databaseName()).isEqualTo("events");
        assertThat(partition.tableName()).isEqualTo("clicks");
        assertThat(partition.creationTime()).isNotNull();
        assertThat(partition.storageDescriptor().location()).isEqualTo("s3://warehouse/clicks/year=2024/region=eu/");
        assertThat(partition.storageDescriptor().inputFormat()).isEqualTo(STORAGE.inputFormat());
        assertThat(partition.storageDescriptor().serdeInfo().serializationLibrary()).isEqualTo(STORAGE.serdeInfo().serializationLibrary());
        assertThat(partition.storageDescriptor().columns()).isEqualTo(STORAGE.columns());
        assertThat(partition.parameters()).isEqualTo(Map.of("source", "test"));

        assertThat(values(null)).containsExactly("2023/eu", "2023/us", "2024/eu", "2024/us", "9/eu");
        assertThat(values("year = '2024'")).containsExactly("2024/eu", "2024/us");
        assertThat(values("year=2024 AND region='us'")).containsExactly("2024/us");
        assertThat(values("region IN ('eu')")).containsExactly("2023/eu", "2024/eu", "9/eu");
        assertThat(values("year < 2024")).containsExactly("2023/eu", "2023/us", "9/eu");
        assertThat(values("region > 'eu'")).containsExactly("2023/us", "2024/us");
        assertThat(glue.getPartitionsPaginator(r -> r.databaseName("events").tableName("clicks").maxResults(2)).stream().flatMap(page -> page.partitions().stream())
                .map(p -> String.join("/", p.values()))).containsExactly("2023/eu", "2023/us", "2024/eu", "2024/us", "9/eu");
        assertThatThrownBy(() -> values("region LIKE 'e%'"))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).startsWith("Unsupported expression"));

        BatchGetPartitionResponse got = glue.batchGetPartition(r -> r.databaseName("events").tableName("clicks").partitionsToGet(
                PartitionValueList.builder().values("2023", "us").build(), PartitionValueList.builder().values("1999", "us").build()));
        assertThat(got.partitions()).extracting(Partition::values).containsExactly(List.of("2023", "us"));
        assertThat(got.unprocessedKeys()).isEmpty();

        glue.updatePartition(r -> r.databaseName("events").tableName("clicks").partitionValueList("2024", "eu")
                .partitionInput(p -> p.values("2024", "eu").storageDescriptor(s -> s.location("s3://elsewhere/")).parameters(Map.of("moved", "yes"))));
        Partition moved = glue.getPartition(r -> r.databaseName("events").tableName("clicks").partitionValues("2024", "eu")).partition();
        assertThat(moved.storageDescriptor().location()).isEqualTo("s3://elsewhere/");
        assertThat(moved.parameters()).isEqualTo(Map.of("moved", "yes"));
        assertThat(moved.creationTime()).isEqualTo(partition.creationTime());

        assertThatThrownBy(() -> glue.createPartition(r -> r.databaseName("events").tableName("clicks").partitionInput(partition("2023", "eu"))))
                .isInstanceOfSatisfying(AlreadyExistsException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Partition already exists."));
        glue.createPartition(r -> r.databaseName("events").tableName("clicks").partitionInput(partition("2025", "eu")));
        glue.deletePartition(r -> r.databaseName("events").tableName("clicks").partitionValues("2025", "eu"));
        assertThatThrownBy(() -> glue.getPartition(r -> r.databaseName("events").tableName("clicks").partitionValues("2025", "eu")))
                .isInstanceOfSatisfying(EntityNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot find partition."));
        assertThatThrownBy(() -> glue.deletePartition(r -> r.databaseName("events").tableName("clicks").partitionValues("2025", "eu")))
                .isInstanceOf(EntityNotFoundException.class);
        assertThatThrownBy(() -> glue.getPartition(r -> r.databaseName("events").tableName("clicks").partitionValues("2025")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The number of partition keys do not match the number of partition values."));
        assertThatThrownBy(() -> glue.getPartitions(r -> r.databaseName("events").tableName("nope")))
                .isInstanceOfSatisfying(EntityNotFoundException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Table nope not found."));

        BatchDeletePartitionResponse deleted = glue.batchDeletePartition(r -> r.databaseName("events").tableName("clicks").partitionsToDelete(
                PartitionValueList.builder().values("2023", "eu").build(), PartitionValueList.builder().values("2023", "us").build(),
                PartitionValueList.builder().values("1999", "eu").build()));
        assertThat(deleted.errors()).hasSize(1);
        assertThat(deleted.errors().getFirst().partitionValues()).containsExactly("1999", "eu");
        assertThat(deleted.errors().getFirst().errorDetail().errorCode()).isEqualTo("EntityNotFoundException");
        assertThat(values(null)).containsExactly("2024/eu", "2024/us", "9/eu");
    }

    private List<String> values(String expression)
    {
        return glue.getPartitions(r -> r.databaseName("events").tableName("clicks").expression(expression)).partitions().stream()
                .map(p -> String.join("/", p.values()))
                .toList();
    }

    private static PartitionInput partition(String year, String region)
    {
        Consumer<StorageDescriptor.Builder> storage = s -> s.location("s3://warehouse/clicks/year=" + year + "/region=" + region + "/");
        return PartitionInput.builder().values(year, region).storageDescriptor(storage).parameters(Map.of("source", "test")).build();
    }

    private static List<String> names(GetTablesResponse response)
    {
        return response.tableList().stream().map(Table::name).toList();
    }
}
