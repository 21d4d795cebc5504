package io.pallas.sql.hive;

import static java.util.Objects.requireNonNull;

/** {@code STORED AS <format>} or {@code STORED AS INPUTFORMAT 'class' OUTPUTFORMAT 'class'}. */
public sealed interface StorageFormat
{
    record StoredAs(FileFormat format)
            implements StorageFormat
    {
        public StoredAs
        {
            requireNonNull(format, "format is null");
        }
    }

    record InputOutputFormat(String inputFormat, String outputFormat)
            implements StorageFormat
    {
        public InputOutputFormat
        {
            requireNonNull(inputFormat, "inputFormat is null");
            requireNonNull(outputFormat, "outputFormat is null");
        }
    }
}
