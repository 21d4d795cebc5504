package io.pallas.server.store;

/** The metadata database could not be opened, read or written; the message names the database and the operation. */
public final class MetadataStoreException
        extends RuntimeException
{
    public MetadataStoreException(String message)
    {
        super(message);
    }

    public MetadataStoreException(String message, Throwable cause)
    {
        super(message, cause);
    }
}
