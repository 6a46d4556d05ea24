package com.ptsl.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of a finished run's latencies; exact and small, so no histogram needed. */
record Percentiles(int count, long p50, long p99, long max) {

    static Percentiles of(Collection<Long> samples) {
        if (samples.isEmpty()) {
            return new Percentiles(0, 0, 0, 0);
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return new Percentiles(sorted.size(), rank(sorted, 50), rank(sorted, 99), sorted.get(sorted.size() - 1));
    }

    private static long rank(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    String format() {
        return count == 0 ? "n/a" : "p50 " + p50 + " ms, p99 " + p99 + " ms, max " + max + " ms (" + count + " payments)";
    }
}
