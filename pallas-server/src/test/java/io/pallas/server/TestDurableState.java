package io.pallas.server;

import io.pallas.server.protocol.auth.AccessKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.Datum;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a client observed stays true across a restart of the server on the same data directory. */
class TestDurableState
{
    private static final Optional<String> RESULTS = Optional.of("s3://pallas-query-results/");

    @Test
    void executionsTokensAndResultsSurviveARestart(@TempDir Path data)
            throws Exception
    {
        String token = UUID.randomUUID().toString();
        String id;
        QueryExecution before;
        try (TestingPallasServer server = new TestingPallasServer(data, RESULTS);
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            id = athena.startQueryExecution(r -> r.queryString("SELECT 42 AS answer").clientRequestToken(token)).queryExecutionId();
            before = TestAthenaEndToEnd.await(athena, id);
            assertThat(before.status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        }
        try (TestingPallasServer server = new TestingPallasServer(data, RESULTS);
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            QueryExecution after = athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution();
            assertThat(after).isEqualTo(before);
            assertThat(athena.getQueryResults(r -> r.queryExecutionId(id)).resultSet().rows().get(1).data())
                    .extracting(Datum::varCharValue)
                    .containsExactly("42");
            assertThat(athena.startQueryExecution(r -> r.queryString("SELECT 42 AS answer").clientRequestToken(token)).queryExecutionId()).isEqualTo(id);
            assertThat(athena.listQueryExecutions(r -> { }).queryExecutionIds()).containsExactly(id);
            String next = athena.startQueryExecution(r -> r.queryString("SELECT 1")).queryExecutionId();
            assertThat(athena.listQueryExecutions(r -> { }).queryExecutionIds()).containsExactly(next, id);
        }
    }

    @Test
    void historyOlderThanRetentionIsForgottenButResultObjectsStay(@TempDir Path data)
            throws Exception
    {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        String id;
        try (TestingPallasServer server = new TestingPallasServer(data, RESULTS, AccessKeys.none(), Clock.fixed(start, ZoneOffset.UTC));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            id = athena.startQueryExecution(r -> r.queryString("SELECT 1")).queryExecutionId();
            TestAthenaEndToEnd.await(athena, id);
        }
        Clock later = Clock.fixed(start.plus(Duration.ofDays(44)), ZoneOffset.UTC);
        try (TestingPallasServer server = new TestingPallasServer(data, RESULTS, AccessKeys.none(), later);
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            assertThat(athena.getQueryExecution(r -> r.queryExecutionId(id)).queryExecution().status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        }
        Clock muchLater = Clock.fixed(start.plus(Duration.ofDays(46)), ZoneOffset.UTC);
        try (TestingPallasServer server = new TestingPallasServer(data, RESULTS, AccessKeys.none(), muchLater);
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            assertThatThrownBy(() -> athena.getQueryExecution(r -> r.queryExecutionId(id)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("QueryExecution " + id + " was not found"));
            assertThat(athena.listQueryExecutions(r -> { }).queryExecutionIds()).isEmpty();
            assertThat(server.objectPath("s3://pallas-query-results/" + id + ".csv")).exists();
        }
    }
}
