package io.pallas.core.query;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** How result objects are encrypted: option SSE_S3, SSE_KMS or CSE_KMS, with the KMS key for the KMS options. */
public record EncryptionConfiguration(String encryptionOption, Optional<String> kmsKey)
{
    public EncryptionConfiguration
    {
        requireNonNull(encryptionOption, "encryptionOption is null");
        requireNonNull(kmsKey, "kmsKey is null");
    }
}
