package io.pallas.sql.engine;

import io.trino.sql.tree.Statement;

import static java.util.Objects.requireNonNull;

/** A query's original text and its Trino syntax tree. */
public record ParsedQuery(String sql, Statement statement)
{
    public ParsedQuery
    {
        requireNonNull(sql, "sql is null");
        requireNonNull(statement, "statement is null");
    }
}
