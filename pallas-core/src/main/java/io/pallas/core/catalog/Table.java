package io.pallas.core.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A table or view of the catalog, shaped like Glue's Table. Views keep their Trino SQL in {@code viewOriginalText}
 * and are expanded when queried. {@code version} increases with every change, so concurrent DDL on one table can
 * be detected instead of one update silently replacing another.
 */
public record Table(
        String databaseName,
        String name,
        TableType tableType,
        List<TableColumn> columns,
        List<TableColumn> partitionKeys,
        StorageDescriptor storage,
        Map<String, String> parameters,
        Optional<String> description,
        Optional<String> viewOriginalText,
        Optional<String> viewExpandedText,
        Optional<String> owner,
        Instant createTime,
        Instant updateTime,
        long version)
{
    public Table
    {
        requireNonNull(databaseName, "databaseName is null");
        requireNonNull(name, "name is null");
        requireNonNull(tableType, "tableType is null");
        columns = List.copyOf(columns);
        partitionKeys = List.copyOf(partitionKeys);
        requireNonNull(storage, "storage is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        requireNonNull(description, "description is null");
        requireNonNull(viewOriginalText, "viewOriginalText is null");
        requireNonNull(viewExpandedText, "viewExpandedText is null");
        requireNonNull(owner, "owner is null");
        requireNonNull(createTime, "createTime is null");
        requireNonNull(updateTime, "updateTime is null");
    }

    public boolean isView()
    {
        return tableType == TableType.VIRTUAL_VIEW;
    }

    public Table withColumns(List<TableColumn> newColumns)
    {
        return new Table(databaseName, name, tableType, newColumns, partitionKeys, storage, parameters, description, viewOriginalText, viewExpandedText,
                owner, createTime, updateTime, version);
    }

    public Table withParameters(Map<String, String> newParameters)
    {
        return new Table(databaseName, name, tableType, columns, partitionKeys, storage, newParameters, description, viewOriginalText, viewExpandedText,
                owner, createTime, updateTime, version);
    }

    public Table withStorage(StorageDescriptor newStorage)
    {
        return new Table(databaseName, name, tableType, columns, partitionKeys, newStorage, parameters, description, viewOriginalText, viewExpandedText,
                owner, createTime, updateTime, version);
    }

    /** The next version of this table, changed at {@code now}: what {@link CatalogStore#replaceTable} expects. */
    public Table nextVersion(Instant now)
    {
        return new Table(databaseName, name, tableType, columns, partitionKeys, storage, parameters, description, viewOriginalText, viewExpandedText,
                owner, createTime, now, version + 1);
    }

    /** All columns a query sees: the data columns, then the partition keys. */
    public List<TableColumn> allColumns()
    {
        return java.util.stream.Stream.concat(columns.stream(), partitionKeys.stream()).toList();
    }
}
