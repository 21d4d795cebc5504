package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A local store and a moto-backed S3 store side by side: {@code bucket-a} and {@code results} live in S3, every other
 * bucket locally. The whole object store contract holds across both.
 */
class TestRoutingObjectStore
        extends AbstractObjectStoreTest
{
    private static final String ACCOUNT = "123456789012";

    private static MotoServer moto;
    private static S3Client client;
    private static S3ObjectStore s3;

    @TempDir
    Path directory;

    private LocalObjectStore local;
    private RoutingObjectStore store;

    @BeforeAll
    static void startMoto()
            throws Exception
    {
        moto = MotoServer.start();
        client = S3ObjectStore.buildClient(moto.config(), List.of());
        s3 = new S3ObjectStore(client, moto.config());
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
    void setUp()
            throws Exception
    {
        moto.reset();
        local = new LocalObjectStore(directory.resolve("root"), directory.resolve("tmp"));
        store = new RoutingObjectStore(local, Map.of("bucket-a", s3, "results", s3), ACCOUNT);
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
    void eachBucketLivesInItsStore()
            throws IOException
    {
        put(store, location("s3://bucket-a/t/x.csv"), "in s3");
        put(store, location("s3://bucket-b/t/x.csv"), "local");
        assertThat(store.storeFor("bucket-a")).isSameAs(s3);
        assertThat(store.storeFor(location("s3://bucket-b/t/x.csv"))).isSameAs(local);

        assertThat(client.listObjectsV2(request -> request.bucket("bucket-a")).contents()).extracting(object -> object.key()).containsExactly("t/x.csv");
        assertThat(client.listBuckets().buckets()).extracting(bucket -> bucket.name()).containsExactly("bucket-a");
        assertThat(directory.resolve("root/bucket-b/t/x.csv")).hasContent("local");
        assertThat(directory.resolve("root/bucket-a")).doesNotExist();
        assertThat(local.localFile(location("s3://bucket-b/t/x.csv"))).isPresent();
    }

    @Test
    void resultsInS3TablesLocal()
            throws IOException
    {
        // a query reads a local table and writes its result to S3 with the workgroup's options
        put(store, location("s3://tables/orders/part-0"), "1,2\n");
        ObjectStore results = store.withOptions(WriteOptions.DEFAULT.withSseS3().withBucketOwnerFullControl(true));
        assertThat(get(results, location("s3://tables/orders/part-0"), 0)).isEqualTo("1,2\n");
        put(results, location("s3://results/q1.csv"), "\"i\"\n\"1\"\n");
        assertThat(client.headObject(request -> request.bucket("results").key("q1.csv")).serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        // local buckets ignore encryption and ACL: nothing to encrypt with on a plain file system
        put(results, location("s3://tables/orders/part-1"), "3,4\n");
        assertThat(directory.resolve("root/tables/orders/part-1")).hasContent("3,4\n");
    }

    @Test
    void expectedOwnerOfLocalBucketsIsTheLocalAccount()
            throws IOException
    {
        put(store, location("s3://bucket-b/x.csv"), "x");
        ObjectStore mine = store.withOptions(WriteOptions.DEFAULT.withExpectedBucketOwner(ACCOUNT));
        assertThat(get(mine, location("s3://bucket-b/x.csv"), 0)).isEqualTo("x");

        ObjectStore someoneElses = store.withOptions(WriteOptions.DEFAULT.withExpectedBucketOwner("999999999999"));
        assertThatThrownBy(() -> someoneElses.create(location("s3://bucket-b/y.csv")))
                .isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("s3://bucket-b/y.csv")
                .hasMessageContaining("999999999999");
        assertThatThrownBy(() -> someoneElses.open(location("s3://bucket-b/x.csv"), 0)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> someoneElses.size(location("s3://bucket-b/x.csv"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> someoneElses.list(location("s3://bucket-b/"))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> someoneElses.delete(location("s3://bucket-b/x.csv"))).isInstanceOf(AccessDeniedException.class);
        assertThat(get(store, location("s3://bucket-b/x.csv"), 0)).isEqualTo("x");
    }

    @Test
    void refusesInvalidRouting()
    {
        assertThatThrownBy(() -> new RoutingObjectStore(local, Map.of("Bad_Bucket", s3), ACCOUNT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Bad_Bucket");
        assertThatThrownBy(() -> new RoutingObjectStore(local, Map.of(), "123"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
