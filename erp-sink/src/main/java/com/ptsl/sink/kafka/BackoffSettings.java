package com.ptsl.sink.kafka;

import java.time.Duration;

/** How a failed poll batch is retried: the first wait, doubled on each failure up to the cap (SINK_RETRY_*). */
public record BackoffSettings(Duration initial, Duration cap) {

    public static final BackoffSettings STANDARD = new BackoffSettings(Duration.ofMillis(200), Duration.ofSeconds(30));

    public BackoffSettings {
        if (initial == null || cap == null || initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= cap, got " + initial + " and " + cap);
        }
    }

    public Backoff newBackoff() {
        return new Backoff(initial, cap);
    }

    @Override
    public String toString() {
        return initial.toMillis() + "..." + cap.toMillis() + " ms";
    }
}
