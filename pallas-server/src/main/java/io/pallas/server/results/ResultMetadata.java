package io.pallas.server.results;

import io.pallas.core.type.Column;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * The content of a {@code .metadata} companion file.
 *
 * @param id the query id (field 1)
 * @param updateType Trino's update type for DML/CTAS, e.g. {@code INSERT} (field 2)
 * @param updateCount affected rows (field 3); only alongside an update type
 */
public record ResultMetadata(String id, Optional<String> updateType, OptionalLong updateCount, List<ResultColumn> columns)
{
    public ResultMetadata
    {
        requireNonNull(id, "id is null");
        requireNonNull(updateType, "updateType is null");
        requireNonNull(updateCount, "updateCount is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        if (updateCount.isPresent() && updateType.isEmpty()) {
            throw new IllegalArgumentException("update count without update type");
        }
    }

    public static ResultMetadata forColumns(String id, List<Column> columns)
    {
        return new ResultMetadata(id, Optional.empty(), OptionalLong.empty(), columns.stream().map(ResultColumn::of).toList());
    }
}
