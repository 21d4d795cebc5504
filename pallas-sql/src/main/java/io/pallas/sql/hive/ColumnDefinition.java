package io.pallas.sql.hive;

import io.pallas.core.catalog.TableColumn;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A column: lower-case name, Hive type in its normalised spelling ({@code map<string,int>}), optional comment. */
public record ColumnDefinition(String name, String hiveType, Optional<String> comment)
{
    public ColumnDefinition
    {
        requireNonNull(name, "name is null");
        requireNonNull(hiveType, "hiveType is null");
        requireNonNull(comment, "comment is null");
    }

    public TableColumn toTableColumn()
    {
        return new TableColumn(name, hiveType, comment);
    }
}
