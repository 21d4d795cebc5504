package io.pallas.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.AthenaError;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Failing queries through the Athena API: the state, reason and AthenaError Athena reports for each. */
class TestQueryErrorsEndToEnd
{
    private record Case(String sql, String reason, int category, int type) {}

    private static final List<Case> CASES = List.of(
            new Case("SELECT 1 / 0", "DIVISION_BY_ZERO: Division by zero", 2, 1001),
            new Case("SELECT CAST('abc' AS integer)", "INVALID_CAST_ARGUMENT: Cannot cast 'abc' to INT", 2, 1100),
            new Case("SELECT CAST(300 AS tinyint)", "NUMERIC_VALUE_OUT_OF_RANGE: Out of range for tinyint: 300", 2, 1001),
            new Case("SELECT x FROM (SELECT 1 AS y)", "COLUMN_NOT_FOUND: line 1:8: Column 'x' cannot be resolved", 2, 1006),
            new Case("-- which rows\nSELECT t.x\nFROM (SELECT 1 AS y) AS t", "COLUMN_NOT_FOUND: line 2:8: Column 't.x' cannot be resolved", 2, 1006),
            new Case("SELECT * FROM orders", "TABLE_NOT_FOUND: line 1:15: Table 'awsdatacatalog.default.orders' does not exist", 2, 1301),
            new Case("SELECT foo(1)", "FUNCTION_NOT_FOUND: line 1:8: Function 'foo' not registered", 2, 1303),
            new Case("SELECT 1 + 'a'", "TYPE_MISMATCH: line 1:10: Cannot apply operator: integer + varchar(1)", 2, 1002),
            new Case("SELECT 1 WHERE 1", "TYPE_MISMATCH: line 1:16: WHERE clause must evaluate to a boolean: actual type integer", 2, 1002),
            new Case("SELECT a FROM (VALUES (1, 2)) AS t(a, b) GROUP BY b",
                    "EXPRESSION_NOT_AGGREGATE: line 1:8: 'a' must be an aggregate expression or appear in GROUP BY clause", 2, 1006),
            new Case("SELECT a FROM (VALUES 1) AS l(a), (VALUES 2) AS r(a)", "AMBIGUOUS_NAME: line 1:8: Column 'a' is ambiguous", 2, 1006),
            new Case("SELECT soundex('a')", "NOT_SUPPORTED: Function is not supported yet: soundex", 2, 1200));

    @Test
    void failuresCarryAthenaErrors(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            List<String> ids = new ArrayList<>();
            for (Case c : CASES) {
                ids.add(athena.startQueryExecution(r -> r.queryString(c.sql())).queryExecutionId());
            }
            for (int i = 0; i < CASES.size(); i++) {
                Case c = CASES.get(i);
                QueryExecution execution = TestAthenaEndToEnd.await(athena, ids.get(i));
                assertThat(execution.status().state()).as(c.sql()).isEqualTo(QueryExecutionState.FAILED);
                assertThat(execution.status().stateChangeReason()).as(c.sql()).isEqualTo(c.reason());
                AthenaError error = execution.status().athenaError();
                assertThat(error.errorCategory()).as(c.sql()).isEqualTo(c.category());
                assertThat(error.errorType()).as(c.sql()).isEqualTo(c.type());
                assertThat(error.retryable()).as(c.sql()).isFalse();
                assertThat(error.errorMessage()).as(c.sql()).isEqualTo(c.reason());
            }
        }
    }
}
