package io.pallas.core.catalog;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One file of a table's data, as a local path the engine may read, with the values of the table's partition keys
 * for the partition it belongs to (empty for an unpartitioned table) and the object it came from. {@code size} is
 * the object's size; {@code scannedBytes} what reading it costs the query, which is less when only some byte
 * ranges of the object are needed.
 */
public record DataFile(Path path, long size, List<String> partitionValues, String location, long scannedBytes)
{
    public DataFile
    {
        requireNonNull(path, "path is null");
        partitionValues = List.copyOf(partitionValues);
        requireNonNull(location, "location is null");
    }

    /** A file read whole. */
    public DataFile(Path path, long size, List<String> partitionValues, String location)
    {
        this(path, size, partitionValues, location, size);
    }
}
