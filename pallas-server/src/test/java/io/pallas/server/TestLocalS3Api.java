package io.pallas.server;

import io.pallas.server.protocol.auth.AccessKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A lone Pallas serves its local store over the S3 API (an S3Proxy child process): data uploaded there is table data,
 * results are read back as objects, requests need the server's access key, and the child ends with the server.
 */
class TestLocalS3Api
{
    private static final String KEY = "AKIDLOCAL";
    private static final String SECRET = "local-secret";

    @Test
    void uploadQueryAndReadResultsThroughTheS3Port(@TempDir Path data)
            throws Exception
    {
        AccessKeys keys = new AccessKeys(Map.of(KEY, new AccessKeys.Credential(SECRET, Optional.empty())));
        ProcessHandle child;
        try (TestingPallasServer server = new TestingPallasServer(data, List.of("--local-s3-port", "0"), keys);
                AthenaClient athena = AthenaClient.builder()
                        .endpointOverride(server.endpoint())
                        .region(Region.US_EAST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
                S3Client s3 = s3(server.server().localS3Endpoint().orElseThrow(), SECRET)) {
            child = ProcessHandle.of(processOf(server)).orElseThrow();

            s3.createBucket(r -> r.bucket("uploads"));
            s3.putObject(r -> r.bucket("uploads").key("cities/part-0.csv"), RequestBody.fromString("Lisbon,545000\nPorto,232000\n"));
            // the bucket is a directory of the local store
            assertThat(data.resolve("s3/uploads/cities/part-0.csv")).hasContent("Lisbon,545000\nPorto,232000");

            String create = start(athena, "CREATE EXTERNAL TABLE cities (name string, population bigint) "
                    + "ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' LOCATION 's3://uploads/cities/'");
            assertThat(TestAthenaEndToEnd.await(athena, create).status().stateAsString()).isEqualTo("SUCCEEDED");
            String id = start(athena, "SELECT name, population FROM cities ORDER BY population DESC");
            QueryExecution execution = TestAthenaEndToEnd.await(athena, id);
            assertThat(execution.status().stateAsString()).as(execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
            assertThat(execution.resultConfiguration().outputLocation()).isEqualTo("s3://pallas-query-results/" + id + ".csv");

            // what PyAthena's pandas cursor does: read <id>.csv from S3
            String csv = s3.getObjectAsBytes(r -> r.bucket("pallas-query-results").key(id + ".csv")).asString(UTF_8);
            assertThat(csv).isEqualTo("\"name\",\"population\"\n\"Lisbon\",\"545000\"\n\"Porto\",\"232000\"\n");
            assertThat(s3.listObjectsV2(r -> r.bucket("pallas-query-results")).contents()).extracting(S3Object::key)
                    .contains(id + ".csv", id + ".csv.metadata");
            // the data directory's own files are not buckets
            assertThat(s3.listBuckets().buckets()).extracting(bucket -> bucket.name()).containsExactlyInAnyOrder("pallas-query-results", "uploads");
            assertThat(Files.exists(data.resolve("metadata.db"))).isTrue();

            try (S3Client stranger = s3(server.server().localS3Endpoint().orElseThrow(), "wrong-secret")) {
                assertThatThrownBy(() -> stranger.listObjectsV2(r -> r.bucket("uploads")))
                        .isInstanceOf(S3Exception.class)
                        .satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
            }
            assertThat(child.isAlive()).isTrue();
        }
        child.onExit().get(java.util.concurrent.TimeUnit.SECONDS.toMillis(15), java.util.concurrent.TimeUnit.MILLISECONDS);
        assertThat(child.isAlive()).as("S3Proxy stops with the server").isFalse();
    }

    @Test
    void portInUseIsReportedNotShared(@TempDir Path data)
            throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> new TestingPallasServer(data, List.of("--local-s3-port", String.valueOf(taken.getLocalPort()))).close())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("port " + taken.getLocalPort())
                    .hasMessageContaining("local-s3-port");
        }
    }

    private static long processOf(TestingPallasServer server)
    {
        return ProcessHandle.current().children()
                .filter(process -> process.info().commandLine().orElse("").contains("S3ProxyLauncher"))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElseThrow();
    }

    private static String start(AthenaClient athena, String sql)
    {
        return athena.startQueryExecution(r -> r.queryString(sql)).queryExecutionId();
    }

    private static S3Client s3(URI endpoint, String secret)
    {
        return S3Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + endpoint.getPort()))
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, secret)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
