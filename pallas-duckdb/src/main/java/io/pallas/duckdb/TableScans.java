package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.catalog.DataFile;
import io.pallas.core.catalog.Table;
import io.pallas.core.catalog.TableColumn;
import io.pallas.core.type.SqlType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import static io.pallas.duckdb.DuckDbPrinter.quote;
import static io.pallas.duckdb.DuckDbPrinter.string;
import static java.util.stream.Collectors.joining;

/**
 * Prints the DuckDB query that reads a table's files: the table's columns the query reads (all of them unless told
 * otherwise, and at least one), in order, with their declared types, the partition keys filled from each file's partition values and, on request, the {@code $path} and
 * {@code $file_size} pseudo-columns. Text formats are read as strings and converted as Hive does: a value that
 * does not parse as the column's type is NULL.
 */
final class TableScans
{
    static final String PATH_COLUMN = "$path";
    static final String FILE_SIZE_COLUMN = "$file_size";
    static final String HIVE_DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__";

    private static final String FILENAME = "$filename";
    private static final String JSON_VALUE = "$json";
    private static final String LINE = "$line";
    private static final String INTEGER_PATTERN = "'^[+-]?[0-9]+$'";
    /** Hive's separators below the field separator: collection items, map keys, then one per deeper level. */
    private static final char[] NESTED_SEPARATORS = {'\u0002', '\u0003', '\u0004', '\u0005', '\u0006', '\u0007', '\u0010'};

    /** The top-level column names of a set of Parquet files, as the files spell them. */
    interface ParquetColumns
    {
        List<String> columns(List<Path> files);
    }

    enum Format
    {
        PARQUET, TEXT, OPEN_CSV, JSON
    }

    private final Table table;
    private final List<SqlType> types;
    /** Whether each of the table's columns (data columns, then partition keys) is read. */
    private final boolean[] read;
    private int variables;

    private TableScans(Table table, Predicate<String> readsColumn)
    {
        this.table = table;
        List<SqlType> columnTypes = new ArrayList<>();
        for (TableColumn column : table.allColumns()) {
            columnTypes.add(columnType(table, column));
        }
        this.types = columnTypes;
        List<TableColumn> columns = table.allColumns();
        this.read = new boolean[columns.size()];
        boolean any = false;
        for (int i = 0; i < columns.size(); i++) {
            read[i] = readsColumn.test(columns.get(i).name());
            any |= read[i];
        }
        if (!any && read.length > 0) {
            // a scan needs a column to carry its rows (count(*)): the first is as good as any
            read[0] = true;
        }
    }

    /** The Trino type of a table column; NOT_SUPPORTED when the catalog type is not one Pallas knows. */
    static SqlType columnType(Table table, TableColumn column)
    {
        try {
            return HiveTypes.toSqlType(column.type());
        }
        catch (IllegalArgumentException e) {
            throw new PallasException(ErrorCode.NOT_SUPPORTED,
                    "Column '" + column.name() + "' of table '" + table.databaseName() + "." + table.name() + "' has a type Pallas cannot read yet: " + column.type());
        }
    }

    /** The subquery, without parentheses, that produces the table's rows with all its columns. */
    static String scan(Table table, List<DataFile> files, boolean pseudoColumns, ParquetColumns parquetColumns)
    {
        return scan(table, files, pseudoColumns, parquetColumns, _ -> true);
    }

    /** The subquery, without parentheses, that produces the table's rows with the columns {@code readsColumn} names. */
    static String scan(Table table, List<DataFile> files, boolean pseudoColumns, ParquetColumns parquetColumns, Predicate<String> readsColumn)
    {
        return new TableScans(table, readsColumn).print(files, pseudoColumns, parquetColumns);
    }

