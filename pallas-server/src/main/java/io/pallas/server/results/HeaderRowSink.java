package io.pallas.server.results;

import io.pallas.core.engine.ResultSink;
import io.pallas.core.type.Column;

import java.io.IOException;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Puts the column names in front of the rows, as a row of their own. Athena does this for DML statements whose
 * result is a {@code .txt} object (EXPLAIN): the file and the first page of GetQueryResults start with the header.
 */
public final class HeaderRowSink
        implements ResultSink
{
    private final ResultSink delegate;

    public HeaderRowSink(ResultSink delegate)
    {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    @Override
    public void columns(List<Column> columns)
            throws IOException
    {
        delegate.columns(columns);
        delegate.row(columns.stream().map(Column::name).toArray());
    }

    @Override
    public void row(Object[] values)
            throws IOException
    {
        delegate.row(values);
    }
}
