package io.pallas.server.catalog;

import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.DataCatalog;
import io.pallas.core.catalog.TableResolver.CatalogAccess;

import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The data catalogs a query or a metadata call can name: the built-in {@code AwsDataCatalog}, which is the Glue
 * catalog Pallas keeps, and those registered with CreateDataCatalog. A GLUE registration whose {@code catalog-id}
 * is Pallas's own account id is that same catalog under another name. The others (another account's Glue catalog,
 * LAMBDA, HIVE and FEDERATED catalogs) are kept and listed, but their metadata lives where Pallas cannot reach it:
 * reading them is refused with the reason.
 */
public final class DataCatalogs
{
    public static final String BUILT_IN = "AwsDataCatalog";
    public static final String CATALOG_ID = "catalog-id";

    private final CatalogStore store;
    private final String accountId;

    public DataCatalogs(CatalogStore store, String accountId)
    {
        this.store = requireNonNull(store, "store is null");
        this.accountId = requireNonNull(accountId, "accountId is null");
    }

    public String accountId()
    {
        return accountId;
    }

    public static boolean isBuiltIn(String name)
    {
        return name.equalsIgnoreCase(BUILT_IN);
    }

    /** The registration of a name, in any case; empty for the built-in catalog and for unknown names. */
    public Optional<DataCatalog> registered(String name)
    {
        return isBuiltIn(name) ? Optional.empty() : store.getDataCatalog(name);
    }

    /** Whether a catalog of that name (any case) exists and whether its tables can be read; empty when none exists. */
    public Optional<CatalogAccess> access(String name)
    {
        if (isBuiltIn(name)) {
            return Optional.of(CatalogAccess.READABLE);
        }
        return store.getDataCatalog(name).map(this::access);
    }

    private CatalogAccess access(DataCatalog catalog)
    {
        String name = catalog.name().toLowerCase(Locale.ROOT);
        if (catalog.type() == DataCatalog.Type.GLUE) {
            String catalogId = catalog.parameters().getOrDefault(CATALOG_ID, "");
            if (catalogId.equals(accountId)) {
                return CatalogAccess.READABLE;
            }
            return CatalogAccess.refused("Catalog '" + name + "' is the Glue Data Catalog of account " + catalogId
                    + ", which Pallas cannot reach: it serves only its own catalog (account " + accountId + ")");
        }
        return CatalogAccess.refused("Catalog '" + name + "' is a " + catalog.type() + " data catalog, whose metadata and data come from "
                + (catalog.type() == DataCatalog.Type.FEDERATED ? "a Glue connection and a connector" : "AWS Lambda functions") + ", which Pallas cannot run");
    }
}
