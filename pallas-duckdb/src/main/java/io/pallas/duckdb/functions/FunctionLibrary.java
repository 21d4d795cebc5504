package io.pallas.duckdb.functions;

import io.pallas.core.type.SqlType;
import io.trino.sql.tree.FunctionCall;

import java.util.Optional;

/**
 * One family of Trino functions (strings, date/time, arrays and maps, aggregates, …) translated to DuckDB SQL with
 * Trino's semantics. The printer asks each library in turn; a library answers only for the names it owns.
 *
 * <p>A translation must give Trino's answer for every input, NULLs included, or fail with
 * {@link io.pallas.core.PallasException} ({@code NOT_SUPPORTED} for a form it cannot do exactly,
 * {@code INVALID_FUNCTION_ARGUMENT} and friends where Trino fails at analysis): never a different answer.
 */
public interface FunctionLibrary
{
    /** DuckDB SQL for the call, or empty when this library does not own the function name. */
    Optional<String> translate(String name, FunctionCall call, FunctionContext context);

    /**
     * Trino's result type of the call when the library can tell it from the argument types; the printer casts the
     * DuckDB result to it and reports it in ColumnInfo. Empty when unknown (DuckDB's type is then used).
     */
    Optional<SqlType> resultType(String name, FunctionCall call, FunctionContext context);

    /**
     * Whether the library translates calls of the function (some argument forms may still fail {@code NOT_SUPPORTED});
     * false for the names it does not own and for those it owns only to refuse. SHOW FUNCTIONS lists these names.
     */
    boolean translates(String name);
}
