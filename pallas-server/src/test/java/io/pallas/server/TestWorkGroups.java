package io.pallas.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.athena.AthenaClient;
import software.amazon.awssdk.services.athena.model.InvalidRequestException;
import software.amazon.awssdk.services.athena.model.QueryExecution;
import software.amazon.awssdk.services.athena.model.ResourceNotFoundException;
import software.amazon.awssdk.services.athena.model.Tag;
import software.amazon.awssdk.services.athena.model.WorkGroup;
import software.amazon.awssdk.services.athena.model.WorkGroupSummary;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Workgroup management through the AWS SDK v2, and the settings taking effect on queries. */
class TestWorkGroups
{
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
