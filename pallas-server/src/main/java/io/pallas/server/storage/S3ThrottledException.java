package io.pallas.server.storage;

import java.io.IOException;

/**
 * S3 kept refusing a call with a throttling answer (503 SlowDown, 429, a {@code Throttling} error code) after the
 * client's retries with backoff. The server answers it with Athena's "Query failed due to Amazon S3 throttling"
 * (ErrorType 1403), which is retryable.
 */
public class S3ThrottledException
        extends IOException
{
    private final String location;

    public S3ThrottledException(String location, String message, Throwable cause)
    {
        super(message, cause);
        this.location = location;
    }

    /** The {@code s3://} location of the refused call. */
    public String location()
    {
        return location;
    }
}
