package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.engine.ExecutionControl;
import io.pallas.core.engine.ExecutionStats;
import io.pallas.core.engine.ResultSink;
import io.pallas.core.type.Column;
import io.pallas.core.type.SqlType;
import io.pallas.sql.engine.ParsedQuery;
import io.pallas.sql.engine.QueryEngine;
import io.trino.sql.tree.Explain;
import io.trino.sql.tree.ExplainAnalyze;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBPreparedStatement;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Runs Trino queries on one embedded, in-memory DuckDB. Each query gets its own duplicate connection and statement,
 * so concurrent calls do not serialise on a connection and an error closes nothing shared.
 */
public final class DuckDbEngine
        implements QueryEngine
{
    /** At FINE, logs the DuckDB SQL each query is translated to (for profiling and bug reports). */
    private static final Logger LOG = Logger.getLogger(DuckDbEngine.class.getName());
    private static final String STREAM_RESULTS = "jdbc_stream_results";
    /** What the driver reports, in streaming mode, for a query that failed before its first chunk. */
    private static final String LOST_STREAM_ERROR = "Invalid Input Error: Invalid result set";

    private final DuckDbConfig config;
    private final DuckDBConnection database;

    public DuckDbEngine(DuckDbConfig config)
    {
        this.config = requireNonNull(config, "config is null");
        try {
            Files.createDirectories(config.spillDirectory());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Properties properties = new Properties();
            // without it DuckDB materialises the whole result natively before the first row is read
            properties.setProperty(STREAM_RESULTS, "true");
            database = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement statement = database.createStatement()) {
                for (String setting : settings(config)) {
                    statement.execute(setting);
                }
            }
        }
        catch (SQLException e) {
            throw new PallasException(ErrorCode.GENERIC_INTERNAL_ERROR, "Cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /** The statements that set up and then lock the database; the order matters, the lock comes last. */
    static List<String> settings(DuckDbConfig config)
    {
        List<String> settings = new ArrayList<>();
        // DuckDB reads the zone from the OS, not from the JVM
        settings.add("SET GLOBAL TimeZone = 'UTC'");
        settings.add("SET GLOBAL autoinstall_known_extensions = false");
        settings.add("SET GLOBAL autoload_known_extensions = false");
        settings.add("SET GLOBAL integer_division = true");
        if (!config.memoryLimit().isEmpty()) {
            settings.add("SET GLOBAL memory_limit = " + DuckDbPrinter.string(config.memoryLimit()));
        }
        if (config.threads() > 0) {
            settings.add("SET GLOBAL threads = " + config.threads());
        }
        settings.add("SET GLOBAL temp_directory = " + DuckDbPrinter.string(config.spillDirectory().toString()));
        settings.add("SET GLOBAL allowed_directories = [" + DuckDbPrinter.string(config.dataDirectory() + "/") + "]");
        settings.add("SET GLOBAL enable_external_access = false");
        settings.add("SET GLOBAL lock_configuration = true");
        return settings;
    }

    public DuckDbConfig config()
    {
        return config;
    }

    @Override
    public ExecutionStats execute(ParsedQuery query, ResultSink sink, ExecutionControl control)
            throws IOException
    {
        return switch (query.statement()) {
            case Explain explain -> explain(query, explain.getStatement(), false, sink, control);
            case ExplainAnalyze analyze -> explain(query, analyze.getStatement(), true, sink, control);
            default -> run(query, sink, control);
        };
    }

    /**
     * EXPLAIN answers with one varchar column, {@code Query Plan}, holding the plan of what would run: DuckDB's
     * physical plan of the translated query (EXPLAIN ANALYZE runs it and adds the measured figures), one row per
     * line, ending with an empty line as Athena's plans do.
     */
    private ExecutionStats explain(ParsedQuery query, io.trino.sql.tree.Statement explained, boolean analyze, ResultSink sink, ExecutionControl control)
            throws IOException
    {
        QueryTables tables = tables(query, explained);
        TranslatedQuery translated = DuckDbPrinter.translate(explained, tables);
        StringBuilder plan = new StringBuilder();
        try (DuckDBConnection connection = database.duplicate();
                Statement statement = connection.createStatement()) {
            control.onCancel(() -> cancel(statement));
            checkCancelled(control);
            try (ResultSet resultSet = statement.executeQuery((analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ") + translated.sql())) {
                while (resultSet.next()) {
                    plan.append(resultSet.getString(2).stripTrailing()).append('\n');
                }
            }
        }
        catch (SQLException e) {
            checkCancelled(control, e);
            throw DuckDbErrors.translate(e);
        }
        List<String> lines = plan.toString().lines().map(String::stripTrailing).toList();
        String text = String.join("\n", lines) + "\n";
        sink.columns(List.of(new Column("Query Plan", SqlType.varchar(text.length()))));
        for (String line : text.split("\n", -1)) {
            sink.row(new Object[] {line});
        }
        checkCancelled(control);
        return analyze ? new ExecutionStats(tables.scannedBytes()) : ExecutionStats.EMPTY;
    }

    private QueryTables tables(ParsedQuery query, io.trino.sql.tree.Statement statement)
    {
        QueryTables tables = new QueryTables(query.tables(), query.defaultCatalog(), query.defaultSchema(), this::parquetColumns, QueryTables.usesPseudoColumns(statement));
        tables.readOnlyNamedColumns(query.sql(), statement);
        return tables;
    }

    /** The top-level columns of Parquet files, read from their footers. */
    private List<String> parquetColumns(List<Path> files)
    {
        String list = files.stream().map(file -> DuckDbPrinter.string(file.toString())).collect(Collectors.joining(", ", "[", "]"));
        List<String> columns = new ArrayList<>();
        try (DuckDBConnection connection = database.duplicate();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + list + ", union_by_name = true)")) {
            while (resultSet.next()) {
                columns.add(resultSet.getString(1));
            }
        }
        catch (SQLException e) {
            throw DuckDbErrors.translate(e);
        }
        return columns;
    }

    private ExecutionStats run(ParsedQuery query, ResultSink sink, ExecutionControl control)
            throws IOException
    {
        QueryTables tables = tables(query, query.statement());
        TranslatedQuery translated = DuckDbPrinter.translate(query.statement(), tables);
        LOG.fine(() -> "DuckDB SQL: " + translated.sql());
        try (DuckDBConnection connection = database.duplicate();
                Statement statement = connection.createStatement()) {
            control.onCancel(() -> cancel(statement));
            checkCancelled(control);
            try (ResultSet resultSet = executeQuery(statement, translated.sql(), control)) {
                List<Column> columns = columns(resultSet.getMetaData(), translated);
                sink.columns(columns);
                int width = columns.size();
                // DuckDB ignores an interrupt while a streamed result is being fetched: the loop has to stop itself
                while (!control.isCancelled() && resultSet.next()) {
                    Object[] row = new Object[width];
                    for (int i = 0; i < width; i++) {
                        SqlType type = columns.get(i).type();
                        Object raw = type.kind() == SqlType.Kind.TIMESTAMP
                                ? resultSet.getObject(i + 1, LocalDateTime.class)
                                : resultSet.getObject(i + 1);
                        row[i] = ValueConverter.convert(raw, type);
                    }
                    sink.row(row);
                }
            }
            checkCancelled(control);
            return new ExecutionStats(tables.scannedBytes());
        }
        catch (SQLException e) {
            checkCancelled(control, e);
            throw DuckDbErrors.translate(e);
        }
        catch (RuntimeException e) {
            checkCancelled(control, e);
            throw e;
        }
    }

    /**
     * Starts a streamed query. When DuckDB fails before the first chunk (a division by zero or a bad cast in a
     * constant, say), the streaming driver loses the message and reports only {@link #LOST_STREAM_ERROR};
     * errors found later, while fetching, keep theirs. For that case the query, always a side-effect-free
     * SELECT, runs once more through the driver's data-chunk interface, whose execute reports the real error.
     */
    private ResultSet executeQuery(Statement statement, String sql, ExecutionControl control)
            throws SQLException
    {
        try {
            return statement.executeQuery(sql);
        }
        catch (SQLException e) {
            if (!LOST_STREAM_ERROR.equals(e.getMessage()) || control.isCancelled()) {
                throw e;
            }
            throw recoverError(sql, control, e);
        }
    }

    private SQLException recoverError(String sql, ExecutionControl control, SQLException lost)
    {
        try (DuckDBConnection connection = database.duplicate();
                DuckDBPreparedStatement statement = (DuckDBPreparedStatement) connection.prepareStatement(sql)) {
            control.onCancel(() -> cancel(statement));
            // the data-chunk interface drops errors that happen while fetching: only its execute is trusted
            statement.query().close();
        }
        catch (SQLException e) {
            if (!LOST_STREAM_ERROR.equals(e.getMessage())) {
                e.addSuppressed(lost);
                return e;
            }
        }
        return lost;
    }

    static List<Column> columns(ResultSetMetaData metaData, TranslatedQuery translated)
            throws SQLException
    {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < metaData.getColumnCount(); i++) {
            String name = metaData.getColumnName(i + 1);
            if (DuckDbPrinter.isAnonymousColumnName(name)) {
                name = "_col" + i;
            }
            SqlType type = DuckDbTypes.refine(DuckDbTypes.toSqlType(metaData.getColumnTypeName(i + 1)), translated.hint(i));
            columns.add(new Column(name, type));
        }
        return columns;
    }

    private static void cancel(Statement statement)
    {
        try {
            statement.cancel();
        }
        catch (SQLException _) {
            // the statement already finished or closed: nothing left to stop
        }
    }

    private static void checkCancelled(ExecutionControl control)
    {
        checkCancelled(control, null);
    }

    private static void checkCancelled(ExecutionControl control, Exception cause)
    {
        if (control.isCancelled()) {
            CancellationException cancelled = new CancellationException("Query was cancelled");
            if (cause != null) {
                cancelled.initCause(cause);
            }
            throw cancelled;
        }
    }

    @Override
    public void close()
    {
        try {
            database.close();
        }
        catch (SQLException e) {
            throw new PallasException(ErrorCode.GENERIC_INTERNAL_ERROR, "Cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
