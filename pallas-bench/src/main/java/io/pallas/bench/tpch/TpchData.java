package io.pallas.bench.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import org.duckdb.DuckDBConnection;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * TPC-H data generated with {@code io.trino.tpch} and stored as Parquet, one directory per table
 * ({@code <root>/<table>/<table>-<part>.parquet}). A finished directory holds a marker file naming its scale
 * factor, so a later run at the same scale factor reuses it; an unfinished one is generated again.
 *
 * <p>Types are TPC-H's: identifiers bigint, integers int, money decimal(12,2), dates, one-letter flags char(1)
 * (stored as strings), other text varchar(n).
 */
public final class TpchData
{
    private static final String MARKER = "_tpch_complete";
    /** Rows per generated part: big tables are split so parts generate in parallel and no file gets huge. */
    private static final long ROWS_PER_PART = 1_500_000;

    private TpchData() {}

    public static List<TpchTable<?>> tables()
    {
        return List.copyOf(TpchTable.getTables());
    }

    /** The directory of {@code table} under {@code root}. */
    public static Path tableDirectory(Path root, TpchTable<?> table)
    {
        return root.resolve(table.getTableName());
    }

    public static boolean isComplete(Path root, double scaleFactor)
    {
        Path marker = root.resolve(MARKER);
        try {
            return Files.isRegularFile(marker) && Files.readString(marker).strip().equals(scaleFactorText(scaleFactor));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Generates the eight tables at {@code scaleFactor} under {@code root} unless a complete set is there already;
     * returns whether it generated. {@code threads} parts are generated at once.
     */
    public static boolean generate(double scaleFactor, Path root, int threads)
            throws IOException
    {
        if (!(scaleFactor > 0)) {
            throw new IllegalArgumentException("scale factor must be positive: " + scaleFactor);
        }
        if (isComplete(root, scaleFactor)) {
            return false;
        }
        // only what an earlier, unfinished run of this class left: the directory may hold other things
        Files.deleteIfExists(root.resolve(MARKER));
        deleteRecursively(root.resolve(".text"));
        for (TpchTable<?> table : tables()) {
            deleteRecursively(tableDirectory(root, table));
        }
        Path text = Files.createDirectories(root.resolve(".text"));
        try (DuckDBConnection duckdb = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
                ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads))) {
            try (Statement statement = duckdb.createStatement()) {
                // the conversions run side by side: share the cores between them
                statement.execute("SET threads = " + Math.max(1, Runtime.getRuntime().availableProcessors() / Math.max(1, threads)));
            }
            List<Future<?>> parts = new ArrayList<>();
            for (TpchTable<?> table : tables()) {
                Files.createDirectories(tableDirectory(root, table));
                int partCount = partCount(table, scaleFactor);
                for (int part = 1; part <= partCount; part++) {
                    int thisPart = part;
                    parts.add(pool.submit(() -> {
                        writePart(duckdb, table, scaleFactor, thisPart, partCount, text, root);
                        return null;
                    }));
                }
            }
            for (Future<?> part : parts) {
                part.get();
            }
        }
        catch (SQLException e) {
            throw new IOException("Cannot convert TPC-H data to Parquet: " + e.getMessage(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("Cannot generate TPC-H data: " + e.getCause().getMessage(), e.getCause());
        }
        deleteRecursively(text);
        Files.writeString(root.resolve(MARKER), scaleFactorText(scaleFactor) + "\n");
        return true;
    }

    private static int partCount(TpchTable<?> table, double scaleFactor)
    {
        long rows = switch (table.getTableName()) {
            case "lineitem" -> 6_000_000;
            case "orders" -> 1_500_000;
            case "partsupp" -> 800_000;
            case "part" -> 200_000;
            case "customer" -> 150_000;
            default -> 0; // supplier, nation, region: small
        };
        return (int) Math.max(1, Math.ceil(rows * scaleFactor / ROWS_PER_PART));
    }

    /** One part as {@code |}-delimited text, then converted to Parquet with the TPC-H types; the text is removed. */
    private static <E extends TpchEntity> void writePart(DuckDBConnection database, TpchTable<E> table, double scaleFactor, int part, int partCount, Path textDirectory, Path root)
            throws IOException, SQLException
    {
        String name = table.getTableName() + "-" + part;
        Path textFile = textDirectory.resolve(name + ".tbl");
        try (BufferedWriter writer = Files.newBufferedWriter(textFile, StandardCharsets.UTF_8)) {
            for (E entity : table.createGenerator(scaleFactor, part, partCount)) {
                writer.write(entity.toLine());
                writer.write('\n');
            }
        }
        List<String> columns = new ArrayList<>();
        for (TpchColumn<?> column : table.getColumns()) {
            columns.add("'" + column.getColumnName() + "': '" + duckDbType(column) + "'");
        }
        // each line ends with the delimiter: a last, empty column is read and dropped
        columns.add("'extra_column': 'VARCHAR'");
        Path parquet = tableDirectory(root, table).resolve(name + ".parquet");
        try (DuckDBConnection connection = database.duplicate(); Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * EXCLUDE (extra_column) FROM read_csv('" + textFile + "', delim = '|', header = false, quote = '', escape = '', auto_detect = false, columns = {"
                    + String.join(", ", columns) + "})) TO '" + parquet + "' (FORMAT PARQUET)");
        }
        Files.delete(textFile);
    }

    /** The Hive DDL type of a TPC-H column. */
    public static String hiveType(TpchColumn<?> column)
    {
        TpchColumnType type = column.getType();
        return switch (type.getBase()) {
            case IDENTIFIER -> "bigint";
            case INTEGER -> "int";
            case DATE -> "date";
            case DOUBLE -> "decimal(12,2)";
            case VARCHAR -> type.getPrecision().orElseThrow() == 1 ? "char(1)" : "varchar(" + type.getPrecision().orElseThrow() + ")";
        };
    }

    /** {@code CREATE EXTERNAL TABLE} of {@code table} in {@code database}, over Parquet files at {@code location}. */
    public static String createTable(String database, TpchTable<?> table, String location)
    {
        List<String> columns = new ArrayList<>();
        for (TpchColumn<?> column : table.getColumns()) {
            columns.add(column.getColumnName() + " " + hiveType(column));
        }
        return "CREATE EXTERNAL TABLE " + database + "." + table.getTableName() + " (" + String.join(", ", columns) + ")\n"
                + "STORED AS PARQUET\nLOCATION '" + requireNonNull(location, "location is null") + "'";
    }

    private static String duckDbType(TpchColumn<?> column)
    {
        String type = hiveType(column);
        return switch (type) {
            case "int" -> "INTEGER";
            case "char(1)" -> "VARCHAR";
            default -> type.startsWith("varchar") ? "VARCHAR" : type.toUpperCase(Locale.ROOT);
        };
    }

    /** The scale factor as it names directories: {@code 1}, {@code 0.01}, {@code 10}. */
    public static String scaleFactorText(double scaleFactor)
    {
        return new java.math.BigDecimal(Double.toString(scaleFactor)).stripTrailingZeros().toPlainString();
    }

    private static void deleteRecursively(Path directory)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
