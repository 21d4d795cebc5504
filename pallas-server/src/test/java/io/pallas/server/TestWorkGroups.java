package io.pallas.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.BatchGetQueryExecutionResponse;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.QueryExecutionState;
import software.amazon.awssdk.services.athena.model.UnprocessedQueryExecutionId;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.Tag;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workgroup management through the AWS SDK v2, and the settings taking effect on queries. */
class TestWorkGroups
{
    private static final String LONG_QUERY = "SELECT count(*) FROM "
            + IntStream.range(0, 11).mapToObj(i -> "(VALUES 1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS t" + i + "(x)").collect(Collectors.joining(" CROSS JOIN "))
            + " WHERE " + IntStream.range(0, 11).mapToObj(i -> "t" + i + ".x").collect(Collectors.joining(" + ")) + " > 0";
    private static final String ARN_PREFIX = "arn:aws:athena:us-east-1:123456789012:workgroup/";

    @Test
    void createGetListUpdateAndDelete(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            athena.createWorkGroup(r -> r.name("analysts").description("the analysts")
                    .configuration(c -> c.resultConfiguration(rc -> rc.outputLocation("s3://analysts/results/").expectedBucketOwner("123456789012"))
                            .bytesScannedCutoffPerQuery(20_000_000L))
                    .tags(Tag.builder().key("team").value("a").build()));
            WorkGroup created = athena.getWorkGroup(r -> r.workGroup("analysts")).workGroup();
            assertThat(created.description()).isEqualTo("the analysts");
            assertThat(created.stateAsString()).isEqualTo("ENABLED");
            assertThat(created.configuration().resultConfiguration().outputLocation()).isEqualTo("s3://analysts/results/");
            assertThat(created.configuration().bytesScannedCutoffPerQuery()).isEqualTo(20_000_000L);
            assertThat(created.configuration().enforceWorkGroupConfiguration()).isFalse();
            assertThat(created.configuration().engineVersion().selectedEngineVersion()).isEqualTo("AUTO");
            assertThatThrownBy(() -> athena.createWorkGroup(r -> r.name("analysts")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("WorkGroup is already created"));
            assertThatThrownBy(() -> athena.createWorkGroup(r -> r.name("small").configuration(c -> c.bytesScannedCutoffPerQuery(5L))))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("1 validation error detected: Value at 'configuration.bytesScannedCutoffPerQuery' failed to satisfy constraint: Member must have value greater than or equal to 10000000"));

            athena.createWorkGroup(r -> r.name("b-team"));
            assertThat(athena.listWorkGroups(r -> { }).workGroups()).extracting(WorkGroupSummary::name).containsExactly("analysts", "b-team", "primary");
            var firstPage = athena.listWorkGroups(r -> r.maxResults(2));
            assertThat(firstPage.workGroups()).extracting(WorkGroupSummary::name).containsExactly("analysts", "b-team");
            assertThat(athena.listWorkGroups(r -> r.maxResults(2).nextToken(firstPage.nextToken())).workGroups())
                    .extracting(WorkGroupSummary::name).containsExactly("primary");

            athena.updateWorkGroup(r -> r.workGroup("analysts").description("renamed team").configurationUpdates(u -> u
                    .enforceWorkGroupConfiguration(true)
                    .removeBytesScannedCutoffPerQuery(true)
                    .resultConfigurationUpdates(rc -> rc.removeExpectedBucketOwner(true).aclConfiguration(a -> a.s3AclOption("BUCKET_OWNER_FULL_CONTROL")))));
            WorkGroup updated = athena.getWorkGroup(r -> r.workGroup("analysts")).workGroup();
            assertThat(updated.description()).isEqualTo("renamed team");
            assertThat(updated.configuration().enforceWorkGroupConfiguration()).isTrue();
            assertThat(updated.configuration().bytesScannedCutoffPerQuery()).isNull();
            assertThat(updated.configuration().resultConfiguration().expectedBucketOwner()).isNull();
            assertThat(updated.configuration().resultConfiguration().outputLocation()).isEqualTo("s3://analysts/results/");
            assertThat(updated.configuration().resultConfiguration().aclConfiguration().s3AclOptionAsString()).isEqualTo("BUCKET_OWNER_FULL_CONTROL");
            assertThat(updated.creationTime()).isEqualTo(created.creationTime());

            assertThatThrownBy(() -> athena.deleteWorkGroup(r -> r.workGroup("primary")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Cannot delete the primary workgroup."));
            athena.deleteWorkGroup(r -> r.workGroup("b-team"));
            assertThatThrownBy(() -> athena.getWorkGroup(r -> r.workGroup("b-team"))).isInstanceOf(InvalidRequestException.class);
        }
        // survives a restart
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            assertThat(athena.listWorkGroups(r -> { }).workGroups()).extracting(WorkGroupSummary::name).containsExactly("analysts", "primary");
            assertThat(athena.getWorkGroup(r -> r.workGroup("analysts")).workGroup().description()).isEqualTo("renamed team");
        }
    }

