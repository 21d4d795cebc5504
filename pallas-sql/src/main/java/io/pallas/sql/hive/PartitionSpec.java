package io.pallas.sql.hive;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code PARTITION (k = v, …)} in written order. Keys are lower-cased; values are strings whether the DDL quoted them
 * or wrote numbers ({@code year=2021} and {@code year='2021'} both give {@code "2021"}).
 */
public record PartitionSpec(List<Map.Entry<String, String>> entries)
{
    public PartitionSpec
    {
        entries = requireNonNull(entries, "entries is null").stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue()))
                .toList();
    }

    public List<String> keys()
    {
        return entries.stream().map(Map.Entry::getKey).toList();
    }

    public List<String> values()
    {
        return entries.stream().map(Map.Entry::getValue).toList();
    }
}
