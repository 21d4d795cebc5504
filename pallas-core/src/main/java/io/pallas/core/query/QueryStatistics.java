package io.pallas.core.query;

/**
 * Timings and sizes of one execution; all in milliseconds except {@code dataScannedInBytes}.
 * {@code reusedPreviousResult} marks an execution answered with an earlier execution's result (result reuse).
 */
public record QueryStatistics(
        long engineExecutionTimeInMillis,
        long dataScannedInBytes,
        long totalExecutionTimeInMillis,
        long queryQueueTimeInMillis,
        long servicePreProcessingTimeInMillis,
        long serviceProcessingTimeInMillis,
        boolean reusedPreviousResult)
{
    public static final QueryStatistics EMPTY = new QueryStatistics(0, 0, 0, 0, 0, 0, false);

    public QueryStatistics(long engineExecutionTimeInMillis, long dataScannedInBytes, long totalExecutionTimeInMillis, long queryQueueTimeInMillis,
            long servicePreProcessingTimeInMillis, long serviceProcessingTimeInMillis)
    {
        this(engineExecutionTimeInMillis, dataScannedInBytes, totalExecutionTimeInMillis, queryQueueTimeInMillis, servicePreProcessingTimeInMillis,
                serviceProcessingTimeInMillis, false);
    }
}
