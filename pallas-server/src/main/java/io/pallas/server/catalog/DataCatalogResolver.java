package io.pallas.server.catalog;

import io.pallas.core.catalog.ColumnSelection;
import io.pallas.core.catalog.DataFile;
import io.pallas.core.catalog.PartitionFilter;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableResolver;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Resolves the catalog names of a query through {@link DataCatalogs}: every readable catalog name is the Glue
 * catalog, whose tables {@code glueCatalog} resolves; other registered catalogs exist but are refused.
 */
public final class DataCatalogResolver
        implements TableResolver
{
    private final DataCatalogs catalogs;
    private final TableResolver glueCatalog;

    public DataCatalogResolver(DataCatalogs catalogs, TableResolver glueCatalog)
    {
        this.catalogs = requireNonNull(catalogs, "catalogs is null");
        this.glueCatalog = requireNonNull(glueCatalog, "glueCatalog is null");
    }

    @Override
    public Optional<CatalogAccess> catalog(String catalog)
    {
        return catalogs.access(catalog);
    }

    @Override
    public boolean schemaExists(String catalog, String schema)
    {
        return isReadable(catalog) && glueCatalog.schemaExists(DEFAULT_CATALOG, schema);
    }

    @Override
    public Optional<Table> table(String catalog, String schema, String table)
    {
        return isReadable(catalog) ? glueCatalog.table(DEFAULT_CATALOG, schema, table) : Optional.empty();
    }

    @Override
    public List<DataFile> files(Table table, PartitionFilter filter)
    {
        return glueCatalog.files(table, filter);
    }

    @Override
    public List<DataFile> files(Table table, PartitionFilter filter, ColumnSelection columns)
    {
        return glueCatalog.files(table, filter, columns);
    }

    /** The Glue catalog's scope, seen through the same catalog names: its files stay pinned until it closes. */
    @Override
    public Scope openScope()
    {
        Scope glueScope = glueCatalog.openScope();
        return Scope.forwarding(new DataCatalogResolver(catalogs, glueScope), glueScope::cancel, glueScope::close);
    }

    private boolean isReadable(String catalog)
    {
        return catalogs.access(catalog).map(access -> access.refusal().isEmpty()).orElse(false);
    }
}
