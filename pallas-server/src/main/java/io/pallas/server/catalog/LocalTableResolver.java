package io.pallas.server.catalog;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.DataFile;
import io.pallas.core.catalog.Partition;
import io.pallas.core.catalog.PartitionFilter;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableResolver;
import io.pallas.core.storage.ObjectStore.ObjectInfo;
import io.pallas.core.storage.S3Location;
import io.pallas.server.storage.LocalObjectStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Resolves table names in the catalog and lists their data in the local object store. A partitioned table's data
 * is what its registered partitions point at, as in Athena: files under the table location that no partition
 * names are not read.
 */
public final class LocalTableResolver
        implements TableResolver
{
    public static final String CATALOG_NAME = "awsdatacatalog";

    private final CatalogStore catalog;
    private final LocalObjectStore objectStore;

    public LocalTableResolver(CatalogStore catalog, LocalObjectStore objectStore)
    {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.objectStore = requireNonNull(objectStore, "objectStore is null");
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
        try {
            if (table.partitionKeys().isEmpty()) {
                return filesUnder(table, table.storage().location(), List.of());
            }
            List<DataFile> files = new ArrayList<>();
            for (Partition partition : catalog.listPartitions(table.databaseName(), table.name())) {
                if (!filter.mayMatch(partition.values())) {
                    continue;
                }
                files.addAll(filesUnder(table, partition.storage().location(), partition.values()));
            }
            return files;
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list the data of " + table.databaseName() + "." + table.name(), e);
        }
    }

    private List<DataFile> filesUnder(Table table, Optional<String> location, List<String> partitionValues)
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
        List<DataFile> files = new ArrayList<>();
        for (ObjectInfo object : objectStore.list(folder)) {
            if (isHidden(folder, object.location())) {
                continue;
            }
            Optional<Path> path = objectStore.localFile(object.location());
            if (path.isPresent()) {
                files.add(new DataFile(path.get(), object.size(), partitionValues, object.location().toString()));
            }
        }
        return files;
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
