package io.pallas.server.store;

import io.pallas.core.query.QueryExecution;
import io.pallas.core.store.MetadataStore;
import io.pallas.core.store.MetadataStore.StoredExecution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.pallas.server.store.TestingExecutions.BASE_TIME;
import static io.pallas.server.store.TestingExecutions.full;
import static io.pallas.server.store.TestingExecutions.fullWorkGroup;
import static io.pallas.server.store.TestingExecutions.minimal;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class TestSqliteMetadataStore
        extends AbstractMetadataStoreTest
{
    @TempDir
    Path directory;

    @Override
    protected MetadataStore openStore()
    {
        return new SqliteMetadataStore(databaseFile(), Durability.PROCESS_CRASH);
    }

    private Path databaseFile()
    {
        return directory.resolve("metadata.db");
    }

    @Test
    public void createsSchemaVersionInWalMode()
            throws SQLException
    {
        store.close();

        assertThat(pragma(databaseFile(), "user_version")).isEqualTo(String.valueOf(SqliteMetadataStore.SCHEMA_VERSION));
        assertThat(pragma(databaseFile(), "journal_mode")).isEqualTo("wal");
    }

    @Test
    public void appliesSynchronousSettingOfEachDurability()
    {
        store.close();
        for (Durability durability : Durability.values()) {
            try (SqliteMetadataStore sqlite = new SqliteMetadataStore(databaseFile(), durability)) {
                assertThat(sqlite.synchronousSetting()).isEqualTo(durability == Durability.POWER_LOSS ? 2 : 1);
                sqlite.insertExecution(minimal("id-" + durability, BASE_TIME), durability.ordinal(), "token-" + durability, "f");
            }
        }
        store = openStore();
        assertThat(store.loadExecutions()).hasSize(2);
    }

    @Test
    public void refusesDatabaseOfNewerSchemaVersion()
            throws SQLException
    {
        store.close();
        int newer = SqliteMetadataStore.SCHEMA_VERSION + 1;
        execute(databaseFile(), "PRAGMA user_version = " + newer);

        assertThatThrownBy(this::openStore)
                .isInstanceOf(MetadataStoreException.class)
                .hasMessage("Metadata database %s has schema version %s, but this Pallas supports versions up to %s: it was written by a newer Pallas release; run that release or newer"
                        .formatted(databaseFile(), newer, SqliteMetadataStore.SCHEMA_VERSION));
        assertThat(pragma(databaseFile(), "user_version")).isEqualTo(String.valueOf(newer));
        store = null;
    }

    @Test
    public void refusesForeignDatabase()
            throws SQLException
    {
        store.close();
        store = null;
        Path foreign = directory.resolve("foreign.db");
        execute(foreign, "CREATE TABLE something (x INTEGER)");

        assertThatThrownBy(() -> new SqliteMetadataStore(foreign, Durability.PROCESS_CRASH))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessage("%s is not a Pallas metadata database: it has tables but no schema version".formatted(foreign));
    }

    @Test
    public void refusesFileThatIsNotADatabase()
            throws IOException
    {
        store.close();
        store = null;
        Path garbage = directory.resolve("garbage.db");
        Files.writeString(garbage, "this is not a database, just some text that is long enough to have a header".repeat(20));

        assertThatThrownBy(() -> new SqliteMetadataStore(garbage, Durability.PROCESS_CRASH))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageStartingWith("Cannot open metadata database " + garbage + ": ")
                .hasMessageContaining("not a database");
    }

    @Test
    public void worksWithSpacesInPathAndCreatesDirectories()
    {
        Path spaced = directory.resolve("data dir/with spaces/meta data.db");
        QueryExecution execution = full("id-spaced", BASE_TIME);
        try (SqliteMetadataStore sqlite = new SqliteMetadataStore(spaced, Durability.POWER_LOSS)) {
            sqlite.insertExecution(execution, 1, "token", "f");
            sqlite.putWorkGroup(fullWorkGroup("spaced"));
        }
        try (SqliteMetadataStore sqlite = new SqliteMetadataStore(spaced, Durability.POWER_LOSS)) {
            assertThat(sqlite.loadExecutions()).containsExactly(new StoredExecution(execution, 1, "token", "f"));
            assertThat(sqlite.loadWorkGroups()).containsExactly(fullWorkGroup("spaced"));
        }
        assertThat(spaced).isRegularFile();
    }

    @Test
    public void unreadableSnapshotFailsNamingTheExecution()
            throws SQLException
    {
        store.insertExecution(minimal("id-bad", BASE_TIME), 1, "token", "f");
        store.close();
        execute(databaseFile(), "UPDATE executions SET snapshot = replace(snapshot, '\"version\":1', '\"version\":9')");
        store = openStore();

        assertThatThrownBy(store::loadExecutions)
                .isInstanceOf(MetadataStoreException.class)
                .hasMessage("Cannot read execution id-bad from metadata database %s: Stored execution has version 9, newer than this Pallas supports (1); run a newer Pallas release"
                        .formatted(databaseFile()));
    }

    @Test
    public void failureAfterExecutionRowRollsBackWholeInsert()
            throws SQLException
    {
        store.close();
        // the token row is written after the execution row; make it fail to prove the execution row goes too
        execute(databaseFile(), "CREATE TRIGGER reject_poison BEFORE INSERT ON tokens WHEN NEW.client_request_token = 'poison' BEGIN SELECT RAISE(ABORT, 'rejected by test'); END");
        store = openStore();
        QueryExecution execution = full("id-rolled-back", BASE_TIME);

        assertThatThrownBy(() -> store.insertExecution(execution, 1, "poison", "f"))
                .isInstanceOf(MetadataStoreException.class)
                .hasMessageStartingWith("Cannot insert execution id-rolled-back in metadata database " + databaseFile() + ": ")
                .hasMessageContaining("rejected by test");

        assertThat(store.loadExecutions()).isEmpty();
        store.insertExecution(execution, 2, "antidote", "f");
        assertThat(store.loadExecutions()).containsExactly(new StoredExecution(execution, 2, "antidote", "f"));
    }

    @Test
    public void closedStoreRejectsCalls()
    {
        store.close();

        assertThatThrownBy(store::loadExecutions)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Metadata store %s is closed".formatted(databaseFile()));
        store.close();
    }

    /**
     * A writer process is killed with SIGKILL mid-stream: every write it reported as returned is in the reopened
     * database, whole, and the database passes SQLite's integrity check.
     */
    @Test
    @Timeout(120)
    public void acknowledgedWritesSurviveKilledProcess()
            throws Exception
    {
        store.close();
        store = null;
        Path crashFile = directory.resolve("crash dir/metadata.db");
        Path childErrors = directory.resolve("child-stderr.txt");
        Process child = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx128m",
                "-cp", System.getProperty("java.class.path"),
                MetadataStoreCrashWriter.class.getName(),
                crashFile.toString())
                .redirectError(childErrors.toFile())
                .start();
        List<String> lines = new ArrayList<>();
        try (Reader output = new InputStreamReader(child.getInputStream(), UTF_8)) {
            int inserted = 0;
            // enough writes that the WAL has been checkpointed into the main file at least once
            while (inserted < 1500) {
                String line = completeLine(output);
                if (line == null) {
                    throw new AssertionError("writer exited early with %s: %s".formatted(child.waitFor(), Files.readString(childErrors)));
                }
                lines.add(line);
                if (line.startsWith("inserted ")) {
                    inserted++;
                }
            }
            // through the handle, which unlike Process.destroyForcibly leaves the pipe open for what was printed
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor()).isEqualTo(137);
            for (String line = completeLine(output); line != null; line = completeLine(output)) {
                lines.add(line);
            }
        }
        finally {
            child.destroyForcibly();
        }

        Set<Integer> inserted = new HashSet<>();
        Set<Integer> updated = new HashSet<>();
        for (String line : lines) {
            if (line.startsWith("inserted ")) {
                inserted.add(Integer.parseInt(line.substring("inserted ".length())));
            }
            else if (line.startsWith("updated ")) {
                updated.add(Integer.parseInt(line.substring("updated ".length())));
            }
        }

        assertThat(pragma(crashFile, "integrity_check")).isEqualTo("ok");
        try (SqliteMetadataStore reopened = new SqliteMetadataStore(crashFile, Durability.PROCESS_CRASH)) {
            Map<String, StoredExecution> stored = reopened.loadExecutions().stream()
                    .collect(Collectors.toMap(execution -> execution.execution().queryExecutionId(), Function.identity()));
            // at most the one write in flight when the kill came can be there unreported
            assertThat(stored.size()).isBetween(inserted.size(), inserted.size() + 1);
            for (int i : inserted) {
                StoredExecution execution = stored.get(TestingExecutions.numberedId(i));
                assertThat(execution).as("execution %s", i).isNotNull();
                QueryExecution written = TestingExecutions.numbered(i);
                QueryExecution running = written.running(written.submissionDateTime().plusMillis(1));
                assertThat(execution.sequence()).isEqualTo(i);
                assertThat(execution.clientRequestToken()).isEqualTo("token-" + i);
                assertThat(execution.tokenFingerprint()).isEqualTo("fingerprint-" + i);
                if (updated.contains(i)) {
                    assertThat(execution.execution()).isEqualTo(running);
                }
                else {
                    assertThat(execution.execution()).isIn(written, running);
                }
            }
        }
        assertThat(pragma(crashFile, "integrity_check")).isEqualTo("ok");
    }

    /** The next line ended by a newline; null at the end of the stream, where a torn last line is dropped. */
    private static String completeLine(Reader reader)
            throws IOException
    {
        StringBuilder line = new StringBuilder();
        for (int c = reader.read(); c != -1; c = reader.read()) {
            if (c == '\n') {
                return line.toString();
            }
            line.append((char) c);
        }
        return null;
    }

    private static String pragma(Path database, String pragma)
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA " + pragma)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
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
