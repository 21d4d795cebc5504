package io.pallas.sql.hive;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** {@code CLUSTERED BY (columns) INTO buckets BUCKETS}. */
public record Clustering(List<String> columns, int buckets)
{
    public Clustering
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
