package io.pallas.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.TooManyRequestsException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestAdmission
{
    private static final String LONG_QUERY = "SELECT count(*) FROM "
            + IntStream.range(0, 11).mapToObj(i -> "(VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t" + i + "(x)").collect(Collectors.joining(" CROSS JOIN "))
            + " WHERE " + IntStream.range(0, 11).mapToObj(i -> "t" + i + ".x").collect(Collectors.joining(" + ")) + " > 0";

    @Test
    void startsBeyondTheActiveLimitAreRefusedAndSlotsFreeUp(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, List.of("--max-active-dml-queries", "3", "--max-active-ddl-queries", "1", "--engine-threads", "1"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            List<String> accepted = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                accepted.add(athena.startQueryExecution(r -> r.queryString(LONG_QUERY)).queryExecutionId());
            }
            // one engine thread: the first runs, the others wait in submission order
            assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("SELECT 1")))
                    .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                        assertThat(e.reasonAsString()).isEqualTo("CONCURRENT_QUERY_LIMIT_EXCEEDED");
                        assertThat(e.awsErrorDetails().errorMessage()).startsWith("You have exceeded the limit for the number of queries you can run concurrently.");
                    });
            assertThat(athena.listQueryExecutions(r -> { }).queryExecutionIds()).hasSize(3);
            // DDL counts against its own quota
            String ddl = athena.startQueryExecution(r -> r.queryString("SHOW TABLES")).queryExecutionId();
            assertThat(athena.getQueryExecution(r -> r.queryExecutionId(accepted.get(2))).queryExecution().status().state()).isEqualTo(QueryExecutionState.QUEUED);

            accepted.forEach(id -> athena.stopQueryExecution(r -> r.queryExecutionId(id)));
            TestAthenaEndToEnd.await(athena, ddl);
            String next = athena.startQueryExecution(r -> r.queryString("SELECT 1")).queryExecutionId();
            assertThat(TestAthenaEndToEnd.await(athena, next).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        }
    }
}
