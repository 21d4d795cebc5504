package io.pallas.server.protocol;

/** The AthenaErrorCode values of InvalidRequestException that Pallas answers (contract §3.4). */
public enum AthenaErrorCode
{
    INVALID_INPUT,
    MALFORMED_QUERY,
    IDEMPOTENT_PARAMETER_MISMATCH,
    QUERY_EXECUTION_NOT_FOUND,
    INVALID_QUERY_EXECUTION_STATE,
    RESULT_NOT_FOUND,
    DATACATALOG_NOT_FOUND,
    INVALID_PARAMETER_USAGE,
}
