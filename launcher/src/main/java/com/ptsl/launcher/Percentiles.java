package com.ptsl.launcher;

import java.util.Arrays;
import java.util.Collection;

/**
 * Nearest-rank percentiles of a finished run's latencies, exact and small, so no histogram is needed: the p-th
 * percentile is the smallest sample with at least p % of all samples at or below it. Used by the run summary and by
 * {@code ptsl bench} (which needs p99.9 of thousands of events).
 */
public record Percentiles(int count, long p50, long p99, long p999, long max) {

    public static Percentiles of(Collection<Long> samples) {
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 99), rank(sorted, 99.9), sorted[sorted.length - 1]);
    }

    /** Index ceil(p/100 × n) − 1 of the sorted samples; computed in thousandths so 99.9 % of 1000 is rank 999. */
    static long rank(long[] sorted, double percentile) {
        long perMille = Math.round(percentile * 10);
        long rank = (perMille * sorted.length + 999) / 1000; // ceil(perMille × n / 1000), in integers
        int index = (int) Math.max(0, rank - 1);
        return sorted[Math.min(index, sorted.length - 1)];
    }

    String format() {
        return count == 0 ? "n/a" : "p50 " + p50 + " ms, p99 " + p99 + " ms, max " + max + " ms (" + count + " payments)";
    }
}
