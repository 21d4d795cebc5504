package io.pallas.sql.params;

/**
 * Parameters that cannot be bound to a statement, such as a wrong number of values. Reported as Athena's
 * {@code INVALID_PARAMETER_USAGE} (ErrorCategory 2, ErrorType 1100, not retryable); pallas-core's {@code ErrorCode}
 * has no entry for it yet, so the name and numbers are carried here for the caller to map.
 */
public class InvalidParameterUsageException
        extends RuntimeException
{
    public static final String ERROR_NAME = "INVALID_PARAMETER_USAGE";
    public static final int ERROR_CATEGORY = 2;
    public static final int ERROR_TYPE = 1100;

    public InvalidParameterUsageException(String message)
    {
        super(message);
    }

    /** The name that prefixes StateChangeReason. */
    public String errorName()
    {
        return ERROR_NAME;
    }

    /** AthenaError.ErrorCategory: 2, a user error. */
    public int errorCategory()
    {
        return ERROR_CATEGORY;
    }

    /** AthenaError.ErrorType. */
    public int errorType()
    {
        return ERROR_TYPE;
    }

    public boolean retryable()
    {
        return false;
    }
}
