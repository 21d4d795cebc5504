package io.pallas.server.store;

import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.WorkGroup;
import io.pallas.core.store.MetadataStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The metadata store in one SQLite database file, in WAL mode. All access goes through one connection guarded by a
 * lock: writes are serialised, each in its own transaction that is rolled back whole when any part of it fails.
 * The database's {@code PRAGMA user_version} is its schema version; opening applies the migrations it lacks and
 * refuses a database written by a newer Pallas.
 */
public final class SqliteMetadataStore
        implements MetadataStore
{
    /** Migration {@code i} brings the schema from version {@code i} to {@code i + 1}. */
    private static final List<List<String>> MIGRATIONS = List.of(
            List.of(
                    """
                    CREATE TABLE executions (
                        query_execution_id TEXT PRIMARY KEY,
                        sequence INTEGER NOT NULL,
                        submitted_epoch_second INTEGER NOT NULL,
                        submitted_nano INTEGER NOT NULL,
                        work_group TEXT NOT NULL,
                        state TEXT NOT NULL,
                        snapshot TEXT NOT NULL)
                    """,
                    "CREATE INDEX executions_by_sequence ON executions (sequence)",
                    "CREATE INDEX executions_by_submission ON executions (submitted_epoch_second, submitted_nano)",
                    """
                    CREATE TABLE tokens (
                        client_request_token TEXT PRIMARY KEY,
                        query_execution_id TEXT NOT NULL,
                        token_fingerprint TEXT NOT NULL)
                    """,
                    "CREATE INDEX tokens_by_execution ON tokens (query_execution_id)",
                    """
                    CREATE TABLE work_groups (
                        name TEXT PRIMARY KEY,
                        definition TEXT NOT NULL)
                    """));

    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    private static final String SUBMITTED_BEFORE = "(submitted_epoch_second < ? OR (submitted_epoch_second = ? AND submitted_nano < ?))";

    private final Path databaseFile;
    private final ReentrantLock lock = new ReentrantLock();
    private final Connection connection;
    private boolean closed;

    public SqliteMetadataStore(Path databaseFile, Durability durability)
    {
        this.databaseFile = requireNonNull(databaseFile, "databaseFile is null").toAbsolutePath();
        requireNonNull(durability, "durability is null");
        Path parent = this.databaseFile.getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        }
        catch (IOException e) {
            throw new MetadataStoreException("Cannot create the directory of metadata database %s: %s".formatted(this.databaseFile, e), e);
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + this.databaseFile);
        }
        catch (SQLException e) {
            throw new MetadataStoreException("Cannot open metadata database %s: %s".formatted(this.databaseFile, e.getMessage()), e);
        }
        try {
            configure(connection, durability);
        }
        catch (SQLException | RuntimeException e) {
            try {
                connection.close();
            }
            catch (SQLException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            if (e instanceof MetadataStoreException storeException) {
                throw storeException;
            }
            throw new MetadataStoreException("Cannot open metadata database %s: %s".formatted(this.databaseFile, e.getMessage()), e);
        }
        this.connection = connection;
    }

    private void configure(Connection connection, Durability durability)
            throws SQLException
    {
        try (Statement statement = connection.createStatement()) {
            // another process (an operator's sqlite3 shell, say) may hold the lock briefly
            statement.execute("PRAGMA busy_timeout = 5000");
            // read before anything is written, so a newer database is refused untouched
            checkSchemaVersion(userVersion(statement));
            String journalMode = stringPragma(statement, "PRAGMA journal_mode = WAL");
            if (!journalMode.equalsIgnoreCase("wal")) {
                throw new MetadataStoreException("Metadata database %s cannot use write-ahead logging (journal mode is %s); put the data directory on a local file system"
                        .formatted(databaseFile, journalMode));
            }
            statement.execute("PRAGMA synchronous = " + durability.synchronousPragma());
            migrate(statement);
        }
    }

    private void migrate(Statement statement)
            throws SQLException
    {
        statement.execute("BEGIN IMMEDIATE");
        try {
            // read again inside the write lock: another process may have migrated meanwhile
            int version = userVersion(statement);
            checkSchemaVersion(version);
            if (version == 0) {
                try (ResultSet tables = statement.executeQuery("SELECT count(*) FROM sqlite_schema")) {
                    tables.next();
                    if (tables.getLong(1) != 0) {
                        throw new MetadataStoreException("%s is not a Pallas metadata database: it has tables but no schema version".formatted(databaseFile));
                    }
                }
            }
            for (int migration = version; migration < SCHEMA_VERSION; migration++) {
                for (String sql : MIGRATIONS.get(migration)) {
                    statement.execute(sql);
                }
            }
            if (version != SCHEMA_VERSION) {
                statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
            statement.execute("COMMIT");
        }
        catch (SQLException | RuntimeException e) {
            rollback(statement, e);
            throw e;
        }
    }

    private void checkSchemaVersion(int version)
    {
        if (version > SCHEMA_VERSION) {
            throw new MetadataStoreException("Metadata database %s has schema version %s, but this Pallas supports versions up to %s: it was written by a newer Pallas release; run that release or newer"
                    .formatted(databaseFile, version, SCHEMA_VERSION));
        }
        if (version < 0) {
            throw new MetadataStoreException("%s is not a Pallas metadata database: schema version %s".formatted(databaseFile, version));
        }
    }

    private static int userVersion(Statement statement)
            throws SQLException
    {
        try (ResultSet result = statement.executeQuery("PRAGMA user_version")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static String stringPragma(Statement statement, String sql)
            throws SQLException
    {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    public Path databaseFile()
    {
        return databaseFile;
    }

    @Override
    public void insertExecution(QueryExecution execution, long sequence, String clientRequestToken, String tokenFingerprint)
    {
        requireNonNull(execution, "execution is null");
        requireNonNull(clientRequestToken, "clientRequestToken is null");
        requireNonNull(tokenFingerprint, "tokenFingerprint is null");
        String snapshot = MetadataJson.writeExecution(execution);
        write("insert execution " + execution.queryExecutionId(), () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT query_execution_id FROM tokens WHERE client_request_token = ?")) {
                select.setString(1, clientRequestToken);
                try (ResultSet existing = select.executeQuery()) {
                    if (existing.next()) {
                        throw new DuplicateTokenException(clientRequestToken, existing.getString(1));
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO executions (query_execution_id, sequence, submitted_epoch_second, submitted_nano, work_group, state, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, execution.queryExecutionId());
                insert.setLong(2, sequence);
                insert.setLong(3, execution.submissionDateTime().getEpochSecond());
                insert.setInt(4, execution.submissionDateTime().getNano());
                insert.setString(5, execution.workGroup());
                insert.setString(6, execution.state().name());
                insert.setString(7, snapshot);
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO tokens (client_request_token, query_execution_id, token_fingerprint) VALUES (?, ?, ?)")) {
                insert.setString(1, clientRequestToken);
                insert.setString(2, execution.queryExecutionId());
                insert.setString(3, tokenFingerprint);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void updateExecution(QueryExecution execution)
    {
        requireNonNull(execution, "execution is null");
        String snapshot = MetadataJson.writeExecution(execution);
        write("update execution " + execution.queryExecutionId(), () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE executions SET submitted_epoch_second = ?, submitted_nano = ?, work_group = ?, state = ?, snapshot = ? WHERE query_execution_id = ?")) {
                update.setLong(1, execution.submissionDateTime().getEpochSecond());
                update.setInt(2, execution.submissionDateTime().getNano());
                update.setString(3, execution.workGroup());
                update.setString(4, execution.state().name());
                update.setString(5, snapshot);
                update.setString(6, execution.queryExecutionId());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<StoredExecution> loadExecutions()
    {
        return read("load executions", () -> {
            List<StoredExecution> executions = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("""
                            SELECT e.query_execution_id, e.snapshot, e.sequence, t.client_request_token, t.token_fingerprint
                            FROM executions e JOIN tokens t ON t.query_execution_id = e.query_execution_id
                            ORDER BY e.sequence, e.rowid
                            """)) {
                while (rows.next()) {
                    QueryExecution execution = decode("execution " + rows.getString(1), rows.getString(2), MetadataJson::readExecution);
                    executions.add(new StoredExecution(execution, rows.getLong(3), rows.getString(4), rows.getString(5)));
                }
            }
            return executions;
        });
    }

    @Override
    public int deleteExecutionsSubmittedBefore(Instant cutoff)
    {
        requireNonNull(cutoff, "cutoff is null");
        return write("delete executions submitted before " + cutoff, () -> {
            try (PreparedStatement deleteTokens = connection.prepareStatement(
                    "DELETE FROM tokens WHERE query_execution_id IN (SELECT query_execution_id FROM executions WHERE " + SUBMITTED_BEFORE + ")")) {
                bindCutoff(deleteTokens, cutoff);
                deleteTokens.executeUpdate();
            }
            try (PreparedStatement deleteExecutions = connection.prepareStatement("DELETE FROM executions WHERE " + SUBMITTED_BEFORE)) {
                bindCutoff(deleteExecutions, cutoff);
                return deleteExecutions.executeUpdate();
            }
        });
    }

    private static void bindCutoff(PreparedStatement statement, Instant cutoff)
            throws SQLException
    {
        statement.setLong(1, cutoff.getEpochSecond());
        statement.setLong(2, cutoff.getEpochSecond());
        statement.setInt(3, cutoff.getNano());
    }

    @Override
    public void putWorkGroup(WorkGroup workGroup)
    {
        requireNonNull(workGroup, "workGroup is null");
        String definition = MetadataJson.writeWorkGroup(workGroup);
        write("put workgroup " + workGroup.name(), () -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO work_groups (name, definition) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET definition = excluded.definition")) {
                upsert.setString(1, workGroup.name());
                upsert.setString(2, definition);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<WorkGroup> getWorkGroup(String name)
    {
        requireNonNull(name, "name is null");
        return read("get workgroup " + name, () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM work_groups WHERE name = ?")) {
                select.setString(1, name);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(decode("workgroup " + name, row.getString(1), MetadataJson::readWorkGroup));
                }
            }
        });
    }

    @Override
    public List<WorkGroup> loadWorkGroups()
    {
        return read("load workgroups", () -> {
            List<WorkGroup> workGroups = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT name, definition FROM work_groups ORDER BY name")) {
                while (rows.next()) {
                    workGroups.add(decode("workgroup " + rows.getString(1), rows.getString(2), MetadataJson::readWorkGroup));
                }
            }
            return workGroups;
        });
    }

    @Override
    public boolean deleteWorkGroup(String name)
    {
        requireNonNull(name, "name is null");
        return write("delete workgroup " + name, () -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM work_groups WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    /** SQLite's {@code PRAGMA synchronous} of the connection: 1 NORMAL, 2 FULL. */
    int synchronousSetting()
    {
        return read("read the synchronous setting", () -> {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("PRAGMA synchronous")) {
                result.next();
                return result.getInt(1);
            }
        });
    }

    @Override
    public void close()
    {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            connection.close();
        }
        catch (SQLException e) {
            throw new MetadataStoreException("Cannot close metadata database %s: %s".formatted(databaseFile, e.getMessage()), e);
        }
        finally {
            lock.unlock();
        }
    }

    private <T> T write(String operation, SqlAction<T> action)
    {
        lock.lock();
        try {
            checkOpen();
            try (Statement statement = connection.createStatement()) {
                statement.execute("BEGIN IMMEDIATE");
                try {
                    T result = action.run();
                    statement.execute("COMMIT");
                    return result;
                }
                catch (SQLException | RuntimeException e) {
                    rollback(statement, e);
                    throw e;
                }
            }
        }
        catch (SQLException e) {
            throw new MetadataStoreException("Cannot %s in metadata database %s: %s".formatted(operation, databaseFile, e.getMessage()), e);
        }
        finally {
            lock.unlock();
        }
    }

    private <T> T read(String operation, SqlAction<T> action)
    {
        lock.lock();
        try {
            checkOpen();
            return action.run();
        }
        catch (SQLException e) {
            throw new MetadataStoreException("Cannot %s in metadata database %s: %s".formatted(operation, databaseFile, e.getMessage()), e);
        }
        finally {
            lock.unlock();
        }
    }

    private static void rollback(Statement statement, Exception failure)
    {
        try {
            statement.execute("ROLLBACK");
        }
        catch (SQLException e) {
            // a failed COMMIT may already have rolled back; the original failure is what matters
            failure.addSuppressed(e);
        }
    }

    private void checkOpen()
    {
        if (closed) {
            throw new IllegalStateException("Metadata store %s is closed".formatted(databaseFile));
        }
    }

    private <T> T decode(String what, String json, Function<String, T> reader)
    {
        try {
            return reader.apply(json);
        }
        catch (RuntimeException e) {
            throw new MetadataStoreException("Cannot read %s from metadata database %s: %s".formatted(what, databaseFile, e.getMessage()), e);
        }
    }

    @FunctionalInterface
    private interface SqlAction<T>
    {
        T run()
                throws SQLException;
    }
}
