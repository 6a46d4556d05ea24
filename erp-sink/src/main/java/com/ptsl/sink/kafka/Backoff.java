package com.ptsl.sink.kafka;

import java.time.Duration;

/** Exponential backoff: the initial wait doubling on each failure up to a cap (the sink loop's comes from {@link BackoffSettings}). */
public final class Backoff {

    private final long initialMillis;
    private final long capMillis;
    private int failures;

    public Backoff(Duration initial, Duration cap) {
        this.initialMillis = initial.toMillis();
        this.capMillis = cap.toMillis();
    }

    /** The wait before the next attempt; each call doubles it until the cap. */
    public Duration next() {
        long delay = initialMillis << Math.min(failures, 20);
        failures++;
        return Duration.ofMillis(Math.min(delay, capMillis));
    }

    public void reset() {
        failures = 0;
    }

    public int failures() {
        return failures;
    }
}
