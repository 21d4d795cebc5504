package io.pallas.server;

import io.pallas.core.storage.S3Location;
import io.pallas.server.encryption.KmsKeyRegistry;
import io.pallas.server.storage.LocalObjectStore;
import io.pallas.server.storage.MotoServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.GetQueryResultsResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.Row;
import software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Result settings on result objects through the AWS SDK v2: CSE_KMS envelope encryption, and SSE / ACL recorded locally. */
class TestResultEncryption
{
    private static final String KEY_ID = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/" + KEY_ID;
    // 5000 rows of about 30 bytes: several GetQueryResults pages and several 64 KiB segments
    private static final String QUERY = "SELECT x, 'confidential-' || CAST(x AS varchar) AS label FROM UNNEST(sequence(1, 5000)) AS t(x) ORDER BY x";

    @TempDir
    Path directory;
    private Path keysFile;

    @BeforeEach
    void writeKeyRegistry()
            throws Exception
    {
        byte[] material = new byte[32];
        new Random(42).nextBytes(material);
        keysFile = directory.resolve("kms-keys.json");
        Files.writeString(keysFile, """
                {"keys": [{"keyId": "%s", "keyMaterial": "%s", "aliases": ["alias/athena-results"]}]}
                """.formatted(KEY_ID, Base64.getEncoder().encodeToString(material)));
    }

