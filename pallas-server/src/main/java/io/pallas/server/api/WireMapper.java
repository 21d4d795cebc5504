package io.pallas.server.api;

import io.pallas.core.query.AthenaError;
import io.pallas.core.query.QueryExecution;
import io.pallas.core.query.QueryStatistics;
import io.pallas.core.query.ResultConfiguration;
import io.pallas.core.query.WorkGroup;

import java.util.Locale;

/** Domain values to their wire shapes. */
final class WireMapper
{
    private static final Wire.EngineVersion ENGINE_VERSION = new Wire.EngineVersion(WorkGroup.AUTO_ENGINE, WorkGroup.ENGINE_V3);

    private WireMapper() {}

    static Wire.QueryExecution queryExecution(QueryExecution execution)
    {
        return new Wire.QueryExecution(
                execution.queryExecutionId(),
                execution.query(),
                execution.statementType().name(),
                resultConfiguration(execution.resultConfiguration()),
                new Wire.ResultReuseConfiguration(new Wire.ResultReuseByAgeConfiguration(
                        execution.resultReuseConfiguration().enabled(),
                        execution.resultReuseConfiguration().maxAgeInMinutes().isPresent() ? execution.resultReuseConfiguration().maxAgeInMinutes().getAsInt() : null)),
                // Athena echoes only what the client sent, with the catalog lower-cased
                new Wire.QueryExecutionContext(
                        execution.context().database().orElse(null),
                        execution.context().catalog().map(catalog -> catalog.toLowerCase(Locale.ROOT)).orElse(null)),
                new Wire.QueryExecutionStatus(
                        execution.state().name(),
                        execution.stateChangeReason().orElse(null),
                        execution.submissionDateTime(),
                        execution.completionDateTime().orElse(null),
                        execution.athenaError().map(WireMapper::athenaError).orElse(null)),
                statistics(execution.statistics()),
                execution.workGroup(),
                ENGINE_VERSION,
                execution.executionParameters().isEmpty() ? null : execution.executionParameters(),
                execution.substatementType());
    }

    static Wire.ResultConfiguration resultConfiguration(ResultConfiguration configuration)
    {
        return new Wire.ResultConfiguration(
                configuration.outputLocation().orElse(null),
                configuration.encryptionConfiguration()
                        .map(encryption -> new Wire.EncryptionConfiguration(encryption.encryptionOption(), encryption.kmsKey().orElse(null)))
                        .orElse(null),
                configuration.expectedBucketOwner().orElse(null),
                configuration.s3AclOption().map(Wire.AclConfiguration::new).orElse(null));
    }

    private static Wire.AthenaError athenaError(AthenaError error)
    {
        return new Wire.AthenaError(error.errorCategory(), error.errorType(), error.retryable(), error.errorMessage());
    }

    private static Wire.QueryExecutionStatistics statistics(QueryStatistics statistics)
    {
        return new Wire.QueryExecutionStatistics(
                statistics.engineExecutionTimeInMillis(),
                statistics.dataScannedInBytes(),
                statistics.totalExecutionTimeInMillis(),
                statistics.queryQueueTimeInMillis(),
                statistics.servicePreProcessingTimeInMillis(),
                statistics.serviceProcessingTimeInMillis(),
                new Wire.ResultReuseInformation(statistics.reusedPreviousResult()));
    }

    static Wire.WorkGroup workGroup(WorkGroup workGroup)
    {
        return new Wire.WorkGroup(
                workGroup.name(),
                state(workGroup),
                new Wire.WorkGroupConfiguration(
                        resultConfiguration(workGroup.resultConfiguration()),
                        workGroup.enforceWorkGroupConfiguration(),
                        workGroup.publishCloudWatchMetricsEnabled(),
                        workGroup.bytesScannedCutoffPerQuery().isPresent() ? workGroup.bytesScannedCutoffPerQuery().getAsLong() : null,
                        workGroup.requesterPaysEnabled(),
                        new Wire.EngineVersion(workGroup.selectedEngineVersion(), WorkGroup.ENGINE_V3),
                        false),
                workGroup.description().filter(description -> !description.isEmpty()).orElse(null),
                workGroup.creationTime());
    }

    static Wire.WorkGroupSummary workGroupSummary(WorkGroup workGroup)
    {
        return new Wire.WorkGroupSummary(
                workGroup.name(),
                state(workGroup),
                workGroup.description().orElse(""),
                workGroup.creationTime(),
                new Wire.EngineVersion(workGroup.selectedEngineVersion(), WorkGroup.ENGINE_V3));
    }

    private static String state(WorkGroup workGroup)
    {
        return workGroup.enabled() ? "ENABLED" : "DISABLED";
    }
}
