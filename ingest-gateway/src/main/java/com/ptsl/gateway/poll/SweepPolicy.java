package com.ptsl.gateway.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides whether a poll runs the full window export ({@code export/by_date_range}, the "sweep"). PayTrace's export
 * has day granularity and no paging, so a sweep reads the whole window, and its cost grows with the day. While push
 * is healthy (a signed push or a confirmed Silent Post was accepted within {@code pushHealthyFor}) the records
 * arrive that way and the sweep is only the completeness backstop: it then runs at most every
 * {@code sweepInterval}, and no sooner than the records-read budget allows (after a sweep that read R records the
 * next waits at least R / budget minutes), so records read per minute stay under the budget whatever the day's
 * volume. Without healthy push every poll sweeps, as the poller always did. Follow-ups by id and the batch export
 * are not governed here: they run on every poll.
 *
 * <p>Thread-safe.
 */
public final class SweepPolicy {

    private final Supplier<Optional<Instant>> lastPushAccepted;
    private final Duration pushHealthyFor;
    private final Duration sweepInterval;
    private final long readBudgetPerMinute;
    private Instant nextSweepAt; // guarded by this; null: no sweep yet, so one is due

    /**
     * @param lastPushAccepted    when push last delivered a record (signed push answered 202, Silent Post confirmed
     *                            and published), empty if never
     * @param pushHealthyFor      push counts as healthy this long after the last accepted record
     * @param sweepInterval       least time between two sweeps while push is healthy
     * @param readBudgetPerMinute records a sweep may read per minute on average while push is healthy, at least 1
     */
    public SweepPolicy(Supplier<Optional<Instant>> lastPushAccepted, Duration pushHealthyFor, Duration sweepInterval,
                       long readBudgetPerMinute) {
        this.lastPushAccepted = Objects.requireNonNull(lastPushAccepted, "lastPushAccepted");
        this.pushHealthyFor = Objects.requireNonNull(pushHealthyFor, "pushHealthyFor");
        this.sweepInterval = Objects.requireNonNull(sweepInterval, "sweepInterval");
        if (readBudgetPerMinute < 1) {
            throw new IllegalArgumentException("readBudgetPerMinute must be at least 1, was " + readBudgetPerMinute);
        }
        this.readBudgetPerMinute = readBudgetPerMinute;
    }

    /** Push never counts as healthy: every poll sweeps (the gateway without push receivers). */
    public static SweepPolicy everyPoll() {
        return new SweepPolicy(Optional::empty, Duration.ZERO, Duration.ZERO, Long.MAX_VALUE);
    }

    /** A push or confirmed Silent Post was accepted within the health window before {@code now}. */
    public boolean pushHealthy(Instant now) {
        Optional<Instant> last = lastPushAccepted.get();
        return last.isPresent() && !now.isAfter(last.get().plus(pushHealthyFor));
    }

    /** Whether a poll starting at {@code now} should sweep. */
    public synchronized boolean due(Instant now) {
        return nextSweepAt == null || !pushHealthy(now) || !now.isBefore(nextSweepAt);
    }

    /** A sweep that started at {@code startedAt} read {@code recordsRead} records. */
    public synchronized void swept(Instant startedAt, int recordsRead) {
        // Rounded up, so a budget below one record per millisecond still spaces sweeps out.
        long readMillis = Math.max(0, recordsRead) * 60_000L;
        long budgetMillis = readMillis / readBudgetPerMinute + (readMillis % readBudgetPerMinute == 0 ? 0 : 1);
        Duration wait = Duration.ofMillis(budgetMillis);
        nextSweepAt = startedAt.plus(wait.compareTo(sweepInterval) > 0 ? wait : sweepInterval);
    }

    /** When the next sweep is due while push stays healthy; empty before the first sweep. */
    public synchronized Optional<Instant> nextSweepAt() {
        return Optional.ofNullable(nextSweepAt);
    }

    @Override
    public String toString() {
        return "SweepPolicy[pushHealthyFor=" + pushHealthyFor + ", sweepInterval=" + sweepInterval
                + ", readBudgetPerMinute=" + readBudgetPerMinute + "]";
    }
}
