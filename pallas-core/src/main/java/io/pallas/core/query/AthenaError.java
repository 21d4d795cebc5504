package io.pallas.core.query;

import io.pallas.core.ErrorCode;

import static java.util.Objects.requireNonNull;

/** The failure of a query as QueryExecutionStatus.AthenaError reports it. */
public record AthenaError(int errorCategory, int errorType, boolean retryable, String errorMessage)
{
    public AthenaError
    {
        requireNonNull(errorMessage, "errorMessage is null");
    }

    /** Engine failures read {@code NAME: message} in both StateChangeReason and ErrorMessage. */
    public static AthenaError of(ErrorCode code, String message)
    {
        return new AthenaError(code.category(), code.errorType(), code.retryable(), code.athenaName() + ": " + message);
    }
}
