package io.pallas.duckdb.functions;

import io.pallas.core.type.SqlType;
import io.trino.sql.tree.FunctionCall;

import java.util.Optional;

/** Aggregate functions beyond count / sum / avg / min / max: approx_distinct, approx_percentile, max_by / min_by (with n), histogram, count_if, bool_and / bool_or, arbitrary, array_agg (with ORDER BY), listagg, map_agg, multimap_agg, stddev / variance, and friends. */
public final class AggregateFunctions
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
