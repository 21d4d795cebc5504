package io.pallas.server;

import io.pallas.server.storage.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Result objects on an S3-compatible server (moto), written with the query's result settings. */
class TestS3Results
{
    @Test
    void resultsGoToConfiguredS3BucketsWithTheirEncryption(@TempDir Path data)
            throws Exception
    {
        try (MotoServer moto = MotoServer.start();
                TestingPallasServer server = new TestingPallasServer(data, List.of(
                        "--s3-buckets", "remote-results",
                        "--s3-endpoint", moto.endpoint().toString(),
                        "--s3-access-key-id", "testing",
                        "--s3-secret-access-key", "testing",
                        "--s3-create-buckets", "true"));
                AthenaClient athena = TestAthenaEndToEnd.client(server);
                S3Client s3 = S3Client.builder()
                        .endpointOverride(moto.endpoint())
                        .region(Region.US_EAST_1)
                        .forcePathStyle(true)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build()) {
            String id = athena.startQueryExecution(r -> r.queryString("SELECT 'remote' AS where_")
                    .resultConfiguration(c -> c.outputLocation("s3://remote-results/athena/").encryptionConfiguration(e -> e.encryptionOption("SSE_S3"))))
                    .queryExecutionId();
            QueryExecution execution = TestAthenaEndToEnd.await(athena, id);
            assertThat(execution.status().stateAsString()).as(execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
            assertThat(execution.resultConfiguration().outputLocation()).isEqualTo("s3://remote-results/athena/" + id + ".csv");

            HeadObjectResponse head = s3.headObject(r -> r.bucket("remote-results").key("athena/" + id + ".csv"));
            assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
            String csv = s3.getObjectAsBytes(r -> r.bucket("remote-results").key("athena/" + id + ".csv")).asString(StandardCharsets.UTF_8);
            assertThat(csv).isEqualTo("\"where_\"\n\"remote\"\n");
            assertThat(server.objectPath("s3://remote-results/athena/" + id + ".csv")).doesNotExist();
            assertThat(athena.getQueryResults(r -> r.queryExecutionId(id)).resultSet().rows().get(1).data().getFirst().varCharValue()).isEqualTo("remote");

            // other buckets stay local
            String local = athena.startQueryExecution(r -> r.queryString("SELECT 1")).queryExecutionId();
            TestAthenaEndToEnd.await(athena, local);
            assertThat(server.objectPath("s3://pallas-query-results/" + local + ".csv")).exists();
        }
    }
}
