package io.pallas.core.catalog;

import static java.util.Objects.requireNonNull;

/** A catalog operation that cannot be done; the message names the object. */
public class CatalogException
        extends RuntimeException
{
    public enum Kind
    {
        NOT_FOUND,
        ALREADY_EXISTS,
        CONCURRENT_MODIFICATION,
        NOT_EMPTY,
        INVALID,
    }

    private final Kind kind;

    public CatalogException(Kind kind, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.kind = requireNonNull(kind, "kind is null");
    }

    public Kind kind()
    {
        return kind;
    }
}
