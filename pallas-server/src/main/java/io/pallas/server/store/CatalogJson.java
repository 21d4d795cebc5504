package io.pallas.server.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pallas.core.catalog.DataCatalog;
import io.pallas.core.catalog.Database;
import io.pallas.core.catalog.Partition;
import io.pallas.core.catalog.SerDeInfo;
import io.pallas.core.catalog.StorageDescriptor;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;
import io.pallas.core.catalog.TableType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.pallas.server.store.MetadataJson.MAPPER;
import static io.pallas.server.store.MetadataJson.array;
import static io.pallas.server.store.MetadataJson.bool;
import static io.pallas.server.store.MetadataJson.checkVersion;
import static io.pallas.server.store.MetadataJson.enumValue;
import static io.pallas.server.store.MetadataJson.instant;
import static io.pallas.server.store.MetadataJson.integer;
import static io.pallas.server.store.MetadataJson.longValue;
import static io.pallas.server.store.MetadataJson.malformed;
import static io.pallas.server.store.MetadataJson.object;
import static io.pallas.server.store.MetadataJson.optionalText;
import static io.pallas.server.store.MetadataJson.parse;
import static io.pallas.server.store.MetadataJson.text;
import static io.pallas.server.store.MetadataJson.write;

/**
 * The stored JSON form of catalog databases, tables and partitions, mapped by hand as {@link MetadataJson} maps
 * executions: absent optionals are omitted, instants are ISO-8601 strings, maps are JSON objects in the map's
 * iteration order (which reading keeps), and each document carries a {@code version}. A table's own version is
 * {@code tableVersion}.
 */
final class CatalogJson
{
    static final int DATABASE_VERSION = 1;
    static final int TABLE_VERSION = 1;
    static final int PARTITION_VERSION = 1;
    static final int DATA_CATALOG_VERSION = 1;

    private CatalogJson() {}

