package io.pallas.sql.hive;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** {@code [database.]table}, lower-cased as Hive and Glue store names. */
public record QualifiedName(Optional<String> database, String table)
{
    public QualifiedName
    {
        requireNonNull(database, "database is null");
        requireNonNull(table, "table is null");
    }

    public static QualifiedName of(String table)
    {
        return new QualifiedName(Optional.empty(), table);
    }

    public static QualifiedName of(String database, String table)
    {
        return new QualifiedName(Optional.of(database), table);
    }

    /** The database the name refers to, given the session's current database. */
    public String databaseOr(String currentDatabase)
    {
        return database.orElse(currentDatabase);
    }

    @Override
    public String toString()
    {
        return database.map(name -> name + "." + table).orElse(table);
    }
}
