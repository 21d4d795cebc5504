package io.pallas.core.catalog;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the engine asks about the tables a query names. The server implements it over the catalog and the object
 * store, so the engine never deals with locations: it gets local files to scan.
 */
public interface TableResolver
{
    /** The catalog every query can read; a resolver knows at least this one. */
    String DEFAULT_CATALOG = "awsdatacatalog";

    /** Resolves no table: only the default catalog exists, its schemas all exist and are empty. */
    TableResolver NONE = new TableResolver()
    {
        @Override
        public Optional<CatalogAccess> catalog(String catalog)
        {
            return catalog.equals(DEFAULT_CATALOG) ? Optional.of(CatalogAccess.READABLE) : Optional.empty();
        }

        @Override
        public boolean schemaExists(String catalog, String schema)
        {
            return true;
        }

        @Override
        public Optional<Table> table(String catalog, String schema, String table)
        {
            return Optional.empty();
        }

        @Override
        public List<DataFile> files(Table table, PartitionFilter filter)
        {
            return List.of();
        }
    };

    /**
     * Whether a catalog exists and whether queries can read it; the name as written in the query, lower-cased.
     * Empty when there is no such catalog.
     */
    Optional<CatalogAccess> catalog(String catalog);

    /** Whether a readable catalog has that schema (database); names lower-cased. */
    boolean schemaExists(String catalog, String schema);

    /** The table or view, if it exists; names as written in the query, lower-cased. */
    Optional<Table> table(String catalog, String schema, String table);

    /**
     * The data files of a table that the rows a query reads can come from: every object under its location (or
     * under the locations of its partitions that may meet {@code filter}), skipping names that start with {@code _}
     * or {@code .}, made available locally. Partitions the filter rules out are not listed.
     */
    List<DataFile> files(Table table, PartitionFilter filter);

    /**
     * The data files as {@link #files(Table, PartitionFilter)} gives them, for a query that reads only the
     * {@code columns} of the table from them: a resolver may then make only those columns' bytes available (a
     * Parquet file fetched in part, its other bytes left as holes), so the engine must read no other column. By
     * default the whole files.
     */
    default List<DataFile> files(Table table, PartitionFilter filter, ColumnSelection columns)
    {
        return files(table, filter);
    }

    /** All data files of a table. */
    default List<DataFile> files(Table table)
    {
        return files(table, PartitionFilter.ALL);
    }

    /** A catalog that exists: readable, or known but not readable by queries, with the reason to report. */
    record CatalogAccess(Optional<String> refusal)
    {
        public static final CatalogAccess READABLE = new CatalogAccess(Optional.empty());

        public CatalogAccess
        {
            requireNonNull(refusal, "refusal is null");
        }

        public static CatalogAccess refused(String reason)
        {
            return new CatalogAccess(Optional.of(reason));
        }
    }

    /**
     * A resolver for one statement: the local files its {@link #files} hands out stay in place (a cache of remote
     * objects does not evict them) until it is closed. By default there is nothing to hold.
     */
    default Scope openScope()
    {
        return Scope.forwarding(this, () -> {}, () -> {});
    }

    /** A resolver whose files stay available until it is closed. */
    interface Scope
            extends TableResolver, AutoCloseable
    {
        /** The statement was cancelled: stop waiting for files, from any thread. By default there is no wait. */
        default void cancel() {}

        @Override
        void close();

        /** A scope that answers every question through {@code resolver} and runs {@code cancel} and {@code close}. */
        static Scope forwarding(TableResolver resolver, Runnable cancel, Runnable close)
        {
            requireNonNull(resolver, "resolver is null");
            requireNonNull(cancel, "cancel is null");
            requireNonNull(close, "close is null");
            return new Scope()
            {
                @Override
                public Optional<CatalogAccess> catalog(String catalog)
                {
                    return resolver.catalog(catalog);
                }

                @Override
                public boolean schemaExists(String catalog, String schema)
                {
                    return resolver.schemaExists(catalog, schema);
                }

                @Override
                public Optional<Table> table(String catalog, String schema, String table)
                {
                    return resolver.table(catalog, schema, table);
                }

                @Override
                public List<DataFile> files(Table table, PartitionFilter filter)
                {
                    return resolver.files(table, filter);
                }

                @Override
                public List<DataFile> files(Table table, PartitionFilter filter, ColumnSelection columns)
                {
                    return resolver.files(table, filter, columns);
                }

                @Override
                public void cancel()
                {
                    cancel.run();
                }

                @Override
                public void close()
                {
                    close.run();
                }
            };
        }
    }
}