    @Test
    void cseKmsResultsAreCiphertextAtRestAndDecryptedByGetQueryResults()
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(directory.resolve("data"), List.of("--kms-keys-file", keysFile.toString()));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            QueryExecution execution = run(athena, r -> r.queryString(QUERY)
                    .resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("CSE_KMS").kmsKey(KEY_ARN))));
            assertThat(execution.status().stateAsString()).as(execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
            assertThat(execution.resultConfiguration().encryptionConfiguration().encryptionOptionAsString()).isEqualTo("CSE_KMS");

            String location = execution.resultConfiguration().outputLocation();
            byte[] csv = Files.readAllBytes(server.objectPath(location));
            assertThat(new String(csv, StandardCharsets.ISO_8859_1)).doesNotContain("confidential").doesNotContain("label");
            byte[] metadataFile = Files.readAllBytes(server.objectPath(location + ".metadata"));
            assertThat(new String(metadataFile, StandardCharsets.ISO_8859_1)).doesNotContain("label");
            Map<String, String> metadata = localStore(server).userMetadata(S3Location.parse(location).orElseThrow());
            assertThat(metadata).containsEntry("x-amz-matdesc", "{\"kms_cmk_id\":\"" + KEY_ARN + "\"}").containsKeys("x-amz-key-v2", "x-amz-cek-alg", "x-amz-wrap-alg");

            List<Row> rows = allRows(athena, execution.queryExecutionId());
            assertThat(rows).hasSize(5001);
            assertThat(rows.get(0).data()).extracting(d -> d.varCharValue()).containsExactly("x", "label");
            for (int i = 1; i <= 5000; i++) {
                assertThat(rows.get(i).data()).extracting(d -> d.varCharValue()).containsExactly(String.valueOf(i), "confidential-" + i);
            }
            GetQueryResultsResponse first = athena.getQueryResults(r -> r.queryExecutionId(execution.queryExecutionId()).maxResults(2));
            assertThat(first.resultSet().resultSetMetadata().columnInfo()).extracting(c -> c.name() + ":" + c.type()).containsExactly("x:bigint", "label:varchar");
            assertThat(csv).hasSizeGreaterThan(2 * 65536);

            // the reused execution serves the same encrypted object
            Consumer<StartQueryExecutionRequest.Builder> reused = r -> r.queryString(QUERY)
                    .resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("CSE_KMS").kmsKey(KEY_ARN)))
                    .resultReuseConfiguration(c -> c.resultReuseByAgeConfiguration(a -> a.enabled(true)));
            QueryExecution again = run(athena, reused);
            assertThat(again.statistics().resultReuseInformation().reusedPreviousResult()).isTrue();
            assertThat(again.resultConfiguration().outputLocation()).isEqualTo(location);
            assertThat(allRows(athena, again.queryExecutionId())).isEqualTo(rows);
        }
    }

    @Test
    void aRegistryInTheDataDirectoryIsUsedWithoutConfiguration()
            throws Exception
    {
        Path data = directory.resolve("data");
        KmsKeyRegistry.KmsKey key = KmsKeyRegistry.createKey(data.resolve("kms-keys.json"), Optional.of("alias/generated"), "us-east-1", "123456789012", new SecureRandom());
        try (TestingPallasServer server = new TestingPallasServer(data, List.of());
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            QueryExecution execution = run(athena, r -> r.queryString("SELECT 'generated' AS k")
                    .resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("CSE_KMS").kmsKey("alias/generated"))));
            assertThat(execution.status().stateAsString()).as(execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
            assertThat(localStore(server).userMetadata(S3Location.parse(execution.resultConfiguration().outputLocation()).orElseThrow()))
                    .containsEntry("x-amz-matdesc", "{\"kms_cmk_id\":\"" + key.arn() + "\"}");
            assertThat(allRows(athena, execution.queryExecutionId()).get(1).data().getFirst().varCharValue()).isEqualTo("generated");
        }
    }

    @Test
    void textResultsOfUtilityStatementsAreEncryptedToo()
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(directory.resolve("data"), List.of("--kms-keys-file", keysFile.toString()));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            run(athena, r -> r.queryString("CREATE DATABASE sales_confidential"));
            QueryExecution execution = run(athena, r -> r.queryString("SHOW DATABASES")
                    .resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("CSE_KMS").kmsKey("alias/athena-results"))));
            assertThat(execution.status().stateAsString()).as(execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
            assertThat(execution.resultConfiguration().outputLocation()).endsWith(".txt");
            assertThat(Files.readString(server.objectPath(execution.resultConfiguration().outputLocation()), StandardCharsets.ISO_8859_1))
                    .doesNotContain("sales_confidential").doesNotContain("default");
            assertThat(allRows(athena, execution.queryExecutionId())).extracting(row -> row.data().getFirst().varCharValue())
                    .contains("default", "sales_confidential");
        }
    }

    @Test
    void unknownKmsKeyFailsTheQueryAndWritesNothing()
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(directory.resolve("data"), List.of("--kms-keys-file", keysFile.toString()));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            QueryExecution execution = run(athena, r -> r.queryString("SELECT 1")
                    .resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("CSE_KMS").kmsKey("alias/unknown"))));
            assertThat(execution.status().stateAsString()).isEqualTo("FAILED");
            assertThat(execution.status().athenaError().errorCategory()).isEqualTo(2);
            assertThat(execution.status().athenaError().errorType()).isEqualTo(1500);
            assertThat(execution.status().stateChangeReason()).isEqualTo(
                    "PERMISSION_DENIED: Cannot encrypt the query results with CSE_KMS: KMS key 'alias/unknown' does not exist in the Pallas KMS key registry (kms-keys-file)");
            assertThat(server.objectPath(execution.resultConfiguration().outputLocation())).doesNotExist();

            QueryExecution withoutKey = run(athena, r -> r.queryString("SELECT 1")
                    .resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("CSE_KMS"))));
            assertThat(withoutKey.status().stateChangeReason()).isEqualTo("PERMISSION_DENIED: Cannot encrypt the query results with CSE_KMS: EncryptionConfiguration has no KmsKey");
        }
    }

    @Test
    void workGroupEnforcedCseKmsEncryptsAndTamperingIsDetected()
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(directory.resolve("data"), List.of("--kms-keys-file", keysFile.toString()));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            athena.createWorkGroup(r -> r.name("encrypted").configuration(c -> c.enforceWorkGroupConfiguration(true)
                    .resultConfiguration(rc -> rc.outputLocation("s3://encrypted-results/")
                            .encryptionConfiguration(e -> e.encryptionOption("CSE_KMS").kmsKey("alias/athena-results")))));
            QueryExecution execution = run(athena, r -> r.workGroup("encrypted").queryString("SELECT 'enforced' AS how")
                    .resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("SSE_S3"))));
            assertThat(execution.status().stateAsString()).as(execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
            Path file = server.objectPath(execution.resultConfiguration().outputLocation());
            assertThat(Files.readString(file, StandardCharsets.ISO_8859_1)).doesNotContain("enforced");
            assertThat(allRows(athena, execution.queryExecutionId()).get(1).data().getFirst().varCharValue()).isEqualTo("enforced");

            byte[] bytes = Files.readAllBytes(file);
            bytes[bytes.length - 1] ^= 1;
            Files.write(file, bytes);
            assertThatThrownBy(() -> athena.getQueryResults(r -> r.queryExecutionId(execution.queryExecutionId())))
                    .isInstanceOf(SdkServiceException.class)
                    .hasMessageContaining("cannot be decrypted")
                    .hasMessageContaining("failed authentication at segment 0");

            // a copy without the extended attributes: the ciphertext is not served as if it were the result
            Path copy = Files.createTempFile(directory, "copy", ".csv");
            Files.write(copy, Files.readAllBytes(file));
            Files.move(copy, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThatThrownBy(() -> athena.getQueryResults(r -> r.queryExecutionId(execution.queryExecutionId())))
                    .isInstanceOf(SdkServiceException.class)
                    .hasMessageContaining("should be client-side encrypted (CSE_KMS) but has no encryption metadata");
        }
    }

    @Test
    void keyMissingFromTheRegistryAtReadTimeIsAClearError()
            throws Exception
    {
        Path data = directory.resolve("data");
        String id;
        try (TestingPallasServer server = new TestingPallasServer(data, List.of("--kms-keys-file", keysFile.toString()));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            id = run(athena, r -> r.queryString("SELECT 1")
                    .resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("CSE_KMS").kmsKey(KEY_ID)))).queryExecutionId();
        }
        Files.writeString(keysFile, "{\"keys\": []}");
        try (TestingPallasServer server = new TestingPallasServer(data, List.of("--kms-keys-file", keysFile.toString()));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            assertThatThrownBy(() -> athena.getQueryResults(r -> r.queryExecutionId(id)))
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("it is encrypted with KMS key '" + KEY_ARN + "', which is not in the Pallas KMS key registry (kms-keys-file)");
        }
    }

    @Test
    void sseAndAclAreRecordedWithLocalResultObjects()
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(directory.resolve("data"), List.of());
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            QueryExecution kms = run(athena, r -> r.queryString("SELECT 1")
                    .resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("SSE_KMS").kmsKey("alias/sse"))
                            .aclConfiguration(a -> a.s3AclOption("BUCKET_OWNER_FULL_CONTROL"))));
            LocalObjectStore store = localStore(server);
            S3Location object = S3Location.parse(kms.resultConfiguration().outputLocation()).orElseThrow();
            for (S3Location location : List.of(object, S3Location.parse(object + ".metadata").orElseThrow())) {
                assertThat(store.metadata(location)).containsAllEntriesOf(Map.of(
                        "x-amz-server-side-encryption", "aws:kms",
                        "x-amz-server-side-encryption-aws-kms-key-id", "alias/sse",
                        "x-amz-acl", "bucket-owner-full-control"));
            }
            // still plain text: server-side encryption is the store's business
            assertThat(Files.readString(server.objectPath(object.toString()))).isEqualTo("\"_col0\"\n\"1\"\n");

            QueryExecution s3 = run(athena, r -> r.queryString("SELECT 2").resultConfiguration(c -> c.encryptionConfiguration(e -> e.encryptionOption("SSE_S3"))));
            assertThat(store.metadata(S3Location.parse(s3.resultConfiguration().outputLocation()).orElseThrow()))
                    .containsEntry("x-amz-server-side-encryption", "AES256")
                    .doesNotContainKeys("x-amz-acl", "x-amz-server-side-encryption-aws-kms-key-id");
        }
    }

    @Test
    void cseKmsOnAnS3BucketStoresCiphertextWithTheWrappedKeyInMetadata()
            throws Exception
    {
        try (MotoServer moto = MotoServer.start();
                TestingPallasServer server = new TestingPallasServer(directory.resolve("data"), List.of(
                        "--kms-keys-file", keysFile.toString(),
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
            QueryExecution execution = run(athena, r -> r.queryString(QUERY)
                    .resultConfiguration(c -> c.outputLocation("s3://remote-results/athena/")
                            .encryptionConfiguration(e -> e.encryptionOption("CSE_KMS").kmsKey("alias/athena-results"))));
            assertThat(execution.status().stateAsString()).as(execution.status().stateChangeReason()).isEqualTo("SUCCEEDED");
            String key = "athena/" + execution.queryExecutionId() + ".csv";
            for (String objectKey : List.of(key, key + ".metadata")) {
                HeadObjectResponse head = s3.headObject(r -> r.bucket("remote-results").key(objectKey));
                assertThat(head.metadata()).containsEntry("x-amz-cek-alg", "PALLAS/AES256-GCM-SEGMENTED-64K")
                        .containsEntry("x-amz-wrap-alg", "AES/GCM")
                        .containsEntry("x-amz-matdesc", "{\"kms_cmk_id\":\"" + KEY_ARN + "\"}")
                        .containsKey("x-amz-key-v2");
                String stored = s3.getObjectAsBytes(r -> r.bucket("remote-results").key(objectKey)).asString(StandardCharsets.ISO_8859_1);
                assertThat(stored).doesNotContain("confidential").doesNotContain("label");
            }
            List<Row> rows = allRows(athena, execution.queryExecutionId());
            assertThat(rows).hasSize(5001);
            assertThat(rows.get(4321).data().get(1).varCharValue()).isEqualTo("confidential-4321");
        }
    }

    private static LocalObjectStore localStore(TestingPallasServer server)
    {
        Path s3 = server.objectPath("s3://x").getParent();
        return new LocalObjectStore(s3, s3.resolveSibling("tmp"));
    }

    private static List<Row> allRows(AthenaClient athena, String id)
    {
        List<Row> rows = new ArrayList<>();
        for (GetQueryResultsResponse page : athena.getQueryResultsPaginator(r -> r.queryExecutionId(id))) {
            rows.addAll(page.resultSet().rows());
        }
        return rows;
    }

    private static QueryExecution run(AthenaClient athena, Consumer<StartQueryExecutionRequest.Builder> request)
    {
        return TestAthenaEndToEnd.await(athena, athena.startQueryExecution(request).queryExecutionId());
    }
}
