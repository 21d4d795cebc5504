package io.pallas.server.query;

import io.pallas.core.query.QueryExecutionContext;
import io.pallas.core.query.ResultConfiguration;
import io.pallas.core.query.ResultReuseConfiguration;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** StartQueryExecution's members after wire validation; {@code workGroup} already defaulted to {@code primary}. */
public record StartQueryRequest(
        String queryString,
        String clientRequestToken,
        QueryExecutionContext context,
        ResultConfiguration resultConfiguration,
        String workGroup,
        List<String> executionParameters,
        ResultReuseConfiguration resultReuseConfiguration)
{
    public StartQueryRequest
    {
        requireNonNull(queryString, "queryString is null");
        requireNonNull(clientRequestToken, "clientRequestToken is null");
        requireNonNull(context, "context is null");
        requireNonNull(resultConfiguration, "resultConfiguration is null");
        requireNonNull(workGroup, "workGroup is null");
        executionParameters = List.copyOf(executionParameters);
        requireNonNull(resultReuseConfiguration, "resultReuseConfiguration is null");
    }
}