    static String writeDatabase(Database database)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", DATABASE_VERSION);
        node.put("name", database.name());
        database.description().ifPresent(description -> node.put("description", description));
        database.locationUri().ifPresent(location -> node.put("locationUri", location));
        writeMap(node.putObject("parameters"), database.parameters());
        node.put("createTime", database.createTime().toString());
        return write(node);
    }

    static Database readDatabase(String json)
    {
        JsonNode node = parse(json, "database");
        checkVersion(node, DATABASE_VERSION, "database");
        return new Database(
                text(node, "name"),
                optionalText(node, "description"),
                optionalText(node, "locationUri"),
                readMap(node, "parameters", "database"),
                instant(node, "createTime"));
    }

    static String writeDataCatalog(DataCatalog dataCatalog)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", DATA_CATALOG_VERSION);
        node.put("name", dataCatalog.name());
        node.put("type", dataCatalog.type().name());
        dataCatalog.description().ifPresent(description -> node.put("description", description));
        writeMap(node.putObject("parameters"), dataCatalog.parameters());
        writeMap(node.putObject("tags"), dataCatalog.tags());
        node.put("createTime", dataCatalog.createTime().toString());
        return write(node);
    }

    static DataCatalog readDataCatalog(String json)
    {
        JsonNode node = parse(json, "data catalog");
        checkVersion(node, DATA_CATALOG_VERSION, "data catalog");
        return new DataCatalog(
                text(node, "name"),
                enumValue(DataCatalog.Type.class, node, "type"),
                optionalText(node, "description"),
                readMap(node, "parameters", "data catalog"),
                readMap(node, "tags", "data catalog"),
                instant(node, "createTime"));
    }

    static String writeTable(Table table)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", TABLE_VERSION);
        node.put("databaseName", table.databaseName());
        node.put("name", table.name());
        node.put("tableType", table.tableType().name());
        writeColumns(node.putArray("columns"), table.columns());
        writeColumns(node.putArray("partitionKeys"), table.partitionKeys());
        writeStorage(node.putObject("storage"), table.storage());
        writeMap(node.putObject("parameters"), table.parameters());
        table.description().ifPresent(description -> node.put("description", description));
        table.viewOriginalText().ifPresent(text -> node.put("viewOriginalText", text));
        table.viewExpandedText().ifPresent(text -> node.put("viewExpandedText", text));
        table.owner().ifPresent(owner -> node.put("owner", owner));
        node.put("createTime", table.createTime().toString());
        node.put("updateTime", table.updateTime().toString());
        node.put("tableVersion", table.version());
        return write(node);
    }

    static Table readTable(String json)
    {
        JsonNode node = parse(json, "table");
        checkVersion(node, TABLE_VERSION, "table");
        return new Table(
                text(node, "databaseName"),
                text(node, "name"),
                enumValue(TableType.class, node, "tableType"),
                readColumns(node, "columns"),
                readColumns(node, "partitionKeys"),
                readStorage(object(node, "storage")),
                readMap(node, "parameters", "table"),
                optionalText(node, "description"),
                optionalText(node, "viewOriginalText"),
                optionalText(node, "viewExpandedText"),
                optionalText(node, "owner"),
                instant(node, "createTime"),
                instant(node, "updateTime"),
                longValue(node, "tableVersion"));
    }

    static String writePartition(Partition partition)
    {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("version", PARTITION_VERSION);
        node.put("databaseName", partition.databaseName());
        node.put("tableName", partition.tableName());
        ArrayNode values = node.putArray("values");
        partition.values().forEach(values::add);
        writeStorage(node.putObject("storage"), partition.storage());
        writeMap(node.putObject("parameters"), partition.parameters());
        node.put("createTime", partition.createTime().toString());
        return write(node);
    }

    static Partition readPartition(String json)
    {
        JsonNode node = parse(json, "partition");
        checkVersion(node, PARTITION_VERSION, "partition");
        return new Partition(
                text(node, "databaseName"),
                text(node, "tableName"),
                readStrings(node, "values", "partition"),
                readStorage(object(node, "storage")),
                readMap(node, "parameters", "partition"),
                instant(node, "createTime"));
    }

    private static void writeColumns(ArrayNode array, List<TableColumn> columns)
    {
        for (TableColumn column : columns) {
            ObjectNode node = array.addObject();
            node.put("name", column.name());
            node.put("type", column.type());
            column.comment().ifPresent(comment -> node.put("comment", comment));
        }
    }

    private static List<TableColumn> readColumns(JsonNode node, String field)
    {
        List<TableColumn> columns = new ArrayList<>();
        for (JsonNode column : array(node, field)) {
            if (!column.isObject()) {
                throw malformed("table", field + " holds a non-object");
            }
            columns.add(new TableColumn(text(column, "name"), text(column, "type"), optionalText(column, "comment")));
        }
        return columns;
    }

    private static void writeStorage(ObjectNode node, StorageDescriptor storage)
    {
        storage.location().ifPresent(location -> node.put("location", location));
        node.put("inputFormat", storage.inputFormat());
        node.put("outputFormat", storage.outputFormat());
        ObjectNode serDe = node.putObject("serDeInfo");
        serDe.put("serializationLibrary", storage.serDeInfo().serializationLibrary());
        writeMap(serDe.putObject("parameters"), storage.serDeInfo().parameters());
        ArrayNode bucketColumns = node.putArray("bucketColumns");
        storage.bucketColumns().forEach(bucketColumns::add);
        node.put("numberOfBuckets", storage.numberOfBuckets());
        node.put("compressed", storage.compressed());
    }

    private static StorageDescriptor readStorage(JsonNode node)
    {
        JsonNode serDe = object(node, "serDeInfo");
        return new StorageDescriptor(
                optionalText(node, "location"),
                text(node, "inputFormat"),
                text(node, "outputFormat"),
                new SerDeInfo(text(serDe, "serializationLibrary"), readMap(serDe, "parameters", "storage descriptor")),
                readStrings(node, "bucketColumns", "storage descriptor"),
                integer(node, "numberOfBuckets"),
                bool(node, "compressed"));
    }

    private static void writeMap(ObjectNode node, Map<String, String> map)
    {
        map.forEach(node::put);
    }

    /** The object's properties in document order, which is the order they were written in. */
    private static Map<String, String> readMap(JsonNode node, String field, String kind)
    {
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object(node, field).properties()) {
            if (!entry.getValue().isTextual()) {
                throw malformed(kind, field + " holds a non-string value for '" + entry.getKey() + "'");
            }
            map.put(entry.getKey(), entry.getValue().textValue());
        }
        return map;
    }

    private static List<String> readStrings(JsonNode node, String field, String kind)
    {
        List<String> strings = new ArrayList<>();
        for (JsonNode value : array(node, field)) {
            if (!value.isTextual()) {
                throw malformed(kind, field + " holds a non-string");
            }
            strings.add(value.textValue());
        }
        return strings;
    }
}
