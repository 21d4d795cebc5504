package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore.PendingObject;
import io.pallas.core.storage.S3Location;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;

/**
 * A store that keeps user metadata with each object, as S3 keeps {@code x-amz-meta-*} headers: written with the
 * object, atomically, and read back without reading the object. Names are given without the {@code x-amz-meta-}
 * prefix, in lower case (S3 lower-cases them); values are printable ASCII.
 */
public interface SupportsUserMetadata
{
    /** Like {@link io.pallas.core.storage.ObjectStore#create}, with the metadata stored when the object is committed. */
    PendingObject create(S3Location location, Map<String, String> userMetadata)
            throws IOException;

    /**
     * The user metadata of the object, empty when it has none.
     *
     * @throws java.nio.file.NoSuchFileException when there is no object at the location
     */
    Map<String, String> userMetadata(S3Location location)
            throws IOException;

    /** S3's limit on the user metadata of an object: names and values, in UTF-8 bytes. */
    int MAX_USER_METADATA_BYTES = 2048;

    /** Refuses names and values that S3 could not carry in headers, and more than S3 keeps. */
    static Map<String, String> checkUserMetadata(Map<String, String> userMetadata)
    {
        int size = userMetadata.entrySet().stream().mapToInt(entry -> entry.getKey().length() + entry.getValue().length()).sum();
        if (size > MAX_USER_METADATA_BYTES) {
            throw new IllegalArgumentException("User metadata of %d bytes is more than S3 allows (%d)".formatted(size, MAX_USER_METADATA_BYTES));
        }
        userMetadata.forEach((name, value) -> {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || !name.matches("[a-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("Invalid user metadata name (lower-case HTTP token expected): " + name);
            }
            if (value.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new IllegalArgumentException("User metadata value of " + name + " is not printable ASCII");
            }
        });
        return Map.copyOf(userMetadata);
    }
}
