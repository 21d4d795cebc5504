package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviours every {@link ObjectStore} promises. Subclasses supply a fresh, empty store per test.
 */
public abstract class AbstractObjectStoreTest
{
    protected abstract ObjectStore store();

    /** Whether listings report entity tags. */
    protected boolean hasETags()
    {
        return false;
    }

    protected static S3Location location(String uri)
    {
        return S3Location.parse(uri).orElseThrow();
    }

    protected static void put(ObjectStore store, S3Location location, String content)
            throws IOException
    {
        try (PendingObject out = store.create(location)) {
            out.write(content.getBytes(UTF_8));
            out.commit();
        }
    }

    protected static String get(ObjectStore store, S3Location location, long offset)
            throws IOException
    {
        try (InputStream in = store.open(location, offset)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    @Test
    void userMetadataIsStoredWithTheObject()
            throws IOException
    {
        SupportsUserMetadata metadataStore = (SupportsUserMetadata) store();
        S3Location location = location("s3://bucket-a/results/meta.csv");
        try (PendingObject out = metadataStore.create(location, Map.of("x-amz-cek-alg", "AES/GCM/NoPadding", "purpose", "a b=c"))) {
            out.write("content".getBytes(UTF_8));
            assertThat(store().size(location)).isEmpty();
            out.commit();
        }
        assertThat(metadataStore.userMetadata(location)).isEqualTo(Map.of("x-amz-cek-alg", "AES/GCM/NoPadding", "purpose", "a b=c"));
        assertThat(get(store(), location, 0)).isEqualTo("content");

        // a replacing object has only its own metadata
        put(store(), location, "plain");
        assertThat(metadataStore.userMetadata(location)).isEmpty();
        assertThatThrownBy(() -> metadataStore.userMetadata(location("s3://bucket-a/results/missing.csv")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("s3://bucket-a/results/missing.csv");
        assertThatThrownBy(() -> metadataStore.create(location, Map.of("Upper", "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid user metadata name");
        assertThatThrownBy(() -> metadataStore.create(location, Map.of("name", "line\nbreak")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not printable ASCII");
        assertThatThrownBy(() -> metadataStore.create(location, Map.of("big", "x".repeat(2046))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("User metadata of 2049 bytes is more than S3 allows (2048)");
    }

    @Test
    void writeThenRead()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/results/q1.csv");
        put(store(), location, "\"i\"\n\"1\"\n");
        assertThat(get(store(), location, 0)).isEqualTo("\"i\"\n\"1\"\n");
        assertThat(store().size(location)).contains(8L);
    }

    @Test
    void listingIsAKeyPrefixInKeyOrder()
            throws IOException
    {
        put(store(), location("s3://bucket-a/table/b=2/part-0"), "xx");
        put(store(), location("s3://bucket-a/table/a=1/part-1"), "y");
        put(store(), location("s3://bucket-a/table/a=1/part-0"), "zzz");
        put(store(), location("s3://bucket-a/tablex/other"), "o");
        put(store(), location("s3://bucket-b/table/elsewhere"), "e");
        assertThat(store().list(location("s3://bucket-a/table/")))
                .extracting(info -> info.location() + ":" + info.size())
                .containsExactly("s3://bucket-a/table/a=1/part-0:3", "s3://bucket-a/table/a=1/part-1:1", "s3://bucket-a/table/b=2/part-0:2");
        assertThat(store().list(location("s3://bucket-a/table")))
                .extracting(info -> info.location().key())
                .containsExactly("table/a=1/part-0", "table/a=1/part-1", "table/b=2/part-0", "tablex/other");
        assertThat(store().list(location("s3://bucket-a/table/a=1/part-1"))).extracting(ObjectStore.ObjectInfo::size).containsExactly(1L);
        assertThat(store().list(location("s3://bucket-a/nothing/"))).isEmpty();
        assertThat(store().list(location("s3://no-such-bucket/"))).isEmpty();
    }

    @Test
    void changedObjectListsWithAnotherETag()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/table/part-0");
        put(store(), location, "first");
        ObjectStore.ObjectInfo before = store().list(location).getFirst();
        put(store(), location, "other");
        ObjectStore.ObjectInfo after = store().list(location).getFirst();
        assertThat(after.size()).isEqualTo(before.size());
        if (hasETags()) {
            assertThat(before.eTag()).isPresent();
            assertThat(after.eTag()).isPresent().isNotEqualTo(before.eTag());
        }
        else {
            assertThat(after.eTag()).isEmpty();
        }
    }

    @Test
    void emptyObject()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/empty.txt");
        try (PendingObject out = store().create(location)) {
            out.commit();
        }
        assertThat(store().size(location)).contains(0L);
        assertThat(get(store(), location, 0)).isEmpty();
    }

    @Test
    void nothingVisibleBeforeCommit()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/pending.csv");
        try (PendingObject out = store().create(location)) {
            out.write("partial".getBytes(UTF_8));
            out.flush();
            assertThat(store().size(location)).isEmpty();
            assertThatThrownBy(() -> store().open(location, 0)).isInstanceOf(NoSuchFileException.class);
            out.commit();
        }
        assertThat(get(store(), location, 0)).isEqualTo("partial");
    }

    @Test
    void closeWithoutCommitDiscards()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/discarded.csv");
        try (PendingObject out = store().create(location)) {
            out.write("data".getBytes(UTF_8));
        }
        assertThat(store().size(location)).isEmpty();
    }

    @Test
    void abandonedWriteKeepsPreviousObject()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/kept.csv");
        put(store(), location, "old");
        try (PendingObject out = store().create(location)) {
            out.write("new".getBytes(UTF_8));
        }
        assertThat(get(store(), location, 0)).isEqualTo("old");
    }

    @Test
    void commitReplaces()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/replaced.csv");
        put(store(), location, "a much longer first version");
        put(store(), location, "second");
        assertThat(get(store(), location, 0)).isEqualTo("second");
        assertThat(store().size(location)).contains(6L);
    }

    @Test
    void writesAfterCommitFail()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/once.csv");
        PendingObject out = store().create(location);
        out.write('x');
        out.commit();
        assertThatThrownBy(() -> out.write('y')).isInstanceOf(IOException.class);
        assertThatThrownBy(out::commit).isInstanceOf(IOException.class);
        out.close();
        assertThat(get(store(), location, 0)).isEqualTo("x");
    }

    @Test
    void openAtOffset()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/offset.txt");
        put(store(), location, "0123456789");
        assertThat(get(store(), location, 0)).isEqualTo("0123456789");
        assertThat(get(store(), location, 7)).isEqualTo("789");
        assertThat(get(store(), location, 10)).isEmpty();
        assertThat(get(store(), location, 25)).isEmpty();
        assertThatThrownBy(() -> store().open(location, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openByteRange()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/range.txt");
        put(store(), location, "0123456789");
        ObjectStore.ObjectInfo listed = store().list(location).getFirst();
        assertThat(range(location, 2, 3, listed.eTag())).isEqualTo("234");
        assertThat(range(location, 0, 1, Optional.empty())).isEqualTo("0");
        assertThat(range(location, 8, 5, Optional.empty())).as("past the end").isEqualTo("89");
        assertThat(range(location, 12, 5, Optional.empty())).isEmpty();
        assertThat(range(location, 3, 0, Optional.empty())).isEmpty();
        if (hasETags()) {
            put(store(), location, "abcdefghij");
            assertThatThrownBy(() -> range(location, 2, 3, listed.eTag()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("s3://bucket-a/range.txt")
                    .hasMessageContaining("changed");
        }
    }

    private String range(S3Location location, long offset, long length, Optional<String> eTag)
            throws IOException
    {
        try (InputStream in = store().open(location, offset, length, eTag)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }

    @Test
    void missingObject()
            throws IOException
    {
        S3Location location = location("s3://bucket-b/no/such/object.csv");
        assertThatThrownBy(() -> store().open(location, 0))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("s3://bucket-b/no/such/object.csv");
        assertThat(store().size(location)).isEqualTo(Optional.empty());
    }

    @Test
    void prefixIsNotAnObject()
            throws IOException
    {
        put(store(), location("s3://bucket-a/dir/child.csv"), "x");
        S3Location prefix = location("s3://bucket-a/dir");
        assertThat(store().size(prefix)).isEmpty();
        assertThatThrownBy(() -> store().open(prefix, 0)).isInstanceOf(NoSuchFileException.class);
        assertThat(store().size(location("s3://bucket-a/dir/"))).isEmpty();
    }

    @Test
    void keyEndingWithSlashCannotBeWritten()
    {
        assertThatThrownBy(() -> store().create(location("s3://bucket-a/dir/")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://bucket-a/dir/");
        assertThatThrownBy(() -> store().create(location("s3://bucket-a")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteIsIdempotent()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/deleted.csv");
        put(store(), location, "x");
        store().delete(location);
        assertThat(store().size(location)).isEmpty();
        store().delete(location);
        store().delete(location("s3://never-created/x"));
    }

    @Test
    void distinctKeysAreDistinctObjects()
            throws IOException
    {
        put(store(), location("s3://bucket-a/q.csv"), "data");
        put(store(), location("s3://bucket-a/q.csv.metadata"), "meta");
        put(store(), location("s3://bucket-c/q.csv"), "other bucket");
        assertThat(get(store(), location("s3://bucket-a/q.csv"), 0)).isEqualTo("data");
        assertThat(get(store(), location("s3://bucket-a/q.csv.metadata"), 0)).isEqualTo("meta");
        assertThat(get(store(), location("s3://bucket-c/q.csv"), 0)).isEqualTo("other bucket");
    }

    @Test
    void unicodeKeysAndLargeObjects()
            throws IOException
    {
        S3Location location = location("s3://bucket-a/ünï cödé/€ 1.csv");
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        try (PendingObject out = store().create(location)) {
            out.write(data, 0, 5);
            out.write(data, 5, data.length - 5);
            out.commit();
        }
        assertThat(store().size(location)).contains((long) data.length);
        try (InputStream in = store().open(location, 1_000_001)) {
            byte[] tail = in.readAllBytes();
            assertThat(tail.length).isEqualTo(data.length - 1_000_001);
            assertThat(tail[0]).isEqualTo(data[1_000_001]);
            assertThat(tail[tail.length - 1]).isEqualTo(data[data.length - 1]);
        }
    }
}
