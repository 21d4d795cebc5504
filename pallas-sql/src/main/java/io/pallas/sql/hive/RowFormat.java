package io.pallas.sql.hive;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code ROW FORMAT DELIMITED …} or {@code ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (…)]}. */
public sealed interface RowFormat
{
    /** Delimiters hold the unescaped characters ({@code '\t'} is a tab, {@code '\001'} is U+0001). */
    record Delimited(
            Optional<String> fieldsTerminatedBy,
            Optional<String> escapedBy,
            Optional<String> collectionItemsTerminatedBy,
            Optional<String> mapKeysTerminatedBy,
            Optional<String> linesTerminatedBy,
            Optional<String> nullDefinedAs)
            implements RowFormat
    {
        public Delimited
        {
            requireNonNull(fieldsTerminatedBy, "fieldsTerminatedBy is null");
            requireNonNull(escapedBy, "escapedBy is null");
            requireNonNull(collectionItemsTerminatedBy, "collectionItemsTerminatedBy is null");
            requireNonNull(mapKeysTerminatedBy, "mapKeysTerminatedBy is null");
            requireNonNull(linesTerminatedBy, "linesTerminatedBy is null");
            requireNonNull(nullDefinedAs, "nullDefinedAs is null");
        }

        /** What a table without ROW FORMAT has. */
        public static Delimited none()
        {
            return new Delimited(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    /** Property keys and values keep their case; insertion order is kept. */
    record Serde(String className, Map<String, String> serdeProperties)
            implements RowFormat
    {
        public Serde
        {
            requireNonNull(className, "className is null");
            serdeProperties = Collections.unmodifiableMap(new LinkedHashMap<>(serdeProperties));
        }
    }
}
