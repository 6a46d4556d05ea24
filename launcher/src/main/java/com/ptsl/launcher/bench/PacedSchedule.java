package com.ptsl.launcher.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * When each event of a fixed-rate run is due: event i at {@code start + i / rate} seconds, from {@link System#nanoTime},
 * so a late event never shifts the ones after it (the schedule is absolute, not "sleep an interval after each send").
 * Senders wait for an event's due time and send it then; how late they were is measured, not hidden.
 */
public final class PacedSchedule {

    private final long startNanos;
    private final double rate;
    private final int events;

    /**
     * @param rate    events per second, positive
     * @param seconds how long the run lasts; {@link #events()} = round(rate × seconds), at least 1
     */
    public PacedSchedule(long startNanos, double rate, double seconds) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("rate must be positive, was " + rate);
        }
        if (!(seconds > 0) || !Double.isFinite(seconds)) {
            throw new IllegalArgumentException("seconds must be positive, was " + seconds);
        }
        this.startNanos = startNanos;
        this.rate = rate;
        this.events = (int) Math.max(1, Math.round(rate * seconds));
    }

    public int events() {
        return events;
    }

    /** The nanoTime at which event {@code i} (from 0) is due. */
    public long dueNanos(int i) {
        if (i < 0 || i >= events) {
            throw new IndexOutOfBoundsException("event " + i + " of " + events);
        }
        // i × 1e9 is exact in a double (i < 2^53 / 1e9), so one rounding only: whole seconds land exactly on the second.
        return startNanos + (long) Math.floor(i * 1e9 / rate);
    }

    /**
     * The events sender {@code sender} of {@code senders} sends, in due order: i ≡ sender (mod senders), so every due time
     * has exactly one owner and consecutive events go to different senders (one slow send does not hold up the next).
     */
    public int[] ownedBy(int sender, int senders) {
        if (senders < 1 || sender < 0 || sender >= senders) {
            throw new IllegalArgumentException("sender " + sender + " of " + senders);
        }
        return java.util.stream.IntStream.iterate(sender, i -> i < events, i -> i + senders).toArray();
    }

    /** Parks the calling thread until {@code dueNanos}; returns at once when it is past. Interrupts end the wait early. */
    public static void awaitDue(long dueNanos) {
        long wait;
        while ((wait = dueNanos - System.nanoTime()) > 0 && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(wait); // pacing to an absolute schedule, not waiting for a result
        }
    }

    /** Events per second actually achieved: events sent between the first due time and the last send. */
    public static double achievedRate(int sent, long firstDueNanos, long lastSentNanos) {
        if (sent <= 1 || lastSentNanos <= firstDueNanos) {
            return sent;
        }
        // n events span n-1 intervals.
        return (sent - 1) * 1e9 / (lastSentNanos - firstDueNanos);
    }
}
