package io.pallas.sql.classify;

/** Which part of Pallas handles a statement, mirroring how Athena splits its SQL surface (contract §6). */
public enum StatementPath
{
    /** Trino grammar: parsed at start, so syntax errors are {@code MALFORMED_QUERY} before a query ID exists. */
    TRINO,
    /**
     * Athena's additions to the Trino grammar that trino-parser does not know: {@code UNLOAD}, {@code OPTIMIZE},
     * {@code VACUUM}. Only the query inside {@code UNLOAD (…)} is parsed at start.
     */
    ATHENA_EXTENSION,
    /** Hive-style DDL and SHOW/DESCRIBE against the catalog; its parse errors are {@code FAILED: ParseException …} queries. */
    HIVE_DDL,
    /** Refused at start with {@link StatementRouter#UNSUPPORTED_MESSAGE}. */
    UNSUPPORTED,
}
