package io.pallas.server.encryption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.S3Location;
import io.pallas.server.encryption.KmsKeyRegistry.KmsKey;
import io.pallas.server.encryption.SegmentedAesGcm.CiphertextException;
import io.pallas.server.storage.SupportsUserMetadata;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * Athena's CSE_KMS for result objects: envelope encryption above the object store, so it works the same on every
 * store that keeps user metadata (local and S3 buckets).
 *
 * <p>Each object gets a random 256-bit data key; its content is {@link SegmentedAesGcm} ciphertext under that key,
 * and the data key, wrapped with AES-256-GCM by the registry key that {@code KmsKey} names, travels in the
 * object's user metadata with the names of the AWS S3 encryption client: {@code x-amz-key-v2} (base64 of the
 * 12-byte nonce, the wrapped key and its tag), {@code x-amz-cek-alg} ({@value #CONTENT_ALGORITHM}, which no S3
 * encryption client claims to read), {@code x-amz-wrap-alg} ({@value #WRAP_ALGORITHM}) and {@code x-amz-matdesc}
 * ({@code {"kms_cmk_id":"<key ARN>"}}). The wrapping authenticates the algorithm and the material description, so
 * neither can be changed without the unwrap failing.
 *
 * <p>Reads through either view decrypt objects that carry this metadata and pass other objects through as they
 * are. Listings report stored (ciphertext) sizes.
 */
public final class ClientSideEncryption
{
    public static final String KEY_V2 = "x-amz-key-v2";
    public static final String CEK_ALGORITHM = "x-amz-cek-alg";
    public static final String WRAP_ALGORITHM_NAME = "x-amz-wrap-alg";
    public static final String MATERIAL_DESCRIPTION = "x-amz-matdesc";
    public static final String CONTENT_ALGORITHM = "PALLAS/AES256-GCM-SEGMENTED-64K";
    public static final String WRAP_ALGORITHM = "AES/GCM";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int NONCE_SIZE = 12;

    private final KmsKeyRegistry registry;
    private final SecureRandom random;

    public ClientSideEncryption(KmsKeyRegistry registry, SecureRandom random)
    {
        this.registry = requireNonNull(registry, "registry is null");
        this.random = requireNonNull(random, "random is null");
    }

    /**
     * A view of the store that encrypts every object it writes with a new data key wrapped by the registry key
     * {@code kmsKey} names, and decrypts what it reads.
     *
     * @throws PallasException {@link ErrorCode#KMS_KEY_UNAVAILABLE} when the registry has no such key
     * @throws IllegalArgumentException when the store keeps no user metadata
     */
    public ObjectStore encrypting(ObjectStore store, String kmsKey)
    {
        requireNonNull(kmsKey, "kmsKey is null");
        KmsKey key = registry.resolve(kmsKey).orElseThrow(() -> new PallasException(ErrorCode.KMS_KEY_UNAVAILABLE,
                "Cannot encrypt the query results with CSE_KMS: KMS key '" + kmsKey + "' does not exist in the Pallas KMS key registry (kms-keys-file)"));
        if (!(store instanceof SupportsUserMetadata)) {
            throw new IllegalArgumentException("Client-side encryption needs a store that keeps user metadata");
        }
        return new View(store, Optional.of(key));
    }

    /** A view of the store that decrypts the client-side encrypted objects it reads, and writes as the store does. */
    public ObjectStore decrypting(ObjectStore store)
    {
        return new View(requireNonNull(store, "store is null"), Optional.empty());
    }

    /**
     * Fails when the object is not client-side encrypted: an object that should be (its query asked for CSE_KMS)
     * but whose metadata was lost, by a copy that drops it say, would otherwise be read as plaintext.
     *
     * @throws CiphertextException when the object carries no envelope metadata
     * @throws java.nio.file.NoSuchFileException when there is no object
     */
    public void checkEncrypted(ObjectStore store, S3Location location)
            throws IOException
    {
        ObjectStore underlying = store instanceof View view ? view.store : store;
        Map<String, String> metadata = underlying instanceof SupportsUserMetadata metadataStore ? metadataStore.userMetadata(location) : Map.of();
        if (!metadata.containsKey(CEK_ALGORITHM)) {
            throw new CiphertextException(location + " should be client-side encrypted (CSE_KMS) but has no encryption metadata ("
                    + CEK_ALGORITHM + ", " + KEY_V2 + "); it cannot be decrypted");
        }
    }

    /** A key that is in the registry no more, or metadata that names none: the object cannot be decrypted. */
    public static final class KeyUnavailableException
            extends IOException
    {
        public KeyUnavailableException(String message)
        {
            super(message);
        }
    }

    private Map<String, String> envelope(KmsKey key, byte[] dataKey)
    {
        String materialDescription;
        try {
            materialDescription = MAPPER.writeValueAsString(Map.of("kms_cmk_id", key.arn()));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] nonce = new byte[NONCE_SIZE];
        random.nextBytes(nonce);
        byte[] wrapped;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.material(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(wrappingAdditionalData(CONTENT_ALGORITHM, materialDescription));
            wrapped = cipher.doFinal(dataKey);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap a data key with " + key.arn(), e);
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(KEY_V2, Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_SIZE + wrapped.length).put(nonce).put(wrapped).array()));
        metadata.put(CEK_ALGORITHM, CONTENT_ALGORITHM);
        metadata.put(WRAP_ALGORITHM_NAME, WRAP_ALGORITHM);
        metadata.put(MATERIAL_DESCRIPTION, materialDescription);
        return metadata;
    }

    /** The data key of an object with envelope metadata; empty for an object without it. */
    private Optional<SecretKey> dataKey(S3Location location, Map<String, String> metadata)
            throws IOException
    {
        String algorithm = metadata.get(CEK_ALGORITHM);
        if (algorithm == null) {
            return Optional.empty();
        }
        if (!algorithm.equals(CONTENT_ALGORITHM) || !WRAP_ALGORITHM.equals(metadata.get(WRAP_ALGORITHM_NAME))) {
            throw new IOException("%s is client-side encrypted with %s wrapped by %s, which Pallas cannot read".formatted(
                    location, algorithm, metadata.get(WRAP_ALGORITHM_NAME)));
        }
        String materialDescription = metadata.get(MATERIAL_DESCRIPTION);
        String encodedKey = metadata.get(KEY_V2);
        if (materialDescription == null || encodedKey == null) {
            throw new KeyUnavailableException(location + " is client-side encrypted but its metadata lacks " + (encodedKey == null ? KEY_V2 : MATERIAL_DESCRIPTION));
        }
        String keyName;
        byte[] envelope;
        try {
            JsonNode description = MAPPER.readTree(materialDescription);
            keyName = description.path("kms_cmk_id").asText("");
            envelope = Base64.getDecoder().decode(encodedKey);
        }
        catch (IOException | IllegalArgumentException e) {
            throw new CiphertextException("The encryption metadata of " + location + " is malformed: " + e.getMessage(), e);
        }
        KmsKey key = registry.resolve(keyName).orElseThrow(() -> new KeyUnavailableException(
                "Cannot decrypt " + location + ": it is encrypted with KMS key '" + keyName + "', which is not in the Pallas KMS key registry (kms-keys-file)"));
        if (envelope.length != NONCE_SIZE + SegmentedAesGcm.KEY_SIZE + SegmentedAesGcm.TAG_SIZE) {
            throw new CiphertextException("The wrapped data key of " + location + " has " + envelope.length + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.material(), new GCMParameterSpec(128, envelope, 0, NONCE_SIZE));
            cipher.updateAAD(wrappingAdditionalData(algorithm, materialDescription));
            byte[] dataKey = cipher.doFinal(envelope, NONCE_SIZE, envelope.length - NONCE_SIZE);
            SecretKey secret = new SecretKeySpec(dataKey, "AES");
            Arrays.fill(dataKey, (byte) 0);
            return Optional.of(secret);
        }
        catch (AEADBadTagException e) {
            throw new CiphertextException("The data key of " + location + " does not unwrap with KMS key " + key.arn()
                    + ": the key material in the registry changed, or the encryption metadata was modified", e);
        }
        catch (GeneralSecurityException e) {
            throw new IOException("Cannot unwrap the data key of " + location, e);
        }
    }

    private static byte[] wrappingAdditionalData(String algorithm, String materialDescription)
    {
        return (algorithm + "\n" + materialDescription).getBytes(UTF_8);
    }

    private final class View
            implements ObjectStore
    {
        private final ObjectStore store;
        private final Optional<KmsKey> writeKey;

        private View(ObjectStore store, Optional<KmsKey> writeKey)
        {
            this.store = store;
            this.writeKey = writeKey;
        }

        @Override
        public PendingObject create(S3Location location)
                throws IOException
        {
            if (writeKey.isEmpty()) {
                return store.create(location);
            }
            byte[] dataKey = new byte[SegmentedAesGcm.KEY_SIZE];
            random.nextBytes(dataKey);
            SecretKey secret = new SecretKeySpec(dataKey, "AES");
            Map<String, String> metadata = envelope(writeKey.get(), dataKey);
            Arrays.fill(dataKey, (byte) 0);
            PendingObject out = ((SupportsUserMetadata) store).create(location, metadata);
            return new EncryptingObject(out, new SegmentedAesGcm.EncryptingStream(out, secret));
        }

        @Override
        public InputStream open(S3Location location, long offset)
                throws IOException
        {
            if (offset < 0) {
                throw new IllegalArgumentException("Negative offset %s for %s".formatted(offset, location));
            }
            Optional<SecretKey> dataKey = dataKey(location, metadata(location));
            if (dataKey.isEmpty()) {
                return store.open(location, offset);
            }
            // the segment that holds the byte before the offset: an offset at the very end still opens a segment
            long segment = offset == 0 ? 0 : (offset - 1) / SegmentedAesGcm.SEGMENT_SIZE;
            int skip = (int) (offset - segment * SegmentedAesGcm.SEGMENT_SIZE);
            InputStream in = store.open(location, SegmentedAesGcm.segmentOffset(segment));
            return new SegmentedAesGcm.DecryptingStream(in, dataKey.get(), segment, skip, location.toString());
        }

        @Override
        public Optional<Long> size(S3Location location)
                throws IOException
        {
            Optional<Long> size = store.size(location);
            if (size.isEmpty() || !metadata(location).containsKey(CEK_ALGORITHM)) {
                return size;
            }
            try {
                return Optional.of(SegmentedAesGcm.plaintextLength(size.get()));
            }
            catch (IllegalArgumentException e) {
                throw new CiphertextException(location + " is too short to be client-side encrypted", e);
            }
        }

        @Override
        public List<ObjectInfo> list(S3Location prefix)
                throws IOException
        {
            return store.list(prefix);
        }

        @Override
        public void delete(S3Location location)
                throws IOException
        {
            store.delete(location);
        }

        private Map<String, String> metadata(S3Location location)
                throws IOException
        {
            return store instanceof SupportsUserMetadata metadataStore ? metadataStore.userMetadata(location) : Map.of();
        }
    }

    private static final class EncryptingObject
            extends ObjectStore.PendingObject
    {
        private final ObjectStore.PendingObject out;
        private final SegmentedAesGcm.EncryptingStream encrypting;

        private EncryptingObject(ObjectStore.PendingObject out, SegmentedAesGcm.EncryptingStream encrypting)
        {
            this.out = out;
            this.encrypting = encrypting;
        }

        @Override
        public void write(int b)
                throws IOException
        {
            encrypting.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length)
                throws IOException
        {
            encrypting.write(bytes, offset, length);
        }

        @Override
        public void commit()
                throws IOException
        {
            encrypting.finish();
            out.commit();
        }

        @Override
        public void close()
                throws IOException
        {
            encrypting.close();
            out.close();
        }
    }
}