    static Format format(Table table)
    {
        String library = table.storage().serDeInfo().serializationLibrary();
        String inputFormat = table.storage().inputFormat();
        if (library.contains("ParquetHiveSerDe") || inputFormat.contains("Parquet")) {
            return Format.PARQUET;
        }
        if (library.equals("org.apache.hadoop.hive.serde2.OpenCSVSerde")) {
            return Format.OPEN_CSV;
        }
        if (library.equals("org.openx.data.jsonserde.JsonSerDe") || library.equals("org.apache.hive.hcatalog.data.JsonSerDe")) {
            return Format.JSON;
        }
        if (library.equals("org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
                || (library.isEmpty() && inputFormat.equals("org.apache.hadoop.mapred.TextInputFormat"))) {
            return Format.TEXT;
        }
        String lower = (library + " " + inputFormat).toLowerCase(Locale.ROOT);
        String kind = lower.contains("orc") ? "ORC data"
                : lower.contains("avro") ? "Avro data"
                : lower.contains("ion") && lower.contains("amazon") ? "Amazon Ion data"
                : "the SerDe " + (library.isEmpty() ? inputFormat : library);
        throw new PallasException(ErrorCode.NOT_SUPPORTED,
                "Table '" + table.databaseName() + "." + table.name() + "' uses " + kind + ", which Pallas cannot read yet");
    }

    private String print(List<DataFile> files, boolean pseudoColumns, ParquetColumns parquetColumns)
    {
        Format format = format(table);
        List<TableColumn> columns = table.allColumns();
        if (files.isEmpty()) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if (read[i]) {
                    items.add("CAST(NULL AS " + storageType(types.get(i)) + ") AS " + quote(columns.get(i).name()));
                }
            }
            if (pseudoColumns) {
                items.add("CAST(NULL AS VARCHAR) AS " + quote(PATH_COLUMN));
                items.add("CAST(NULL AS BIGINT) AS " + quote(FILE_SIZE_COLUMN));
            }
            return "SELECT " + String.join(", ", items) + " WHERE FALSE";
        }
        // one read per partition, whose partition values are constants DuckDB can filter on before reading
        Map<List<String>, List<DataFile>> partitions = new LinkedHashMap<>();
        for (DataFile file : files) {
            partitions.computeIfAbsent(file.partitionValues(), _ -> new ArrayList<>()).add(file);
        }
        List<String> reads = new ArrayList<>();
        for (Map.Entry<List<String>, List<DataFile>> partition : partitions.entrySet()) {
            reads.add(read(format, partition.getKey(), partition.getValue(), pseudoColumns, parquetColumns));
        }
        return reads.size() == 1 ? reads.getFirst() : reads.stream().map(read -> "(" + read + ")").collect(joining(" UNION ALL "));
    }

    private String read(Format format, List<String> partitionValues, List<DataFile> files, boolean pseudoColumns, ParquetColumns parquetColumns)
    {
        List<TableColumn> dataColumns = table.columns();
        List<TableColumn> partitionKeys = table.partitionKeys();
        if (partitionValues.size() != partitionKeys.size()) {
            throw new PallasException(ErrorCode.GENERIC_INTERNAL_ERROR,
                    "A file of table '" + table.databaseName() + "." + table.name() + "' has " + partitionValues.size() + " partition values for " + partitionKeys.size() + " partition keys");
        }
        String fileList = files.stream().map(file -> string(file.path().toString())).collect(joining(", ", "[", "]"));
        String filename = pseudoColumns ? ", filename = " + string(FILENAME) : "";
        List<String> items = new ArrayList<>();
        String source;
        switch (format) {
            case PARQUET -> {
                Map<String, String> present = new HashMap<>();
                for (String name : parquetColumns.columns(files.stream().map(DataFile::path).toList())) {
                    present.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                }
                for (int i = 0; i < dataColumns.size(); i++) {
                    String actual = present.get(dataColumns.get(i).name().toLowerCase(Locale.ROOT));
                    String value = actual == null ? "NULL" : quote(actual);
                    items.add(read[i] ? castTo(value, types.get(i)) : null);
                }
                source = "read_parquet(" + fileList + ", union_by_name = true" + filename + ")";
            }
            case TEXT -> {
                Map<String, String> parameters = table.storage().serDeInfo().parameters();
                char[] separators = textSeparators(parameters);
                String nullFormat = parameters.getOrDefault("serialization.null.format", "\\N");
                source = readCsv(fileList, dataColumns.size(), separators[0], "''", "''", parameters, filename)
                        + ", nullstr = " + string(nullFormat) + ")";
                for (int i = 0; i < dataColumns.size(); i++) {
                    items.add(read[i] ? fromText(quote("c" + i), types.get(i), separators, 1, nullFormat) : null);
                }
            }
            case OPEN_CSV -> {
                Map<String, String> parameters = table.storage().serDeInfo().parameters();
                String separator = parameters.getOrDefault("separatorChar", ",");
                String quoteChar = parameters.getOrDefault("quoteChar", "\"");
                String escape = parameters.getOrDefault("escapeChar", "\\");
                List<String> names = new ArrayList<>();
                for (int i = 0; i < dataColumns.size(); i++) {
                    names.add(string("c" + i));
                }
                source = readCsv(fileList, dataColumns.size(), separator.isEmpty() ? ',' : separator.charAt(0), string(quoteChar), string(escape), parameters, filename)
                        + (names.isEmpty() ? "" : ", force_not_null = [" + String.join(", ", names) + "]") + ")";
                for (int i = 0; i < dataColumns.size(); i++) {
                    SqlType type = types.get(i);
                    if (isNested(type)) {
                        throw new PallasException(ErrorCode.NOT_SUPPORTED, "Column '" + dataColumns.get(i).name() + "' of table '"
                                + table.databaseName() + "." + table.name() + "' has the type " + type + ", which OpenCSVSerde cannot read");
                    }
                    items.add(read[i] ? fromCsv(quote("c" + i), type) : null);
                }
            }
            case JSON -> {
                Map<String, String> parameters = table.storage().serDeInfo().parameters();
                boolean openX = table.storage().serDeInfo().serializationLibrary().startsWith("org.openx");
                boolean caseInsensitive = !openX || !"false".equalsIgnoreCase(parameters.get("case.insensitive"));
                boolean ignoreMalformed = openX && "true".equalsIgnoreCase(parameters.get("ignore.malformed.json"));
                // a line read whole: valid JSON never holds a raw \u0001, which is the separator here
                source = "(SELECT TRY_CAST(TRY_CAST(" + quote(LINE) + " AS JSON) AS MAP(VARCHAR, JSON)) AS " + quote(JSON_VALUE)
                        + (pseudoColumns ? ", " + quote(FILENAME) : "")
                        + " FROM read_csv(" + fileList + ", columns = {" + string(LINE) + ": 'VARCHAR'}, delim = " + string("\u0001")
                        + ", quote = '', escape = '', header = false, auto_detect = false, null_padding = true, strict_mode = false"
                        + ", compression = 'auto'" + filename + ")"
                        + " WHERE trim(" + quote(LINE) + ") <> ''"
                        + (ignoreMalformed ? "" : " AND CASE WHEN json_valid(" + quote(LINE) + ") THEN TRUE ELSE error("
                                + string("Malformed JSON in table '" + table.databaseName() + "." + table.name() + "'") + ") END")
                        + ")";
                for (int i = 0; i < dataColumns.size(); i++) {
                    String name = dataColumns.get(i).name().toLowerCase(Locale.ROOT);
                    String key = parameters.getOrDefault("mapping." + name, name);
                    String match = caseInsensitive
                            ? "lower(kv.key) = " + string(key.toLowerCase(Locale.ROOT))
                            : "kv.key = " + string(key);
                    String value = "list_filter(map_entries(" + quote(JSON_VALUE) + "), lambda kv: " + match + ")[1].value";
                    items.add(read[i] ? fromJson(value, types.get(i)) : null);
                }
            }
            default -> throw new IllegalStateException("unexpected format: " + format);
        }
        for (int i = 0; i < partitionKeys.size(); i++) {
            String value = partitionValues.get(i);
            SqlType type = types.get(dataColumns.size() + i);
            items.add(value == null || value.equals(HIVE_DEFAULT_PARTITION)
                    ? "CAST(NULL AS " + storageType(type) + ")"
                    : isText(type) ? castTo(string(value), type) : "CAST(" + string(value) + " AS " + storageType(type) + ")");
        }
        List<TableColumn> columns = table.allColumns();
        List<String> named = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (read[i]) {
                named.add(items.get(i) + " AS " + quote(columns.get(i).name()));
            }
        }
        if (pseudoColumns) {
            StringBuilder path = new StringBuilder("CASE " + quote(FILENAME));
            StringBuilder size = new StringBuilder("CASE " + quote(FILENAME));
            for (DataFile file : files) {
                path.append(" WHEN ").append(string(file.path().toString())).append(" THEN ").append(string(file.location()));
                size.append(" WHEN ").append(string(file.path().toString())).append(" THEN CAST(").append(file.size()).append(" AS BIGINT)");
            }
            named.add(path.append(" END AS ").append(quote(PATH_COLUMN)).toString());
            named.add(size.append(" END AS ").append(quote(FILE_SIZE_COLUMN)).toString());
        }
        return "SELECT " + String.join(", ", named) + " FROM " + source;
    }

    private String nextVariable()
    {
        variables++;
        return "x" + variables;
    }

    private static String readCsv(String fileList, int width, char separator, String quoteChar, String escape, Map<String, String> parameters, String filename)
    {
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < Math.max(width, 1); i++) {
            columns.add(string("c" + i) + ": 'VARCHAR'");
        }
        int skip = 0;
        String header = parameters.get("skip.header.line.count");
        if (header != null) {
            try {
                skip = Math.max(0, Integer.parseInt(header.strip()));
            }
            catch (NumberFormatException _) {
                skip = 0;
            }
        }
        return "read_csv(" + fileList + ", columns = {" + String.join(", ", columns) + "}, delim = " + string(String.valueOf(separator))
                + ", quote = " + quoteChar + ", escape = " + escape + ", header = false, auto_detect = false, null_padding = true"
                + ", strict_mode = false, skip = " + skip + ", compression = 'auto'" + filename;
    }

    /** Hive's separators for a text table: the field separator, then one per nesting level. */
    static char[] textSeparators(Map<String, String> parameters)
    {
        char[] separators = new char[NESTED_SEPARATORS.length + 1];
        separators[0] = separator(parameters.getOrDefault("field.delim", parameters.get("serialization.format")), '\u0001');
        System.arraycopy(NESTED_SEPARATORS, 0, separators, 1, NESTED_SEPARATORS.length);
        // Hive's own misspelling is the name it reads; the correct spelling is accepted too
        separators[1] = separator(parameters.getOrDefault("colelction.delim", parameters.get("collection.delim")), '\u0002');
        separators[2] = separator(parameters.get("mapkey.delim"), '\u0003');
        return separators;
    }

    /** As Hive reads a separator property: a number is the byte's value, anything else its first character. */
    private static char separator(String value, char defaultValue)
    {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return (char) (Byte.parseByte(value) & 0xff);
        }
        catch (NumberFormatException _) {
            return value.charAt(0);
        }
    }

    /** A text field as Hive's LazySimpleSerDe reads it; {@code level} chooses the separators of nested values. */
    private String fromText(String value, SqlType type, char[] separators, int level, String nullFormat)
    {
        if (isNested(type) && level + (type.kind() == SqlType.Kind.MAP ? 1 : 0) >= separators.length) {
            throw new PallasException(ErrorCode.NOT_SUPPORTED, "Text table '" + table.databaseName() + "." + table.name() + "' nests its types too deeply");
        }
        return switch (type.kind()) {
            case ARRAY -> {
                String element = nextVariable();
                yield "list_transform(string_split(" + value + ", " + string(String.valueOf(separators[level])) + "), lambda " + element + ": "
                        + fromText(nested(element, nullFormat), type.elementType(), separators, level + 1, nullFormat) + ")";
            }
            case MAP -> {
                String entry = nextVariable();
                String keySeparator = string(String.valueOf(separators[level + 1]));
                String at = "strpos(" + entry + ", " + keySeparator + ")";
                String key = "CASE WHEN " + at + " > 0 THEN substr(" + entry + ", 1, " + at + " - 1) ELSE " + entry + " END";
                String mapValue = "CASE WHEN " + at + " > 0 THEN substr(" + entry + ", " + at + " + 1) END";
                String empty = nextVariable();
                // an empty field is an empty map, not one entry with an empty key
                String entries = "list_filter(string_split(" + value + ", " + string(String.valueOf(separators[level])) + "), lambda " + empty + ": " + empty + " <> '')";
                String pairs = "list_transform(" + entries + ", lambda " + entry + ": {'key': "
                        + fromText(nested(key, nullFormat), type.keyType(), separators, level + 2, nullFormat) + ", 'value': "
                        + fromText(nested(mapValue, nullFormat), type.valueType(), separators, level + 2, nullFormat) + "})";
                String pair = nextVariable();
                yield "map_from_entries(list_filter(" + pairs + ", lambda " + pair + ": " + pair + ".key IS NOT NULL))";
            }
            case ROW -> {
                List<String> fields = new ArrayList<>();
                String split = "string_split(" + value + ", " + string(String.valueOf(separators[level])) + ")";
                for (int i = 0; i < type.parameters().size(); i++) {
                    fields.add(quote(type.fieldNames().get(i).orElse("field" + i)) + " := "
                            + fromText(nested(split + "[" + (i + 1) + "]", nullFormat), type.parameters().get(i), separators, level + 1, nullFormat));
                }
                yield "CASE WHEN " + value + " IS NOT NULL THEN struct_pack(" + String.join(", ", fields) + ") END";
            }
            case VARBINARY -> "from_base64(" + value + ")";
            default -> fromString(value, type);
        };
    }

    private static String nested(String value, String nullFormat)
    {
        return "NULLIF(" + value + ", " + string(nullFormat) + ")";
    }

    /** An OpenCSVSerde field: dates may be days since 1970 and timestamps milliseconds since 1970. */
    private static String fromCsv(String value, SqlType type)
    {
        return switch (type.kind()) {
            case DATE -> "CASE WHEN regexp_matches(" + value + ", " + INTEGER_PATTERN + ") THEN CAST(DATE '1970-01-01' + TRY_CAST(" + value
                    + " AS INTEGER) AS DATE) ELSE TRY_CAST(" + value + " AS DATE) END";
            case TIMESTAMP -> "CASE WHEN regexp_matches(" + value + ", " + INTEGER_PATTERN + ") THEN epoch_ms(TRY_CAST(" + value
                    + " AS BIGINT)) ELSE TRY_CAST(" + value + " AS TIMESTAMP) END";
            case VARBINARY -> "CAST(" + value + " AS BLOB)";
            default -> fromString(value, type);
        };
    }

    /** A JSON value: scalars from their text, structural values by DuckDB's JSON casts. */
    private static String fromJson(String value, SqlType type)
    {
        if (isNested(type)) {
            return "TRY_CAST(" + value + " AS " + storageType(type) + ")";
        }
        return fromString("json_extract_string(" + value + ", '$')", type);
    }

    /** A string as a value of a scalar type, NULL when it is not one. */
    private static String fromString(String value, SqlType type)
    {
        return switch (type.kind()) {
            case VARCHAR, CHAR -> castTo(value, type);
            case TINYINT, SMALLINT, INTEGER, BIGINT -> "CASE WHEN regexp_matches(" + value + ", " + INTEGER_PATTERN + ") THEN TRY_CAST(" + value
                    + " AS " + storageType(type) + ") END";
            case BOOLEAN -> "CASE lower(" + value + ") WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END";
            default -> "TRY_CAST(" + value + " AS " + storageType(type) + ")";
        };
    }

    /**
     * A value cast to a column type; bounded varchar and char values are cut to their length (char values also lose
     * trailing spaces), as Trino's readers do. Most values already fit: they are passed through untouched, which
     * keeps DuckDB's dictionary vectors and is several times cheaper than cutting every value (TPC-H q1 over
     * char(1) flags: 5x faster). A value of at most {@code length} bytes has at most {@code length} characters.
     */
    private static String castTo(String value, SqlType type)
    {
        String text = "CAST(" + value + " AS VARCHAR)";
        return switch (type.kind()) {
            case VARCHAR -> type.length() == SqlType.UNBOUNDED
                    ? text
                    : "CASE WHEN strlen(" + text + ") <= " + type.length() + " THEN " + text + " ELSE left(" + text + ", " + type.length() + ") END";
            case CHAR -> "CASE WHEN strlen(" + text + ") <= " + type.length() + " AND NOT ends_with(" + text + ", ' ') THEN " + text
                    + " ELSE rtrim(left(" + text + ", " + type.length() + "), ' ') END";
            default -> "CAST(" + value + " AS " + storageType(type) + ")";
        };
    }

    private static boolean isNested(SqlType type)
    {
        return type.kind() == SqlType.Kind.ARRAY || type.kind() == SqlType.Kind.MAP || type.kind() == SqlType.Kind.ROW;
    }

    private static boolean isText(SqlType type)
    {
        return type.kind() == SqlType.Kind.VARCHAR || type.kind() == SqlType.Kind.CHAR;
    }

    /** DuckDB's type for values of a column type; lengths of char and varchar are not kept. */
    static String storageType(SqlType type)
    {
        return switch (type.kind()) {
            case VARCHAR, CHAR -> "VARCHAR";
            case ARRAY -> storageType(type.elementType()) + "[]";
            case MAP -> "MAP(" + storageType(type.keyType()) + ", " + storageType(type.valueType()) + ")";
            case ROW -> {
                List<String> fields = new ArrayList<>();
                for (int i = 0; i < type.parameters().size(); i++) {
                    fields.add(quote(type.fieldNames().get(i).orElse("field" + i)) + " " + storageType(type.parameters().get(i)));
                }
                yield "STRUCT(" + String.join(", ", fields) + ")";
            }
            default -> DuckDbPrinter.duckDbType(type);
        };
    }
}
