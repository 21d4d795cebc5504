package io.pallas.sql.engine;

import io.pallas.core.catalog.TableResolver;
import io.trino.sql.tree.Statement;

import static java.util.Objects.requireNonNull;

/**
 * A query's original text and its Trino syntax tree, with what its names resolve against: the default catalog and
 * schema (QueryExecutionContext, lower-cased; {@code awsdatacatalog} / {@code default} when the client sent none)
 * and the tables.
 */
public record ParsedQuery(String sql, Statement statement, String defaultCatalog, String defaultSchema, TableResolver tables)
{
    public static final String DEFAULT_CATALOG = "awsdatacatalog";
    public static final String DEFAULT_SCHEMA = "default";

    public ParsedQuery
    {
        requireNonNull(sql, "sql is null");
        requireNonNull(statement, "statement is null");
        requireNonNull(defaultCatalog, "defaultCatalog is null");
        requireNonNull(defaultSchema, "defaultSchema is null");
        requireNonNull(tables, "tables is null");
    }

    /** A query that names no tables, or whose tables are all unknown. */
    public ParsedQuery(String sql, Statement statement)
    {
        this(sql, statement, DEFAULT_CATALOG, DEFAULT_SCHEMA, TableResolver.NONE);
    }
}
