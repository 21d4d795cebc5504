package io.pallas.duckdb.functions;

import io.pallas.core.type.SqlType;
import io.trino.sql.tree.FunctionCall;

import java.util.Optional;

/** Date and time functions: date_add, date_diff, date_trunc, date_format / date_parse (MySQL specifiers), format_datetime / parse_datetime (Joda patterns), from_unixtime, to_unixtime, from_iso8601_*, to_iso8601, at_timezone, with_timezone, extraction functions, current_* and interval arithmetic helpers. */
public final class DateTimeFunctions
        implements FunctionLibrary
{
    @Override
    public Optional<String> translate(String name, FunctionCall call, FunctionContext context)
    {
        return Optional.empty();
    }

    @Override
    public Optional<SqlType> resultType(String name, FunctionCall call, FunctionContext context)
    {
        return Optional.empty();
    }
}
