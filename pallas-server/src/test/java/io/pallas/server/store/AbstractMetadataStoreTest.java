package io.pallas.server.store;

import io.pallas.core.QueryState;
import io.pallas.core.query.NamedQuery;
import io.pallas.core.query.PreparedStatement;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.QueryStatistics;
import io.pallas.core.query.WorkGroup;
import io.pallas.core.store.MetadataStore;
import io.pallas.core.store.MetadataStore.DuplicateTokenException;
import io.pallas.core.store.MetadataStore.StoredExecution;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.pallas.server.store.TestingExecutions.BASE_TIME;
import static io.pallas.server.store.TestingExecutions.full;
import static io.pallas.server.store.TestingExecutions.fullWorkGroup;
import static io.pallas.server.store.TestingExecutions.minimal;
import static io.pallas.server.store.TestingExecutions.minimalWorkGroup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link MetadataStore} contract, run against every implementation. Each test gets a fresh, empty store;
 * {@link #openStore()} called again opens the same underlying database.
 */
public abstract class AbstractMetadataStoreTest
{
    protected MetadataStore store;

    /** Opens the store under test; a second call after {@code close()} must see the same data. */
    protected abstract MetadataStore openStore();

    @BeforeEach
    public void openFreshStore()
    {
        store = openStore();
    }

    @AfterEach
    public void closeStore()
    {
        if (store != null) {
            store.close();
        }
    }

    protected final void reopen()
    {
        store.close();
        store = openStore();
    }

    @Test
    public void roundTripsExecutionWithEveryMemberPresent()
    {
        QueryExecution execution = full("a1b2c3d4-0000-4000-8000-000000000001", BASE_TIME);
        store.insertExecution(execution, 7, "token-1", "fingerprint-1");

        assertThat(store.loadExecutions()).containsExactly(new StoredExecution(execution, 7, "token-1", "fingerprint-1"));
    }

    @Test
    public void roundTripsExecutionWithEveryOptionalMemberAbsent()
    {
        QueryExecution execution = minimal("a1b2c3d4-0000-4000-8000-000000000002", BASE_TIME);
        store.insertExecution(execution, 1, "token-2", "");

        assertThat(store.loadExecutions()).containsExactly(new StoredExecution(execution, 1, "token-2", ""));
    }

    @Test
    public void roundTripsInstantsExactly()
    {
        QueryExecution millis = minimal("id-millis", Instant.parse("2026-11-01T08:59:59.999Z"));
        QueryExecution nanos = minimal("id-nanos", Instant.parse("1969-12-31T23:59:59.123456789Z"));
        store.insertExecution(millis, 1, "token-millis", "f");
        store.insertExecution(nanos, 2, "token-nanos", "f");

        assertThat(store.loadExecutions()).extracting(StoredExecution::execution).containsExactly(millis, nanos);
    }

    @Test
    public void updateReplacesSnapshotAndKeepsTokenAndSequence()
    {
        QueryExecution queued = minimal("id-update", BASE_TIME);
        store.insertExecution(queued, 3, "token-update", "fingerprint");
        QueryExecution running = queued.running(BASE_TIME.plusMillis(5));
        store.updateExecution(running);
        QueryExecution succeeded = running.finished(QueryState.SUCCEEDED, Optional.empty(), Optional.empty(), BASE_TIME.plusMillis(900),
                new QueryStatistics(800, 1024, 900, 5, 1, 94));
        store.updateExecution(succeeded);

        assertThat(store.loadExecutions()).containsExactly(new StoredExecution(succeeded, 3, "token-update", "fingerprint"));
    }

    @Test
    public void updateOfMissingExecutionIsIgnored()
    {
        store.updateExecution(minimal("id-missing", BASE_TIME));

        assertThat(store.loadExecutions()).isEmpty();
    }

    @Test
    public void loadsExecutionsInSequenceOrder()
    {
        store.insertExecution(minimal("id-c", BASE_TIME), 30, "token-c", "f");
        store.insertExecution(minimal("id-a", BASE_TIME.plusSeconds(1)), 10, "token-a", "f");
        store.insertExecution(minimal("id-b", BASE_TIME.minusSeconds(1)), 20, "token-b", "f");

        assertThat(store.loadExecutions()).extracting(StoredExecution::sequence).containsExactly(10L, 20L, 30L);
        assertThat(store.loadExecutions()).extracting(stored -> stored.execution().queryExecutionId()).containsExactly("id-a", "id-b", "id-c");
    }

    @Test
    public void duplicateTokenReportsExistingExecutionAndInsertsNothing()
    {
        store.insertExecution(minimal("id-first", BASE_TIME), 1, "token-dup", "fingerprint-1");

        assertThatThrownBy(() -> store.insertExecution(full("id-second", BASE_TIME), 2, "token-dup", "fingerprint-2"))
                .isInstanceOfSatisfying(DuplicateTokenException.class, e -> assertThat(e.queryExecutionId()).isEqualTo("id-first"))
                .hasMessage("ClientRequestToken token-dup already created execution id-first");

        assertThat(store.loadExecutions()).containsExactly(new StoredExecution(minimal("id-first", BASE_TIME), 1, "token-dup", "fingerprint-1"));
        reopen();
        assertThat(store.loadExecutions()).hasSize(1);
    }

    @Test
    public void failedInsertLeavesNothingBehind()
    {
        store.insertExecution(minimal("id-taken", BASE_TIME), 1, "token-1", "f");

        // the execution row is rejected after nothing else was written; the token must not stay behind
        assertThatThrownBy(() -> store.insertExecution(full("id-taken", BASE_TIME), 2, "token-2", "f"))
                .isInstanceOf(RuntimeException.class)
                .isNotInstanceOf(DuplicateTokenException.class);

        store.insertExecution(minimal("id-other", BASE_TIME), 3, "token-2", "f");
        assertThat(store.loadExecutions())
                .extracting(stored -> stored.execution().queryExecutionId() + "/" + stored.clientRequestToken())
                .containsExactly("id-taken/token-1", "id-other/token-2");
    }

    @Test
    public void concurrentInsertsOfOneTokenHaveExactlyOneWinner()
            throws Exception
    {
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<String>> attempts = new ArrayList<>();
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                String id = "id-race-" + i;
                long sequence = i;
                attempts.add(executor.submit(() -> {
                    start.await();
                    try {
                        store.insertExecution(minimal(id, BASE_TIME), sequence, "token-race", "f");
                        return "won " + id;
                    }
                    catch (DuplicateTokenException e) {
                        return "lost to " + e.queryExecutionId();
                    }
                }));
            }
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> attempt : attempts) {
            outcomes.add(attempt.get());
        }

        List<StoredExecution> stored = store.loadExecutions();
        assertThat(stored).hasSize(1);
        String winner = stored.getFirst().execution().queryExecutionId();
        assertThat(outcomes).filteredOn(outcome -> outcome.startsWith("won ")).containsExactly("won " + winner);
        assertThat(outcomes).filteredOn(outcome -> outcome.startsWith("lost to ")).hasSize(threads - 1).allMatch(outcome -> outcome.equals("lost to " + winner));
    }

    @Test
    public void concurrentWritersAllLand()
            throws Exception
    {
        int threads = 4;
        int perThread = 50;
        try (ExecutorService executor = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(executor.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        int n = thread * perThread + i;
                        QueryExecution execution = minimal("id-" + n, BASE_TIME.plusMillis(n));
                        store.insertExecution(execution, n, "token-" + n, "f");
                        store.updateExecution(execution.running(BASE_TIME.plusMillis(n + 1)));
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        }

        List<StoredExecution> stored = store.loadExecutions();
        assertThat(stored).hasSize(threads * perThread);
        assertThat(stored).extracting(StoredExecution::sequence).isSorted();
        assertThat(stored).allMatch(execution -> execution.execution().state() == QueryState.RUNNING);
    }

    @Test
    public void retentionDeletesOlderExecutionsAndTheirTokens()
    {
        Instant cutoff = BASE_TIME;
        store.insertExecution(minimal("id-old", cutoff.minusSeconds(86_400)), 1, "token-old", "f");
        store.insertExecution(minimal("id-just-before", cutoff.minusNanos(1_000_000)), 2, "token-just-before", "f");
        store.insertExecution(minimal("id-at-cutoff", cutoff), 3, "token-at-cutoff", "f");
        store.insertExecution(minimal("id-new", cutoff.plusSeconds(1)), 4, "token-new", "f");
        store.putWorkGroup(minimalWorkGroup("kept"));

        assertThat(store.deleteExecutionsSubmittedBefore(cutoff)).isEqualTo(2);

        assertThat(store.loadExecutions()).extracting(stored -> stored.execution().queryExecutionId()).containsExactly("id-at-cutoff", "id-new");
        assertThat(store.loadWorkGroups()).extracting(WorkGroup::name).containsExactly("kept");
        // the tokens went with their executions, so they are free again
        store.insertExecution(minimal("id-reused", cutoff.plusSeconds(2)), 5, "token-old", "f");
        assertThatThrownBy(() -> store.insertExecution(minimal("id-clash", cutoff.plusSeconds(2)), 6, "token-new", "f"))
                .isInstanceOf(DuplicateTokenException.class)
                .hasMessage("ClientRequestToken token-new already created execution id-new");
        assertThat(store.deleteExecutionsSubmittedBefore(cutoff)).isZero();
    }

    @Test
    public void workGroupsArePutReplacedListedInNameOrderAndDeleted()
    {
        assertThat(store.getWorkGroup("primary")).isEmpty();
        assertThat(store.loadWorkGroups()).isEmpty();

        store.putWorkGroup(fullWorkGroup("team-b"));
        store.putWorkGroup(minimalWorkGroup(WorkGroup.PRIMARY));
        store.putWorkGroup(minimalWorkGroup("Team-A"));
        store.putWorkGroup(minimalWorkGroup("team-b"));
        store.putWorkGroup(fullWorkGroup("team-a"));

        assertThat(store.getWorkGroup("team-a")).contains(fullWorkGroup("team-a"));
        assertThat(store.getWorkGroup("team-b")).contains(minimalWorkGroup("team-b"));
        assertThat(store.getWorkGroup(WorkGroup.PRIMARY)).contains(minimalWorkGroup(WorkGroup.PRIMARY));
        assertThat(store.loadWorkGroups()).extracting(WorkGroup::name).containsExactly("Team-A", "primary", "team-a", "team-b");

        assertThat(store.deleteWorkGroup("team-a")).isTrue();
        assertThat(store.deleteWorkGroup("team-a")).isFalse();
        assertThat(store.deleteWorkGroup("nonexistent")).isFalse();
        assertThat(store.getWorkGroup("team-a")).isEmpty();
        assertThat(store.loadWorkGroups()).containsExactly(minimalWorkGroup("Team-A"), minimalWorkGroup(WorkGroup.PRIMARY), minimalWorkGroup("team-b"));
    }

    @Test
    public void deletingAWorkGroupDeletesItsSavedQueries()
    {
        store.putWorkGroup(minimalWorkGroup("team-a"));
        store.putWorkGroup(minimalWorkGroup("team-b"));
        for (String workGroup : List.of("team-a", "team-b")) {
            store.putPreparedStatement(new PreparedStatement(workGroup, "daily", "SELECT 1", Optional.empty(), BASE_TIME));
            store.insertNamedQuery(new NamedQuery("nq-" + workGroup, "daily", Optional.empty(), "default", "SELECT 1", workGroup), "token-" + workGroup, "f");
        }

        assertThat(store.deleteWorkGroup("team-a")).isTrue();

        assertThat(store.getPreparedStatement("team-a", "daily")).isEmpty();
        assertThat(store.listNamedQueries("team-a")).isEmpty();
        assertThat(store.getNamedQuery("nq-team-a")).isEmpty();
        assertThat(store.namedQueryForToken("token-team-a")).isEmpty();
        assertThat(store.getPreparedStatement("team-b", "daily")).isPresent();
        assertThat(store.listNamedQueries("team-b")).extracting(NamedQuery::namedQueryId).containsExactly("nq-team-b");
    }

    @Test
    public void deletingAWorkGroupDeletesItsExecutionsAndTheirTokens()
    {
        store.putWorkGroup(minimalWorkGroup("analytics"));
        QueryExecution deleted = full("id-in-analytics", BASE_TIME);
        QueryExecution kept = minimal("id-in-primary", BASE_TIME.plusSeconds(1));
        store.insertExecution(deleted, 1, "token-analytics", "f");
        store.insertExecution(kept, 2, "token-primary", "f");

        assertThat(store.deleteWorkGroup("analytics")).isTrue();
        reopen();

        assertThat(store.loadExecutions()).containsExactly(new StoredExecution(kept, 2, "token-primary", "f"));
        // the token is free again: a new workgroup of the same name starts empty
        store.putWorkGroup(minimalWorkGroup("analytics"));
        QueryExecution again = full("id-in-analytics-again", BASE_TIME.plusSeconds(2));
        store.insertExecution(again, 3, "token-analytics", "f");
        assertThat(store.loadExecutions()).containsExactly(
                new StoredExecution(kept, 2, "token-primary", "f"),
                new StoredExecution(again, 3, "token-analytics", "f"));
    }

    @Test
    public void dataSurvivesReopening()
    {
        QueryExecution first = full("id-durable-1", BASE_TIME);
        QueryExecution second = minimal("id-durable-2", BASE_TIME.plusSeconds(1));
        store.insertExecution(first, 1, "token-durable-1", "fingerprint-1");
        store.insertExecution(second, 2, "token-durable-2", "fingerprint-2");
        store.updateExecution(second.running(BASE_TIME.plusSeconds(2)));
        store.putWorkGroup(fullWorkGroup("durable"));

        reopen();

        assertThat(store.loadExecutions()).containsExactly(
                new StoredExecution(first, 1, "token-durable-1", "fingerprint-1"),
                new StoredExecution(second.running(BASE_TIME.plusSeconds(2)), 2, "token-durable-2", "fingerprint-2"));
        assertThat(store.loadWorkGroups()).containsExactly(fullWorkGroup("durable"));
        assertThatThrownBy(() -> store.insertExecution(minimal("id-durable-3", BASE_TIME), 3, "token-durable-1", "f"))
                .isInstanceOf(DuplicateTokenException.class)
                .hasMessage("ClientRequestToken token-durable-1 already created execution id-durable-1");
    }
}
