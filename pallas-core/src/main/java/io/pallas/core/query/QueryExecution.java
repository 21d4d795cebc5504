package io.pallas.core.query;

import io.pallas.core.QueryState;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * An immutable snapshot of one query execution: what was asked, with which effective settings, and where it is in
 * its lifecycle. The query manager replaces the snapshot on every transition.
 *
 * @param resultConfiguration the effective settings; its output location is the full URI of the result object
 */
public record QueryExecution(
        String queryExecutionId,
        String query,
        StatementType statementType,
        String substatementType,
        QueryExecutionContext context,
        ResultConfiguration resultConfiguration,
        String workGroup,
        List<String> executionParameters,
        ResultReuseConfiguration resultReuseConfiguration,
        QueryState state,
        Optional<String> stateChangeReason,
        Optional<AthenaError> athenaError,
        Instant submissionDateTime,
        Optional<Instant> startDateTime,
        Optional<Instant> completionDateTime,
        QueryStatistics statistics)
{
    public QueryExecution
    {
        requireNonNull(queryExecutionId, "queryExecutionId is null");
        requireNonNull(query, "query is null");
        requireNonNull(statementType, "statementType is null");
        requireNonNull(substatementType, "substatementType is null");
        requireNonNull(context, "context is null");
        requireNonNull(resultConfiguration, "resultConfiguration is null");
        requireNonNull(workGroup, "workGroup is null");
        executionParameters = List.copyOf(executionParameters);
        requireNonNull(resultReuseConfiguration, "resultReuseConfiguration is null");
        requireNonNull(state, "state is null");
        requireNonNull(stateChangeReason, "stateChangeReason is null");
        requireNonNull(athenaError, "athenaError is null");
        requireNonNull(submissionDateTime, "submissionDateTime is null");
        requireNonNull(startDateTime, "startDateTime is null");
        requireNonNull(completionDateTime, "completionDateTime is null");
        requireNonNull(statistics, "statistics is null");
    }

    public QueryExecution running(Instant now)
    {
        return new QueryExecution(queryExecutionId, query, statementType, substatementType, context, resultConfiguration, workGroup, executionParameters,
                resultReuseConfiguration, QueryState.RUNNING, Optional.empty(), Optional.empty(), submissionDateTime, Optional.of(now), Optional.empty(), statistics);
    }

    public QueryExecution finished(QueryState terminal, Optional<String> reason, Optional<AthenaError> error, Instant now, QueryStatistics finalStatistics)
    {
        if (!terminal.isDone()) {
            throw new IllegalArgumentException("not a terminal state: " + terminal);
        }
        return new QueryExecution(queryExecutionId, query, statementType, substatementType, context, resultConfiguration, workGroup, executionParameters,
                resultReuseConfiguration, terminal, reason, error, submissionDateTime, startDateTime, Optional.of(now), finalStatistics);
    }
}
