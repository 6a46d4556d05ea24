package com.ptsl.gateway.silentpost;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Transaction ids waiting for a Silent Post confirmation, bounded and coalescing: an id already waiting or being
 * confirmed is not queued again (PayTrace may post twice, a page may be reloaded), so it costs one export/by_id
 * call. An id leaves the "pending" set only when its confirmation is {@link #done}.
 *
 * <p>Thread-safe.
 */
public final class ConfirmationQueue {

    /** What became of an offered id. */
    public enum Offer {
        QUEUED,
        /** Already waiting or being confirmed: nothing added. */
        COALESCED,
        /** The queue holds its capacity already: refused (503). */
        FULL
    }

    private final int capacity;
    private final ArrayDeque<Long> waiting = new ArrayDeque<>();
    private final Set<Long> pending = new HashSet<>();

    public ConfirmationQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public synchronized Offer offer(long transactionId) {
        if (pending.contains(transactionId)) {
            return Offer.COALESCED;
        }
        if (waiting.size() >= capacity) {
            return Offer.FULL;
        }
        waiting.addLast(transactionId);
        pending.add(transactionId);
        notifyAll();
        return Offer.QUEUED;
    }

    /** The next id to confirm, waiting at most {@code timeout}; it stays pending until {@link #done}. */
    public synchronized OptionalLong take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (waiting.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return OptionalLong.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return OptionalLong.of(waiting.removeFirst());
    }

    /** The id's confirmation finished (whatever the outcome): a later post of it is confirmed again. */
    public synchronized void done(long transactionId) {
        pending.remove(transactionId);
    }

    /** Ids waiting (not counting the one being confirmed). */
    public synchronized int waiting() {
        return waiting.size();
    }

    public int capacity() {
        return capacity;
    }
}
