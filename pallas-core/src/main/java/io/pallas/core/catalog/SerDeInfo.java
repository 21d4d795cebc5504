package io.pallas.core.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** The row format: SerDe class and its properties ({@code field.delim}, {@code serialization.format}, ...). */
public record SerDeInfo(String serializationLibrary, Map<String, String> parameters)
{
    public SerDeInfo
    {
        requireNonNull(serializationLibrary, "serializationLibrary is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
