package io.pallas.duckdb;

import io.pallas.core.type.SqlType;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * DuckDB SQL for one Trino query.
 *
 * @param columnTypeHints the Trino type of each output column where the printer knows it (precisions DuckDB does not
 *     keep, char, year-to-month intervals); empty when the output columns are not known one by one
 */
public record TranslatedQuery(String sql, List<Optional<SqlType>> columnTypeHints)
{
    public TranslatedQuery
    {
        requireNonNull(sql, "sql is null");
        columnTypeHints = List.copyOf(columnTypeHints);
    }

    public Optional<SqlType> hint(int column)
    {
        return column < columnTypeHints.size() ? columnTypeHints.get(column) : Optional.empty();
    }
}
