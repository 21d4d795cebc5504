package io.pallas.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The AWS JSON 1.1 wire rules, checked with raw HTTP so nothing in an SDK hides a difference. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestAwsJsonProtocol
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDirectory;

    private TestingPallasServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start()
            throws Exception
    {
        server = new TestingPallasServer(dataDirectory, Optional.of("s3://pallas-query-results/"));
    }

    @AfterAll
    void stop()
            throws Exception
    {
        http.close();
        server.close();
    }

    private record Answer(int status, JsonNode body, HttpResponse<String> response) {}

    private Answer post(String target, String body)
            throws Exception
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            request.header("X-Amz-Target", target);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.1");
        return new Answer(response.statusCode(), JSON.readTree(response.body()), response);
    }

    @Test
    void unknownOrMissingTargetIsUnknownOperation()
            throws Exception
    {
        for (String target : new String[] {null, "AmazonAthena.NoSuchOperation", "amazonathena.GetWorkGroup", "GetWorkGroup"}) {
            Answer answer = post(target, "{}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().toString()).isEqualTo("{\"__type\":\"UnknownOperationException\"}");
            assertThat(answer.response().headers().firstValue("x-amzn-ErrorType")).hasValue("UnknownOperationException");
        }
    }

    @Test
    void unparseableBodyIsSerializationExceptionWithoutMessage()
            throws Exception
    {
        for (String body : new String[] {"", "{", "null", "\"x\"", "{\"a\":1,}"}) {
            Answer answer = post("AmazonAthena.GetWorkGroup", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.body().toString()).as(body).isEqualTo("{\"__type\":\"SerializationException\"}");
        }
    }

    @Test
    void wronglyTypedMembersAreNotCoerced()
            throws Exception
    {
        Answer answer = post("AmazonAthena.ListQueryExecutions", "{\"MaxResults\":\"10\"}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("__type").asText()).isEqualTo("SerializationException");
        assertThat(answer.body().get("Message").asText()).isEqualTo("STRING_VALUE can not be converted to an Integer");

        answer = post("AmazonAthena.StartQueryExecution", "{\"QueryString\":5}");
        assertThat(answer.body().get("Message").asText()).isEqualTo("NUMBER_VALUE can not be converted to a String");
    }

    @Test
    void validationErrorsAreReportedTogetherInAwsForm()
            throws Exception
    {
        Answer answer = post("AmazonAthena.StartQueryExecution", "{\"ClientRequestToken\":\"short\",\"Unknown\":1}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().get("__type").asText()).isEqualTo("InvalidRequestException");
        assertThat(answer.body().get("AthenaErrorCode").asText()).isEqualTo("INVALID_INPUT");
        assertThat(answer.body().get("ErrorCode").asText()).isEqualTo("INVALID_INPUT");
        assertThat(answer.body().get("Message").asText()).isEqualTo("2 validation errors detected: "
                + "Value null at 'queryString' failed to satisfy constraint: Member must not be null; "
                + "Value at 'clientRequestToken' failed to satisfy constraint: Member must have length greater than or equal to 32");
        assertThat(answer.response().headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestException");
    }

    @Test
    void startWithoutTokenIsRefused()
            throws Exception
    {
        Answer answer = post("AmazonAthena.StartQueryExecution", "{\"QueryString\":\"SELECT 1\",\"ClientRequestToken\":null}");
        assertThat(answer.body().get("Message").asText()).isEqualTo("clientRequestToken is null or empty");
    }

    @Test
    void timestampsAreEpochSecondNumbers()
            throws Exception
    {
        Answer answer = post("AmazonAthena.GetWorkGroup", "{\"WorkGroup\":\"primary\"}");
        assertThat(answer.status()).isEqualTo(200);
        JsonNode workGroup = answer.body().get("WorkGroup");
        assertThat(workGroup.get("CreationTime").isNumber()).isTrue();
        assertThat(workGroup.has("Description")).isFalse();
        assertThat(workGroup.get("Configuration").get("ResultConfiguration").get("OutputLocation").asText()).isEqualTo("s3://pallas-query-results/");
    }

    @Test
    void foreignPageTokensAreMalformed()
            throws Exception
    {
        for (String target : new String[] {"AmazonAthena.ListWorkGroups", "AmazonAthena.ListQueryExecutions"}) {
            Answer answer = post(target, "{\"NextToken\":\"garbage\"}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body().get("AthenaErrorCode").asText()).isEqualTo("INVALID_INPUT");
            assertThat(answer.body().get("Message").asText()).isEqualTo("The nextPageToken is malformed: garbage");
        }
    }

    @Test
    void lastPageHasNoNextTokenKey()
            throws Exception
    {
        Answer answer = post("AmazonAthena.ListWorkGroups", "{}");
        assertThat(answer.body().has("NextToken")).isFalse();
        assertThat(answer.body().get("WorkGroups").get(0).get("Description").asText()).isEmpty();
    }
}
