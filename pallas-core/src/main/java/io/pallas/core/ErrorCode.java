package io.pallas.core;

import static java.util.Objects.requireNonNull;

/**
 * Every failure Pallas reports on a query, with the Athena error name, ErrorCategory (1 system, 2 user, 3 other),
 * ErrorType number and Retryable flag that {@code AthenaError} carries for it. Query failures are rendered from
 * this table in one place; API errors use {@link ApiErrorCode}.
 */
public enum ErrorCode
{
    // user errors raised by analysis
    SYNTAX_ERROR("SYNTAX_ERROR", 2, 1006, false),
    TABLE_NOT_FOUND("TABLE_NOT_FOUND", 2, 1301, false),
    SCHEMA_NOT_FOUND("SCHEMA_NOT_FOUND", 2, 1301, false),
    CATALOG_NOT_FOUND("CATALOG_NOT_FOUND", 2, 1006, false),
    TABLE_ALREADY_EXISTS("TABLE_ALREADY_EXISTS", 2, 1110, false),
    COLUMN_NOT_FOUND("COLUMN_NOT_FOUND", 2, 1006, false),
    AMBIGUOUS_NAME("AMBIGUOUS_NAME", 2, 1006, false),
    EXPRESSION_NOT_AGGREGATE("EXPRESSION_NOT_AGGREGATE", 2, 1006, false),
    FUNCTION_NOT_FOUND("FUNCTION_NOT_FOUND", 2, 1303, false),
    TYPE_MISMATCH("TYPE_MISMATCH", 2, 1002, false),
    MISSING_COLUMN_NAME("MISSING_COLUMN_NAME", 2, 1100, false),
    NOT_SUPPORTED("NOT_SUPPORTED", 2, 1200, false),
    NOT_FOUND("NOT_FOUND", 2, 1300, false),
    INVALID_PARAMETER_USAGE("INVALID_PARAMETER_USAGE", 2, 1100, false),
    // more of Trino's analysis errors (their ErrorType is not measured on Athena: 1006, as for the other semantic errors)
    INVALID_LITERAL("INVALID_LITERAL", 2, 1006, false),
    INVALID_ARGUMENTS("INVALID_ARGUMENTS", 2, 1006, false),
    INVALID_COLUMN_REFERENCE("INVALID_COLUMN_REFERENCE", 2, 1006, false),
    INVALID_WINDOW_FRAME("INVALID_WINDOW_FRAME", 2, 1006, false),
    MISSING_OVER("MISSING_OVER", 2, 1006, false),
    NESTED_AGGREGATION("NESTED_AGGREGATION", 2, 1006, false),
    EXPRESSION_NOT_SCALAR("EXPRESSION_NOT_SCALAR", 2, 1006, false),
    OPERATOR_NOT_FOUND("OPERATOR_NOT_FOUND", 2, 1006, false),
    // user errors raised while running
    DIVISION_BY_ZERO("DIVISION_BY_ZERO", 2, 1001, false),
    INVALID_CAST_ARGUMENT("INVALID_CAST_ARGUMENT", 2, 1100, false),
    NUMERIC_VALUE_OUT_OF_RANGE("NUMERIC_VALUE_OUT_OF_RANGE", 2, 1001, false),
    INVALID_FUNCTION_ARGUMENT("INVALID_FUNCTION_ARGUMENT", 2, 1106, false),
    GENERIC_USER_ERROR("GENERIC_USER_ERROR", 2, 1000, false),
    SUBQUERY_MULTIPLE_ROWS("SUBQUERY_MULTIPLE_ROWS", 2, 1000, false),
    PERMISSION_DENIED("PERMISSION_DENIED", 2, 1501, false),
    BUCKET_NOT_FOUND("S3_BUCKET_NOT_FOUND", 2, 1306, false),
    // a KMS key that result encryption (CSE_KMS) cannot use: "Permission error"
    KMS_KEY_UNAVAILABLE("PERMISSION_DENIED", 2, 1500, false),
    // resources and system
    EXCEEDED_MEMORY_LIMIT("EXCEEDED_MEMORY_LIMIT", 1, 0, true),
    EXCEEDED_TIME_LIMIT("EXCEEDED_TIME_LIMIT", 1, 206, false),
    RESULT_WRITE_FAILED("GENERIC_INTERNAL_ERROR", 1, 401, true),
    RESULT_WRITE_THROTTLED("GENERIC_INTERNAL_ERROR", 1, 1403, true),
    // table data in S3 that could not be read: throttled after retries, or the endpoint unreachable or failing
    TABLE_DATA_THROTTLED("HIVE_CANNOT_OPEN_SPLIT", 1, 1403, true),
    TABLE_DATA_UNAVAILABLE("HIVE_CANNOT_OPEN_SPLIT", 1, 100, true),
    SERVER_RESTARTED("GENERIC_INTERNAL_ERROR", 1, 100, true),
    GENERIC_INTERNAL_ERROR("GENERIC_INTERNAL_ERROR", 1, 9999, false);

    private final String athenaName;
    private final int category;
    private final int errorType;
    private final boolean retryable;

    ErrorCode(String athenaName, int category, int errorType, boolean retryable)
    {
        this.athenaName = requireNonNull(athenaName, "athenaName is null");
        this.category = category;
        this.errorType = errorType;
        this.retryable = retryable;
    }

    /** The name that prefixes StateChangeReason, e.g. {@code TABLE_NOT_FOUND}. */
    public String athenaName()
    {
        return athenaName;
    }

    /** AthenaError.ErrorCategory: 1 system, 2 user, 3 other. */
    public int category()
    {
        return category;
    }

    /** AthenaError.ErrorType. */
    public int errorType()
    {
        return errorType;
    }

    public boolean retryable()
    {
        return retryable;
    }
}
