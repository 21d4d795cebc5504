package io.pallas.core.engine;

import io.pallas.core.type.Column;

import java.io.IOException;
import java.util.List;

/**
 * Receives a query's result as it is produced: {@link #columns} once, then every row in order.
 *
 * <p>Row values are plain Java objects chosen by the column's {@link io.pallas.core.type.SqlType}: Boolean;
 * Byte/Short/Integer/Long; Float (real); Double; BigDecimal (decimal); String (varchar, char, json); byte[]
 * (varbinary); LocalDate; LocalTime (time); OffsetTime (time with time zone); LocalDateTime (timestamp);
 * ZonedDateTime (timestamp with time zone); Duration (interval day to second); Period (interval year to month,
 * in months); java.util.UUID; List (array); Map with iteration order kept (map); {@link io.pallas.core.type.RowValue}
 * (row). {@code null} is SQL NULL, also inside arrays, maps and rows.
 */
public interface ResultSink
{
    void columns(List<Column> columns)
            throws IOException;

    /** One row; the array is owned by the sink after the call. */
    void row(Object[] values)
            throws IOException;
}
