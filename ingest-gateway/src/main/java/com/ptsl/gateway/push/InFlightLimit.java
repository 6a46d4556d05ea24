package com.ptsl.gateway.push;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Admission of push requests: at most {@code max} at once, counted from receipt to answer (waiting for Kafka
 * included). Over the bound a request is refused at once (503) rather than queued, so memory stays bounded by
 * about max × (body limit + its records) however many senders push.
 */
public final class InFlightLimit {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    public InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        this.max = max;
    }

    /** Takes a place; false when {@code max} requests are in flight already. */
    public boolean tryEnter() {
        while (true) {
            int now = inFlight.get();
            if (now >= max) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives a place back; once per successful {@link #tryEnter()}. */
    public void exit() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int max() {
        return max;
    }
}
