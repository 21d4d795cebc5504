package io.pallas.server.storage;

import io.pallas.server.storage.ParquetFooter.ByteRange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A set of byte positions of a file, kept as disjoint ranges. Not thread-safe. */
final class ByteRanges
{
    /** Start to end of each range; no two touch. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();
    private long bytes;

    /** Adds {@code [start, end)}; returns how many of its bytes were not in the set before. */
    long add(long start, long end)
    {
        long added = missing(start, end).stream().mapToLong(ByteRange::length).sum();
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(start); next != null && next.getKey() <= end; next = ranges.ceilingEntry(start)) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
        }
        if (end > start) {
            ranges.put(start, end);
        }
        bytes += added;
        return added;
    }

    /** The parts of {@code [start, end)} not in the set, in order. */
    List<ByteRange> missing(long start, long end)
    {
        List<ByteRange> missing = new ArrayList<>();
        long position = start;
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() > position) {
            position = before.getValue();
        }
        for (Map.Entry<Long, Long> next : ranges.subMap(start, false, end, false).entrySet()) {
            if (next.getKey() > position) {
                missing.add(new ByteRange(position, next.getKey()));
            }
            position = Math.max(position, next.getValue());
        }
        if (position < end) {
            missing.add(new ByteRange(position, end));
        }
        return missing;
    }

    boolean isEmpty()
    {
        return ranges.isEmpty();
    }

    /** How many bytes the set holds. */
    long bytes()
    {
        return bytes;
    }

    void clear()
    {
        ranges.clear();
        bytes = 0;
    }

    /** The ranges sorted, with those at most {@code gap} bytes apart (or overlapping) joined into one. */
    static List<ByteRange> merge(List<ByteRange> ranges, long gap)
    {
        List<ByteRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparingLong(ByteRange::start));
        List<ByteRange> merged = new ArrayList<>();
        for (ByteRange range : sorted) {
            if (!merged.isEmpty() && range.start() - merged.getLast().end() <= gap) {
                ByteRange last = merged.removeLast();
                merged.add(new ByteRange(last.start(), Math.max(last.end(), range.end())));
            }
            else {
                merged.add(range);
            }
        }
        return merged;
    }
}
