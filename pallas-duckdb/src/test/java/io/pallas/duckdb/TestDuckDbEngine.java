package io.pallas.duckdb;

import io.pallas.core.ErrorCode;
import io.pallas.core.PallasException;
import io.pallas.core.engine.ExecutionControl;
import io.pallas.core.engine.ExecutionStats;
import io.pallas.core.engine.ResultSink;
import io.pallas.core.type.Column;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDuckDbEngine
{
    @TempDir
    static Path root;

    private static DuckDbEngine engine;
    private static Path dataDirectory;

    @BeforeAll
    static void start()
            throws IOException
    {
        dataDirectory = root.resolve("data");
        Files.createDirectories(dataDirectory);
        engine = new DuckDbEngine(new DuckDbConfig(dataDirectory, dataDirectory.resolve("spill"), "1GB", 2));
    }

    @AfterAll
    static void stop()
    {
        engine.close();
    }

    @Test
    void settingsApplyToDuplicatedConnections()
            throws Exception
    {
        try (DuckDBConnection connection = database().duplicate(); Statement statement = connection.createStatement()) {
            assertThat(setting(statement, "TimeZone")).isEqualTo("UTC");
            assertThat(setting(statement, "integer_division")).isEqualTo("true");
            assertThat(setting(statement, "jdbc_stream_results")).isEqualTo("true");
            assertThat(setting(statement, "autoload_known_extensions")).isEqualTo("false");
            assertThat(setting(statement, "autoinstall_known_extensions")).isEqualTo("false");
            assertThat(setting(statement, "enable_external_access")).isEqualTo("false");
            assertThat(setting(statement, "lock_configuration")).isEqualTo("true");
            assertThat(setting(statement, "threads")).isEqualTo("2");
            assertThat(setting(statement, "temp_directory")).isEqualTo(dataDirectory.resolve("spill").toString());
        }
        try (DuckDBConnection connection = database().duplicate(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SET lock_configuration = false")).isInstanceOf(SQLException.class);
        }
        try (DuckDBConnection connection = database().duplicate(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SET enable_external_access = true")).isInstanceOf(SQLException.class);
        }
        try (DuckDBConnection connection = database().duplicate(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("SET TimeZone = 'America/Los_Angeles'")).isInstanceOf(SQLException.class);
        }
    }

    @Test
    void filesOutsideTheDataDirectoryCannotBeRead()
            throws Exception
    {
        Path outside = root.resolve("outside.csv");
        Files.writeString(outside, "a\n1\n");
        Path inside = dataDirectory.resolve("inside.csv");
        Files.writeString(inside, "a\n1\n");
        try (DuckDBConnection connection = database().duplicate(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM read_csv('" + outside + "')")).isInstanceOf(SQLException.class);
        }
        try (DuckDBConnection connection = database().duplicate(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM read_csv('" + dataDirectory + "/../outside.csv')")).isInstanceOf(SQLException.class);
        }
        try (DuckDBConnection connection = database().duplicate();
                Statement statement = connection.createStatement();
                ResultSet resultSet = statement.executeQuery("SELECT count(*) FROM read_csv('" + inside + "')")) {
            assertThat(resultSet.next()).isTrue();
            assertThat(resultSet.getLong(1)).isEqualTo(1);
        }
    }

    @Test
    void tablesAreNotReachable()
    {
        assertThatThrownBy(() -> QueryRunner.run(engine, "SELECT * FROM duckdb_settings"))
                .isInstanceOfSatisfying(PallasException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.TABLE_NOT_FOUND));
    }

    @Test
    void errorsCarryTrinoCodes()
    {
        assertError("SELECT 1 / 0", ErrorCode.DIVISION_BY_ZERO, "Division by zero");
        assertError("SELECT CAST('abc' AS integer)", ErrorCode.INVALID_CAST_ARGUMENT, "Cannot cast 'abc' to INT");
        assertError("SELECT CAST(300 AS tinyint)", ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "Out of range for tinyint: 300");
        assertError("SELECT 2147483647 + 1", ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "integer addition overflow: 2147483647 + 1");
        assertError("SELECT x / y FROM (VALUES (1, 0)) AS t(x, y)", ErrorCode.DIVISION_BY_ZERO, "Division by zero");
        assertError("SELECT 1.5 / 0", ErrorCode.DIVISION_BY_ZERO, "Division by zero");
        assertError("SELECT CAST(1 AS bigint) / 0", ErrorCode.DIVISION_BY_ZERO, "Division by zero");
        assertError("SELECT 7 % 0", ErrorCode.DIVISION_BY_ZERO, "Division by zero");
        assertError("SELECT CAST(x AS integer) FROM (VALUES '1', 'abc') AS t(x)", ErrorCode.INVALID_CAST_ARGUMENT, "Cannot cast 'abc' to INT");
        // found while fetching, after rows were already streamed to the sink
        assertError("""
                WITH a AS (SELECT * FROM (VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9) AS t(x)),
                     n AS (SELECT a1.x + 10 * a2.x + 100 * a3.x + 1000 * a4.x + 10000 * a5.x + 100000 * a6.x AS n
                           FROM a AS a1, a AS a2, a AS a3, a AS a4, a AS a5, a AS a6)
                SELECT CAST(CAST(n AS varchar) || CASE WHEN n = 987654 THEN 'x' ELSE '' END AS integer) FROM n
                """, ErrorCode.INVALID_CAST_ARGUMENT, "Cannot cast '987654x' to INT");
        // DuckDB reads these; Trino does not
        assertError("SELECT CAST('yes' AS boolean)", ErrorCode.INVALID_CAST_ARGUMENT, "Cannot cast 'yes' to BOOLEAN");
        assertError("SELECT CAST(x AS double) FROM (VALUES '1.5', '-inf') AS t(x)", ErrorCode.INVALID_CAST_ARGUMENT, "Cannot cast '-inf' to DOUBLE");
        // only text is cut to a varchar length; a number whose text does not fit fails
        assertError("SELECT CAST(123 AS varchar(2))", ErrorCode.INVALID_CAST_ARGUMENT, "Value 123 cannot be represented as varchar(2)");
        assertError("SELECT x FROM (SELECT 1 AS y)", ErrorCode.COLUMN_NOT_FOUND, "line 1:8: Column 'x' cannot be resolved");
        assertError("SELECT x + 1 AS z FROM (SELECT 1 AS y)", ErrorCode.COLUMN_NOT_FOUND, "line 1:8: Column 'x' cannot be resolved");
        assertError("SELECT soundex('a')", ErrorCode.NOT_SUPPORTED, "Function is not supported yet: soundex");
        assertError("SELECT x FROM (SELECT 1 AS x) t TABLESAMPLE BERNOULLI (50)", ErrorCode.NOT_SUPPORTED, "SampledRelation is not supported yet");
        // the engine stays usable after errors
        assertThat(QueryRunner.run(engine, "SELECT 1").rows()).containsExactly(List.of(1));
    }

    private static void assertError(String sql, ErrorCode code, String message)
    {
        assertThatThrownBy(() -> QueryRunner.run(engine, sql))
                .isInstanceOfSatisfying(PallasException.class, e -> {
                    assertThat(e.errorCode()).as(sql).isEqualTo(code);
                    assertThat(e.getMessage()).as(sql).isEqualTo(message);
                });
    }

    @Test
    void cancelStopsALongQueryFromAnotherThread()
            throws Exception
    {
        ExecutionControl control = new ExecutionControl();
        CompletableFuture<Object> longQuery = CompletableFuture.supplyAsync(() -> QueryRunner.run(engine, LONG_QUERY, control));
        Thread.sleep(300);
        long start = System.nanoTime();
        control.cancel();
        assertThatThrownBy(() -> longQuery.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(1000);
    }

    private static final String LONG_QUERY = """
            WITH a AS (SELECT * FROM (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t(x)),
                 b AS (SELECT a1.x FROM a AS a1, a AS a2, a AS a3, a AS a4, a AS a5, a AS a6)
            SELECT count(*) FROM b AS b1, b AS b2, b AS b3
            """;

    @Test
    void concurrentQueriesRunTogether()
            throws Exception
    {
        CountDownLatch both = new CountDownLatch(2);
        CompletableFuture<QueryRunner.Result> first = CompletableFuture.supplyAsync(() -> {
            both.countDown();
            return QueryRunner.run(engine, "WITH a AS (SELECT * FROM (VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t(x)) SELECT count(*) FROM a, a AS b, a AS c, a AS d, a AS e, a AS f");
        });
        CompletableFuture<QueryRunner.Result> second = CompletableFuture.supplyAsync(() -> {
            both.countDown();
            return QueryRunner.run(engine, "SELECT 'b' AS x");
        });
        assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.get(60, TimeUnit.SECONDS).rows()).containsExactly(List.of(1_000_000L));
        assertThat(second.get(60, TimeUnit.SECONDS).rows()).containsExactly(List.of("b"));
    }

    @Test
    void streamsLargeResults()
            throws IOException
    {
        AtomicLong rows = new AtomicLong();
        AtomicLong sum = new AtomicLong();
        engine.execute(QueryRunner.parse("""
                WITH a AS (SELECT * FROM (VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9) AS t(x))
                SELECT a1.x + 10 * a2.x + 100 * a3.x + 1000 * a4.x + 10000 * a5.x + 100000 * a6.x AS n, 'some text' AS s
                FROM a AS a1, a AS a2, a AS a3, a AS a4, a AS a5, a AS a6, (VALUES 1, 2) AS twice(y)
                """), new ResultSink()
        {
            @Override
            public void columns(List<Column> columns)
            {
                assertThat(columns).extracting(Column::name).containsExactly("n", "s");
            }

            @Override
            public void row(Object[] values)
            {
                rows.incrementAndGet();
                sum.addAndGet((Integer) values[0]);
            }
        }, new ExecutionControl());
        assertThat(rows.get()).isEqualTo(2_000_000L);
        assertThat(sum.get()).isEqualTo(2 * 499_999_500_000L);
    }

    @Test
    void streamsResultsFarLargerThanMemory()
            throws Exception
    {
        Path directory = root.resolve("small");
        Files.createDirectories(directory);
        // 10^10 rows of an integer: a materialised result would need some 40 GB
        String sql = """
                WITH a AS (SELECT * FROM (VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9) AS t(x))
                SELECT a1.x + a2.x + a3.x + a4.x + a5.x + a6.x + a7.x + a8.x + a9.x + a10.x AS n
                FROM a AS a1, a AS a2, a AS a3, a AS a4, a AS a5, a AS a6, a AS a7, a AS a8, a AS a9, a AS a10
                """;
        ExecutionControl control = new ExecutionControl();
        AtomicLong rows = new AtomicLong();
        try (DuckDbEngine small = new DuckDbEngine(new DuckDbConfig(directory, directory.resolve("spill"), "64MB", 1))) {
            CompletableFuture<ExecutionStats> query = CompletableFuture.supplyAsync(() -> {
                try {
                    return small.execute(QueryRunner.parse(sql), new ResultSink()
                    {
                        @Override
                        public void columns(List<Column> columns) {}

                        @Override
                        public void row(Object[] values)
                        {
                            if (rows.incrementAndGet() == 3_000_000) {
                                control.cancel();
                            }
                        }
                    }, control);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                assertThatThrownBy(() -> query.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(java.util.concurrent.CancellationException.class);
            }
            finally {
                control.cancel();
            }
        }
        assertThat(rows.get()).isBetween(3_000_000L, 3_100_000L);
    }

    private static String setting(Statement statement, String name)
            throws SQLException
    {
        try (ResultSet resultSet = statement.executeQuery("SELECT current_setting('" + name + "')::VARCHAR")) {
            resultSet.next();
            return resultSet.getString(1);
        }
    }

    private static DuckDBConnection database()
            throws ReflectiveOperationException
    {
        Field field = DuckDbEngine.class.getDeclaredField("database");
        field.setAccessible(true);
        return (DuckDBConnection) field.get(engine);
    }
}
