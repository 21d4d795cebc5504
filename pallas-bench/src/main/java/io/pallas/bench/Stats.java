package io.pallas.bench;

import java.util.Arrays;
import java.util.Locale;

/** Order statistics of a series of durations in nanoseconds, reported in milliseconds. */
record Stats(int count, double medianMillis, double p90Millis, double p99Millis, double maxMillis)
{
    static Stats of(long[] nanos)
    {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, millis(percentile(sorted, 50)), millis(percentile(sorted, 90)), millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]));
    }

    private static long percentile(long[] sorted, int percent)
    {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos)
    {
        return nanos / 1_000_000.0;
    }

    String row(String name)
    {
        return String.format(Locale.ROOT, "%-34s %7d %10.3f %10.3f %10.3f %10.3f", name, count, medianMillis, p90Millis, p99Millis, maxMillis);
    }

    static String header()
    {
        return String.format(Locale.ROOT, "%-34s %7s %10s %10s %10s %10s", "measurement", "n", "median ms", "p90 ms", "p99 ms", "max ms");
    }
}
