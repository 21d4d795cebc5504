package io.pallas.duckdb.functions;

import io.trino.sql.tree.FunctionCall;

/** What an aggregate or window function needs beyond {@link FunctionContext}: the call's OVER clause, printed by the printer. */
public interface WindowContext
        extends FunctionContext
{
    /** {@code " OVER (PARTITION BY … ORDER BY … frame)"} with named windows resolved, or an empty string for a call without OVER. */
    String over(FunctionCall call);
}
