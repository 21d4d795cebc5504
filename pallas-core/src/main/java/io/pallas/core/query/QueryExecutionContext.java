package io.pallas.core.query;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The database and catalog a query's unqualified names resolve in, as the client sent them. */
public record QueryExecutionContext(Optional<String> database, Optional<String> catalog)
{
    public static final QueryExecutionContext EMPTY = new QueryExecutionContext(Optional.empty(), Optional.empty());

    public QueryExecutionContext
    {
        requireNonNull(database, "database is null");
        requireNonNull(catalog, "catalog is null");
    }
}
