package io.pallas.server.encryption;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * The ciphertext format of client-side encrypted objects: the plaintext cut into segments of
 * {@value #SEGMENT_SIZE} bytes (the last one shorter, possibly empty), each sealed with AES-256-GCM under the
 * object's own data key and stored as its ciphertext followed by its 16-byte tag. Nothing else is stored.
 *
 * <p>Segment {@code i} uses the 96-bit nonce {@code 0x00000000 || i} (big-endian; the data key is random per
 * object, so nonces never repeat under a key) and the additional data {@code i || final}, where {@code final} is
 * one byte, 1 for the last segment. Reordered segments, segments from another object, and truncation (also at a
 * segment boundary, because the last segment left would not carry the final flag) all fail authentication.
 *
 * <p>Both directions stream with one segment in memory, and a reader can start at any plaintext offset by
 * starting at the segment that holds it.
 */
public final class SegmentedAesGcm
{
    public static final int SEGMENT_SIZE = 64 * 1024;
    public static final int TAG_SIZE = 16;
    public static final int KEY_SIZE = 32;
    private static final int NONCE_SIZE = 12;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private SegmentedAesGcm() {}

    /** The ciphertext length of a plaintext of the given length. */
    public static long ciphertextLength(long plaintextLength)
    {
        long segments = plaintextLength / SEGMENT_SIZE + 1;
        if (plaintextLength > 0 && plaintextLength % SEGMENT_SIZE == 0) {
            // a plaintext that fills its last segment exactly has no empty segment after it
            segments--;
        }
        return plaintextLength + segments * TAG_SIZE;
    }

    /** The plaintext length of a well-formed ciphertext of the given length. */
    public static long plaintextLength(long ciphertextLength)
    {
        if (ciphertextLength < TAG_SIZE) {
            throw new IllegalArgumentException("Not a segmented ciphertext: " + ciphertextLength + " bytes");
        }
        long segments = (ciphertextLength + SEGMENT_SIZE + TAG_SIZE - 1) / (SEGMENT_SIZE + TAG_SIZE);
        return ciphertextLength - segments * TAG_SIZE;
    }

    /** Where segment {@code index} starts in the ciphertext. */
    public static long segmentOffset(long index)
    {
        return index * (SEGMENT_SIZE + TAG_SIZE);
    }

    /**
     * Encrypts everything written to it into {@code out}. {@link #finish()} seals the last segment; without it
     * the ciphertext is incomplete and will not decrypt. Closing closes nothing underneath.
     */
    public static final class EncryptingStream
            extends OutputStream
    {
        private final OutputStream out;
        private final SecretKey key;
        private final Cipher cipher;
        private final byte[] plaintext = new byte[SEGMENT_SIZE];
        private final byte[] ciphertext = new byte[SEGMENT_SIZE + TAG_SIZE];
        private int count;
        private long segment;
        private boolean finished;

        public EncryptingStream(OutputStream out, SecretKey key)
        {
            this.out = requireNonNull(out, "out is null");
            this.key = requireNonNull(key, "key is null");
            this.cipher = newCipher();
        }

        @Override
        public void write(int b)
                throws IOException
        {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (finished) {
                throw new IOException("Encrypted stream already finished");
            }
            while (length > 0) {
                if (count == SEGMENT_SIZE) {
                    // a full segment with more to come: it is not the last one
                    seal(false);
                }
                int chunk = Math.min(length, SEGMENT_SIZE - count);
                System.arraycopy(bytes, offset, plaintext, count, chunk);
                count += chunk;
                offset += chunk;
                length -= chunk;
            }
        }

        /** Seals the last segment (empty when nothing was written). */
        public void finish()
                throws IOException
        {
            if (!finished) {
                seal(true);
                finished = true;
            }
        }

        private void seal(boolean last)
                throws IOException
        {
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce(segment));
                cipher.updateAAD(additionalData(segment, last));
                int length = cipher.doFinal(plaintext, 0, count, ciphertext, 0);
                out.write(ciphertext, 0, length);
            }
            catch (GeneralSecurityException e) {
                throw new IOException("Cannot encrypt segment " + segment, e);
            }
            segment++;
            count = 0;
        }

        @Override
        public void close()
        {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Decrypts a ciphertext read from {@code in}, which starts at segment {@code firstSegment}, skipping the first
     * {@code skip} plaintext bytes of that segment. A segment that fails authentication, a missing final segment
     * and data after it are {@link CiphertextException}s naming {@code description}.
     */
    public static final class DecryptingStream
            extends InputStream
    {
        private final InputStream in;
        private final SecretKey key;
        private final String description;
        private final Cipher cipher;
        private final byte[] ciphertext = new byte[SEGMENT_SIZE + TAG_SIZE];
        private final byte[] plaintext = new byte[SEGMENT_SIZE];
        private int next;
        private int limit;
        private long segment;
        private long skip;
        private boolean last;
        private int lookahead = -1;

        public DecryptingStream(InputStream in, SecretKey key, long firstSegment, int skip, String description)
        {
            this.in = requireNonNull(in, "in is null");
            this.key = requireNonNull(key, "key is null");
            this.description = requireNonNull(description, "description is null");
            if (firstSegment < 0 || skip < 0 || skip > SEGMENT_SIZE) {
                throw new IllegalArgumentException("Invalid start: segment %s, skip %s".formatted(firstSegment, skip));
            }
            this.segment = firstSegment;
            this.skip = skip;
            this.cipher = newCipher();
        }

        @Override
        public int read()
                throws IOException
        {
            byte[] one = new byte[1];
            int count = read(one, 0, 1);
            return count < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] bytes, int offset, int length)
                throws IOException
        {
            Objects.checkFromIndexSize(offset, length, bytes.length);
            if (length == 0) {
                return 0;
            }
            while (next == limit) {
                if (last) {
                    return -1;
                }
                openSegment();
            }
            int count = Math.min(length, limit - next);
            System.arraycopy(plaintext, next, bytes, offset, count);
            next += count;
            return count;
        }

        private void openSegment()
                throws IOException
        {
            int length = 0;
            if (lookahead >= 0) {
                ciphertext[length++] = (byte) lookahead;
                lookahead = -1;
            }
            length += in.readNBytes(ciphertext, length, ciphertext.length - length);
            if (length == ciphertext.length) {
                // a full segment is the last one only when nothing follows it
                lookahead = in.read();
                last = lookahead < 0;
            }
            else {
                last = true;
            }
            if (length < TAG_SIZE) {
                throw new CiphertextException(description + " is truncated: segment " + segment + " is missing or incomplete");
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, nonce(segment));
                cipher.updateAAD(additionalData(segment, last));
                limit = cipher.doFinal(ciphertext, 0, length, plaintext, 0);
            }
            catch (AEADBadTagException e) {
                throw new CiphertextException(description + " failed authentication at segment " + segment
                        + ": it was modified, truncated, or encrypted with another key", e);
            }
            catch (GeneralSecurityException e) {
                throw new IOException("Cannot decrypt segment " + segment + " of " + description, e);
            }
            segment++;
            next = (int) Math.min(skip, limit);
            if (skip > limit) {
                throw new CiphertextException(description + " ends before the requested offset");
            }
            skip = 0;
        }

        @Override
        public void close()
                throws IOException
        {
            Arrays.fill(plaintext, (byte) 0);
            in.close();
        }
    }

    /** A ciphertext that cannot be what was written: modified, truncated, or under another key. */
    public static final class CiphertextException
            extends IOException
    {
        public CiphertextException(String message)
        {
            super(message);
        }

        public CiphertextException(String message, Throwable cause)
        {
            super(message, cause);
        }
    }

    private static Cipher newCipher()
    {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    private static GCMParameterSpec nonce(long segment)
    {
        byte[] nonce = ByteBuffer.allocate(NONCE_SIZE).putInt(0).putLong(segment).array();
        return new GCMParameterSpec(TAG_SIZE * 8, nonce);
    }

    private static byte[] additionalData(long segment, boolean last)
    {
        return ByteBuffer.allocate(Long.BYTES + 1).putLong(segment).put((byte) (last ? 1 : 0)).array();
    }
}
