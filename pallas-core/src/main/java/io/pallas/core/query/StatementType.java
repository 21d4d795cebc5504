package io.pallas.core.query;

/** Athena's coarse statement classes, reported in QueryExecution.StatementType. */
public enum StatementType
{
    DDL,
    DML,
    UTILITY,
}
