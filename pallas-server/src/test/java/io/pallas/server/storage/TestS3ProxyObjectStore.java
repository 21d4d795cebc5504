package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The object store contract against S3Proxy with SigV4 required, which is also how the local store is served over
 * the S3 API: objects written through S3 are the files {@link LocalObjectStore} reads. S3Proxy refuses SSE and ACL
 * headers (501), so the write-option cases run against moto only ({@link TestS3WriteOptions}).
 */
class TestS3ProxyObjectStore
        extends AbstractObjectStoreTest
{
    private static S3ProxyServer proxy;
    private static S3ObjectStore store;

    @BeforeAll
    static void startProxy()
            throws IOException
    {
        proxy = S3ProxyServer.start();
        store = new S3ObjectStore(proxy.config().withPartSize(S3StorageConfig.MIN_PART_SIZE));
    }

    @AfterAll
    static void stopProxy()
            throws IOException
    {
        if (store != null) {
            store.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @BeforeEach
    void reset()
            throws IOException
    {
        proxy.reset();
    }

    @Override
    protected ObjectStore store()
    {
        return store;
    }

    @Override
    protected boolean hasETags()
    {
        return true;
    }

    @Test
    void bucketsAndKeysAreTheLocalStoresLayout()
            throws IOException
    {
        put(store, location("s3://shared/sales/2024/part-0.csv"), "a,1\n");
        assertThat(proxy.root().resolve("shared/sales/2024/part-0.csv")).hasContent("a,1");

        LocalObjectStore local = new LocalObjectStore(proxy.root(), Files.createTempDirectory("local-tmp-"));
        put(local, location("s3://shared/sales/2025/part-0.csv"), "b,2\n");
        assertThat(store.list(location("s3://shared/sales/")))
                .extracting(info -> info.location().key())
                .containsExactly("sales/2024/part-0.csv", "sales/2025/part-0.csv");
        assertThat(get(store, location("s3://shared/sales/2025/part-0.csv"), 0)).isEqualTo("b,2\n");
    }

    /** Why the write-option cases are not part of this suite: S3Proxy answers them 501 Not Implemented. */
    @Test
    void writeOptionsAreNotImplementedByS3Proxy()
    {
        for (WriteOptions options : List.of(WriteOptions.DEFAULT.withSseS3(), WriteOptions.DEFAULT.withBucketOwnerFullControl(true),
                WriteOptions.DEFAULT.withExpectedBucketOwner("123456789012"))) {
            S3Location location = location("s3://shared/refused.csv");
            assertThatThrownBy(() -> put(store.withOptions(options), location, "x"))
                    .as(options.toString())
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("HTTP 501");
        }
    }

    @Test
    void wrongSecretIsRefused()
    {
        try (S3ObjectStore intruder = new S3ObjectStore(proxy.config().withCredentials(new S3StorageConfig.Credentials(S3ProxyServer.ACCESS_KEY, "wrong")))) {
            assertThatThrownBy(() -> intruder.list(location("s3://shared/")))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("s3://shared/")
                    .hasMessageContaining("403");
        }
    }

    @Test
    void missingBucketIsReportedByTheBucketCheck()
    {
        S3Location location = location("s3://absent-bucket/table/");
        assertThatThrownBy(() -> store.checkBucket(location))
                .isInstanceOf(BucketNotFoundException.class)
                .hasMessageContaining("s3://absent-bucket/table/");
    }
}
