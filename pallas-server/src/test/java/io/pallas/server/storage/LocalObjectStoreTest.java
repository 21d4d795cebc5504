package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalObjectStoreTest
        extends AbstractObjectStoreTest
{
    @TempDir
    Path directory;

    private Path root;
    private Path temp;
    private LocalObjectStore store;

    @BeforeEach
    void setUp()
    {
        root = directory.resolve("root");
        temp = directory.resolve("tmp");
        store = new LocalObjectStore(root, temp);
    }

    @Override
    protected ObjectStore store()
    {
        return store;
    }

    @Test
    void writeOptionsAndUserMetadataAreRecordedInExtendedAttributes()
            throws IOException
    {
        assertThat(store.usesExtendedAttributes()).isTrue();
        S3Location object = location("s3://bucket-a/results/q.csv");
        LocalObjectStore view = store.withOptions(WriteOptions.DEFAULT.withSseKms(Optional.of("alias/results")).withBucketOwnerFullControl(true)
                .withContentType("text/csv"));
        try (PendingObject out = view.create(object, Map.of("purpose", "test"))) {
            out.write("x".getBytes(UTF_8));
            out.commit();
        }
        assertThat(store.metadata(object)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "x-amz-server-side-encryption", "aws:kms",
                "x-amz-server-side-encryption-aws-kms-key-id", "alias/results",
                "x-amz-acl", "bucket-owner-full-control",
                "content-type", "text/csv",
                "x-amz-meta-purpose", "test"));
        assertThat(store.userMetadata(object)).containsExactly(Map.entry("purpose", "test"));
        // the jclouds filesystem names (S3Proxy) for what it knows, ours for the rest
        var attributes = Files.getFileAttributeView(root.resolve("bucket-a/results/q.csv"), UserDefinedFileAttributeView.class).list();
        assertThat(attributes).contains("user.user-metadata.purpose", "user.content-type", "user.pallas.x-amz-acl", "user.pallas.x-amz-server-side-encryption");

        put(view.withOptions(WriteOptions.DEFAULT.withSseS3()), object, "y");
        assertThat(store.metadata(object)).containsExactly(Map.entry("x-amz-server-side-encryption", "AES256"));
        put(store, object, "z");
        assertThat(store.metadata(object)).isEmpty();
        assertThatThrownBy(() -> store.metadata(location("s3://bucket-a/missing.csv")))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessage("s3://bucket-a/missing.csv");
    }

    @Test
    void metadataFallsBackToFilesOutsideTheRoot()
            throws IOException
    {
        Path metadata = directory.resolve("metadata");
        LocalObjectStore sidecars = new LocalObjectStore(root, temp, metadata, false);
        assertThat(sidecars.usesExtendedAttributes()).isFalse();
        S3Location object = location("s3://bucket-a/results/q.csv");
        try (PendingObject out = sidecars.withOptions(WriteOptions.DEFAULT.withSseS3().withBucketOwnerFullControl(true)).create(object, Map.of("k", "v"))) {
            out.write("x".getBytes(UTF_8));
            out.commit();
        }
        assertThat(sidecars.metadata(object)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "x-amz-server-side-encryption", "AES256", "x-amz-acl", "bucket-owner-full-control", "x-amz-meta-k", "v"));
        assertThat(metadata.resolve("bucket-a/results/q.csv")).isRegularFile();
        assertThat(sidecars.list(location("s3://bucket-a/"))).extracting(info -> info.location().key()).containsExactly("results/q.csv");

        put(sidecars, object, "replaced");
        assertThat(sidecars.metadata(object)).isEmpty();
        try (PendingObject out = sidecars.create(object, Map.of("k", "v"))) {
            out.commit();
        }
        sidecars.delete(object);
        assertThat(metadata.resolve("bucket-a/results/q.csv")).doesNotExist();
        assertThatThrownBy(() -> new LocalObjectStore(root, temp, root.resolve("meta"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not be inside the object store root");
    }

    @Test
    void layout()
            throws IOException
    {
        put(store, location("s3://bucket-a/a/b/c.csv"), "x");
        assertThat(root.resolve("bucket-a/a/b/c.csv")).hasContent("x");
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void pendingWritesLiveInTempDirectory()
            throws IOException
    {
        try (PendingObject out = store.create(location("s3://bucket-a/x.csv"))) {
            out.write("abc".getBytes(UTF_8));
            out.flush();
            try (Stream<Path> files = Files.list(temp)) {
                assertThat(files.count()).isEqualTo(1);
            }
            assertThat(root.resolve("bucket-a")).doesNotExist();
        }
        assertThat(temp).isEmptyDirectory();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "../escape",
            "a/../../escape",
            "a/../b",
            "./a",
            "a/./b",
            "..",
            "a//b",
            "a\\..\\..\\b",
            "a\0b",
    })
    void refusesUnsafeKeys(String key)
    {
        S3Location location = new S3Location("bucket-a", key);
        assertThatThrownBy(() -> store.create(location))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(location.toString());
        assertThatThrownBy(() -> store.open(location, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size(location)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(location)).isInstanceOf(IllegalArgumentException.class);
        assertThat(directory.resolve("escape")).doesNotExist();
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void refusesDirectoryLinkLeavingRoot()
            throws IOException
    {
        Path outside = Files.createDirectories(directory.resolve("outside"));
        Files.createDirectories(root.resolve("bucket-a"));
        Files.createSymbolicLink(root.resolve("bucket-a/link"), outside);
        S3Location location = location("s3://bucket-a/link/x.csv");
        assertThatThrownBy(() -> store.create(location))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s3://bucket-a/link/x.csv");
        Files.writeString(outside.resolve("secret"), "secret");
        assertThatThrownBy(() -> store.open(location("s3://bucket-a/link/secret"), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(outside.resolve("x.csv")).doesNotExist();
    }

    @Test
    void refusesBucketLinkLeavingRoot()
            throws IOException
    {
        Path outside = Files.createDirectories(directory.resolve("outside"));
        Files.createSymbolicLink(root.resolve("bucket-l"), outside);
        assertThatThrownBy(() -> store.create(location("s3://bucket-l/x.csv"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesFileLinkLeavingRoot()
            throws IOException
    {
        Path secret = Files.writeString(directory.resolve("secret.txt"), "secret");
        Files.createDirectories(root.resolve("bucket-a"));
        Files.createSymbolicLink(root.resolve("bucket-a/secret.txt"), secret);
        S3Location location = location("s3://bucket-a/secret.txt");
        assertThatThrownBy(() -> store.open(location, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.size(location)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(location)).isInstanceOf(IllegalArgumentException.class);
        assertThat(secret).hasContent("secret");
    }

    @Test
    void linksInsideRootAreFine()
            throws IOException
    {
        put(store, location("s3://bucket-a/real/x.csv"), "x");
        Files.createSymbolicLink(root.resolve("bucket-a/alias"), root.resolve("bucket-a/real"));
        assertThat(get(store, location("s3://bucket-a/alias/x.csv"), 0)).isEqualTo("x");
    }

    @Test
    void rootMayItselfBeALink()
            throws IOException
    {
        Path realRoot = Files.createDirectories(directory.resolve("real-root"));
        Path linkRoot = Files.createSymbolicLink(directory.resolve("link-root"), realRoot);
        LocalObjectStore linked = new LocalObjectStore(linkRoot, temp);
        put(linked, location("s3://bucket-a/x.csv"), "x");
        assertThat(realRoot.resolve("bucket-a/x.csv")).hasContent("x");
    }
}
