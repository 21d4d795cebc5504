package io.pallas.server;

import io.pallas.server.protocol.auth.AccessKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TestQueryTimeout
{
    @Test
    void queryRunningPastTheLimitFailsWithTheLimitNamed(@TempDir Path data)
            throws Exception
    {
        String joins = IntStream.range(0, 11)
                .mapToObj(i -> "(VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t" + i + "(x)")
                .collect(Collectors.joining(" CROSS JOIN "));
        String sum = IntStream.range(0, 11).mapToObj(i -> "t" + i + ".x").collect(Collectors.joining(" + "));
        String longQuery = "SELECT count(*) FROM " + joins + " WHERE " + sum + " > 0";
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://results/"), AccessKeys.none(), Clock.systemUTC(), Duration.ofSeconds(1));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            String id = athena.startQueryExecution(r -> r.queryString(longQuery)).queryExecutionId();
            QueryExecution execution = TestAthenaEndToEnd.await(athena, id);
            assertThat(execution.status().state()).isEqualTo(QueryExecutionState.FAILED);
            assertThat(execution.status().stateChangeReason()).isEqualTo("EXCEEDED_TIME_LIMIT: Query exceeded the maximum execution time limit of 0.02m");
            assertThat(execution.status().athenaError().errorCategory()).isEqualTo(1);
            assertThat(execution.status().athenaError().errorType()).isEqualTo(206);
            assertThat(server.objectPath("s3://results/" + id + ".csv")).doesNotExist();

            // a quick query is not affected
            String quick = athena.startQueryExecution(r -> r.queryString("SELECT 1")).queryExecutionId();
            assertThat(TestAthenaEndToEnd.await(athena, quick).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        }
    }
}
