package io.pallas.core.query;

/** Timings and sizes of one execution; all in milliseconds except {@code dataScannedInBytes}. */
public record QueryStatistics(
        long engineExecutionTimeInMillis,
        long dataScannedInBytes,
        long totalExecutionTimeInMillis,
        long queryQueueTimeInMillis,
        long servicePreProcessingTimeInMillis,
        long serviceProcessingTimeInMillis)
{
    public static final QueryStatistics EMPTY = new QueryStatistics(0, 0, 0, 0, 0, 0);
}
