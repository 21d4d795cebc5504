package io.pallas.sql;

/** A statement that does not parse; the message is Trino's {@code line L:C: …} text. */
public class SqlSyntaxException
        extends RuntimeException
{
    public SqlSyntaxException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
