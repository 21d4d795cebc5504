package io.pallas.server.query;

import io.pallas.server.protocol.AthenaErrorCode;

import static java.util.Objects.requireNonNull;

/** A request the query manager refuses before (or instead of) doing anything; answered as InvalidRequestException. */
public class QueryRequestException
        extends RuntimeException
{
    private final AthenaErrorCode code;

    public QueryRequestException(AthenaErrorCode code, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    public AthenaErrorCode code()
    {
        return code;
    }
}