    @Test
    void settingsTakeEffectOnQueries(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            athena.createWorkGroup(r -> r.name("fills").configuration(c -> c.resultConfiguration(rc -> rc.outputLocation("s3://fills/out/"))));
            athena.createWorkGroup(r -> r.name("enforced").configuration(c -> c.enforceWorkGroupConfiguration(true)
                    .resultConfiguration(rc -> rc.outputLocation("s3://enforced/out/"))));

            String filled = athena.startQueryExecution(r -> r.queryString("SELECT 1").workGroup("fills")).queryExecutionId();
            assertThat(TestAthenaEndToEnd.await(athena, filled).resultConfiguration().outputLocation()).isEqualTo("s3://fills/out/" + filled + ".csv");
            String clientWins = athena.startQueryExecution(r -> r.queryString("SELECT 1").workGroup("fills")
                    .resultConfiguration(rc -> rc.outputLocation("s3://mine/"))).queryExecutionId();
            assertThat(TestAthenaEndToEnd.await(athena, clientWins).resultConfiguration().outputLocation()).isEqualTo("s3://mine/" + clientWins + ".csv");
            String enforced = athena.startQueryExecution(r -> r.queryString("SELECT 1").workGroup("enforced")
                    .resultConfiguration(rc -> rc.outputLocation("s3://mine/"))).queryExecutionId();
            QueryExecution execution = TestAthenaEndToEnd.await(athena, enforced);
            assertThat(execution.resultConfiguration().outputLocation()).isEqualTo("s3://enforced/out/" + enforced + ".csv");
            assertThat(server.objectPath("s3://enforced/out/" + enforced + ".csv")).exists();
            // the client's other settings are ignored too, also where the workgroup sets none: this owner would fail the query
            String enforcedOwner = athena.startQueryExecution(r -> r.queryString("SELECT 1").workGroup("enforced")
                    .resultConfiguration(rc -> rc.expectedBucketOwner("111122223333").aclConfiguration(a -> a.s3AclOption("BUCKET_OWNER_FULL_CONTROL")))).queryExecutionId();
            QueryExecution ownerIgnored = TestAthenaEndToEnd.await(athena, enforcedOwner);
            assertThat(ownerIgnored.status().stateAsString()).isEqualTo("SUCCEEDED");
            assertThat(ownerIgnored.resultConfiguration().expectedBucketOwner()).isNull();
            assertThat(ownerIgnored.resultConfiguration().aclConfiguration()).isNull();

            assertThat(athena.listQueryExecutions(r -> r.workGroup("fills")).queryExecutionIds()).containsExactly(clientWins, filled);
            assertThat(athena.listQueryExecutions(r -> r.workGroup("enforced")).queryExecutionIds()).containsExactly(enforcedOwner, enforced);

            athena.updateWorkGroup(r -> r.workGroup("fills").state("DISABLED"));
            assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("SELECT 1").workGroup("fills")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("WorkGroup fills is disabled."));
            assertThatThrownBy(() -> athena.deleteWorkGroup(r -> r.workGroup("fills")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).contains("RecursiveDeleteOption"));
            athena.deleteWorkGroup(r -> r.workGroup("fills").recursiveDeleteOption(true));
            assertThatThrownBy(() -> athena.startQueryExecution(r -> r.queryString("SELECT 1").workGroup("fills")))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("WorkGroup is not found."));
        }
    }

    /**
     * RecursiveDeleteOption deletes the workgroup's query executions too (AWS documents it so): they are gone from
     * every API, also after a restart and from a new workgroup of the same name; their tokens and reusable results
     * go with them; queued and running ones are cancelled; the result objects stay.
     */
    @Test
    void recursiveDeleteRemovesTheQueryExecutions(@TempDir Path data)
            throws Exception
    {
        String token = "scratch-token-0123456789abcdef0123456789";
        String finished;
        String running;
        String queued;
        String kept;
        try (TestingPallasServer server = new TestingPallasServer(data, List.of("--engine-threads", "1"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            athena.createWorkGroup(r -> r.name("scratch").configuration(c -> c.resultConfiguration(rc -> rc.outputLocation("s3://scratch/out/"))));
            finished = athena.startQueryExecution(r -> r.queryString("SELECT 1").workGroup("scratch").clientRequestToken(token)
                    .resultReuseConfiguration(c -> c.resultReuseByAgeConfiguration(a -> a.enabled(true)))).queryExecutionId();
            assertThat(TestAthenaEndToEnd.await(athena, finished).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
            kept = athena.startQueryExecution(r -> r.queryString("SELECT 2").resultConfiguration(rc -> rc.outputLocation("s3://scratch/primary/"))).queryExecutionId();
            TestAthenaEndToEnd.await(athena, kept);
            // one engine thread: the first runs, the second waits
            running = athena.startQueryExecution(r -> r.queryString(LONG_QUERY).workGroup("scratch")).queryExecutionId();
            queued = athena.startQueryExecution(r -> r.queryString(LONG_QUERY).workGroup("scratch")).queryExecutionId();

            athena.deleteWorkGroup(r -> r.workGroup("scratch").recursiveDeleteOption(true));

            assertGone(athena, List.of(finished, running, queued));
            assertThat(Files.readString(server.objectPath("s3://scratch/out/" + finished + ".csv"))).isEqualTo("\"_col0\"\n\"1\"\n");
            // the engine thread is free again: the running query was cancelled
            String after = athena.startQueryExecution(r -> r.queryString("SELECT 3").resultConfiguration(rc -> rc.outputLocation("s3://scratch/primary/"))).queryExecutionId();
            assertThat(TestAthenaEndToEnd.await(athena, after).status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);

            athena.createWorkGroup(r -> r.name("scratch").configuration(c -> c.resultConfiguration(rc -> rc.outputLocation("s3://scratch/out/"))));
            assertThat(athena.listQueryExecutions(r -> r.workGroup("scratch")).queryExecutionIds()).isEmpty();
            // neither the token nor the result of a deleted execution answers a new request
            String again = athena.startQueryExecution(r -> r.queryString("SELECT 1").workGroup("scratch").clientRequestToken(token)
                    .resultReuseConfiguration(c -> c.resultReuseByAgeConfiguration(a -> a.enabled(true)))).queryExecutionId();
            assertThat(again).isNotEqualTo(finished);
            QueryExecution rerun = TestAthenaEndToEnd.await(athena, again);
            assertThat(rerun.statistics().resultReuseInformation().reusedPreviousResult()).isFalse();
            assertThat(rerun.resultConfiguration().outputLocation()).isEqualTo("s3://scratch/out/" + again + ".csv");
            assertThat(athena.listQueryExecutions(r -> r.workGroup("scratch")).queryExecutionIds()).containsExactly(again);
        }
        try (TestingPallasServer server = new TestingPallasServer(data, List.of("--engine-threads", "1"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            assertGone(athena, List.of(finished, running, queued));
            assertThat(athena.listQueryExecutions(r -> r.workGroup("scratch")).queryExecutionIds()).hasSize(1).doesNotContain(finished, running, queued);
            assertThat(athena.listQueryExecutions(r -> { }).queryExecutionIds()).contains(kept);
            assertThat(athena.getQueryExecution(r -> r.queryExecutionId(kept)).queryExecution().status().state()).isEqualTo(QueryExecutionState.SUCCEEDED);
        }
    }

    private static void assertGone(AthenaClient athena, List<String> ids)
    {
        for (String id : ids) {
            assertThatThrownBy(() -> athena.getQueryExecution(r -> r.queryExecutionId(id)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("QueryExecution " + id + " was not found"));
            assertThatThrownBy(() -> athena.getQueryResults(r -> r.queryExecutionId(id)))
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("QueryExecution " + id + " was not found"));
        }
        BatchGetQueryExecutionResponse batch = athena.batchGetQueryExecution(r -> r.queryExecutionIds(ids));
        assertThat(batch.queryExecutions()).isEmpty();
        assertThat(batch.unprocessedQueryExecutionIds()).extracting(UnprocessedQueryExecutionId::queryExecutionId).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void queriesScanningMoreThanTheCutoffAreCancelled(@TempDir Path data)
            throws Exception
    {
        // 12 MB of text: more than the smallest cutoff Athena allows (10 MB)
        Path table = java.nio.file.Files.createDirectories(data.resolve("s3/big-data/lines"));
        String line = "x".repeat(99) + "\n";
        java.nio.file.Files.writeString(table.resolve("lines.txt"), line.repeat(120_000));
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            String create = athena.startQueryExecution(r -> r.queryString("CREATE EXTERNAL TABLE lines (line string) LOCATION 's3://big-data/lines/'")).queryExecutionId();
            assertThat(TestAthenaEndToEnd.await(athena, create).status().stateAsString()).isEqualTo("SUCCEEDED");
            athena.createWorkGroup(r -> r.name("capped").configuration(c -> c.bytesScannedCutoffPerQuery(10_000_000L)
                    .resultConfiguration(rc -> rc.outputLocation("s3://capped-results/"))));

            String capped = athena.startQueryExecution(r -> r.queryString("SELECT count(*) FROM lines").workGroup("capped")).queryExecutionId();
            QueryExecution cancelled = TestAthenaEndToEnd.await(athena, capped);
            assertThat(cancelled.status().stateAsString()).isEqualTo("CANCELLED");
            assertThat(cancelled.status().stateChangeReason())
                    .isEqualTo("Query cancelled: it scanned 12000000 bytes, more than the workgroup's BytesScannedCutoffPerQuery of 10000000 bytes");
            assertThat(server.objectPath(cancelled.resultConfiguration().outputLocation())).doesNotExist();

            String free = athena.startQueryExecution(r -> r.queryString("SELECT count(*) FROM lines")).queryExecutionId();
            assertThat(TestAthenaEndToEnd.await(athena, free).status().stateAsString()).isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void expectedBucketOwnerMustOwnTheLocalBuckets(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            String owned = athena.startQueryExecution(r -> r.queryString("SELECT 1").resultConfiguration(c -> c.expectedBucketOwner("123456789012"))).queryExecutionId();
            assertThat(TestAthenaEndToEnd.await(athena, owned).status().stateAsString()).isEqualTo("SUCCEEDED");

            String other = athena.startQueryExecution(r -> r.queryString("SELECT 1").resultConfiguration(c -> c.expectedBucketOwner("111122223333"))).queryExecutionId();
            QueryExecution refused = TestAthenaEndToEnd.await(athena, other);
            assertThat(refused.status().stateAsString()).isEqualTo("FAILED");
            assertThat(refused.status().athenaError().errorType()).isEqualTo(1501);
            assertThat(refused.status().stateChangeReason()).isEqualTo("PERMISSION_DENIED: Access denied writing query results to s3://pallas-query-results/" + other
                    + ".csv: bucket pallas-query-results is not owned by the expected owner 111122223333");
            assertThat(server.objectPath(refused.resultConfiguration().outputLocation())).doesNotExist();
        }
    }

    @Test
    void tagsOnWorkGroupArns(@TempDir Path data)
            throws Exception
    {
        try (TestingPallasServer server = new TestingPallasServer(data, Optional.of("s3://pallas-query-results/"));
                AthenaClient athena = TestAthenaEndToEnd.client(server)) {
            athena.createWorkGroup(r -> r.name("tagged").tags(Tag.builder().key("a").value("1").build()));
            athena.tagResource(r -> r.resourceARN(ARN_PREFIX + "tagged").tags(Tag.builder().key("b").value("2").build(), Tag.builder().key("a").value("3").build()));
            assertThat(athena.listTagsForResource(r -> r.resourceARN(ARN_PREFIX + "tagged")).tags())
                    .containsExactly(Tag.builder().key("a").value("3").build(), Tag.builder().key("b").value("2").build());
            athena.untagResource(r -> r.resourceARN(ARN_PREFIX + "tagged").tagKeys("a"));
            assertThat(athena.listTagsForResource(r -> r.resourceARN(ARN_PREFIX + "tagged")).tags()).containsExactly(Tag.builder().key("b").value("2").build());
            assertThatThrownBy(() -> athena.listTagsForResource(r -> r.resourceARN(ARN_PREFIX + "missing")))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }
}
