package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The object store contract, and what is particular to S3, against a moto_server. */
class TestS3ObjectStore
        extends AbstractObjectStoreTest
{
    private static final int PART = S3StorageConfig.MIN_PART_SIZE;

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
        client = S3ObjectStore.buildClient(moto.config().withPartSize(PART), List.of(requests));
        store = new S3ObjectStore(client, moto.config().withPartSize(PART));
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
        requests.clear();
        requests.listPageSize(null);
    }

    @Override
    protected boolean hasETags()
    {
        return true;
    }

    @Override
    protected ObjectStore store()
    {
        return store;
    }

    @Test
    void smallObjectIsOnePutAtCommit()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/one.csv");
        try (PendingObject out = store.create(location)) {
            out.write("abc".getBytes(UTF_8));
            assertThat(requests.operations()).isEmpty();
            out.commit();
        }
        // the bucket did not exist: the first put fails, the store creates the bucket and puts again
        assertThat(requests.operations()).containsExactly("PutObject", "CreateBucket", "PutObject");
        requests.clear();
        put(store, location("s3://bucket-a/two.csv"), "x");
        assertThat(requests.operations()).containsExactly("PutObject");
        assertThat(client.headObject(request -> request.bucket("bucket-a").key("one.csv")).contentType()).isEqualTo("application/octet-stream");
    }

    @Test
    void largeObjectIsAMultipartUploadVisibleOnlyAtCommit()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/big/result.csv");
        byte[] data = new byte[2 * PART + 12345];
        new Random(7).nextBytes(data);
        try (PendingObject out = store.create(location)) {
            for (int offset = 0; offset < data.length; offset += 100_000) {
                out.write(data, offset, Math.min(100_000, data.length - offset));
            }
            // two full parts are sent as soon as more bytes follow them
            assertThat(requests.operations()).containsSubsequence("CreateMultipartUpload", "UploadPart", "UploadPart");
            assertThat(store.size(location)).isEmpty();
            assertThat(store.list(location("s3://bucket-a/big/"))).isEmpty();
            out.commit();
        }
        assertThat(requests.operations()).containsSubsequence("CreateMultipartUpload", "UploadPart", "UploadPart", "UploadPart", "CompleteMultipartUpload");
        assertThat(requests.operations()).doesNotContain("PutObject", "AbortMultipartUpload");
        assertThat(store.size(location)).contains((long) data.length);
        try (InputStream in = store.open(location, PART - 10)) {
            byte[] tail = in.readAllBytes();
            assertThat(tail).hasSize(data.length - (PART - 10));
            assertThat(tail[0]).isEqualTo(data[PART - 10]);
            assertThat(tail[tail.length - 1]).isEqualTo(data[data.length - 1]);
        }
        assertThat(client.listMultipartUploads(request -> request.bucket("bucket-a")).uploads()).isEmpty();
    }

    @Test
    void objectOfExactlyOnePartIsOnePut()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/exact.bin");
        try (PendingObject out = store.create(location)) {
            out.write(new byte[PART]);
            out.commit();
        }
        assertThat(requests.operations()).doesNotContain("CreateMultipartUpload");
        assertThat(store.size(location)).contains((long) PART);
    }

    @Test
    void multipartObjectCarriesItsUserMetadata()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/big-with-metadata.bin");
        try (PendingObject out = store.create(location, Map.of("x-amz-key-v2", "d3JhcHBlZA=="))) {
            out.write(new byte[PART + 7]);
            out.commit();
        }
        assertThat(requests.operations()).contains("CreateMultipartUpload");
        assertThat(store.userMetadata(location)).containsExactly(Map.entry("x-amz-key-v2", "d3JhcHBlZA=="));
        assertThat(client.headObject(r -> r.bucket("bucket-a").key("big-with-metadata.bin")).metadata()).containsEntry("x-amz-key-v2", "d3JhcHBlZA==");
    }

    @Test
    void closingAnUnfinishedMultipartUploadAbortsIt()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/abandoned.bin");
        put(store, location, "previous");
        try (PendingObject out = store.create(location)) {
            out.write(new byte[PART + 1]);
            assertThat(client.listMultipartUploads(request -> request.bucket("bucket-a")).uploads()).hasSize(1);
        }
        assertThat(requests.operations()).contains("AbortMultipartUpload");
        assertThat(client.listMultipartUploads(request -> request.bucket("bucket-a")).uploads()).isEmpty();
        assertThat(get(store, location, 0)).isEqualTo("previous");
    }

    @Test
    void listingFollowsPages()
            throws IOException
    {
        for (int i = 4; i >= 0; i--) {
            put(store, location("s3://bucket-a/paged/part-" + i), "x".repeat(i));
        }
        requests.clear();
        requests.listPageSize(2);
        assertThat(store.list(location("s3://bucket-a/paged/")))
                .extracting(info -> info.location().key() + ":" + info.size())
                .containsExactly("paged/part-0:0", "paged/part-1:1", "paged/part-2:2", "paged/part-3:3", "paged/part-4:4");
        assertThat(requests.operations()).containsExactly("ListObjectsV2", "ListObjectsV2", "ListObjectsV2");
    }

    @Test
    void folderMarkersAreNotObjects()
            throws IOException
    {
        put(store, location("s3://bucket-a/dir/file.csv"), "x");
        client.putObject(request -> request.bucket("bucket-a").key("dir/"), RequestBody.empty());
        assertThat(store.list(location("s3://bucket-a/"))).extracting(info -> info.location().key()).containsExactly("dir/file.csv");
        assertThat(store.size(location("s3://bucket-a/dir/"))).isEmpty();
        assertThatThrownBy(() -> store.open(location("s3://bucket-a/dir/"), 0)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void missingBucketIsDistinguishable()
    {
        S3Location location = location("s3://no-such-bucket/results/q.csv");
        assertThatThrownBy(() -> store.open(location, 0))
                .isInstanceOf(BucketNotFoundException.class)
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("s3://no-such-bucket/results/q.csv")
                .satisfies(e -> assertThat(((BucketNotFoundException) e).bucket()).isEqualTo("no-such-bucket"));
        assertThatThrownBy(() -> store.open(location, 5)).isInstanceOf(BucketNotFoundException.class);
    }

    @Test
    void withoutBucketCreationAMissingBucketFailsTheCommit()
            throws IOException
    {
        S3ObjectStore strict = new S3ObjectStore(client, moto.config().withPartSize(PART).withCreateBuckets(false));
        S3Location location = location("s3://not-created/q.csv");
        PendingObject out = strict.create(location);
        out.write("x".getBytes(UTF_8));
        assertThatThrownBy(out::commit)
                .isInstanceOf(BucketNotFoundException.class)
                .hasMessageContaining("s3://not-created/q.csv");
        out.close();
        assertThat(client.listBuckets().buckets()).isEmpty();

        // multipart uploads fail as soon as they start
        PendingObject big = strict.create(location);
        big.write(new byte[PART]);
        assertThatThrownBy(() -> big.write(1)).isInstanceOf(BucketNotFoundException.class);
        big.close();

        client.createBucket(request -> request.bucket("not-created"));
        put(strict, location, "now");
        assertThat(get(strict, location, 0)).isEqualTo("now");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/../b", "./a", "a/./b", "..", "a/..", "a\0b"})
    void refusesKeysThatHttpCouldRewrite(String key)
    {
        S3Location location = new S3Location("bucket-a", key);
        assertThatThrownBy(() -> store.create(location)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(location.toString());
        assertThatThrownBy(() -> store.open(location, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size(location)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(location)).isInstanceOf(IllegalArgumentException.class);
        assertThat(requests.operations()).isEmpty();
    }

    @Test
    void keysThatAreOnlyUnusualWork()
            throws IOException
    {
        for (String key : List.of("a//b", "back\\slash", "dots.../x", ".hidden", "q?x=1&y=#2", "plus+space %20")) {
            S3Location location = new S3Location("bucket-a", key);
            put(store, location, key);
            assertThat(get(store, location, 0)).isEqualTo(key);
        }
        assertThat(store.list(location("s3://bucket-a/."))).extracting(info -> info.location().key()).containsExactly(".hidden");
        assertThatThrownBy(() -> store.create(new S3Location("bucket-a", "k".repeat(1025)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultCredentialChainIsUsedWithoutKeys()
            throws IOException
    {
        String previousId = System.getProperty("aws.accessKeyId");
        String previousSecret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", "from-chain");
        System.setProperty("aws.secretAccessKey", "from-chain-secret");
        S3StorageConfig config = moto.config();
        config = new S3StorageConfig(config.endpoint(), config.region(), true, java.util.Optional.empty(), config.connectTimeout(), config.socketTimeout(),
                config.attemptTimeout(), config.maxAttempts(), config.retryBaseDelay(), config.retryMaxDelay(), config.partSize(), true);
        RecordingInterceptor recorder = new RecordingInterceptor();
        try (S3ObjectStore chained = new S3ObjectStore(S3ObjectStore.buildClient(config, List.of(recorder)), config)) {
            put(chained, location("s3://bucket-a/chain.csv"), "chained");
            assertThat(get(store, location("s3://bucket-a/chain.csv"), 0)).isEqualTo("chained");
            assertThat(recorder.sent().getFirst().header("Authorization")).hasValueSatisfying(value -> assertThat(value).contains("Credential=from-chain/"));
        }
        finally {
            restore("aws.accessKeyId", previousId);
            restore("aws.secretAccessKey", previousSecret);
        }
    }

    private static void restore(String property, String value)
    {
        if (value == null) {
            System.clearProperty(property);
        }
        else {
            System.setProperty(property, value);
        }
    }
}
