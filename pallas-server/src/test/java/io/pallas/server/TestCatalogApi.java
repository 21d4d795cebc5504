package io.pallas.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.DataCatalogSummary;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.MetadataException;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Athena metadata operations through the AWS SDK v2. */
class TestCatalogApi
{
    @Test
    void builtInCatalogAndDefaultDatabase(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            assertThat(athena.listDataCatalogs(r -> { }).dataCatalogsSummary())
                    .containsExactly(DataCatalogSummary.builder().catalogName("AwsDataCatalog").type("GLUE").build());
            assertThat(athena.getDataCatalog(r -> r.name("awsdatacatalog")).dataCatalog().parameters()).containsEntry("catalog-id", "123456789012");
            assertThat(athena.listDatabases(r -> r.catalogName("AwsDataCatalog")).databaseList()).extracting(d -> d.name()).containsExactly("default");
            assertThat(athena.getDatabase(r -> r.catalogName("AwsDataCatalog").databaseName("DEFAULT")).database().name()).isEqualTo("default");
            assertThat(athena.listTableMetadata(r -> r.catalogName("AwsDataCatalog").databaseName("default")).tableMetadataList()).isEmpty();
            assertThatThrownBy(() -> athena.getTableMetadata(r -> r.catalogName("AwsDataCatalog").databaseName("default").tableName("nope")))
                    .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).startsWith("Entity Not Found (Service: AmazonDataCatalog;"));
            assertThatThrownBy(() -> athena.getDatabase(r -> r.catalogName("AwsDataCatalog").databaseName("nope")))
                    .isInstanceOf(MetadataException.class);
            assertThatThrownBy(() -> athena.listDatabases(r -> r.catalogName("other")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.athenaErrorCode()).isEqualTo("DATACATALOG_NOT_FOUND"));
        }
    }
}
