package io.pallas.server.results;

import io.pallas.core.type.Column;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a committed result holds.
 *
 * @param rowCount data rows written, not counting the CSV header line
 * @param dataBytes size of the result object
 */
public record ResultSummary(List<Column> columns, long rowCount, long dataBytes)
{
    public ResultSummary
    {
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
    }
}
