package io.pallas.server.query;

import io.pallas.core.QueryState;
import io.pallas.core.engine.ExecutionControl;
import io.pallas.core.query.AthenaError;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.QueryStatistics;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static java.util.Objects.requireNonNull;

/**
 * The current snapshot of one execution and its transitions. A transition happens only from a state that allows
 * it, so a query stopped by the user cannot later turn SUCCEEDED, and terminal states are final. Each new snapshot
 * is handed to the persister before anyone can observe it, so what a client sees is always durable.
 */
public final class QueryStateMachine
{
    public static final String CANCELLED_BY_USER = "Query cancelled by user";

    private final Consumer<QueryExecution> persister;
    private final ExecutionControl control = new ExecutionControl();
    private volatile QueryExecution current;

    public QueryStateMachine(QueryExecution initial, Consumer<QueryExecution> persister)
    {
        this.current = requireNonNull(initial, "initial is null");
        this.persister = requireNonNull(persister, "persister is null");
    }

    public QueryExecution snapshot()
    {
        return current;
    }

    public ExecutionControl control()
    {
        return control;
    }

    public boolean toRunning(Instant now)
    {
        return transition(QueryState.RUNNING, execution -> execution.running(now));
    }

    public boolean toSucceeded(Instant now, QueryStatistics statistics)
    {
        return transition(QueryState.SUCCEEDED, execution -> execution.finished(QueryState.SUCCEEDED, Optional.empty(), Optional.empty(), now, statistics));
    }

    public boolean toFailed(Instant now, AthenaError error, QueryStatistics statistics)
    {
        return toFailed(now, error.errorMessage(), error, statistics);
    }

    /** Fails with a StateChangeReason that differs from the error message, as Hive DDL failures do. */
    public boolean toFailed(Instant now, String reason, AthenaError error, QueryStatistics statistics)
    {
        return transition(QueryState.FAILED, execution -> execution.finished(QueryState.FAILED, Optional.of(reason), Optional.of(error), now, statistics));
    }

    /** Cancels the execution and interrupts the engine; false when the query had already finished. */
    public boolean toCancelled(Instant now, QueryStatistics statistics)
    {
        return toCancelled(now, CANCELLED_BY_USER, statistics);
    }

    /** Cancels for another reason than the user's request, e.g. the workgroup's scan limit. */
    public boolean toCancelled(Instant now, String reason, QueryStatistics statistics)
    {
        boolean cancelled = transition(QueryState.CANCELLED,
                execution -> execution.finished(QueryState.CANCELLED, Optional.of(reason), Optional.empty(), now, statistics));
        if (cancelled) {
            control.cancel();
        }
        return cancelled;
    }

    private synchronized boolean transition(QueryState target, UnaryOperator<QueryExecution> change)
    {
        QueryExecution before = current;
        if (!before.state().canMoveTo(target)) {
            return false;
        }
        QueryExecution after = change.apply(before);
        persister.accept(after);
        current = after;
        return true;
    }
}
