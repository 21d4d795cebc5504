package io.pallas.core.catalog;

import java.util.List;
import java.util.Optional;

/**
 * Durable storage of the Glue-model catalog (one catalog, {@code awsdatacatalog}). Names are compared and stored
 * lower-case. Every write is atomic and durable when it returns, as {@link io.pallas.core.store.MetadataStore}
 * writes are; implementations are safe for concurrent use.
 *
 * <p>Failures are reported with {@link CatalogException} and its kind: NOT_FOUND for a missing database or table
 * (naming which), ALREADY_EXISTS, CONCURRENT_MODIFICATION when {@link #replaceTable} finds another version than
 * the one the caller read, and NOT_EMPTY when a database still has tables.
 *
 * <p>It also keeps the data catalogs registered beside the built-in one ({@link DataCatalog}): only their
 * registrations, since every readable catalog name refers to this one catalog.
 */
public interface CatalogStore
{
    void createDatabase(Database database);

    Optional<Database> getDatabase(String name);

    /** All databases in name order. */
    List<Database> listDatabases();

    void replaceDatabase(Database database);

    /** Drops a database; with {@code cascade} its tables and partitions go too, else a non-empty database is refused. */
    void dropDatabase(String name, boolean cascade);

    /** Creates a table with version 1. */
    void createTable(Table table);

    Optional<Table> getTable(String databaseName, String tableName);

    /** Tables of a database in name order. */
    List<Table> listTables(String databaseName);

    /**
     * Replaces a table if its stored version is still {@code table.version() - 1}: the caller read version N and
     * writes N + 1. Anything else is CONCURRENT_MODIFICATION, and nothing changes.
     */
    void replaceTable(Table table);

    /** Drops a table and its partitions. */
    void dropTable(String databaseName, String tableName);

    /** Adds partitions; with {@code ifNotExists} existing ones are skipped, else one that exists fails the whole call. */
    void addPartitions(List<Partition> partitions, boolean ifNotExists);

    Optional<Partition> getPartition(String databaseName, String tableName, List<String> values);

    /** A table's partitions ordered by their values. */
    List<Partition> listPartitions(String databaseName, String tableName);

    void replacePartition(Partition partition);

    /** Drops partitions; with {@code ifExists} missing ones are skipped, else one that is missing fails the whole call. */
    void dropPartitions(String databaseName, String tableName, List<List<String>> values, boolean ifExists);

    /** Registers a data catalog; ALREADY_EXISTS when one has the same name in any case. */
    void createDataCatalog(DataCatalog dataCatalog);

    /** The data catalog of that name, compared case-insensitively. */
    Optional<DataCatalog> getDataCatalog(String name);

    /** All registered data catalogs, ordered by their lower-cased names. */
    List<DataCatalog> listDataCatalogs();

    /** Replaces the registration of the same name (in any case); NOT_FOUND when there is none. The stored name is kept. */
    void replaceDataCatalog(DataCatalog dataCatalog);

    /** Removes a registration; returns false when there was none. */
    boolean dropDataCatalog(String name);
}
