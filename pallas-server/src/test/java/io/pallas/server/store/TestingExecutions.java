package io.pallas.server.store;

import io.pallas.core.QueryState;
import io.pallas.core.query.AthenaError;
import io.pallas.core.query.EncryptionConfiguration;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.QueryExecutionContext;
import io.pallas.core.query.QueryStatistics;
import io.pallas.core.query.ResultConfiguration;
import io.pallas.core.query.ResultReuseConfiguration;
import io.pallas.core.query.StatementType;
import io.pallas.core.query.WorkGroup;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Executions and workgroups for store tests, with every optional member filled or every one left empty. */
final class TestingExecutions
{
    static final Instant BASE_TIME = Instant.parse("2026-03-08T09:59:58.123Z");

    private TestingExecutions() {}

    /** Every optional member present, lists non-empty, instants with milliseconds. */
    static QueryExecution full(String id, Instant submitted)
    {
        return new QueryExecution(
                id,
                "SELECT count(*) FROM \"sales\".orders WHERE note = 'naïve \"quoted\" ✓' AND id = ?",
                StatementType.DML,
                "SELECT",
                new QueryExecutionContext(Optional.of("sales"), Optional.of("AwsDataCatalog")),
                new ResultConfiguration(
                        Optional.of("s3://results/prefix/" + id + ".csv"),
                        Optional.of(new EncryptionConfiguration("SSE_KMS", Optional.of("arn:aws:kms:us-east-1:123456789012:key/abc"))),
                        Optional.of("123456789012"),
                        Optional.of("BUCKET_OWNER_FULL_CONTROL")),
                "analytics",
                List.of("42", "'text'"),
                new ResultReuseConfiguration(true, OptionalInt.of(60)),
                QueryState.FAILED,
                Optional.of("TABLE_NOT_FOUND: line 1:22: Table 'sales.orders' does not exist"),
                Optional.of(new AthenaError(2, 1301, false, "TABLE_NOT_FOUND: line 1:22: Table 'sales.orders' does not exist")),
                submitted,
                Optional.of(submitted.plusMillis(17)),
                Optional.of(submitted.plusMillis(1234)),
                new QueryStatistics(1200, 1L << 40, 1234, 17, 3, 14));
    }

    /** Every optional member absent, lists empty. */
    static QueryExecution minimal(String id, Instant submitted)
    {
        return new QueryExecution(
                id,
                "SHOW DATABASES",
                StatementType.UTILITY,
                "SHOW_DATABASES",
                QueryExecutionContext.EMPTY,
                ResultConfiguration.EMPTY,
                WorkGroup.PRIMARY,
                List.of(),
                ResultReuseConfiguration.DISABLED,
                QueryState.QUEUED,
                Optional.empty(),
                Optional.empty(),
                submitted,
                Optional.empty(),
                Optional.empty(),
                QueryStatistics.EMPTY);
    }

    /** The {@code index}th execution of a deterministic series, so another process can predict what was written. */
    static QueryExecution numbered(int index)
    {
        Instant submitted = BASE_TIME.plusMillis(index);
        return index % 2 == 0 ? minimal(numberedId(index), submitted) : full(numberedId(index), submitted);
    }

    static String numberedId(int index)
    {
        return "00000000-0000-4000-8000-%012d".formatted(index);
    }

    static WorkGroup fullWorkGroup(String name)
    {
        return new WorkGroup(
                name,
                false,
                Optional.of("Team workgroup"),
                new ResultConfiguration(
                        Optional.of("s3://results/" + name + "/"),
                        Optional.of(new EncryptionConfiguration("SSE_S3", Optional.empty())),
                        Optional.of("123456789012"),
                        Optional.of("BUCKET_OWNER_FULL_CONTROL")),
                true,
                true,
                true,
                OptionalLong.of(10_000_000L),
                WorkGroup.ENGINE_V3,
                Instant.parse("2025-11-02T08:30:00.250Z"),
                java.util.Map.of("team", "analytics"));
    }

    static WorkGroup minimalWorkGroup(String name)
    {
        return new WorkGroup(
                name,
                true,
                Optional.empty(),
                ResultConfiguration.EMPTY,
                false,
                false,
                false,
                OptionalLong.empty(),
                WorkGroup.AUTO_ENGINE,
                Instant.parse("2025-11-02T08:30:00Z"),
                java.util.Map.of());
    }
}
