package io.pallas.core;

/**
 * The lifecycle of a query execution, as Athena reports it. QUEUED and RUNNING are the only states a query can
 * leave; the three terminal states are final.
 */
public enum QueryState
{
    QUEUED(false),
    RUNNING(false),
    SUCCEEDED(true),
    FAILED(true),
    CANCELLED(true);

    private final boolean done;

    QueryState(boolean done)
    {
        this.done = done;
    }

    public boolean isDone()
    {
        return done;
    }

    /** Whether a query in this state may move to {@code next}. */
    public boolean canMoveTo(QueryState next)
    {
        return switch (this) {
            case QUEUED -> next != QUEUED;
            case RUNNING -> next.isDone();
            case SUCCEEDED, FAILED, CANCELLED -> false;
        };
    }
}
