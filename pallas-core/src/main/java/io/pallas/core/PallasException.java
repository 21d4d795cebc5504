package io.pallas.core;

import static java.util.Objects.requireNonNull;

/** A query failure with its {@link ErrorCode}; the message is shown to the user after {@code NAME: }. */
public class PallasException
        extends RuntimeException
{
    private final ErrorCode errorCode;

    public PallasException(ErrorCode errorCode, String message)
    {
        this(errorCode, message, null);
    }

    public PallasException(ErrorCode errorCode, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.errorCode = requireNonNull(errorCode, "errorCode is null");
    }

    public ErrorCode errorCode()
    {
        return errorCode;
    }
}
