package io.pallas.sql.hive;

/** The names {@code STORED AS} accepts. */
public enum FileFormat
{
    TEXTFILE,
    SEQUENCEFILE,
    RCFILE,
    ORC,
    PARQUET,
    AVRO,
    JSONFILE,
    ION,
}
