package io.pallas.core.query;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/** ResultReuseByAgeConfiguration: whether a recent identical result may be reused, and how old it may be. */
public record ResultReuseConfiguration(boolean enabled, OptionalInt maxAgeInMinutes)
{
    public static final ResultReuseConfiguration DISABLED = new ResultReuseConfiguration(false, OptionalInt.empty());

    public ResultReuseConfiguration
    {
        requireNonNull(maxAgeInMinutes, "maxAgeInMinutes is null");
    }
}
