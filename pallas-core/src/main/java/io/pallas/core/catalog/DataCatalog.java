package io.pallas.core.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A data catalog registered with CreateDataCatalog: a name queries and the metadata APIs may use, its type and the
 * parameters that say where its metadata is ({@code catalog-id} for GLUE, Lambda ARNs for LAMBDA and HIVE, a
 * connection for FEDERATED). The built-in {@code AwsDataCatalog} is not one of these. Names keep the case they were
 * created with and are compared case-insensitively.
 */
public record DataCatalog(String name, Type type, Optional<String> description, Map<String, String> parameters, Map<String, String> tags, Instant createTime)
{
    public enum Type
    {
        LAMBDA, GLUE, HIVE, FEDERATED
    }

    public DataCatalog
    {
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(description, "description is null");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        requireNonNull(createTime, "createTime is null");
    }
}
