package io.pallas.core.type;

import static java.util.Objects.requireNonNull;

/** A named result column. */
public record Column(String name, SqlType type)
{
    public Column
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
    }
}
