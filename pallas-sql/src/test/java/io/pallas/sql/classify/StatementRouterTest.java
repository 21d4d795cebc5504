package io.pallas.sql.classify;

import io.pallas.core.query.StatementType;
import io.pallas.sql.SqlSyntaxException;
import io.pallas.sql.TrinoSqlParser;
import io.trino.sql.tree.CreateTableAsSelect;
import io.trino.sql.tree.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static io.pallas.core.query.StatementType.DDL;
import static io.pallas.core.query.StatementType.DML;
import static io.pallas.core.query.StatementType.UTILITY;
import static io.pallas.sql.classify.StatementPath.ATHENA_EXTENSION;
import static io.pallas.sql.classify.StatementPath.HIVE_DDL;
import static io.pallas.sql.classify.StatementPath.TRINO;
import static io.pallas.sql.classify.StatementPath.UNSUPPORTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatementRouterTest
{
    private final StatementRouter router = new StatementRouter(new TrinoSqlParser());

    static Stream<Arguments> statements()
    {
        return Stream.of(
                // queries
                row("SELECT 1", DML, "SELECT", TRINO),
                row("  \n\t-- leading comment\n/* block */ select 1", DML, "SELECT", TRINO),
                row("WITH t AS (SELECT 1 AS a) SELECT a FROM t", DML, "SELECT", TRINO),
                row("VALUES 1", DML, "SELECT", TRINO),
                row("TABLE t", DML, "SELECT", TRINO),
                row("(SELECT 1)", DML, "SELECT", TRINO),
                row("SELECT 1;", DML, "SELECT", TRINO),
                row("SELECT 1 ;  -- trailing comment after the terminator\n", DML, "SELECT", TRINO),
                row("SELECT ';' AS semicolon, \"a;b\" FROM t", DML, "SELECT", TRINO),
                // DML
                row("INSERT INTO t SELECT * FROM s", DML, "INSERT", TRINO),
                row("insert into t (a, b) values (1, 'x');", DML, "INSERT", TRINO),
                row("UPDATE t SET a = 1 WHERE b = 2", DML, "UPDATE", TRINO),
                row("DELETE FROM t WHERE a = 1", DML, "DELETE", TRINO),
                row("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT (id) VALUES (s.id)", DML, "MERGE", TRINO),
                row("EXPLAIN SELECT 1", DML, "EXPLAIN", TRINO),
                row("EXPLAIN ANALYZE SELECT 1", DML, "EXPLAIN", TRINO),
                row("EXPLAIN (FORMAT JSON) SELECT 1", DML, "EXPLAIN", TRINO),
                row("EXPLAIN (TYPE DISTRIBUTED, FORMAT TEXT) INSERT INTO t SELECT 1", DML, "EXPLAIN", TRINO),
                row("EXPLAIN CREATE TABLE t AS SELECT 1", DML, "EXPLAIN", TRINO),
                // Athena extensions of the Trino grammar
                row("VACUUM t", DML, "VACUUM_TABLE", ATHENA_EXTENSION),
                row("UNLOAD (SELECT * FROM t) TO 's3://bucket/prefix/' WITH (format = 'PARQUET')", DML, "UNLOAD", ATHENA_EXTENSION),
                row("OPTIMIZE t REWRITE DATA USING BIN_PACK WHERE a > 1", DDL, "CREATE_TABLE_AS_SELECT", ATHENA_EXTENSION),
                // CTAS
                row("CREATE TABLE t AS SELECT 1 AS a", DDL, "CREATE_TABLE_AS_SELECT", TRINO),
                row("CREATE TABLE t WITH (format = 'PARQUET', partitioned_by = ARRAY['b']) AS SELECT 1 AS a, 2 AS b", DDL, "CREATE_TABLE_AS_SELECT", TRINO),
                row("CREATE TABLE IF NOT EXISTS db.t (x) COMMENT 'c' WITH (format = 'ORC') AS (SELECT 1) WITH NO DATA", DDL, "CREATE_TABLE_AS_SELECT", TRINO),
                row("CREATE TABLE t AS VALUES (1, 'a')", DDL, "CREATE_TABLE_AS_SELECT", TRINO),
                row("CREATE TABLE t AS TABLE s", DDL, "CREATE_TABLE_AS_SELECT", TRINO),
                row("CREATE TABLE \"my db\".\"t\" AS SELECT * FROM nosuchtable", DDL, "CREATE_TABLE_AS_SELECT", TRINO),
                // Hive CREATE TABLE
                row("CREATE EXTERNAL TABLE t (a int) STORED AS PARQUET LOCATION 's3://b/t/'", DDL, "CREATE_TABLE", HIVE_DDL),
                row("CREATE EXTERNAL TABLE IF NOT EXISTS `db`.`t` (`a` string) ROW FORMAT DELIMITED FIELDS TERMINATED BY '\\'' LOCATION 's3://b/t/';", DDL, "CREATE_TABLE", HIVE_DDL),
                row("CREATE TABLE t (a int) LOCATION 's3://b/t/'", DDL, "CREATE_TABLE", HIVE_DDL),
                row("CREATE TABLE t (a int) PARTITIONED BY (day(ts)) LOCATION 's3://b/t/' TBLPROPERTIES ('table_type' = 'ICEBERG')", DDL, "CREATE_TABLE", HIVE_DDL),
                row("CREATE EXTERNAL TABLE t (a int,", DDL, "CREATE_TABLE", HIVE_DDL),
                // views, databases
                row("CREATE VIEW v AS SELECT 1 AS a", DDL, "CREATE_VIEW", TRINO),
                row("create or /* comment */ replace view v as select 1 a", DDL, "CREATE_VIEW", TRINO),
                row("CREATE DATABASE db", DDL, "CREATE_DATABASE", HIVE_DDL),
                row("CREATE SCHEMA IF NOT EXISTS db LOCATION 's3://b/db/' WITH DBPROPERTIES ('k' = 'v')", DDL, "CREATE_DATABASE", HIVE_DDL),
                row("ALTER DATABASE db SET DBPROPERTIES ('k' = 'v')", DDL, "ALTER_DATABASE", HIVE_DDL),
                row("ALTER SCHEMA db SET DBPROPERTIES ('k' = 'v')", DDL, "ALTER_DATABASE", HIVE_DDL),
                row("DROP TABLE IF EXISTS t", DDL, "DROP_TABLE", HIVE_DDL),
                row("DROP VIEW v", DDL, "DROP_VIEW", HIVE_DDL),
                row("DROP DATABASE db CASCADE", DDL, "DROP_DATABASE", HIVE_DDL),
                row("DROP SCHEMA IF EXISTS db", DDL, "DROP_DATABASE", HIVE_DDL),
                // ALTER TABLE
                row("ALTER TABLE t ADD COLUMNS (c string)", DDL, "ALTER_TABLE_ADD_COLUMN", HIVE_DDL),
                row("ALTER TABLE db.t PARTITION (dt = '2024-01-01') ADD COLUMNS (c string)", DDL, "ALTER_TABLE_ADD_COLUMN", HIVE_DDL),
                row("ALTER TABLE t REPLACE COLUMNS (a int, b string)", DDL, "ALTER_TABLE_REPLACE_COLUMN", HIVE_DDL),
                row("ALTER TABLE t DROP COLUMN c", DDL, "ALTER_TABLE_DROP_COLUMN", HIVE_DDL),
                row("ALTER TABLE t CHANGE COLUMN a b bigint", DDL, "ALTER_TABLE_CHANGE_COLUMN", HIVE_DDL),
                row("ALTER TABLE t ADD PARTITION (dt = '2024-01-01') LOCATION 's3://b/t/dt=2024-01-01/'", DDL, "ALTER_TABLE_ADD_PARTITION", HIVE_DDL),
                row("ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt = '2024-01-01') PARTITION (dt = '2024-01-02')", DDL, "ALTER_TABLE_ADD_PARTITION", HIVE_DDL),
                row("ALTER TABLE t DROP IF EXISTS PARTITION (dt = '2024-01-01'), PARTITION (dt = '2024-01-02')", DDL, "ALTER_TABLE_DROP_PARTITION", HIVE_DDL),
                row("ALTER TABLE t RENAME TO t2", DDL, "ALTER_TABLE_RENAME", HIVE_DDL),
                row("ALTER TABLE t PARTITION (dt = '1') RENAME TO PARTITION (dt = '2')", DDL, "ALTER_TABLE_RENAME_PARTITION", HIVE_DDL),
                row("ALTER TABLE t PARTITION (k = 'it\\'s') SET LOCATION 's3://b/t/its/'", DDL, "ALTER_TABLE_SET_LOCATION", HIVE_DDL),
                row("ALTER TABLE t SET LOCATION 's3://b/t2/'", DDL, "ALTER_TABLE_SET_LOCATION", HIVE_DDL),
                row("ALTER TABLE t PARTITION (dt = '1') SET LOCATION 's3://b/t/1/'", DDL, "ALTER_TABLE_SET_LOCATION", HIVE_DDL),
                row("ALTER TABLE t SET TBLPROPERTIES ('k' = 'v')", DDL, "ALTER_TABLE_PROPERTIES", HIVE_DDL),
                row("ALTER TABLE t UNSET TBLPROPERTIES ('k')", DDL, "ALTER_TABLE_PROPERTIES", HIVE_DDL),
                row("MSCK REPAIR TABLE t", DDL, "MSCK_REPAIR", HIVE_DDL),
                row("msck /* comment */ repair table `db`.`t`;", DDL, "MSCK_REPAIR", HIVE_DDL),
                // utility
                row("SHOW TABLES", UTILITY, "SHOW_TABLES", HIVE_DDL),
                row("SHOW TABLES IN db 'a*|b*'", UTILITY, "SHOW_TABLES", HIVE_DDL),
                row("SHOW DATABASES", UTILITY, "SHOW_DATABASES", HIVE_DDL),
                row("SHOW SCHEMAS LIKE 'd.*'", UTILITY, "SHOW_DATABASES", HIVE_DDL),
                row("SHOW COLUMNS IN t", UTILITY, "SHOW_COLUMNS", HIVE_DDL),
                row("SHOW PARTITIONS t", UTILITY, "SHOW_PARTITIONS", HIVE_DDL),
                row("SHOW TBLPROPERTIES t ('classification')", UTILITY, "SHOW_TABLE_PROPERTIES", HIVE_DDL),
                row("SHOW VIEWS IN db", UTILITY, "SHOW_VIEWS", HIVE_DDL),
                row("SHOW CREATE TABLE db.t", UTILITY, "SHOW_CREATE_TABLE", HIVE_DDL),
                row("SHOW CREATE VIEW v", UTILITY, "SHOW_CREATE_VIEW", HIVE_DDL),
                row("SHOW FUNCTIONS", UTILITY, "SHOW_FUNCTIONS", TRINO),
                row("DESCRIBE t", UTILITY, "DESCRIBE_TABLE", HIVE_DDL),
                row("DESC t", UTILITY, "DESCRIBE_TABLE", HIVE_DDL),
                row("DESCRIBE FORMATTED db.t PARTITION (dt = '1') col", UTILITY, "DESCRIBE_TABLE", HIVE_DDL),
                row("DESCRIBE input", UTILITY, "DESCRIBE_TABLE", HIVE_DDL),
                // prepared statements
                row("PREPARE p FROM SELECT * FROM t WHERE a = ?", DDL, "PREPARE", TRINO),
                row("PREPARE p FROM INSERT INTO t VALUES (?)", DDL, "PREPARE", TRINO),
                row("EXECUTE p USING 1, 'a'", DML, "EXECUTE", TRINO),
                row("DEALLOCATE PREPARE p", DDL, "DEALLOCATE", TRINO));
    }

    private static Arguments row(String sql, StatementType statementType, String substatementType, StatementPath path)
    {
        return Arguments.of(sql, statementType, substatementType, path);
    }

    @ParameterizedTest
    @MethodSource("statements")
    void classifiesByStatement(String sql, StatementType statementType, String substatementType, StatementPath path)
    {
        RoutedStatement routed = router.route(sql);
        assertThat(routed.statementType()).isEqualTo(statementType);
        assertThat(routed.substatementType()).isEqualTo(substatementType);
        assertThat(routed.path()).isEqualTo(path);
        assertThat(routed.statement().isPresent()).isEqualTo(path == TRINO || substatementType.equals("UNLOAD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "START TRANSACTION",
            "COMMIT",
            "ROLLBACK",
            "SET SESSION query_max_run_time = '10m'",
            "RESET SESSION query_max_run_time",
            "SHOW SESSION",
            "SHOW STATS FOR t",
            "SHOW CATALOGS",
            "SHOW GRANTS ON TABLE t",
            "SHOW ROLES",
            "SHOW CURRENT ROLES",
            "SHOW LOCKS",
            "SHOW CREATE SCHEMA db",
            "CALL system.sync_partition_metadata('db', 't', 'ADD')",
            "GRANT SELECT ON t TO u",
            "REVOKE SELECT ON t FROM u",
            "USE db",
            "CREATE TABLE t LIKE s",
            "CREATE TABLE t (LIKE s)",
            "CREATE ROLE r",
            "DROP ROLE r",
            "CREATE INDEX i ON TABLE t (a) AS 'COMPACT'",
            "CREATE TEMPORARY MACRO m (x int) x + 1",
            "CREATE MATERIALIZED VIEW mv AS SELECT 1",
            "CREATE FUNCTION f() RETURNS int RETURN 1",
            "DESCRIBE INPUT p",
            "DESCRIBE OUTPUT p",
            "DESCRIBE DATABASE db",
            "ALTER TABLE t SET SERDEPROPERTIES ('k' = 'v')",
            "ALTER TABLE t TOUCH",
            "ALTER TABLE t ARCHIVE PARTITION (dt = '1')",
            "ALTER TABLE t PARTITION (dt = '1') CHANGE COLUMN a b int",
            "ALTER INDEX i ON t REBUILD",
            "LOCK TABLE t SHARED",
            "TRUNCATE TABLE t",
            "COMMENT ON TABLE t IS 'c'",
            "ANALYZE t",
            "EXECUTE IMMEDIATE 'SELECT 1'",
            "PREPARE p FROM SHOW TABLES",
            "SELECT 1; SELECT 2",
            "SELECT 1;;",
            "SELECT 1; -- first\nSELECT 2;",
            "DROP TABLE t; DROP TABLE s",
            "CREATE EXTERNAL TABLE t (a string) ROW FORMAT DELIMITED ESCAPED BY '\\\\' LOCATION 's3://b/t/'; DROP TABLE t",
    })
    void refusesUnsupportedStatements(String sql)
    {
        RoutedStatement routed = router.route(sql);
        assertThat(routed.path()).isEqualTo(UNSUPPORTED);
        assertThat(routed.isSupported()).isFalse();
        assertThat(routed.statement()).isEmpty();
    }

    static Stream<Arguments> syntaxErrors()
    {
        return Stream.of(
                Arguments.of("SELECT", "line 1:7: mismatched input '<EOF>'. Expecting: '*', 'ALL', 'DISTINCT', <expression>"),
                Arguments.of("SELECT * FROM", "line 1:14: mismatched input '<EOF>'. Expecting: '(', 'JSON_TABLE', 'LATERAL', 'NEAREST', 'TABLE', 'UNNEST', <identifier>"),
                // the terminator is blanked, not cut, so <EOF> is reported one column past it, as TrinoSqlParser does
                Arguments.of("-- comment\n  SELECT * FROM;", "line 2:17: mismatched input '<EOF>'. Expecting: '(', 'JSON_TABLE', 'LATERAL', 'NEAREST', 'TABLE', 'UNNEST', <identifier>"),
                Arguments.of("SELEC 1", "line 1:1: mismatched input 'SELEC'. Expecting: 'ALTER', 'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', 'DELETE', 'DENY', "
                        + "'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', 'MERGE', 'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK', 'SET', 'SHOW', "
                        + "'START', 'TRUNCATE', 'UPDATE', 'USE', 'WITH', <query>"),
                Arguments.of("WITH t AS (SELECT 1) INSERT INTO s SELECT * FROM t", "line 1:22: mismatched input 'INSERT'. Expecting: '(', 'SELECT', 'TABLE', 'VALUES'"),
                Arguments.of("SELECT `a` FROM t", "line 1:8: backquoted identifiers are not supported; use double quotes to quote identifiers"),
                Arguments.of("CREATE TABLE t AS SELECT FROM s", "line 1:26: mismatched input 'FROM'. Expecting: '*', 'ALL', 'DISTINCT', <expression>"),
                Arguments.of("create or replace table t as select 1", "line 1:19: mismatched input 'table'. Expecting: 'FUNCTION', 'MATERIALIZED', 'VIEW'"),
                Arguments.of("/* x */ CREATE OR\n  REPLACE TABLE t AS SELECT 1", "line 2:11: mismatched input 'TABLE'. Expecting: 'FUNCTION', 'MATERIALIZED', 'VIEW'"),
                Arguments.of("UNLOAD (SELECT FROM t) TO 's3://b/p/' WITH (format = 'PARQUET')", "line 1:16: mismatched input 'FROM'. Expecting: '*', 'ALL', 'DISTINCT', <expression>"));
    }

    @ParameterizedTest
    @MethodSource("syntaxErrors")
    void reportsTrinoSyntaxErrors(String sql, String message)
    {
        assertThatThrownBy(() -> router.route(sql))
                .isInstanceOf(SqlSyntaxException.class)
                .hasMessage(message);
    }

    @Test
    void crossChecksCreateTableAgainstTheTree()
    {
        assertThat(router.route("CREATE TABLE t WITH (format = 'PARQUET') AS SELECT 1 AS a").statement())
                .containsInstanceOf(CreateTableAsSelect.class);
        assertThat(router.route("UNLOAD (SELECT 1) TO 's3://b/p/' WITH (format = 'JSON');").statement())
                .containsInstanceOf(Query.class);
    }

    @Test
    void hiveStatementIsClassifiedEvenWhenItDoesNotParse()
    {
        RoutedStatement routed = router.route("ALTER TABLE t ADD PARTITION (dt = ");
        assertThat(routed.path()).isEqualTo(HIVE_DDL);
        assertThat(routed.substatementType()).isEqualTo("ALTER_TABLE_ADD_PARTITION");
    }

    @Test
    void onlyQueriesAreSelects()
    {
        assertThat(router.route("VALUES 1").isSelect()).isTrue();
        assertThat(router.route("EXPLAIN SELECT 1").isSelect()).isFalse();
        assertThat(router.route("SHOW TABLES").isSelect()).isFalse();
    }
}
