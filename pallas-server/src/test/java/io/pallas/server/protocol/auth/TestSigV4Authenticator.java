package io.pallas.server.protocol.auth;

import io.pallas.server.protocol.ApiException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static io.pallas.server.protocol.auth.SigV4Authenticator.INVALID_TOKEN;
import static io.pallas.server.protocol.auth.SigV4Authenticator.SIGNATURE_MISMATCH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AWS SDK for Java v2 signer is the oracle: what it signs must pass, and every alteration must fail as AWS fails it. */
class TestSigV4Authenticator
{
    private static final Instant NOW = Instant.parse("2026-03-08T09:30:15Z");
    private static final String KEY_ID = "AKIDPALLASTEST";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TEMPORARY_KEY_ID = "ASIAPALLASTEST";
    private static final String TEMPORARY_SECRET = "temporary-secret";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLETOKEN//+=";
    private static final byte[] BODY = "{\"WorkGroup\":\"primary\"}".getBytes(StandardCharsets.UTF_8);

    private final SigV4Authenticator authenticator = authenticator(Optional.empty());

    private static SigV4Authenticator authenticator(Optional<String> region)
    {
        AccessKeys keys = new AccessKeys(Map.of(
                KEY_ID, new AccessKeys.Credential(SECRET, Optional.empty()),
                TEMPORARY_KEY_ID, new AccessKeys.Credential(TEMPORARY_SECRET, Optional.of(SESSION_TOKEN))));
        return new SigV4Authenticator(keys, Set.of("athena", "glue"), region, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void requestSignedByTheSdkPasses()
    {
        assertPasses(signed(Signing.athena()));
    }

    @Test
    void everyAcceptedServiceNameMayBeInTheScope()
    {
        assertPasses(signed(Signing.athena().service("glue")));
    }

    @Test
    void pathAndQueryAreCanonicalisedAsTheSdkDoes()
    {
        Signing signing = Signing.athena()
                .uri("http://127.0.0.1:8480/some%20dir/a+b/%E2%82%AC/")
                .query("b", "2")
                .query("a", "x y+z/é")
                .query("a", "1")
                .query("empty", "");
        assertPasses(signed(signing));
    }

    @Test
    void headerValuesAreTrimmedAndSpacesCollapsed()
    {
        assertPasses(signed(Signing.athena().header("X-Custom", "  a   b  c ")));
    }

    @Test
    void temporaryCredentialsWithTheirSessionTokenPass()
    {
        assertPasses(signed(Signing.athena().session(TEMPORARY_KEY_ID, TEMPORARY_SECRET, SESSION_TOKEN)));
    }

    @Test
    void regionIsFreeUnlessOneIsRequired()
    {
        SignedHttp request = signed(Signing.athena().region("eu-central-1"));
        assertPasses(request);
        assertFails(() -> authenticate(authenticator(Optional.of("us-east-1")), request),
                "InvalidSignatureException", 400, "Credential should be scoped to a valid region, not 'eu-central-1'. ");
        assertPasses(authenticator(Optional.of("eu-central-1")), request);
    }

    @Test
    void wrongSecretIsASignatureMismatch()
    {
        assertMismatch(signed(Signing.athena().credentials(KEY_ID, "not-the-secret")));
    }

    @Test
    void alteredBodyIsASignatureMismatch()
    {
        SignedHttp request = signed(Signing.athena());
        assertMismatch(request.withBody("{\"WorkGroup\":\"other\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void alteredSignedHeaderIsASignatureMismatch()
    {
        SignedHttp request = signed(Signing.athena());
        assertMismatch(request.withHeader("x-amz-target", "AmazonAthena.DeleteWorkGroup"));
        assertMismatch(request.withHeader("host", "127.0.0.1:9999"));
    }

    @Test
    void unsignedHeadersMayChange()
    {
        assertPasses(signed(Signing.athena()).withHeader("user-agent", "something else"));
    }

    @Test
    void hostMustBeSigned()
    {
        SignedHttp request = signed(Signing.athena());
        String authorization = request.header("authorization").replaceFirst("SignedHeaders=host;", "SignedHeaders=")
                .replaceFirst(";host;", ";");
        assertFails(() -> authenticate(request.withHeader("authorization", authorization)),
                "IncompleteSignatureException", 400, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    @Test
    void unknownAccessKeyIsUnrecognized()
    {
        assertFails(() -> authenticate(signed(Signing.athena().credentials("AKIDUNKNOWN", SECRET))),
                "UnrecognizedClientException", 400, INVALID_TOKEN);
    }

    @Test
    void requestOlderThanFifteenMinutesHasExpired()
    {
        SignedHttp request = signed(Signing.athena().time(NOW.minus(Duration.ofMinutes(16))));
        assertFails(() -> authenticate(request), "InvalidSignatureException", 400,
                "Signature expired: 20260308T091415Z is now earlier than 20260308T091515Z (20260308T093015Z - 15 min.)");
        assertPasses(signed(Signing.athena().time(NOW.minus(Duration.ofMinutes(15)))));
    }

    @Test
    void requestMoreThanFifteenMinutesAheadIsNotYetCurrent()
    {
        SignedHttp request = signed(Signing.athena().time(NOW.plus(Duration.ofMinutes(16))));
        assertFails(() -> authenticate(request), "InvalidSignatureException", 400,
                "Signature not yet current: 20260308T094615Z is still later than 20260308T094515Z (20260308T093015Z + 15 min.)");
    }

    @Test
    void missingAuthorizationIsMissingAuthenticationToken()
    {
        SignedHttp request = signed(Signing.athena()).withoutHeader("authorization");
        assertFails(() -> authenticate(request), "MissingAuthenticationTokenException", 403, "Missing Authentication Token");
    }

    @Test
    void garbledAuthorizationNamesWhatIsMissing()
    {
        SignedHttp request = signed(Signing.athena());
        String partial = "AWS4-HMAC-SHA256 Credential=" + KEY_ID + "/20260308/us-east-1/athena/aws4_request";
        assertFails(() -> authenticate(request.withHeader("authorization", partial)), "IncompleteSignatureException", 400,
                "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=" + partial);
        assertFails(() -> authenticate(request.withHeader("authorization", "AWS4-HMAC-SHA256 garbage").withoutHeader("x-amz-date")),
                "IncompleteSignatureException", 400,
                "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. "
                        + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 garbage");
        assertFails(() -> authenticate(request.withHeader("authorization", "Bearer abc")), "IncompleteSignatureException", 400,
                "Unsupported AWS 'algorithm': 'Bearer'. Only 'AWS4-HMAC-SHA256' is supported. Authorization=Bearer abc");
    }

    @Test
    void malformedCredentialScopeIsIncomplete()
    {
        SignedHttp request = signed(Signing.athena());
        String shortScope = request.header("authorization").replace("/us-east-1/athena/aws4_request", "/athena/aws4_request");
        assertFails(() -> authenticate(request.withHeader("authorization", shortScope)), "IncompleteSignatureException", 400,
                "Credential should be of the form '<AccessKeyId>/<yyyymmdd>/<region>/<service>/aws4_request', not '"
                        + KEY_ID + "/20260308/athena/aws4_request'. Authorization=" + shortScope);
        String badTerminator = request.header("authorization").replace("/aws4_request", "/aws5_request");
        assertFails(() -> authenticate(request.withHeader("authorization", badTerminator)), "IncompleteSignatureException", 400,
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. Authorization=" + badTerminator);
    }

    @Test
    void scopeDateMustBeTheRequestDate()
    {
        SignedHttp request = signed(Signing.athena());
        String otherDay = request.header("authorization").replace("/20260308/", "/20260307/");
        assertFails(() -> authenticate(request.withHeader("authorization", otherDay)), "InvalidSignatureException", 400,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260307' != '20260308', from '20260308T093015Z'.");
    }

    @Test
    void unparseableDateIsRefused()
    {
        assertFails(() -> authenticate(signed(Signing.athena()).withHeader("x-amz-date", "2026-03-08 09:30")), "IncompleteSignatureException", 400,
                "Date must be in ISO-8601 'basic format'. Got '2026-03-08 09:30'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void otherServicesAreRefused()
    {
        assertFails(() -> authenticate(signed(Signing.athena().service("s3"))), "InvalidSignatureException", 400,
                "Credential should be scoped to correct service: 'athena' or 'glue'. ");
    }

    @Test
    void sessionTokenMustMatchTheConfiguredOne()
    {
        assertFails(() -> authenticate(signed(Signing.athena().session(TEMPORARY_KEY_ID, TEMPORARY_SECRET, "another-token"))),
                "UnrecognizedClientException", 400, INVALID_TOKEN);
        assertFails(() -> authenticate(signed(Signing.athena().credentials(TEMPORARY_KEY_ID, TEMPORARY_SECRET))),
                "UnrecognizedClientException", 400, INVALID_TOKEN);
    }

    @Test
    void sessionTokenMustBeSigned()
    {
        SignedHttp request = signed(Signing.athena()).withHeader("x-amz-security-token", "unsigned");
        assertMismatch(request);
    }

    @Test
    void declaredPayloadHashMustBeTheBodyHash()
    {
        SignedHttp request = signed(Signing.athena());
        assertPasses(request.withHeader("x-amz-content-sha256", HexFormat.of().formatHex(sha256(BODY))));
        assertMismatch(request.withHeader("x-amz-content-sha256", HexFormat.of().formatHex(sha256("{}".getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] sha256(byte[] data)
    {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private void assertPasses(SignedHttp request)
    {
        assertPasses(authenticator, request);
    }

    private static void assertPasses(SigV4Authenticator authenticator, SignedHttp request)
    {
        assertThatCode(() -> authenticate(authenticator, request)).doesNotThrowAnyException();
    }

    private void assertMismatch(SignedHttp request)
    {
        assertFails(() -> authenticate(request), "InvalidSignatureException", 400, SIGNATURE_MISMATCH);
    }

    private static void assertFails(ThrowingCallable call, String type, int status, String message)
    {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(type);
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.wireMessage()).contains(message);
                });
    }

    private void authenticate(SignedHttp request)
    {
        authenticate(authenticator, request);
    }

    private static void authenticate(SigV4Authenticator authenticator, SignedHttp request)
    {
        authenticator.authenticate(request.method(), request.path(), request.rawQuery(), request.headers(), request.body());
    }

    /** A request as the server sees it: header names lower-cased, the path and query as sent. */
    private record SignedHttp(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body)
    {
        String header(String name)
        {
            return headers.get(name).getFirst();
        }

        SignedHttp withHeader(String name, String value)
        {
            return withHeaders(headers -> headers.put(name, List.of(value)));
        }

        SignedHttp withoutHeader(String name)
        {
            return withHeaders(headers -> headers.remove(name));
        }

        SignedHttp withBody(byte[] newBody)
        {
            return new SignedHttp(method, path, rawQuery, headers, newBody);
        }

        private SignedHttp withHeaders(Consumer<Map<String, List<String>>> change)
        {
            Map<String, List<String>> copy = new LinkedHashMap<>(headers);
            change.accept(copy);
            return new SignedHttp(method, path, rawQuery, copy, body);
        }
    }

    private static SignedHttp signed(Signing signing)
    {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(URI.create(signing.uri))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonAthena.GetWorkGroup")
                .putHeader("Content-Length", String.valueOf(BODY.length));
        signing.headers.forEach(builder::putHeader);
        signing.query.forEach(parameter -> builder.appendRawQueryParameter(parameter.getKey(), parameter.getValue()));
        SdkHttpRequest request = builder.build();

        AwsCredentialsIdentity identity = signing.sessionToken
                .<AwsCredentialsIdentity>map(token -> AwsSessionCredentialsIdentity.create(signing.keyId, signing.secret, token))
                .orElseGet(() -> AwsCredentialsIdentity.create(signing.keyId, signing.secret));
        SdkHttpRequest signedRequest = AwsV4HttpSigner.create().sign(r -> r
                        .identity(identity)
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signing.service)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signing.time, ZoneOffset.UTC)))
                .request();

        Map<String, List<String>> headers = new LinkedHashMap<>();
        signedRequest.forEachHeader((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        // an HTTP client sends Host even when the signer leaves it implicit
        headers.putIfAbsent("host", List.of(signedRequest.host() + (signedRequest.port() == 80 ? "" : ":" + signedRequest.port())));
        return new SignedHttp("POST", signedRequest.encodedPath(), signedRequest.encodedQueryParameters().orElse(""), headers, BODY);
    }

    private static final class Signing
    {
        private String uri = "http://127.0.0.1:8480/";
        private String keyId = KEY_ID;
        private String secret = SECRET;
        private Optional<String> sessionToken = Optional.empty();
        private String service = "athena";
        private String region = "us-east-1";
        private Instant time = NOW;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final List<Map.Entry<String, String>> query = new ArrayList<>();

        static Signing athena()
        {
            return new Signing();
        }

        Signing uri(String value)
        {
            return with(s -> s.uri = value);
        }

        Signing credentials(String id, String key)
        {
            return with(s -> {
                s.keyId = id;
                s.secret = key;
            });
        }

        Signing session(String id, String key, String token)
        {
            return with(s -> {
                s.keyId = id;
                s.secret = key;
                s.sessionToken = Optional.of(token);
            });
        }

        Signing service(String value)
        {
            return with(s -> s.service = value);
        }

        Signing region(String value)
        {
            return with(s -> s.region = value);
        }

        Signing time(Instant value)
        {
            return with(s -> s.time = value);
        }

        Signing header(String name, String value)
        {
            return with(s -> s.headers.put(name, value));
        }

        Signing query(String name, String value)
        {
            return with(s -> s.query.add(Map.entry(name, value)));
        }

        private Signing with(Consumer<Signing> change)
        {
            change.accept(this);
            return this;
        }
    }
}
