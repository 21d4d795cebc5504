package io.pallas.core.engine;

/** What the engine measured while running a query. */
public record ExecutionStats(long dataScannedInBytes)
{
    public static final ExecutionStats EMPTY = new ExecutionStats(0);
}
