package io.pallas.core.catalog;

/** Glue's TableType values that Athena uses. */
public enum TableType
{
    EXTERNAL_TABLE,
    VIRTUAL_VIEW,
}
