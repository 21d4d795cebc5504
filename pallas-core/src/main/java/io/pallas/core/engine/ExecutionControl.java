package io.pallas.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets the query manager cancel work the engine is doing on another thread. The engine registers how to
 * interrupt itself (cancel a JDBC statement, say); {@link #cancel()} runs those actions once, from any thread.
 */
public final class ExecutionControl
{
    private final List<Runnable> cancelActions = new ArrayList<>();
    private boolean cancelled;

    /** Registers an action to run on cancel; runs it at once if cancel already happened. */
    public void onCancel(Runnable action)
    {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                cancelActions.add(action);
            }
        }
        if (runNow) {
            action.run();
        }
    }

    public void cancel()
    {
        List<Runnable> actions;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(cancelActions);
            cancelActions.clear();
        }
        actions.forEach(Runnable::run);
    }

    public synchronized boolean isCancelled()
    {
        return cancelled;
    }
}
