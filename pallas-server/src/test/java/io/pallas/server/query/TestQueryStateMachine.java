package io.pallas.server.query;

import io.pallas.core.ErrorCode;
import io.pallas.core.QueryState;
import io.pallas.core.query.AthenaError;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.QueryExecutionContext;
import io.pallas.core.query.QueryStatistics;
import io.pallas.core.query.ResultConfiguration;
import io.pallas.core.query.ResultReuseConfiguration;
import io.pallas.core.query.StatementType;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class TestQueryStateMachine
{
    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

    private static QueryStateMachine queued()
    {
        return new QueryStateMachine(new QueryExecution("id", "SELECT 1", StatementType.DML, "SELECT", QueryExecutionContext.EMPTY, ResultConfiguration.EMPTY,
                "primary", List.of(), ResultReuseConfiguration.DISABLED, QueryState.QUEUED, Optional.empty(), Optional.empty(), T0,
                Optional.empty(), Optional.empty(), QueryStatistics.EMPTY), _ -> { });
    }

    @Test
    void runsToSuccess()
    {
        QueryStateMachine query = queued();
        assertThat(query.toRunning(T0.plusMillis(1))).isTrue();
        assertThat(query.snapshot().state()).isEqualTo(QueryState.RUNNING);
        assertThat(query.toSucceeded(T0.plusMillis(5), QueryStatistics.EMPTY)).isTrue();
        assertThat(query.snapshot().completionDateTime()).contains(T0.plusMillis(5));
    }

    @Test
    void terminalStatesAreFinal()
    {
        QueryStateMachine query = queued();
        query.toRunning(T0);
        query.toFailed(T0, AthenaError.of(ErrorCode.DIVISION_BY_ZERO, "Division by zero"), QueryStatistics.EMPTY);
        assertThat(query.toSucceeded(T0, QueryStatistics.EMPTY)).isFalse();
        assertThat(query.toCancelled(T0, QueryStatistics.EMPTY)).isFalse();
        assertThat(query.snapshot().state()).isEqualTo(QueryState.FAILED);
        assertThat(query.snapshot().stateChangeReason()).contains("DIVISION_BY_ZERO: Division by zero");
    }

    @Test
    void cancelInterruptsTheEngineAndWinsOverALateSuccess()
    {
        QueryStateMachine query = queued();
        AtomicBoolean interrupted = new AtomicBoolean();
        query.control().onCancel(() -> interrupted.set(true));
        query.toRunning(T0);
        assertThat(query.toCancelled(T0, QueryStatistics.EMPTY)).isTrue();
        assertThat(interrupted).isTrue();
        assertThat(query.toSucceeded(T0, QueryStatistics.EMPTY)).isFalse();
        assertThat(query.snapshot().stateChangeReason()).contains("Query cancelled by user");
    }

    @Test
    void everyTransitionIsPersistedBeforeItIsVisible()
    {
        List<QueryState> persisted = new java.util.ArrayList<>();
        QueryStateMachine[] holder = new QueryStateMachine[1];
        holder[0] = new QueryStateMachine(queued().snapshot(), execution -> {
            // the previous snapshot is still the visible one while the new one is written
            assertThat(holder[0].snapshot().state()).isNotEqualTo(execution.state());
            persisted.add(execution.state());
        });
        holder[0].toRunning(T0);
        holder[0].toSucceeded(T0, QueryStatistics.EMPTY);
        holder[0].toCancelled(T0, QueryStatistics.EMPTY);
        assertThat(persisted).containsExactly(QueryState.RUNNING, QueryState.SUCCEEDED);
    }

    @Test
    void queuedQueryCancelledNeverRuns()
    {
        QueryStateMachine query = queued();
        query.toCancelled(T0, QueryStatistics.EMPTY);
        assertThat(query.toRunning(T0)).isFalse();
    }
}
