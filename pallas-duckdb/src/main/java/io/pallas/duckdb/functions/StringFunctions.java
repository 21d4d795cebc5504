package io.pallas.duckdb.functions;

import io.pallas.core.type.SqlType;
import io.trino.sql.tree.FunctionCall;

import java.util.Optional;

/** Strings, regular expressions (Java semantics), math, conditional helpers, JSON, binary, hashing and URL functions. */
public final class StringFunctions
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
