package io.pallas.server.store;

import io.pallas.core.catalog.CatalogException;
import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.catalog.DataCatalog;
import io.pallas.core.catalog.Database;
import io.pallas.core.catalog.Partition;
import io.pallas.core.catalog.Table;
import io.pallas.core.query.NamedQuery;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.WorkGroup;
import io.pallas.core.store.MetadataStore;

import java.io.ByteArrayOutputStream;
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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import static io.pallas.core.catalog.CatalogException.Kind.ALREADY_EXISTS;
import static io.pallas.core.catalog.CatalogException.Kind.CONCURRENT_MODIFICATION;
import static io.pallas.core.catalog.CatalogException.Kind.INVALID;
import static io.pallas.core.catalog.CatalogException.Kind.NOT_EMPTY;
import static io.pallas.core.catalog.CatalogException.Kind.NOT_FOUND;
import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

/**
 * The metadata store and the catalog store in one SQLite database file, in WAL mode. All access goes through one
 * connection guarded by a lock: writes are serialised, each in its own transaction that is rolled back whole when
 * any part of it fails.
 * The database's {@code PRAGMA user_version} is its schema version; opening applies the migrations it lacks and
 * refuses a database written by a newer Pallas.
 */
public final class SqliteMetadataStore
        implements MetadataStore, CatalogStore
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
                    """),
            List.of(
                    """
                    CREATE TABLE databases (
                        name TEXT PRIMARY KEY,
                        definition TEXT NOT NULL)
                    """,
                    """
                    CREATE TABLE catalog_tables (
                        database_name TEXT NOT NULL,
                        name TEXT NOT NULL,
                        version INTEGER NOT NULL,
                        definition TEXT NOT NULL,
                        PRIMARY KEY (database_name, name))
                    """,
                    """
                    CREATE TABLE partitions (
                        database_name TEXT NOT NULL,
                        table_name TEXT NOT NULL,
                        values_key BLOB NOT NULL,
                        definition TEXT NOT NULL,
                        PRIMARY KEY (database_name, table_name, values_key))
                    """),
            List.of(
                    """
                    CREATE TABLE prepared_statements (
                        work_group TEXT NOT NULL,
                        name TEXT NOT NULL,
                        definition TEXT NOT NULL,
                        PRIMARY KEY (work_group, name))
                    """,
                    """
                    CREATE TABLE named_queries (
                        named_query_id TEXT PRIMARY KEY,
                        sequence INTEGER NOT NULL,
                        work_group TEXT NOT NULL,
                        client_request_token TEXT NOT NULL UNIQUE,
                        token_fingerprint TEXT NOT NULL,
                        definition TEXT NOT NULL)
                    """),
            List.of(
                    """
                    CREATE TABLE data_catalogs (
                        name_key TEXT PRIMARY KEY,
                        definition TEXT NOT NULL)
                    """));

    public static final int SCHEMA_VERSION = MIGRATIONS.size();

    /** The statements that bring the schema from {@code version} to {@code version + 1}; for tests of migrations. */
    static List<String> migration(int version)
    {
        return MIGRATIONS.get(version);
    }

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
            try (PreparedStatement deleteTokens = connection.prepareStatement(
                    "DELETE FROM tokens WHERE query_execution_id IN (SELECT query_execution_id FROM executions WHERE work_group = ?)")) {
                deleteTokens.setString(1, name);
                deleteTokens.executeUpdate();
            }
            for (String table : List.of("executions", "prepared_statements", "named_queries")) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE work_group = ?")) {
                    delete.setString(1, name);
                    delete.executeUpdate();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM work_groups WHERE name = ?")) {
                delete.setString(1, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void putPreparedStatement(io.pallas.core.query.PreparedStatement statement)
    {
        requireNonNull(statement, "statement is null");
        String definition = MetadataJson.writePreparedStatement(statement);
        write("put prepared statement " + statement.name(), () -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO prepared_statements (work_group, name, definition) VALUES (?, ?, ?) ON CONFLICT (work_group, name) DO UPDATE SET definition = excluded.definition")) {
                upsert.setString(1, statement.workGroup());
                upsert.setString(2, statement.name());
                upsert.setString(3, definition);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<io.pallas.core.query.PreparedStatement> getPreparedStatement(String workGroup, String name)
    {
        return read("get prepared statement " + name, () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM prepared_statements WHERE work_group = ? AND name = ?")) {
                select.setString(1, workGroup);
                select.setString(2, name);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(decode("prepared statement " + name, row.getString(1), MetadataJson::readPreparedStatement)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<io.pallas.core.query.PreparedStatement> listPreparedStatements(String workGroup)
    {
        return read("list prepared statements", () -> {
            List<io.pallas.core.query.PreparedStatement> statements = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT name, definition FROM prepared_statements WHERE work_group = ? ORDER BY name")) {
                select.setString(1, workGroup);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        statements.add(decode("prepared statement " + rows.getString(1), rows.getString(2), MetadataJson::readPreparedStatement));
                    }
                }
            }
            return statements;
        });
    }

    @Override
    public boolean deletePreparedStatement(String workGroup, String name)
    {
        return write("delete prepared statement " + name, () -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM prepared_statements WHERE work_group = ? AND name = ?")) {
                delete.setString(1, workGroup);
                delete.setString(2, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void insertNamedQuery(NamedQuery query, String clientRequestToken, String tokenFingerprint)
    {
        requireNonNull(query, "query is null");
        String definition = MetadataJson.writeNamedQuery(query);
        write("insert named query " + query.namedQueryId(), () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT named_query_id FROM named_queries WHERE client_request_token = ?")) {
                select.setString(1, clientRequestToken);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        throw new DuplicateTokenException(clientRequestToken, row.getString(1));
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO named_queries (named_query_id, sequence, work_group, client_request_token, token_fingerprint, definition) "
                            + "VALUES (?, (SELECT coalesce(max(sequence), 0) + 1 FROM named_queries), ?, ?, ?, ?)")) {
                insert.setString(1, query.namedQueryId());
                insert.setString(2, query.workGroup());
                insert.setString(3, clientRequestToken);
                insert.setString(4, tokenFingerprint);
                insert.setString(5, definition);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Map.Entry<String, String>> namedQueryForToken(String clientRequestToken)
    {
        return read("find named query token", () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT named_query_id, token_fingerprint FROM named_queries WHERE client_request_token = ?")) {
                select.setString(1, clientRequestToken);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(Map.entry(row.getString(1), row.getString(2))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void replaceNamedQuery(NamedQuery query)
    {
        String definition = MetadataJson.writeNamedQuery(query);
        write("update named query " + query.namedQueryId(), () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE named_queries SET definition = ? WHERE named_query_id = ?")) {
                update.setString(1, definition);
                update.setString(2, query.namedQueryId());
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<NamedQuery> getNamedQuery(String namedQueryId)
    {
        return read("get named query " + namedQueryId, () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM named_queries WHERE named_query_id = ?")) {
                select.setString(1, namedQueryId);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(decode("named query " + namedQueryId, row.getString(1), MetadataJson::readNamedQuery)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<NamedQuery> listNamedQueries(String workGroup)
    {
        return read("list named queries", () -> {
            List<NamedQuery> queries = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT named_query_id, definition FROM named_queries WHERE work_group = ? ORDER BY sequence")) {
                select.setString(1, workGroup);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        queries.add(decode("named query " + rows.getString(1), rows.getString(2), MetadataJson::readNamedQuery));
                    }
                }
            }
            return queries;
        });
    }

    @Override
    public boolean deleteNamedQuery(String namedQueryId)
    {
        return write("delete named query " + namedQueryId, () -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM named_queries WHERE named_query_id = ?")) {
                delete.setString(1, namedQueryId);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void createDatabase(Database database)
    {
        requireNonNull(database, "database is null");
        Database stored = new Database(lowerCase(database.name()), database.description(), database.locationUri(), database.parameters(), database.createTime());
        String definition = CatalogJson.writeDatabase(stored);
        write("create database " + stored.name(), () -> {
            if (databaseExists(stored.name())) {
                throw new CatalogException(ALREADY_EXISTS, "Database %s already exists".formatted(stored.name()));
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO databases (name, definition) VALUES (?, ?)")) {
                insert.setString(1, stored.name());
                insert.setString(2, definition);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Database> getDatabase(String name)
    {
        String databaseName = lowerCase(requireNonNull(name, "name is null"));
        return read("get database " + databaseName, () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM databases WHERE name = ?")) {
                select.setString(1, databaseName);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(decode("database " + databaseName, row.getString(1), CatalogJson::readDatabase));
                }
            }
        });
    }

    @Override
    public List<Database> listDatabases()
    {
        return read("list databases", () -> {
            List<Database> databases = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT name, definition FROM databases ORDER BY name")) {
                while (rows.next()) {
                    databases.add(decode("database " + rows.getString(1), rows.getString(2), CatalogJson::readDatabase));
                }
            }
            return databases;
        });
    }

    @Override
    public void replaceDatabase(Database database)
    {
        requireNonNull(database, "database is null");
        Database stored = new Database(lowerCase(database.name()), database.description(), database.locationUri(), database.parameters(), database.createTime());
        String definition = CatalogJson.writeDatabase(stored);
        write("replace database " + stored.name(), () -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE databases SET definition = ? WHERE name = ?")) {
                update.setString(1, definition);
                update.setString(2, stored.name());
                if (update.executeUpdate() == 0) {
                    throw databaseNotFound(stored.name());
                }
            }
            return null;
        });
    }

    @Override
    public void dropDatabase(String name, boolean cascade)
    {
        String databaseName = lowerCase(requireNonNull(name, "name is null"));
        write("drop database " + databaseName, () -> {
            requireDatabase(databaseName);
            if (!cascade) {
                try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM catalog_tables WHERE database_name = ? LIMIT 1")) {
                    select.setString(1, databaseName);
                    try (ResultSet row = select.executeQuery()) {
                        if (row.next()) {
                            throw new CatalogException(NOT_EMPTY, "Database %s is not empty".formatted(databaseName));
                        }
                    }
                }
            }
            for (String sql : List.of(
                    "DELETE FROM partitions WHERE database_name = ?",
                    "DELETE FROM catalog_tables WHERE database_name = ?",
                    "DELETE FROM databases WHERE name = ?")) {
                try (PreparedStatement delete = connection.prepareStatement(sql)) {
                    delete.setString(1, databaseName);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public void createTable(Table table)
    {
        requireNonNull(table, "table is null");
        Table stored = normalize(table, 1);
        String definition = CatalogJson.writeTable(stored);
        String qualified = stored.databaseName() + "." + stored.name();
        write("create table " + qualified, () -> {
            requireDatabase(stored.databaseName());
            if (storedTableVersion(stored.databaseName(), stored.name()).isPresent()) {
                throw new CatalogException(ALREADY_EXISTS, "Table %s already exists".formatted(qualified));
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO catalog_tables (database_name, name, version, definition) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, stored.databaseName());
                insert.setString(2, stored.name());
                insert.setLong(3, stored.version());
                insert.setString(4, definition);
                insert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Table> getTable(String databaseName, String tableName)
    {
        String database = lowerCase(requireNonNull(databaseName, "databaseName is null"));
        String table = lowerCase(requireNonNull(tableName, "tableName is null"));
        return read("get table " + database + "." + table, () -> loadTable(database, table));
    }

    @Override
    public List<Table> listTables(String databaseName)
    {
        String database = lowerCase(requireNonNull(databaseName, "databaseName is null"));
        return read("list tables of " + database, () -> {
            requireDatabase(database);
            List<Table> tables = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT name, definition FROM catalog_tables WHERE database_name = ? ORDER BY name")) {
                select.setString(1, database);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        tables.add(decode("table " + database + "." + rows.getString(1), rows.getString(2), CatalogJson::readTable));
                    }
                }
            }
            return tables;
        });
    }

    @Override
    public void replaceTable(Table table)
    {
        requireNonNull(table, "table is null");
        Table stored = normalize(table, table.version());
        String definition = CatalogJson.writeTable(stored);
        String qualified = stored.databaseName() + "." + stored.name();
        write("replace table " + qualified, () -> {
            // the check and the write are in one transaction under the store's lock, so no other write comes between
            long current = storedTableVersion(stored.databaseName(), stored.name())
                    .orElseThrow(() -> tableNotFound(stored.databaseName(), stored.name()));
            if (stored.version() != current + 1) {
                throw new CatalogException(CONCURRENT_MODIFICATION, "Table %s was modified concurrently: it is at version %s, but version %s was written as its successor"
                        .formatted(qualified, current, stored.version()));
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE catalog_tables SET version = ?, definition = ? WHERE database_name = ? AND name = ? AND version = ?")) {
                update.setLong(1, stored.version());
                update.setString(2, definition);
                update.setString(3, stored.databaseName());
                update.setString(4, stored.name());
                update.setLong(5, current);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void dropTable(String databaseName, String tableName)
    {
        String database = lowerCase(requireNonNull(databaseName, "databaseName is null"));
        String table = lowerCase(requireNonNull(tableName, "tableName is null"));
        write("drop table " + database + "." + table, () -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM catalog_tables WHERE database_name = ? AND name = ?")) {
                delete.setString(1, database);
                delete.setString(2, table);
                if (delete.executeUpdate() == 0) {
                    throw tableNotFound(database, table);
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM partitions WHERE database_name = ? AND table_name = ?")) {
                delete.setString(1, database);
                delete.setString(2, table);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void addPartitions(List<Partition> partitions, boolean ifNotExists)
    {
        List<Partition> stored = requireNonNull(partitions, "partitions is null").stream()
                .map(partition -> new Partition(
                        lowerCase(partition.databaseName()),
                        lowerCase(partition.tableName()),
                        partition.values(),
                        partition.storage(),
                        partition.parameters(),
                        partition.createTime()))
                .toList();
        List<String> definitions = stored.stream().map(CatalogJson::writePartition).toList();
        write("add %s partitions".formatted(stored.size()), () -> {
            // a call usually adds many partitions of one table: read each table once
            Map<List<String>, Table> tables = new HashMap<>();
            for (int i = 0; i < stored.size(); i++) {
                Partition partition = stored.get(i);
                List<String> tableName = List.of(partition.databaseName(), partition.tableName());
                Table table = tables.get(tableName);
                if (table == null) {
                    table = requireTable(partition.databaseName(), partition.tableName());
                    tables.put(tableName, table);
                }
                requirePartitionOf(table, partition.values());
                byte[] key = valuesKey(partition.values());
                if (partitionExists(partition.databaseName(), partition.tableName(), key)) {
                    if (ifNotExists) {
                        continue;
                    }
                    throw new CatalogException(ALREADY_EXISTS, "Partition %s of table %s.%s already exists"
                            .formatted(partition.values(), partition.databaseName(), partition.tableName()));
                }
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO partitions (database_name, table_name, values_key, definition) VALUES (?, ?, ?, ?)")) {
                    insert.setString(1, partition.databaseName());
                    insert.setString(2, partition.tableName());
                    insert.setBytes(3, key);
                    insert.setString(4, definitions.get(i));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public Optional<Partition> getPartition(String databaseName, String tableName, List<String> values)
    {
        String database = lowerCase(requireNonNull(databaseName, "databaseName is null"));
        String table = lowerCase(requireNonNull(tableName, "tableName is null"));
        byte[] key = valuesKey(requireNonNull(values, "values is null"));
        return read("get partition %s of %s.%s".formatted(values, database, table), () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM partitions WHERE database_name = ? AND table_name = ? AND values_key = ?")) {
                select.setString(1, database);
                select.setString(2, table);
                select.setBytes(3, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(decode("partition %s of table %s.%s".formatted(values, database, table), row.getString(1), CatalogJson::readPartition));
                }
            }
        });
    }

    @Override
    public List<Partition> listPartitions(String databaseName, String tableName)
    {
        String database = lowerCase(requireNonNull(databaseName, "databaseName is null"));
        String table = lowerCase(requireNonNull(tableName, "tableName is null"));
        return read("list partitions of " + database + "." + table, () -> {
            requireTable(database, table);
            List<Partition> partitions = new ArrayList<>();
            // values_key sorts as the values do, element by element
            try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM partitions WHERE database_name = ? AND table_name = ? ORDER BY values_key")) {
                select.setString(1, database);
                select.setString(2, table);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        partitions.add(decode("a partition of table %s.%s".formatted(database, table), rows.getString(1), CatalogJson::readPartition));
                    }
                }
            }
            return partitions;
        });
    }

    @Override
    public void replacePartition(Partition partition)
    {
        requireNonNull(partition, "partition is null");
        Partition stored = new Partition(
                lowerCase(partition.databaseName()),
                lowerCase(partition.tableName()),
                partition.values(),
                partition.storage(),
                partition.parameters(),
                partition.createTime());
        String definition = CatalogJson.writePartition(stored);
        byte[] key = valuesKey(stored.values());
        write("replace partition %s of %s.%s".formatted(stored.values(), stored.databaseName(), stored.tableName()), () -> {
            requireTable(stored.databaseName(), stored.tableName());
            try (PreparedStatement update = connection.prepareStatement("UPDATE partitions SET definition = ? WHERE database_name = ? AND table_name = ? AND values_key = ?")) {
                update.setString(1, definition);
                update.setString(2, stored.databaseName());
                update.setString(3, stored.tableName());
                update.setBytes(4, key);
                if (update.executeUpdate() == 0) {
                    throw partitionNotFound(stored.databaseName(), stored.tableName(), stored.values());
                }
            }
            return null;
        });
    }

    @Override
    public void dropPartitions(String databaseName, String tableName, List<List<String>> values, boolean ifExists)
    {
        String database = lowerCase(requireNonNull(databaseName, "databaseName is null"));
        String table = lowerCase(requireNonNull(tableName, "tableName is null"));
        List<List<String>> partitionValues = requireNonNull(values, "values is null").stream().map(List::copyOf).toList();
        write("drop %s partitions of %s.%s".formatted(partitionValues.size(), database, table), () -> {
            requireTable(database, table);
            for (List<String> partition : partitionValues) {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM partitions WHERE database_name = ? AND table_name = ? AND values_key = ?")) {
                    delete.setString(1, database);
                    delete.setString(2, table);
                    delete.setBytes(3, valuesKey(partition));
                    if (delete.executeUpdate() == 0 && !ifExists) {
                        throw partitionNotFound(database, table, partition);
                    }
                }
            }
            return null;
        });
    }

    private static String lowerCase(String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }

    private static Table normalize(Table table, long version)
    {
        return new Table(
                lowerCase(table.databaseName()),
                lowerCase(table.name()),
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

    /**
     * The partition values as one key whose byte order is the order of the value lists: each value's UTF-8 bytes
     * with 0x00 escaped as 0x01 0x01 and 0x01 as 0x01 0x02, ended by 0x00. A value that is a prefix of another so
     * sorts first, as a list that is a prefix of another does, and no two lists share a key.
     */
    static byte[] valuesKey(List<String> values)
    {
        ByteArrayOutputStream key = new ByteArrayOutputStream();
        for (String value : values) {
            for (byte b : value.getBytes(UTF_8)) {
                if (b == 0x00 || b == 0x01) {
                    key.write(0x01);
                    key.write(b + 1);
                }
                else {
                    key.write(b);
                }
            }
            key.write(0x00);
        }
        return key.toByteArray();
    }

    private boolean databaseExists(String databaseName)
            throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM databases WHERE name = ?")) {
            select.setString(1, databaseName);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    @Override
    public void createDataCatalog(DataCatalog dataCatalog)
    {
        requireNonNull(dataCatalog, "dataCatalog is null");
        String key = lowerCase(dataCatalog.name());
        String definition = CatalogJson.writeDataCatalog(dataCatalog);
        write("create data catalog " + dataCatalog.name(), () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO data_catalogs (name_key, definition) VALUES (?, ?) ON CONFLICT (name_key) DO NOTHING")) {
                insert.setString(1, key);
                insert.setString(2, definition);
                if (insert.executeUpdate() == 0) {
                    throw new CatalogException(ALREADY_EXISTS, "Data catalog %s already exists".formatted(dataCatalog.name()));
                }
            }
            return null;
        });
    }

    @Override
    public Optional<DataCatalog> getDataCatalog(String name)
    {
        String key = lowerCase(requireNonNull(name, "name is null"));
        return read("get data catalog " + name, () -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM data_catalogs WHERE name_key = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(decode("data catalog " + name, row.getString(1), CatalogJson::readDataCatalog));
                }
            }
        });
    }

    @Override
    public List<DataCatalog> listDataCatalogs()
    {
        return read("list data catalogs", () -> {
            List<DataCatalog> catalogs = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT name_key, definition FROM data_catalogs ORDER BY name_key")) {
                while (rows.next()) {
                    catalogs.add(decode("data catalog " + rows.getString(1), rows.getString(2), CatalogJson::readDataCatalog));
                }
            }
            return catalogs;
        });
    }

    @Override
    public void replaceDataCatalog(DataCatalog dataCatalog)
    {
        requireNonNull(dataCatalog, "dataCatalog is null");
        String key = lowerCase(dataCatalog.name());
        write("replace data catalog " + dataCatalog.name(), () -> {
            DataCatalog stored;
            try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM data_catalogs WHERE name_key = ?")) {
                select.setString(1, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new CatalogException(NOT_FOUND, "Data catalog %s not found".formatted(dataCatalog.name()));
                    }
                    stored = decode("data catalog " + dataCatalog.name(), row.getString(1), CatalogJson::readDataCatalog);
                }
            }
            DataCatalog replacement = new DataCatalog(stored.name(), dataCatalog.type(), dataCatalog.description(), dataCatalog.parameters(), dataCatalog.tags(), dataCatalog.createTime());
            try (PreparedStatement update = connection.prepareStatement("UPDATE data_catalogs SET definition = ? WHERE name_key = ?")) {
                update.setString(1, CatalogJson.writeDataCatalog(replacement));
                update.setString(2, key);
                update.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean dropDataCatalog(String name)
    {
        String key = lowerCase(requireNonNull(name, "name is null"));
        return write("drop data catalog " + name, () -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM data_catalogs WHERE name_key = ?")) {
                delete.setString(1, key);
                return delete.executeUpdate() > 0;
            }
        });
    }

    private void requireDatabase(String databaseName)
            throws SQLException
    {
        if (!databaseExists(databaseName)) {
            throw databaseNotFound(databaseName);
        }
    }

    private Optional<Long> storedTableVersion(String databaseName, String tableName)
            throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement("SELECT version FROM catalog_tables WHERE database_name = ? AND name = ?")) {
            select.setString(1, databaseName);
            select.setString(2, tableName);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    private Optional<Table> loadTable(String databaseName, String tableName)
            throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement("SELECT definition FROM catalog_tables WHERE database_name = ? AND name = ?")) {
            select.setString(1, databaseName);
            select.setString(2, tableName);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(decode("table %s.%s".formatted(databaseName, tableName), row.getString(1), CatalogJson::readTable));
            }
        }
    }

    private Table requireTable(String databaseName, String tableName)
            throws SQLException
    {
        return loadTable(databaseName, tableName).orElseThrow(() -> tableNotFound(databaseName, tableName));
    }

    private static void requirePartitionOf(Table table, List<String> values)
    {
        if (values.size() != table.partitionKeys().size()) {
            throw new CatalogException(INVALID, "Partition %s does not match the %s partition keys of table %s.%s"
                    .formatted(values, table.partitionKeys().size(), table.databaseName(), table.name()));
        }
    }

    private boolean partitionExists(String databaseName, String tableName, byte[] key)
            throws SQLException
    {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM partitions WHERE database_name = ? AND table_name = ? AND values_key = ?")) {
            select.setString(1, databaseName);
            select.setString(2, tableName);
            select.setBytes(3, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private static CatalogException databaseNotFound(String databaseName)
    {
        return new CatalogException(NOT_FOUND, "Database %s not found".formatted(databaseName));
    }

    private static CatalogException tableNotFound(String databaseName, String tableName)
    {
        return new CatalogException(NOT_FOUND, "Table %s.%s not found".formatted(databaseName, tableName));
    }

    private static CatalogException partitionNotFound(String databaseName, String tableName, List<String> values)
    {
        return new CatalogException(NOT_FOUND, "Partition %s of table %s.%s not found".formatted(values, databaseName, tableName));
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
