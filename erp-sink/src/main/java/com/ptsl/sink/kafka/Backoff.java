package com.ptsl.sink.kafka;

import java.time.Duration;

/** Exponential backoff for retrying a failed poll batch: 200 ms doubling up to a 30 s cap. */
public final class Backoff {

    private final long initialMillis;
    private final long capMillis;
    private int failures;

    public Backoff(Duration initial, Duration cap) {
        this.initialMillis = initial.toMillis();
        this.capMillis = cap.toMillis();
    }

    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));
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
