package io.pallas.core.catalog;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Where and how a table's (or partition's) data is stored, in Glue's terms. */
public record StorageDescriptor(
        Optional<String> location,
        String inputFormat,
        String outputFormat,
        SerDeInfo serDeInfo,
        List<String> bucketColumns,
        int numberOfBuckets,
        boolean compressed)
{
    public StorageDescriptor
    {
        requireNonNull(location, "location is null");
        requireNonNull(inputFormat, "inputFormat is null");
        requireNonNull(outputFormat, "outputFormat is null");
        requireNonNull(serDeInfo, "serDeInfo is null");
        bucketColumns = List.copyOf(bucketColumns);
    }

    public StorageDescriptor withLocation(Optional<String> newLocation)
    {
        return new StorageDescriptor(newLocation, inputFormat, outputFormat, serDeInfo, bucketColumns, numberOfBuckets, compressed);
    }
}
