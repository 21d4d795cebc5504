package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Result-object options against moto_server: what moto keeps (encryption, KMS key, content type, ACL grants) is
 * read back from it; what it accepts without checking (the ACL header itself, the expected bucket owner, which moto
 * 5 does not enforce) is checked on the requests the client sends.
 */
class TestS3WriteOptions
{
    private static final int PART = S3StorageConfig.MIN_PART_SIZE;
    private static final String OWNER = "111122223333";
    private static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static MotoServer moto;
    private static RecordingInterceptor requests;
    private static S3Client client;
    private static S3ObjectStore store;

    @BeforeAll
    static void startMoto()
            throws Exception
    {
        moto = MotoServer.start();
        requests = new RecordingInterceptor();
        S3StorageConfig config = moto.config().withPartSize(PART);
        client = S3ObjectStore.buildClient(config, List.of(requests));
        store = new S3ObjectStore(client, config);
    }

    @AfterAll
    static void stopMoto()
            throws Exception
    {
        if (client != null) {
            client.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void reset()
            throws Exception
    {
        moto.reset();
        client.createBucket(request -> request.bucket("results"));
        requests.clear();
    }

    private static S3Location location(String uri)
    {
        return S3Location.parse(uri).orElseThrow();
    }

    private static void put(ObjectStore store, S3Location location, byte[] content)
            throws IOException
    {
        try (PendingObject out = store.create(location)) {
            out.write(content);
            out.commit();
        }
    }

    private static HeadObjectResponse head(S3Location location)
    {
        return client.headObject(request -> request.bucket(location.bucket()).key(location.key()));
    }

    @Test
    void defaultsSendNoOptionHeaders()
            throws IOException
    {
        S3Location location = location("s3://results/plain.csv");
        put(store, location, "x".getBytes(UTF_8));
        HeadObjectResponse head = head(location);
        assertThat(head.serverSideEncryption()).isNull();
        assertThat(head.contentType()).isEqualTo("application/octet-stream");
        RecordingInterceptor.Sent put = requests.sent().getFirst();
        assertThat(put.operation()).isEqualTo("PutObject");
        assertThat(put.header("x-amz-server-side-encryption")).isEmpty();
        assertThat(put.header("x-amz-acl")).isEmpty();
        assertThat(put.header("x-amz-expected-bucket-owner")).isEmpty();
    }

    @Test
    void sseS3()
            throws IOException
    {
        ObjectStore sse = store.withOptions(WriteOptions.DEFAULT.withSseS3());
        S3Location small = location("s3://results/sse-s3.csv");
        put(sse, small, "x".getBytes(UTF_8));
        assertThat(head(small).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(requests.sent().getFirst().header("x-amz-server-side-encryption")).contains("AES256");

        S3Location large = location("s3://results/sse-s3-large.csv");
        put(sse, large, new byte[PART + 100]);
        assertThat(head(large).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(sent("CreateMultipartUpload").header("x-amz-server-side-encryption")).contains("AES256");

        // the view leaves the store it came from as it was
        S3Location plain = location("s3://results/plain.csv");
        put(store, plain, "x".getBytes(UTF_8));
        assertThat(head(plain).serverSideEncryption()).isNull();
    }

    @Test
    void sseKms()
            throws IOException
    {
        S3Location withKey = location("s3://results/kms.csv");
        put(store.withOptions(WriteOptions.DEFAULT.withSseKms(Optional.of(KMS_KEY))), withKey, "x".getBytes(UTF_8));
        HeadObjectResponse head = head(withKey);
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo(KMS_KEY);
        RecordingInterceptor.Sent put = sent("PutObject");
        assertThat(put.header("x-amz-server-side-encryption")).contains("aws:kms");
        assertThat(put.header("x-amz-server-side-encryption-aws-kms-key-id")).contains(KMS_KEY);

        requests.clear();
        S3Location large = location("s3://results/kms-large.csv");
        put(store.withOptions(WriteOptions.DEFAULT.withSseKms(Optional.of(KMS_KEY))), large, new byte[PART + 100]);
        RecordingInterceptor.Sent start = sent("CreateMultipartUpload");
        assertThat(start.header("x-amz-server-side-encryption")).contains("aws:kms");
        assertThat(start.header("x-amz-server-side-encryption-aws-kms-key-id")).contains(KMS_KEY);
        assertThat(head(large).serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);

        requests.clear();
        S3Location bucketKey = location("s3://results/kms-default-key.csv");
        put(store.withOptions(WriteOptions.DEFAULT.withSseKms(Optional.empty())), bucketKey, "x".getBytes(UTF_8));
        assertThat(sent("PutObject").header("x-amz-server-side-encryption")).contains("aws:kms");
        assertThat(sent("PutObject").header("x-amz-server-side-encryption-aws-kms-key-id")).isEmpty();
        assertThat(head(bucketKey).serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
    }

    @Test
    void bucketOwnerFullControl()
            throws IOException
    {
        ObjectStore acl = store.withOptions(WriteOptions.DEFAULT.withBucketOwnerFullControl(true));
        S3Location small = location("s3://results/acl.csv");
        put(acl, small, "x".getBytes(UTF_8));
        put(acl, location("s3://results/acl-large.csv"), new byte[PART + 1]);
        assertThat(sent("PutObject").header("x-amz-acl")).contains("bucket-owner-full-control");
        assertThat(sent("CreateMultipartUpload").header("x-amz-acl")).contains("bucket-owner-full-control");
        // moto accepts the canned ACL; with writer and bucket owner the same account it grants that owner full control
        GetObjectAclResponse grants = client.getObjectAcl(request -> request.bucket("results").key("acl.csv"));
        assertThat(grants.grants()).anySatisfy(grant -> {
            assertThat(grant.permission()).isEqualTo(Permission.FULL_CONTROL);
            assertThat(grant.grantee().id()).isEqualTo(grants.owner().id());
        });
    }

    @Test
    void contentType()
            throws IOException
    {
        ObjectStore csv = store.withOptions(WriteOptions.DEFAULT.withContentType("text/csv"));
        put(csv, location("s3://results/typed.csv"), "x".getBytes(UTF_8));
        put(csv, location("s3://results/typed-large.csv"), new byte[PART + 1]);
        assertThat(head(location("s3://results/typed.csv")).contentType()).isEqualTo("text/csv");
        assertThat(head(location("s3://results/typed-large.csv")).contentType()).isEqualTo("text/csv");
    }

    @Test
    void expectedBucketOwnerGoesWithEveryCall()
            throws IOException
    {
        ObjectStore owned = store.withOptions(WriteOptions.DEFAULT.withExpectedBucketOwner(OWNER).withSseS3().withBucketOwnerFullControl(true));
        S3Location location = location("s3://results/owned.csv");
        put(owned, location, "x".getBytes(UTF_8));
        put(owned, location("s3://results/owned-large.csv"), new byte[PART + 1]);
        try (PendingObject abandoned = owned.create(location("s3://results/owned-abandoned.csv"))) {
            abandoned.write(new byte[PART + 1]);
        }
        assertThat(owned.size(location)).contains(1L);
        try (var in = owned.open(location, 0)) {
            assertThat(in.readAllBytes()).hasSize(1);
        }
        try (var in = owned.open(location, 1)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        assertThat(owned.list(location("s3://results/owned"))).hasSize(2);
        owned.delete(location);

        assertThat(requests.operations()).containsAll(Set.of("PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload",
                "AbortMultipartUpload", "HeadObject", "GetObject", "ListObjectsV2", "DeleteObject"));
        assertThat(requests.sent()).allSatisfy(sent -> assertThat(sent.header("x-amz-expected-bucket-owner"))
                .as("expected owner on " + sent.operation())
                .contains(OWNER));
    }

    @Test
    void optionsAreValidated()
    {
        assertThatThrownBy(() -> new WriteOptions(WriteOptions.Encryption.SSE_S3, Optional.of("key"), false, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SSE_KMS");
        assertThatThrownBy(() -> WriteOptions.DEFAULT.withExpectedBucketOwner("12345"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12-digit");
        assertThatThrownBy(() -> WriteOptions.DEFAULT.withContentType("text/csv\r\nX-Injected: 1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static RecordingInterceptor.Sent sent(String operation)
    {
        return requests.sent().stream().filter(sent -> sent.operation().equals(operation)).findFirst().orElseThrow(() -> new AssertionError("no " + operation + " in " + requests.operations()));
    }
}
