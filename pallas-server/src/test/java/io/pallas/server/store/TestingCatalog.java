package io.pallas.server.store;

import io.pallas.core.catalog.Database;
import io.pallas.core.catalog.Partition;
import io.pallas.core.catalog.SerDeInfo;
import io.pallas.core.catalog.StorageDescriptor;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;
import io.pallas.core.catalog.TableType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Catalog objects for store tests, with every optional member filled or every one left empty. */
final class TestingCatalog
{
    static final Instant CREATED = Instant.parse("2026-03-08T09:59:58.123Z");
    static final Instant UPDATED = Instant.parse("2026-03-09T00:00:00.007Z");

    private TestingCatalog() {}

    /** A map whose iteration order is neither sorted nor hash order, so a store that loses the order shows it. */
    static Map<String, String> ordered(String... keysAndValues)
    {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** A location under the warehouse, the same whatever the case the names are spelt in. */
    static String location(String... names)
    {
        return "s3://warehouse/" + String.join("/", names).toLowerCase(Locale.ROOT) + "/";
    }

    static Database fullDatabase(String name)
    {
        return new Database(
                name,
                Optional.of("Sales data, \"quoted\" and naïve ✓"),
                Optional.of(location(name)),
                ordered("zeta", "1", "alpha", "2", "mid", "3", "empty", ""),
                CREATED);
    }

    static Database minimalDatabase(String name)
    {
        return new Database(name, Optional.empty(), Optional.empty(), Map.of(), Instant.parse("2026-01-01T00:00:00Z"));
    }

    static StorageDescriptor fullStorage(String location)
    {
        return new StorageDescriptor(
                Optional.of(location),
                "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                new SerDeInfo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", ordered("serialization.format", ",", "field.delim", ",", "escape.delim", "\\")),
                List.of("id", "customer"),
                8,
                true);
    }

    static StorageDescriptor minimalStorage()
    {
        return new StorageDescriptor(
                Optional.empty(),
                "org.apache.hadoop.mapred.TextInputFormat",
                "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
                new SerDeInfo("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe", Map.of()),
                List.of(),
                0,
                false);
    }

    /** Every optional member present (view texts too, though a real external table has none), partitioned by year and month. */
    static Table fullTable(String database, String name)
    {
        return new Table(
                database,
                name,
                TableType.EXTERNAL_TABLE,
                List.of(
                        new TableColumn("id", "bigint", Optional.of("the key")),
                        new TableColumn("customer", "struct<name:string,tags:array<string>>", Optional.empty()),
                        new TableColumn("amount", "decimal(10,2)", Optional.of(""))),
                List.of(new TableColumn("year", "string", Optional.empty()), new TableColumn("month", "string", Optional.of("two digits"))),
                fullStorage(location(database, name)),
                ordered("skip.header.line.count", "1", "classification", "csv", "EXTERNAL", "TRUE"),
                Optional.of("Orders"),
                Optional.of("SELECT 1"),
                Optional.of("SELECT 1 AS \"_col0\""),
                Optional.of("hadoop"),
                CREATED,
                UPDATED,
                1);
    }

    static Table minimalTable(String database, String name)
    {
        return new Table(
                database,
                name,
                TableType.VIRTUAL_VIEW,
                List.of(new TableColumn("x", "int", Optional.empty())),
                List.of(),
                minimalStorage(),
                Map.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:00Z"),
                1);
    }

    /** The table as a writer that read it would write it next: one version on, with other parameters. */
    static Table successor(Table table, Map<String, String> parameters)
    {
        return new Table(
                table.databaseName(),
                table.name(),
                table.tableType(),
                table.columns(),
                table.partitionKeys(),
                table.storage(),
                parameters,
                table.description(),
                table.viewOriginalText(),
                table.viewExpandedText(),
                table.owner(),
                table.createTime(),
                table.updateTime().plusMillis(1),
                table.version() + 1);
    }

    static Table withVersion(Table table, long version)
    {
        return new Table(
                table.databaseName(),
                table.name(),
                table.tableType(),
                table.columns(),
                table.partitionKeys(),
                table.storage(),
                table.parameters(),
                table.description(),
                table.viewOriginalText(),
                table.viewExpandedText(),
                table.owner(),
                table.createTime(),
                table.updateTime(),
                version);
    }

    static Partition partition(String database, String table, String... values)
    {
        return new Partition(
                database,
                table,
                List.of(values),
                fullStorage(location(database, table) + String.join("/", values) + "/"),
                ordered("numRows", "12", "COLUMN_STATS_ACCURATE", "false"),
                CREATED.plusMillis(values.length));
    }
}
