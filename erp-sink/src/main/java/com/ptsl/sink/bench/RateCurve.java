package com.ptsl.sink.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples of (time, commands applied so far) from one run, and the rates they give: overall, and over the first and the
 * last fifth of the commands, whose ratio shows whether applying gets slower as the day's batch grows. The sink counts
 * APPLIED commands at each SQL commit, so the count rises in steps of one poll batch, and the commands of a step were
 * worked on over the time since the previous one: the moment a count was reached is interpolated between the two
 * commits around it (each seen within one sampling interval).
 */
final class RateCurve {

    private final long startNanos;
    private final List<long[]> samples = new ArrayList<>();

    RateCurve(long startNanos) {
        this.startNanos = startNanos;
        samples.add(new long[] {startNanos, 0});
    }

    void sample(long nanos, long count) {
        if (count > count()) {
            samples.add(new long[] {nanos, count});
        }
    }

    long count() {
        return samples.get(samples.size() - 1)[1];
    }

    /** Seconds from the start until {@code target} commands were applied (interpolated); NaN if never. */
    double secondsUntil(long target) {
        if (target <= 0) {
            return 0;
        }
        for (int i = 1; i < samples.size(); i++) {
            long[] s = samples.get(i);
            if (s[1] >= target) {
                long[] p = samples.get(i - 1);
                double at = p[0] + (double) (s[0] - p[0]) * (target - p[1]) / (s[1] - p[1]);
                return (at - startNanos) / 1e9;
            }
        }
        return Double.NaN;
    }

    /** Commands per second between the moments {@code from} and {@code to} commands were applied. */
    double rate(long from, long to) {
        double seconds = secondsUntil(to) - secondsUntil(from);
        return seconds > 0 ? (to - from) / seconds : Double.NaN;
    }
}
