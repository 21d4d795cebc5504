package io.pallas.server.encryption;

import io.pallas.server.encryption.SegmentedAesGcm.CiphertextException;
import io.pallas.server.encryption.SegmentedAesGcm.DecryptingStream;
import io.pallas.server.encryption.SegmentedAesGcm.EncryptingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static io.pallas.server.encryption.SegmentedAesGcm.SEGMENT_SIZE;
import static io.pallas.server.encryption.SegmentedAesGcm.TAG_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestSegmentedAesGcm
{
    private static final SecretKey KEY = key(1);
    private static final SecretKey OTHER_KEY = key(2);

    @ParameterizedTest
    @ValueSource(ints = {0, 1, SEGMENT_SIZE - 1, SEGMENT_SIZE, SEGMENT_SIZE + 1, 2 * SEGMENT_SIZE, 3 * SEGMENT_SIZE + 17})
    void roundTripsAtEverySegmentBoundary(int length)
            throws IOException
    {
        byte[] plaintext = plaintext(length);
        byte[] ciphertext = encrypt(plaintext, KEY);
        assertThat(ciphertext).hasSize((int) SegmentedAesGcm.ciphertextLength(length));
        assertThat(SegmentedAesGcm.plaintextLength(ciphertext.length)).isEqualTo(length);
        assertThat(decrypt(ciphertext, KEY, 0)).isEqualTo(plaintext);
    }

    @Test
    void emptyPlaintextIsOneAuthenticatedSegment()
            throws IOException
    {
        byte[] ciphertext = encrypt(new byte[0], KEY);
        assertThat(ciphertext).hasSize(TAG_SIZE);
        assertThat(decrypt(ciphertext, KEY, 0)).isEmpty();
        assertThatThrownBy(() -> decrypt(new byte[0], KEY, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void readsFromAnyOffset()
            throws IOException
    {
        int length = 2 * SEGMENT_SIZE + 100;
        byte[] plaintext = plaintext(length);
        byte[] ciphertext = encrypt(plaintext, KEY);
        for (long offset : new long[] {0, 1, SEGMENT_SIZE - 1, SEGMENT_SIZE, SEGMENT_SIZE + 1, 2L * SEGMENT_SIZE, length - 1, length}) {
            assertThat(decrypt(ciphertext, KEY, offset)).as("from offset %s", offset).isEqualTo(Arrays.copyOfRange(plaintext, (int) offset, length));
        }
    }

    @Test
    void ciphertextDoesNotContainThePlaintext()
            throws IOException
    {
        byte[] plaintext = "\"name\"\n\"secret value\"\n".repeat(1000).getBytes();
        byte[] ciphertext = encrypt(plaintext, KEY);
        assertThat(new String(ciphertext, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("secret value");
    }

    @Test
    void truncationAtASegmentBoundaryIsDetected()
            throws IOException
    {
        byte[] ciphertext = encrypt(plaintext(2 * SEGMENT_SIZE + 5), KEY);
        byte[] twoSegments = Arrays.copyOf(ciphertext, 2 * (SEGMENT_SIZE + TAG_SIZE));
        assertThatThrownBy(() -> decrypt(twoSegments, KEY, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("failed authentication at segment 1");
        // the same from an offset inside the last remaining segment
        assertThatThrownBy(() -> decrypt(twoSegments, KEY, SEGMENT_SIZE + 10))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("segment 1");
    }

    @Test
    void truncationInsideASegmentIsDetected()
            throws IOException
    {
        byte[] ciphertext = encrypt(plaintext(SEGMENT_SIZE + 500), KEY);
        assertThatThrownBy(() -> decrypt(Arrays.copyOf(ciphertext, ciphertext.length - 1), KEY, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("segment 1");
        assertThatThrownBy(() -> decrypt(Arrays.copyOf(ciphertext, SEGMENT_SIZE + TAG_SIZE + 3), KEY, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void modifiedOrReorderedSegmentsAreDetected()
            throws IOException
    {
        byte[] ciphertext = encrypt(plaintext(3 * SEGMENT_SIZE), KEY);
        byte[] flipped = ciphertext.clone();
        flipped[SEGMENT_SIZE + TAG_SIZE + 7] ^= 1;
        assertThatThrownBy(() -> decrypt(flipped, KEY, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("failed authentication at segment 1");

        int segment = SEGMENT_SIZE + TAG_SIZE;
        byte[] swapped = ciphertext.clone();
        System.arraycopy(ciphertext, 0, swapped, segment, segment);
        System.arraycopy(ciphertext, segment, swapped, 0, segment);
        assertThatThrownBy(() -> decrypt(swapped, KEY, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("segment 0");
    }

    @Test
    void anotherKeyDoesNotDecrypt()
            throws IOException
    {
        byte[] ciphertext = encrypt(plaintext(100), KEY);
        assertThatThrownBy(() -> decrypt(ciphertext, OTHER_KEY, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("test object failed authentication at segment 0");
    }

    @Test
    void dataAfterTheLastSegmentIsDetected()
            throws IOException
    {
        byte[] ciphertext = encrypt(plaintext(SEGMENT_SIZE), KEY);
        byte[] extended = Arrays.copyOf(ciphertext, ciphertext.length + TAG_SIZE + 1);
        assertThatThrownBy(() -> decrypt(extended, KEY, 0))
                .isInstanceOf(CiphertextException.class)
                .hasMessageContaining("segment");
    }

    private static byte[] encrypt(byte[] plaintext, SecretKey key)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (EncryptingStream encrypting = new EncryptingStream(out, key)) {
            // uneven writes: the segmenting must not depend on how the caller writes
            int position = 0;
            int chunk = 1;
            while (position < plaintext.length) {
                int length = Math.min(chunk, plaintext.length - position);
                encrypting.write(plaintext, position, length);
                position += length;
                chunk = chunk * 3 + 1;
            }
            encrypting.finish();
        }
        return out.toByteArray();
    }

    private static byte[] decrypt(byte[] ciphertext, SecretKey key, long offset)
            throws IOException
    {
        long segment = offset == 0 ? 0 : (offset - 1) / SEGMENT_SIZE;
        int skip = (int) (offset - segment * SEGMENT_SIZE);
        InputStream in = new ByteArrayInputStream(ciphertext);
        in.skipNBytes(Math.min(ciphertext.length, SegmentedAesGcm.segmentOffset(segment)));
        try (DecryptingStream decrypting = new DecryptingStream(in, key, segment, skip, "test object")) {
            return decrypting.readAllBytes();
        }
    }

    private static byte[] plaintext(int length)
    {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static SecretKey key(int seed)
    {
        byte[] bytes = new byte[32];
        new Random(seed).nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }
}
