package io.pallas.duckdb.functions;

import io.pallas.core.type.SqlType;
import io.trino.sql.tree.FunctionCall;

import java.util.Optional;

/** Arrays and maps, including the lambda functions (transform, filter, reduce, zip_with, map_filter, transform_keys, transform_values), element_at, cardinality, sequence, slice, array_* and map_*. */
public final class CollectionFunctions
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
