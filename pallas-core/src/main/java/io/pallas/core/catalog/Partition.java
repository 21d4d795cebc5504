package io.pallas.core.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** One partition of a table: its values in partition-key order and where its data is. */
public record Partition(
        String databaseName,
        String tableName,
        List<String> values,
        StorageDescriptor storage,
        Map<String, String> parameters,
        Instant createTime)
{
    public Partition
    {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(tableName, "tableName is null");
        values = List.copyOf(values);
        requireNonNull(storage, "storage is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        requireNonNull(createTime, "createTime is null");
    }
}
