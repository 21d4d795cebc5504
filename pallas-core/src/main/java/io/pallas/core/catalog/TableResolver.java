package io.pallas.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What the engine asks about the tables a query names. The server implements it over the catalog and the object
 * store, so the engine never deals with locations: it gets local files to scan.
 */
public interface TableResolver
{
    /** Resolves none: every table name is unknown. */
    TableResolver NONE = new TableResolver()
    {
        @Override
        public Optional<Table> table(String catalog, String schema, String table)
        {
            return Optional.empty();
        }

        @Override
        public List<DataFile> files(Table table)
        {
            return List.of();
        }
    };

    /** The table or view, if it exists; names as written in the query, lower-cased. */
    Optional<Table> table(String catalog, String schema, String table);

    /**
     * The data files of a table: every object under its location (or its partitions' locations), skipping names
     * that start with {@code _} or {@code .}, made available locally.
     */
    List<DataFile> files(Table table);

    /**
     * A resolver for one statement: the local files its {@link #files} hands out stay in place (a cache of remote
     * objects does not evict them) until it is closed. By default there is nothing to hold.
     */
    default Scope openScope()
    {
        TableResolver resolver = this;
        return new Scope()
        {
            @Override
            public Optional<Table> table(String catalog, String schema, String table)
            {
                return resolver.table(catalog, schema, table);
            }

            @Override
            public List<DataFile> files(Table table)
            {
                return resolver.files(table);
            }

            @Override
            public void close() {}
        };
    }

    /** A resolver whose files stay available until it is closed. */
    interface Scope
            extends TableResolver, AutoCloseable
    {
        /** The statement was cancelled: stop waiting for files, from any thread. By default there is no wait. */
        default void cancel() {}

        @Override
        void close();
    }
}
