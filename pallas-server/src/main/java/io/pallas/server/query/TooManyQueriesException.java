package io.pallas.server.query;

/** StartQueryExecution refused because the account's active-query quota is used up; answered as TooManyRequestsException. */
public class TooManyQueriesException
        extends RuntimeException
{
    public TooManyQueriesException(String message)
    {
        super(message);
    }
}
