package io.pallas.sql.engine;

import io.pallas.core.engine.ExecutionControl;
import io.pallas.core.engine.ExecutionStats;
import io.pallas.core.engine.ResultSink;

import java.io.IOException;

/**
 * Runs a parsed Trino query and streams its rows. This contract lives beside the parser rather than in
 * pallas-core because it speaks the Trino AST: the embedded engine translates the tree, a Trino cluster would run
 * the original text.
 *
 * <p>{@link #execute} blocks the calling thread until the result is complete. It fails with
 * {@link io.pallas.core.PallasException} carrying the Athena error; when {@code control} is cancelled meanwhile
 * the engine stops as soon as it can and throws (any exception): the caller decides the state from the control.
 */
public interface QueryEngine
        extends AutoCloseable
{
    ExecutionStats execute(ParsedQuery query, ResultSink sink, ExecutionControl control)
            throws IOException;

    @Override
    void close();
}
