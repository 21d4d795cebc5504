package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;

/** A store that can write objects with {@link WriteOptions} (encryption, ACL, expected owner, content type). */
public interface SupportsWriteOptions
{
    /**
     * A view of this store whose every call uses the options: writes carry all of them, and every request carries
     * the expected bucket owner. The view shares this store's connections; closing it is not needed.
     */
    ObjectStore withOptions(WriteOptions options);
}
