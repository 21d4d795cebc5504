package io.pallas.server.store;

import io.pallas.core.catalog.CatalogStore;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.store.MetadataStore.StoredExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.pallas.server.store.TestingCatalog.fullDatabase;
import static io.pallas.server.store.TestingCatalog.fullTable;
import static io.pallas.server.store.TestingCatalog.minimalDatabase;
import static io.pallas.server.store.TestingCatalog.partition;
import static io.pallas.server.store.TestingExecutions.BASE_TIME;
import static io.pallas.server.store.TestingExecutions.full;
import static io.pallas.server.store.TestingExecutions.fullWorkGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class TestSqliteCatalogStore
        extends AbstractCatalogStoreTest
{
    @TempDir
    Path directory;

    @Override
    protected CatalogStore openStore()
    {
        return new SqliteMetadataStore(databaseFile(), Durability.PROCESS_CRASH);
    }

    private Path databaseFile()
    {
        return directory.resolve("metadata.db");
    }

    @Test
    public void currentSchemaHasTheCatalogAndSavedQueryTables()
            throws Exception
    {
        closeStore();

        assertThat(SqliteMetadataStore.SCHEMA_VERSION).isEqualTo(4);
        assertThat(query(databaseFile(), "PRAGMA user_version")).containsExactly("4");
        assertThat(query(databaseFile(), "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name"))
                .containsExactly("catalog_tables", "data_catalogs", "databases", "executions", "named_queries", "partitions", "prepared_statements", "tokens", "work_groups");
    }

    /** A database written by the version 1 schema keeps its executions and workgroups and gains the catalog. */
    @Test
    public void migratesVersionOneDatabaseInPlace()
            throws Exception
    {
        closeStore();
        Path old = directory.resolve("v1/metadata.db");
        Files.createDirectories(old.getParent());
        QueryExecution execution = full("id-from-v1", BASE_TIME);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old);
                Statement statement = connection.createStatement()) {
            for (String sql : SqliteMetadataStore.migration(0)) {
                statement.execute(sql);
            }
            statement.execute("PRAGMA user_version = 1");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO executions (query_execution_id, sequence, submitted_epoch_second, submitted_nano, work_group, state, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, execution.queryExecutionId());
                insert.setLong(2, 7);
                insert.setLong(3, execution.submissionDateTime().getEpochSecond());
                insert.setInt(4, execution.submissionDateTime().getNano());
                insert.setString(5, execution.workGroup());
                insert.setString(6, execution.state().name());
                insert.setString(7, MetadataJson.writeExecution(execution));
                insert.executeUpdate();
            }
            statement.execute("INSERT INTO tokens VALUES ('token-v1', 'id-from-v1', 'fingerprint-v1')");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO work_groups (name, definition) VALUES (?, ?)")) {
                insert.setString(1, "team");
                insert.setString(2, MetadataJson.writeWorkGroup(fullWorkGroup("team")));
                insert.executeUpdate();
            }
        }
        assertThat(query(old, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")).containsExactly("executions", "tokens", "work_groups");

        try (SqliteMetadataStore migrated = new SqliteMetadataStore(old, Durability.PROCESS_CRASH)) {
            assertThat(migrated.loadExecutions()).containsExactly(new StoredExecution(execution, 7, "token-v1", "fingerprint-v1"));
            assertThat(migrated.loadWorkGroups()).containsExactly(fullWorkGroup("team"));
            assertThat(migrated.listDatabases()).isEmpty();
            migrated.createDatabase(fullDatabase("sales"));
            migrated.createTable(fullTable("sales", "orders"));
            migrated.addPartitions(List.of(partition("sales", "orders", "2024", "01")), false);
        }
        assertThat(query(old, "PRAGMA user_version")).containsExactly(String.valueOf(SqliteMetadataStore.SCHEMA_VERSION));
        try (SqliteMetadataStore reopened = new SqliteMetadataStore(old, Durability.PROCESS_CRASH)) {
            assertThat(reopened.loadExecutions()).containsExactly(new StoredExecution(execution, 7, "token-v1", "fingerprint-v1"));
            assertThat(reopened.getTable("sales", "orders")).contains(fullTable("sales", "orders"));
            assertThat(reopened.listPartitions("sales", "orders")).containsExactly(partition("sales", "orders", "2024", "01"));
        }
        assertThat(query(old, "PRAGMA integrity_check")).containsExactly("ok");
    }

    @Test
    public void executionsAndCatalogShareTheDatabase()
            throws Exception
    {
        SqliteMetadataStore sqlite = (SqliteMetadataStore) store;
        sqlite.insertExecution(full("id-shared", BASE_TIME), 1, "token-shared", "f");
        sqlite.createDatabase(fullDatabase("sales"));

        reopen();

        sqlite = (SqliteMetadataStore) store;
        assertThat(sqlite.loadExecutions()).extracting(stored -> stored.execution().queryExecutionId()).containsExactly("id-shared");
        assertThat(sqlite.listDatabases()).containsExactly(fullDatabase("sales"));
        assertThat(sqlite.databaseFile()).isEqualTo(databaseFile().toAbsolutePath());
    }

    @Test
    public void unreadableTableFailsNamingIt()
            throws Exception
    {
        store.createDatabase(minimalDatabase("sales"));
        store.createTable(fullTable("sales", "orders"));
        closeStore();
        execute(databaseFile(), "UPDATE catalog_tables SET definition = replace(definition, '\"version\":1', '\"version\":9')");
        store = openStore();

        assertThatThrownBy(() -> store.getTable("sales", "orders"))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessage("Cannot read table sales.orders from metadata database %s: Stored table has version 9, newer than this Pallas supports (1); run a newer Pallas release"
                        .formatted(databaseFile()));
    }

    @Test
    public void failureMidwayRollsBackTheWholeAddPartitions()
            throws Exception
    {
        store.createDatabase(minimalDatabase("sales"));
        store.createTable(fullTable("sales", "orders"));
        closeStore();
        execute(databaseFile(), "CREATE TRIGGER reject_poison BEFORE INSERT ON partitions WHEN NEW.definition LIKE '%poison%' BEGIN SELECT RAISE(ABORT, 'rejected by test'); END");
        store = openStore();

        assertThatThrownBy(() -> store.addPartitions(List.of(partition("sales", "orders", "2024", "01"), partition("sales", "orders", "2024", "poison")), false))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageStartingWith("Cannot add 2 partitions in metadata database " + databaseFile() + ": ")
                .hasMessageContaining("rejected by test");
        assertThat(store.listPartitions("sales", "orders")).isEmpty();
    }

    @Test
    public void valuesKeyIsUnambiguousAndSortsAsTheValues()
    {
        // in the order of the lists: element by element, a prefix first
        List<List<String>> ordered = List.of(
                List.of(),
                List.of(""),
                List.of("", ""),
                List.of("", "a"),
                List.of("a"),
                List.of("a", ""),
                List.of("a", "b"),
                List.of("a\u0000"),
                List.of("a\u0000", "b"),
                List.of("a\u0001"),
                List.of("a\u0002"),
                List.of("ab"),
                List.of("b"));
        List<byte[]> keys = new ArrayList<>();
        for (List<String> values : ordered) {
            keys.add(SqliteMetadataStore.valuesKey(values));
        }
        for (int i = 0; i + 1 < keys.size(); i++) {
            assertThat(Arrays.compareUnsigned(keys.get(i), keys.get(i + 1)))
                    .as("%s before %s", ordered.get(i), ordered.get(i + 1))
                    .isNegative();
        }
    }

    private static List<String> query(Path database, String sql)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static void execute(Path database, String sql)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
