package io.pallas.core.catalog;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A column as the catalog stores it: Hive type spelling ({@code int}, {@code array<string>}, {@code struct<a:int>}). */
public record TableColumn(String name, String type, Optional<String> comment)
{
    public TableColumn
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(comment, "comment is null");
    }
}
