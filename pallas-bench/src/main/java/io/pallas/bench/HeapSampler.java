package io.pallas.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The highest heap use of this JVM, sampled every few milliseconds from {@link MemoryMXBean} while open. With the
 * server in process it includes the benchmark client's own objects, so it overstates the server's share.
 */
final class HeapSampler
        implements AutoCloseable
{
    private static final long INTERVAL_MILLIS = 10;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean stopped;
    private volatile long peakBytes;

    HeapSampler()
    {
        thread = Thread.ofPlatform().daemon().name("heap-sampler").start(this::sample);
    }

    private void sample()
    {
        while (!stopped) {
            peakBytes = Math.max(peakBytes, memory.getHeapMemoryUsage().getUsed());
            try {
                Thread.sleep(INTERVAL_MILLIS);
            }
            catch (InterruptedException _) {
                return;
            }
        }
    }

    long peakBytes()
    {
        return Math.max(peakBytes, memory.getHeapMemoryUsage().getUsed());
    }

    /** The heap's limit ({@code -Xmx}, or the JVM's default share of the machine's memory). */
    static long maxBytes()
    {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public void close()
            throws InterruptedException
    {
        stopped = true;
        thread.join();
    }
}
