package io.pallas.core.query;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** A saved query of a workgroup (CreateNamedQuery). */
public record NamedQuery(String namedQueryId, String name, Optional<String> description, String database, String queryString, String workGroup)
{
    public NamedQuery
    {
        requireNonNull(namedQueryId, "namedQueryId is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(database, "database is null");
        requireNonNull(queryString, "queryString is null");
        requireNonNull(workGroup, "workGroup is null");
    }
}
