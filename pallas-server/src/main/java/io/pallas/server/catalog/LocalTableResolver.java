package io.pallas.server.catalog;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.ColumnSelection;
import io.pallas.core.catalog.DataFile;
import io.pallas.core.catalog.Partition;
import io.pallas.core.catalog.PartitionFilter;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableResolver;
import io.pallas.core.storage.ObjectStore;
import io.pallas.core.storage.ObjectStore.ObjectInfo;
import io.pallas.core.storage.S3Location;
import io.pallas.server.storage.LocalObjectStore;
import io.pallas.server.storage.RoutingObjectStore;
import io.pallas.server.storage.TableFileCache;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Resolves table names in the catalog and makes their data local files. A partitioned table's data is what its
 * registered partitions point at, as in Athena: files under the table location that no partition names are not read.
 *
 * <p>Data in a local bucket is read in place. Data in a bucket routed to an S3 endpoint is listed there (paged) and
 * fetched into the {@link TableFileCache}; the files stay pinned until the {@link #openScope() scope} of the query
 * closes. Failures to list or fetch it fail the query with Athena's S3 errors, naming the location.
 */
public final class LocalTableResolver
        implements TableResolver
{
    public static final String CATALOG_NAME = "awsdatacatalog";

    private final CatalogStore catalog;
    private final LocalObjectStore localStore;
    private final RoutingObjectStore stores;
    private final TableFileCache cache;

    /**
     * @param localStore the store whose files are read in place
     * @param stores where each bucket lives; buckets routed to another store than {@code localStore} are fetched
     * @param cache where fetched objects are kept
     */
    public LocalTableResolver(CatalogStore catalog, LocalObjectStore localStore, RoutingObjectStore stores, TableFileCache cache)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.localStore = requireNonNull(localStore, "localStore is null");
        this.stores = requireNonNull(stores, "stores is null");
        this.cache = requireNonNull(cache, "cache is null");
    }

    @Override
    public Scope openScope()
    {
        TableFileCache.Lease lease = cache.lease();
        return new Scope()
        {
            @Override
            public Optional<CatalogAccess> catalog(String catalogName)
            {
                return LocalTableResolver.this.catalog(catalogName);
            }

            @Override
            public boolean schemaExists(String catalogName, String schema)
            {
                return LocalTableResolver.this.schemaExists(catalogName, schema);
            }

            @Override
            public Optional<Table> table(String catalogName, String schema, String table)
            {
                return LocalTableResolver.this.table(catalogName, schema, table);
            }

            @Override
            public List<DataFile> files(Table table, PartitionFilter filter)
            {
                return LocalTableResolver.this.files(table, filter, ColumnSelection.ALL, lease);
            }

            @Override
            public List<DataFile> files(Table table, PartitionFilter filter, ColumnSelection columns)
            {
                return LocalTableResolver.this.files(table, filter, columns, lease);
            }

            @Override
            public void cancel()
            {
                lease.abandon();
            }

            @Override
            public void close()
            {
                lease.close();
            }
        };
    }

    @Override
    public Optional<Table> table(String catalogName, String schema, String table)
    {
        if (!catalogName.toLowerCase(Locale.ROOT).equals(CATALOG_NAME)) {
            return Optional.empty();
        }
        return catalog.getTable(schema.toLowerCase(Locale.ROOT), table.toLowerCase(Locale.ROOT));
    }

    /** Only {@code awsdatacatalog}; {@link DataCatalogResolver} maps the other names of the Glue catalog onto it. */
    @Override
    public Optional<CatalogAccess> catalog(String catalogName)
    {
        return catalogName.toLowerCase(Locale.ROOT).equals(CATALOG_NAME) ? Optional.of(CatalogAccess.READABLE) : Optional.empty();
    }

    @Override
    public boolean schemaExists(String catalogName, String schema)
    {
        return catalogName.toLowerCase(Locale.ROOT).equals(CATALOG_NAME) && catalog.getDatabase(schema.toLowerCase(Locale.ROOT)).isPresent();
    }

    /** Only the locations of the partitions that may meet {@code filter} are listed. */
    @Override
    public List<DataFile> files(Table table, PartitionFilter filter)
    {
        return files(table, filter, ColumnSelection.ALL);
    }

    /** As {@link #files(Table, PartitionFilter)}; Parquet objects in S3 are fetched for {@code columns} only. */
    @Override
    public List<DataFile> files(Table table, PartitionFilter filter, ColumnSelection columns)
    {
        try (TableFileCache.Lease lease = cache.lease()) {
            return files(table, filter, columns, lease);
        }
    }

    private List<DataFile> files(Table table, PartitionFilter filter, ColumnSelection columns, TableFileCache.Lease lease)
    {
        try {
            List<Supplier<DataFile>> files = new ArrayList<>();
            Optional<ColumnSelection> parquetColumns = isParquet(table) ? Optional.of(columns) : Optional.empty();
            if (table.partitionKeys().isEmpty()) {
                files.addAll(filesUnder(table, table.storage().location(), List.of(), parquetColumns, lease));
            }
            else {
                for (Partition partition : catalog.listPartitions(table.databaseName(), table.name())) {
                    if (!filter.mayMatch(partition.values())) {
                        continue;
                    }
                    files.addAll(filesUnder(table, partition.storage().location(), partition.values(), parquetColumns, lease));
                }
            }
            // fetches started while listing run in parallel; the files are complete from here on
            lease.await();
            return files.stream().map(Supplier::get).toList();
        }
        catch (IOException e) {
            throw TableDataErrors.failure(table, e);
        }
    }

    /** The files under a location, each known once the lease's fetches are done. */
    private List<Supplier<DataFile>> filesUnder(Table table, Optional<String> location, List<String> partitionValues, Optional<ColumnSelection> parquetColumns, TableFileCache.Lease lease)
            throws IOException
    {
        if (location.isEmpty()) {
            return List.of();
        }
        S3Location prefix = S3Location.parse(location.get())
                .orElseThrow(() -> new PallasException(ErrorCode.GENERIC_USER_ERROR,
                        "Table " + table.databaseName() + "." + table.name() + " has location " + location.get() + ", which is not an s3:// location"));
        // a location names a folder: its objects, not others sharing the name as a prefix
        S3Location folder = prefix.key().isEmpty() || prefix.key().endsWith("/") ? prefix : new S3Location(prefix.bucket(), prefix.key() + "/");
        ObjectStore store = stores.storeFor(folder);
        List<Supplier<DataFile>> files = new ArrayList<>();
        List<ObjectInfo> objects = TableDataErrors.listing(folder, store);
        for (ObjectInfo object : objects) {
            if (isHidden(folder, object.location())) {
                continue;
            }
            String name = object.location().toString();
            if (store == localStore) {
                Optional<Path> path = localStore.localFile(object.location());
                if (path.isPresent()) {
                    DataFile file = new DataFile(path.get(), object.size(), partitionValues, name);
                    files.add(() -> file);
                }
            }
            else if (parquetColumns.isPresent()) {
                TableFileCache.Fetch fetch = lease.requestParquet(store, object, parquetColumns.get());
                files.add(() -> new DataFile(fetch.path(), object.size(), partitionValues, name, fetch.scannedBytes()));
            }
            else {
                DataFile file = new DataFile(lease.request(store, object), object.size(), partitionValues, name);
                files.add(() -> file);
            }
        }
        return files;
    }

    /** The test the engine makes too: a Parquet SerDe or input format. */
    private static boolean isParquet(Table table)
    {
        return table.storage().serDeInfo().serializationLibrary().contains("ParquetHiveSerDe") || table.storage().inputFormat().contains("Parquet");
    }

    /** Athena skips files and folders whose names start with {@code _} or {@code .} (below the table location). */
    private static boolean isHidden(S3Location folder, S3Location object)
    {
        String relative = object.key().substring(folder.key().length());
        for (String segment : relative.split("/")) {
            if (segment.startsWith("_") || segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
