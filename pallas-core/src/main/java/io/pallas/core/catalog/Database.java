package io.pallas.core.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A database (schema) of the Glue-model catalog. Names are stored lower-case, as Glue stores them. */
public record Database(String name, Optional<String> description, Optional<String> locationUri, Map<String, String> parameters, Instant createTime)
{
    public Database
    {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(locationUri, "locationUri is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        requireNonNull(createTime, "createTime is null");
    }
}
