package io.pallas.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every statement kind of contract §4.12 through the API, and StartQueryExecution's checks in Athena's order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestStatementRoutingEndToEnd
{
    @TempDir
    static Path dataDirectory;

    private TestingPallasServer server;
    private AthenaClient athena;

    @BeforeAll
    void start()
            throws Exception
    {
        server = new TestingPallasServer(dataDirectory, Optional.of("s3://pallas-query-results/"));
        athena = TestAthenaEndToEnd.client(server);
        // DESCRIBE and SHOW COLUMNS of a missing table are refused at start; the others may fail later
        String create = athena.startQueryExecution(r -> r.queryString("CREATE EXTERNAL TABLE described (a int) LOCATION 's3://b/described/'")).queryExecutionId();
        assertThat(TestAthenaEndToEnd.await(athena, create).status().stateAsString()).isEqualTo("SUCCEEDED");
    }

    @AfterAll
    void stop()
            throws Exception
    {
        athena.close();
        server.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            SELECT 1                                                      | DML     | SELECT
            -- leading comment\\n  with t AS (SELECT 1 AS a) SELECT a FROM t | DML     | SELECT
            VALUES 1, 2                                                   | DML     | SELECT
            (SELECT 1)                                                    | DML     | SELECT
            EXPLAIN SELECT 1                                              | DML     | EXPLAIN
            EXPLAIN ANALYZE SELECT 1                                      | DML     | EXPLAIN
            INSERT INTO t SELECT 1                                        | DML     | INSERT
            DELETE FROM t WHERE a = 1                                     | DML     | DELETE
            UPDATE t SET a = 1                                            | DML     | UPDATE
            MERGE INTO t USING s ON t.a = s.a WHEN MATCHED THEN DELETE    | DML     | MERGE
            UNLOAD (SELECT 1) TO 's3://b/u/' WITH (format = 'PARQUET')   | DML     | UNLOAD
            VACUUM t                                                      | DML     | VACUUM_TABLE
            CREATE TABLE t2 AS SELECT 1 AS a                              | DDL     | CREATE_TABLE_AS_SELECT
            CREATE TABLE t2 WITH (format = 'PARQUET') AS SELECT 1 AS a    | DDL     | CREATE_TABLE_AS_SELECT
            CREATE EXTERNAL TABLE t (a int) LOCATION 's3://b/t/'          | DDL     | CREATE_TABLE
            CREATE VIEW v AS SELECT 1 AS a                                | DDL     | CREATE_VIEW
            CREATE DATABASE d                                             | DDL     | CREATE_DATABASE
            DROP TABLE t                                                  | DDL     | DROP_TABLE
            DROP VIEW v                                                   | DDL     | DROP_VIEW
            DROP DATABASE d                                               | DDL     | DROP_DATABASE
            ALTER TABLE t ADD COLUMNS (b string)                          | DDL     | ALTER_TABLE_ADD_COLUMN
            ALTER TABLE t REPLACE COLUMNS (b string)                      | DDL     | ALTER_TABLE_REPLACE_COLUMN
            ALTER TABLE t ADD PARTITION (p = '1') LOCATION 's3://b/t/p=1/' | DDL    | ALTER_TABLE_ADD_PARTITION
            ALTER TABLE t DROP PARTITION (p = '1')                        | DDL     | ALTER_TABLE_DROP_PARTITION
            ALTER TABLE t SET LOCATION 's3://b/t2/'                       | DDL     | ALTER_TABLE_SET_LOCATION
            ALTER TABLE t SET TBLPROPERTIES ('k' = 'v')                   | DDL     | ALTER_TABLE_PROPERTIES
            MSCK REPAIR TABLE t                                           | DDL     | MSCK_REPAIR
            SHOW TABLES                                                   | UTILITY | SHOW_TABLES
            SHOW DATABASES                                                | UTILITY | SHOW_DATABASES
            SHOW SCHEMAS                                                  | UTILITY | SHOW_DATABASES
            SHOW COLUMNS IN described                                     | UTILITY | SHOW_COLUMNS
            SHOW PARTITIONS t                                             | UTILITY | SHOW_PARTITIONS
            SHOW TBLPROPERTIES t                                          | UTILITY | SHOW_TABLE_PROPERTIES
            SHOW CREATE TABLE t                                           | UTILITY | SHOW_CREATE_TABLE
            SHOW CREATE VIEW v                                            | UTILITY | SHOW_CREATE_VIEW
            DESCRIBE described                                            | UTILITY | DESCRIBE_TABLE
            DESC described                                                | UTILITY | DESCRIBE_TABLE
            """)
    void statementTypesAreReportedEvenWhenTheStatementFails(String sql, String statementType, String substatementType)
    {
        String query = sql.replace("\\n", "\n");
        String id = athena.startQueryExecution(r -> r.queryString(query)).queryExecutionId();
        QueryExecution execution = TestAthenaEndToEnd.await(athena, id);
        assertThat(execution.statementTypeAsString()).isEqualTo(statementType);
        assertThat(execution.substatementType()).isEqualTo(substatementType);
        assertThat(execution.query()).isEqualTo(query);
    }

    @org.junit.jupiter.api.Test
    void checksRunInAthenaOrder()
    {
        // an unknown workgroup is reported before a bad output location and a syntax error
        assertRefused(r -> r.queryString("SELEC 1").workGroup("nope").resultConfiguration(c -> c.outputLocation("/tmp/x")), "INVALID_INPUT", "WorkGroup is not found.");
        // a bad output location before a syntax error
        assertRefused(r -> r.queryString("SELEC 1").resultConfiguration(c -> c.outputLocation("/tmp/x")), "INVALID_INPUT", "outputLocation is not a valid S3 path.");
        // then the syntax
        assertRefused(r -> r.queryString("SELEC 1"), "MALFORMED_QUERY", "line 1:1: mismatched input 'SELEC'. Expecting: 'ALTER', 'ANALYZE', 'CALL', 'COMMENT', 'COMMIT', 'CREATE', 'DEALLOCATE', 'DELETE', 'DENY', 'DESC', 'DESCRIBE', 'DROP', 'EXECUTE', 'EXPLAIN', 'GRANT', 'INSERT', 'MERGE', 'PREPARE', 'REFRESH', 'RESET', 'REVOKE', 'ROLLBACK', 'SET', 'SHOW', 'START', 'TRUNCATE', 'UPDATE', 'USE', 'WITH', <query>");
        // a refused request consumes no token: the same token then starts a good query
        String token = "0123456789abcdef0123456789abcdef-order";
        assertRefused(r -> r.queryString("SELECT 1 FROM").clientRequestToken(token), "MALFORMED_QUERY", "line 1:14: mismatched input '<EOF>'. Expecting: '(', 'JSON_TABLE', 'LATERAL', 'NEAREST', 'TABLE', 'UNNEST', <identifier>");
        String id = athena.startQueryExecution(r -> r.queryString("SELECT 1").clientRequestToken(token)).queryExecutionId();
        assertThat(TestAthenaEndToEnd.await(athena, id).status().stateAsString()).isEqualTo("SUCCEEDED");
    }

    @org.junit.jupiter.api.Test
    void oversizedBodiesAreRefusedWithoutBeingRead()
            throws Exception
    {
        byte[] body = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "AmazonAthena.StartQueryExecution")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isEqualTo("{\"__type\":\"SerializationException\",\"Message\":\"Request body is larger than 4194304 bytes\"}");

            // the largest legal QueryString, every character escaped as \\uXXXX on the wire, is still accepted
            String escapedQuery = "SELECT '" + "\\u0041".repeat(262_144 - 9) + "'";
            String json = "{\"QueryString\":\"" + escapedQuery + "\",\"ClientRequestToken\":\"" + java.util.UUID.randomUUID() + "\"}";
            assertThat(json.length()).isGreaterThan(6 * 262_000);
            HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/"))
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "AmazonAthena.StartQueryExecution")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        }
    }

    private void assertRefused(java.util.function.Consumer<software.amazon.awssdk.services.athena.model.StartQueryExecutionRequest.Builder> request, String code, String message)
    {
        assertThatThrownBy(() -> athena.startQueryExecution(request))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.athenaErrorCode()).isEqualTo(code);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
                });
    }
}
