package io.pallas.server.storage;

import io.pallas.core.storage.ObjectStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The object store contract for a local store that keeps metadata in files, as on a file system without user extended attributes. */
class TestLocalObjectStoreMetadataFiles
        extends AbstractObjectStoreTest
{
    @TempDir
    Path directory;

    private LocalObjectStore store;

    @BeforeEach
    void setUp()
    {
        store = new LocalObjectStore(directory.resolve("root"), directory.resolve("tmp"), directory.resolve("metadata"), false);
    }

    @Override
    protected ObjectStore store()
    {
        return store;
    }
}
