package io.pallas.server.encryption;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;
import io.pallas.server.encryption.SegmentedAesGcm.CiphertextException;
import io.pallas.server.storage.LocalObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestClientSideEncryption
{
    private static final String KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
    private static final String KEY_ARN = "arn:aws:kms:us-east-1:123456789012:key/" + KEY_ID;
    private static final S3Location OBJECT = S3Location.parse("s3://results/q/id.csv").orElseThrow();

    @TempDir
    Path directory;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void encryptsAtRestAndDecryptsOnRead(boolean extendedAttributes)
            throws IOException
    {
        LocalObjectStore local = new LocalObjectStore(directory.resolve("s3"), directory.resolve("tmp"), directory.resolve("s3-metadata"), extendedAttributes);
        ClientSideEncryption encryption = new ClientSideEncryption(registry(key(7)), new SecureRandom());
        String csv = "\"name\"\n" + "\"confidential row\"\n".repeat(10_000);
        write(encryption.encrypting(local, "alias/results"), OBJECT, csv);

        byte[] atRest = Files.readAllBytes(directory.resolve("s3/results/q/id.csv"));
        assertThat(new String(atRest, ISO_8859_1)).doesNotContain("confidential");
        assertThat(atRest).hasSize((int) SegmentedAesGcm.ciphertextLength(csv.length()));
        Map<String, String> metadata = local.userMetadata(OBJECT);
        assertThat(metadata).containsEntry("x-amz-cek-alg", ClientSideEncryption.CONTENT_ALGORITHM)
                .containsEntry("x-amz-wrap-alg", "AES/GCM")
                .containsEntry("x-amz-matdesc", "{\"kms_cmk_id\":\"" + KEY_ARN + "\"}");
        assertThat(Base64.getDecoder().decode(metadata.get("x-amz-key-v2"))).hasSize(12 + 32 + 16);
        assertThat(local.list(S3Location.parse("s3://results/").orElseThrow())).hasSize(1);

        // any view decrypts, from any offset
        ObjectStore reader = encryption.decrypting(local);
        assertThat(read(reader, OBJECT, 0)).isEqualTo(csv);
        assertThat(read(reader, OBJECT, 70_000)).isEqualTo(csv.substring(70_000));
        assertThat(reader.size(OBJECT)).contains((long) csv.length());
    }

    @Test
    void extendedAttributesUseTheNamesS3ProxyReads()
            throws IOException
    {
        LocalObjectStore local = new LocalObjectStore(directory.resolve("s3"), directory.resolve("tmp"));
        assertThat(local.usesExtendedAttributes()).isTrue();
        write(new ClientSideEncryption(registry(key(7)), new SecureRandom()).encrypting(local, KEY_ID), OBJECT, "x");
        UserDefinedFileAttributeView view = Files.getFileAttributeView(directory.resolve("s3/results/q/id.csv"), UserDefinedFileAttributeView.class);
        assertThat(view.list()).contains("user.user-metadata.x-amz-key-v2", "user.user-metadata.x-amz-cek-alg", "user.user-metadata.x-amz-matdesc");
        ByteBuffer value = ByteBuffer.allocate(view.size("user.user-metadata.x-amz-wrap-alg"));
        view.read("user.user-metadata.x-amz-wrap-alg", value);
        assertThat(new String(value.array(), UTF_8)).isEqualTo("AES/GCM");
    }

    @Test
    void keysAreNamedByIdArnAliasOrAliasArn()
            throws IOException
    {
        LocalObjectStore local = new LocalObjectStore(directory.resolve("s3"), directory.resolve("tmp"));
        ClientSideEncryption encryption = new ClientSideEncryption(registry(key(7)), new SecureRandom());
        for (String name : new String[] {KEY_ID, KEY_ARN, "alias/results", "arn:aws:kms:us-east-1:123456789012:alias/results"}) {
            write(encryption.encrypting(local, name), OBJECT, name);
            assertThat(local.userMetadata(OBJECT)).containsEntry("x-amz-matdesc", "{\"kms_cmk_id\":\"" + KEY_ARN + "\"}");
            assertThat(read(encryption.decrypting(local), OBJECT, 0)).isEqualTo(name);
        }
    }

    @Test
    void unknownKeyIsRefusedBeforeAnythingIsWritten()
            throws IOException
    {
        LocalObjectStore local = new LocalObjectStore(directory.resolve("s3"), directory.resolve("tmp"));
        ClientSideEncryption encryption = new ClientSideEncryption(registry(key(7)), new SecureRandom());
        assertThatThrownBy(() -> encryption.encrypting(local, "alias/missing"))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.KMS_KEY_UNAVAILABLE))
                .hasMessage("Cannot encrypt the query results with CSE_KMS: KMS key 'alias/missing' does not exist in the Pallas KMS key registry (kms-keys-file)");
        assertThat(local.list(S3Location.parse("s3://results/").orElseThrow())).isEmpty();
    }

    @Test
    void readingNeedsTheSameKeyMaterial()
            throws IOException
    {
        LocalObjectStore local = new LocalObjectStore(directory.resolve("s3"), directory.resolve("tmp"));
        write(new ClientSideEncryption(registry(key(7)), new SecureRandom()).encrypting(local, KEY_ID), OBJECT, "secret");

        ObjectStore withoutKey = new ClientSideEncryption(KmsKeyRegistry.empty(), new SecureRandom()).decrypting(local);
        assertThatThrownBy(() -> read(withoutKey, OBJECT, 0))
                .isInstanceOf(ClientSideEncryption.KeyUnavailableException.class)
                .hasMessage("Cannot decrypt s3://results/q/id.csv: it is encrypted with KMS key '" + KEY_ARN
                        + "', which is not in the Pallas KMS key registry (kms-keys-file)");

        ObjectStore otherMaterial = new ClientSideEncryption(registry(key(8)), new SecureRandom()).decrypting(local);
        assertThatThrownBy(() -> read(otherMaterial, OBJECT, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("does not unwrap with KMS key " + KEY_ARN);
    }

    @Test
    void modifiedObjectFailsClearly()
            throws IOException
    {
        LocalObjectStore local = new LocalObjectStore(directory.resolve("s3"), directory.resolve("tmp"));
        ClientSideEncryption encryption = new ClientSideEncryption(registry(key(7)), new SecureRandom());
        write(encryption.encrypting(local, KEY_ID), OBJECT, "\"a\"\n\"b\"\n");
        Path file = directory.resolve("s3/results/q/id.csv");
        byte[] bytes = Files.readAllBytes(file);
        bytes[2] ^= 0x20;
        // rewritten in place: the extended attributes stay
        Files.write(file, bytes);
        assertThatThrownBy(() -> read(encryption.decrypting(local), OBJECT, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessage("s3://results/q/id.csv failed authentication at segment 0: it was modified, truncated, or encrypted with another key");
    }

    @Test
    void plainObjectsPassThrough()
            throws IOException
    {
        LocalObjectStore local = new LocalObjectStore(directory.resolve("s3"), directory.resolve("tmp"));
        write(local, OBJECT, "plain");
        ClientSideEncryption encryption = new ClientSideEncryption(registry(key(7)), new SecureRandom());
        assertThat(read(encryption.decrypting(local), OBJECT, 1)).isEqualTo("lain");
        assertThat(encryption.decrypting(local).size(OBJECT)).contains(5L);
    }

    static KmsKeyRegistry registry(byte[] material)
            throws IOException
    {
        Path file = Files.createTempFile("kms-keys", ".json");
        try {
            Files.writeString(file, """
                    {"keys": [{"keyId": "%s", "keyMaterial": "%s", "aliases": ["alias/results"]}]}
                    """.formatted(KEY_ID, Base64.getEncoder().encodeToString(material)));
            return KmsKeyRegistry.load(file, "us-east-1", "123456789012");
        }
        finally {
            Files.delete(file);
        }
    }

    static byte[] key(int seed)
    {
        byte[] bytes = new byte[32];
        new java.util.Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static void write(ObjectStore store, S3Location location, String text)
            throws IOException
    {
        try (PendingObject out = store.create(location)) {
            out.write(text.getBytes(UTF_8));
            out.commit();
        }
    }

    private static String read(ObjectStore store, S3Location location, long offset)
            throws IOException
    {
        try (InputStream in = store.open(location, offset)) {
            return new String(in.readAllBytes(), UTF_8);
        }
    }
}
