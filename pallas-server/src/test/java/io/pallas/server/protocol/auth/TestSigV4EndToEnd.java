package io.pallas.server.protocol.auth;

import io.pallas.server.TestingPallasServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaException;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server with access keys configured, driven by the AWS SDK for Java v2 and by raw HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestSigV4EndToEnd
{
    private static final String KEY_ID = "AKIDPALLASE2E";
    private static final String SECRET = "e2e/secret+key";
    private static final String TEMPORARY_KEY_ID = "ASIAPALLASE2E";
    private static final String TEMPORARY_SECRET = "temporary";
    private static final String SESSION_TOKEN = "session-token-e2e";

    @TempDir
    static Path dataDirectory;

    private TestingPallasServer server;

    @BeforeAll
    void startServer()
            throws Exception
    {
        AccessKeys keys = new AccessKeys(Map.of(
                KEY_ID, new AccessKeys.Credential(SECRET, Optional.empty()),
                TEMPORARY_KEY_ID, new AccessKeys.Credential(TEMPORARY_SECRET, Optional.of(SESSION_TOKEN))));
        server = new TestingPallasServer(dataDirectory, Optional.of("s3://pallas-query-results/"), keys);
    }

    @AfterAll
    void stopServer()
            throws Exception
    {
        server.close();
    }

    @Test
    void sdkClientWithTheRightKeyIsServed()
            throws Exception
    {
        try (AthenaClient athena = client(AwsBasicCredentials.create(KEY_ID, SECRET))) {
            assertThat(athena.getWorkGroup(r -> r.workGroup("primary")).workGroup().name()).isEqualTo("primary");
            String id = athena.startQueryExecution(r -> r.queryString("SELECT 1")).queryExecutionId();
            assertThat(awaitDone(athena, id)).isEqualTo(QueryExecutionState.SUCCEEDED);
            assertThat(athena.getQueryResults(r -> r.queryExecutionId(id)).resultSet().rows()).hasSize(2);
        }
    }

    @Test
    void sdkClientWithTemporaryCredentialsIsServed()
    {
        try (AthenaClient athena = client(AwsSessionCredentials.create(TEMPORARY_KEY_ID, TEMPORARY_SECRET, SESSION_TOKEN))) {
            assertThat(athena.getWorkGroup(r -> r.workGroup("primary")).workGroup().name()).isEqualTo("primary");
        }
        try (AthenaClient athena = client(AwsSessionCredentials.create(TEMPORARY_KEY_ID, TEMPORARY_SECRET, "stolen-elsewhere"))) {
            assertThatThrownBy(() -> athena.getWorkGroup(r -> r.workGroup("primary")))
                    .isInstanceOfSatisfying(AthenaException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The security token included in the request is invalid.");
                    });
        }
    }

    @Test
    void sdkClientWithAWrongSecretGetsInvalidSignature()
    {
        try (AthenaClient athena = client(AwsBasicCredentials.create(KEY_ID, "wrong"))) {
            assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("SELECT 1")))
                    .isInstanceOfSatisfying(AthenaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(SigV4Authenticator.SIGNATURE_MISMATCH);
                    });
        }
    }

    @Test
    void sdkClientWithAnUnknownKeyIsUnrecognized()
    {
        try (AthenaClient athena = client(AwsBasicCredentials.create("AKIDUNKNOWN", SECRET))) {
            assertThatThrownBy(() -> athena.listWorkGroups(r -> { }))
                    .isInstanceOfSatisfying(AthenaException.class, e -> {
                        assertThat(e.statusCode()).isEqualTo(400);
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                    });
        }
    }

    @Test
    void unsignedRequestIsRefusedBeforeItsOperationIsLookedAt()
            throws Exception
    {
        try (HttpClient http = HttpClient.newHttpClient()) {
            for (String target : new String[] {"AmazonAthena.ListWorkGroups", "AmazonAthena.NoSuchOperation"}) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(server.endpoint().resolve("/"))
                                .header("Content-Type", "application/x-amz-json-1.1")
                                .header("X-Amz-Target", target)
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(403);
                assertThat(response.headers().firstValue("x-amzn-ErrorType")).contains("MissingAuthenticationTokenException");
                assertThat(response.body()).isEqualTo("{\"__type\":\"MissingAuthenticationTokenException\",\"Message\":\"Missing Authentication Token\"}");
            }
        }
    }

    @Test
    void encodedPathAndQueryAreVerifiedAsSent()
            throws Exception
    {
        byte[] body = "{\"WorkGroup\":\"primary\"}".getBytes(StandardCharsets.UTF_8);
        URI uri = server.endpoint().resolve("/some%20dir/a+b/%C3%A9?b=2&a=x%20y&a=1");
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                        .identity(AwsCredentialsIdentity.create(KEY_ID, SECRET))
                        .request(SdkHttpRequest.builder()
                                .method(SdkHttpMethod.POST)
                                .uri(uri)
                                .putHeader("Content-Type", "application/x-amz-json-1.1")
                                .putHeader("X-Amz-Target", "AmazonAthena.GetWorkGroup")
                                .build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "athena")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
                .request();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        // java.net.http sets Host itself, to the same value the signer signed
        signed.forEachHeader((name, values) -> values.forEach(value -> {
            if (!name.equalsIgnoreCase("host")) {
                request.header(name, value);
            }
        }));
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
    }

    private AthenaClient client(AwsCredentials credentials)
    {
        return AthenaClient.builder()
                .endpointOverride(URI.create(server.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static QueryExecutionState awaitDone(AthenaClient athena, String id)
            throws InterruptedException
    {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            QueryExecutionState state = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution().status().state();
            if (state != QueryExecutionState.QUEUED && state != QueryExecutionState.RUNNING || Instant.now().isAfter(deadline)) {
                return state;
            }
            Thread.sleep(50);
        }
    }
}
