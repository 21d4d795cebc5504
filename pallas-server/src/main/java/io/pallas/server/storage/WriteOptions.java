package io.pallas.server.storage;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * How result objects are written, from Athena's {@code ResultConfiguration}: server-side encryption
 * ({@code EncryptionConfiguration}), the {@code bucket-owner-full-control} canned ACL ({@code AclConfiguration}),
 * the account that must own the bucket ({@code ExpectedBucketOwner}) and the object's content type.
 *
 * <p>The expected bucket owner is not only a write option: a store view with these options sends it on every call
 * (reads, listings and deletes too), as Athena does for the query-result location.
 *
 * @param contentType the {@code Content-Type} of written objects; empty for {@code application/octet-stream}
 */
public record WriteOptions(
        Encryption encryption,
        Optional<String> kmsKeyId,
        boolean bucketOwnerFullControl,
        Optional<String> expectedBucketOwner,
        Optional<String> contentType)
{
    /** No encryption header, no ACL, no owner check, the default content type. */
    public static final WriteOptions DEFAULT = new WriteOptions(Encryption.NONE, Optional.empty(), false, Optional.empty(), Optional.empty());

    public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    /** Server-side encryption; Athena's client-side {@code CSE_KMS} is not something a store can do for it. */
    public enum Encryption
    {
        /** No {@code x-amz-server-side-encryption} header: the bucket's default encryption applies. */
        NONE,
        /** {@code x-amz-server-side-encryption: AES256}. */
        SSE_S3,
        /** {@code x-amz-server-side-encryption: aws:kms}, with the key id when one is given. */
        SSE_KMS,
    }

    public WriteOptions
    {
        requireNonNull(encryption, "encryption is null");
        requireNonNull(kmsKeyId, "kmsKeyId is null");
        requireNonNull(expectedBucketOwner, "expectedBucketOwner is null");
        requireNonNull(contentType, "contentType is null");
        if (kmsKeyId.isPresent() && encryption != Encryption.SSE_KMS) {
            throw new IllegalArgumentException("A KMS key is only allowed with SSE_KMS encryption, not " + encryption);
        }
        if (kmsKeyId.isPresent() && kmsKeyId.get().isBlank()) {
            throw new IllegalArgumentException("KMS key must not be blank");
        }
        if (expectedBucketOwner.isPresent() && !expectedBucketOwner.get().matches("[0-9]{12}")) {
            throw new IllegalArgumentException("Expected bucket owner must be a 12-digit account id: " + expectedBucketOwner.get());
        }
        if (contentType.isPresent() && (contentType.get().isBlank() || contentType.get().chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw new IllegalArgumentException("Invalid content type: " + contentType.get());
        }
    }

    public WriteOptions withSseS3()
    {
        return new WriteOptions(Encryption.SSE_S3, Optional.empty(), bucketOwnerFullControl, expectedBucketOwner, contentType);
    }

    /** SSE-KMS with the given key (ARN, id or alias), or with the bucket's default KMS key when empty. */
    public WriteOptions withSseKms(Optional<String> kmsKeyId)
    {
        return new WriteOptions(Encryption.SSE_KMS, kmsKeyId, bucketOwnerFullControl, expectedBucketOwner, contentType);
    }

    public WriteOptions withBucketOwnerFullControl(boolean bucketOwnerFullControl)
    {
        return new WriteOptions(encryption, kmsKeyId, bucketOwnerFullControl, expectedBucketOwner, contentType);
    }

    public WriteOptions withExpectedBucketOwner(String accountId)
    {
        return new WriteOptions(encryption, kmsKeyId, bucketOwnerFullControl, Optional.of(accountId), contentType);
    }

    public WriteOptions withContentType(String contentType)
    {
        return new WriteOptions(encryption, kmsKeyId, bucketOwnerFullControl, expectedBucketOwner, Optional.of(contentType));
    }

    public String effectiveContentType()
    {
        return contentType.orElse(DEFAULT_CONTENT_TYPE);
    }
}
