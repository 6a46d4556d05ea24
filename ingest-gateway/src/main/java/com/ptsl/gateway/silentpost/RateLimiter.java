package com.ptsl.gateway.silentpost;

/**
 * At most {@code perSecond} permits a second, evenly spaced (no burst): the Silent Post confirmations' share of
 * PayTrace's capacity, whatever a flood of posts (genuine or forged) asks for.
 *
 * <p>Thread-safe.
 */
public final class RateLimiter {

    private final long intervalNanos;
    private long nextFreeNanos = Long.MIN_VALUE; // guarded by this

    public RateLimiter(int perSecond) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1, was " + perSecond);
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
    }

    /** Waits until the next permit is due, then takes it. */
    public void acquire() throws InterruptedException {
        long waitNanos = reserve(System.nanoTime());
        if (waitNanos > 0) {
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
    }

    /** Takes the next permit; returns how long from {@code now} until it is due. */
    synchronized long reserve(long now) {
        long slot = nextFreeNanos == Long.MIN_VALUE || nextFreeNanos - now < 0 ? now : nextFreeNanos;
        nextFreeNanos = slot + intervalNanos;
        return slot - now;
    }
}
