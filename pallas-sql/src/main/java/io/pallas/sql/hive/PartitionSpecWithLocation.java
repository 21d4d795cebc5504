package io.pallas.sql.hive;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** One {@code PARTITION (…) [LOCATION '…']} of {@code ALTER TABLE … ADD PARTITION}. */
public record PartitionSpecWithLocation(PartitionSpec partition, Optional<String> location)
{
    public PartitionSpecWithLocation
    {
        requireNonNull(partition, "partition is null");
        requireNonNull(location, "location is null");
    }
}
