package io.pallas.server.catalog;

import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The text Athena's Hive DDL path answers for DESCRIBE, SHOW COLUMNS and SHOW CREATE TABLE (contract §5.3): Hive's
 * layouts, kept exactly, since tools parse them.
 */
public final class HiveText
{
    private static final int FIELD_WIDTH = 20;

    private HiveText() {}

    /** DESCRIBE rows as three fields each: name, type and comment, each padded to 20 characters. */
    public static List<List<String>> describe(Table table)
    {
        List<List<String>> rows = new ArrayList<>();
        table.allColumns().forEach(column -> rows.add(describeRow(column)));
        if (!table.partitionKeys().isEmpty()) {
            rows.add(List.of("", " ", " "));
            rows.add(List.of("# Partition Information", " ", " "));
            rows.add(List.of(pad("# col_name"), pad("data_type"), pad("comment")));
            rows.add(List.of("", " ", " "));
            table.partitionKeys().forEach(column -> rows.add(describeRow(column)));
        }
        return rows;
    }

    private static List<String> describeRow(TableColumn column)
    {
        return List.of(pad(column.name()), pad(column.type()), pad(column.comment().orElse("")));
    }

    /** SHOW COLUMNS rows: each name padded like DESCRIBE's. */
    public static List<String> showColumns(Table table)
    {
        return table.allColumns().stream().map(column -> pad(column.name())).toList();
    }

    static String pad(String value)
    {
        return value.length() >= FIELD_WIDTH ? value : value + " ".repeat(FIELD_WIDTH - value.length());
    }

    /** SHOW CREATE TABLE of a Hive table, in Hive's layout, one line per row. */
    public static List<String> showCreateTable(Table table)
    {
        List<String> lines = new ArrayList<>();
        lines.add("CREATE EXTERNAL TABLE `" + table.databaseName() + "`.`" + table.name() + "`(");
        columnLines(table.columns(), lines);
        table.description().ifPresent(comment -> lines.add("COMMENT " + quote(comment)));
        if (!table.partitionKeys().isEmpty()) {
            lines.add("PARTITIONED BY ( ");
            columnLines(table.partitionKeys(), lines);
        }
        lines.add("ROW FORMAT SERDE ");
        lines.add("  " + quote(table.storage().serDeInfo().serializationLibrary()) + " ");
        Map<String, String> serdeParameters = table.storage().serDeInfo().parameters();
        if (!serdeParameters.isEmpty()) {
            lines.add("WITH SERDEPROPERTIES ( ");
            properties(serdeParameters, lines, ") ");
        }
        lines.add("STORED AS INPUTFORMAT ");
        lines.add("  " + quote(table.storage().inputFormat()) + " ");
        lines.add("OUTPUTFORMAT ");
        lines.add("  " + quote(table.storage().outputFormat()));
        table.storage().location().ifPresent(location -> {
            lines.add("LOCATION");
            lines.add("  " + quote(location));
        });
        if (!table.parameters().isEmpty()) {
            lines.add("TBLPROPERTIES (");
            properties(table.parameters(), lines, ")");
        }
        return lines;
    }

    private static void columnLines(List<TableColumn> columns, List<String> lines)
    {
        for (int i = 0; i < columns.size(); i++) {
            TableColumn column = columns.get(i);
            String line = "  `" + column.name() + "` " + column.type() + column.comment().map(comment -> " COMMENT " + quote(comment)).orElse("");
            lines.add(i < columns.size() - 1 ? line + ", " : line + ")");
        }
    }

    private static void properties(Map<String, String> properties, List<String> lines, String closing)
    {
        List<Map.Entry<String, String>> entries = List.copyOf(properties.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            String line = "  " + quote(entries.get(i).getKey()) + "=" + quote(entries.get(i).getValue());
            lines.add(i < entries.size() - 1 ? line + ", " : line + closing);
        }
    }

    private static String quote(String value)
    {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
