package com.ptsl.gateway;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counters of the ingest gateway, read by the launcher and monitoring. Monotonic since the service started.
 * "Published" and "pans scrubbed" count only records the broker acknowledged, so a record re-polled every second
 * but unchanged is counted once.
 */
public final class GatewayStats {

    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong recordsSeen = new AtomicLong();
    private final AtomicLong recordsPublished = new AtomicLong();
    private final AtomicLong unchangedSkipped = new AtomicLong();
    private final AtomicLong pansScrubbed = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong pollErrors = new AtomicLong();
    private final AtomicReference<Instant> lastSuccessfulPoll = new AtomicReference<>();

    /** Poll attempts, successful or not. */
    public long polls() {
        return polls.get();
    }

    /** Records returned by PayTrace exports, counting every time a record is seen again. */
    public long recordsSeen() {
        return recordsSeen.get();
    }

    /** Records acknowledged by the broker on the raw topic. */
    public long recordsPublished() {
        return recordsPublished.get();
    }

    /** Records not published because the checkpoint already holds their fingerprint. */
    public long unchangedSkipped() {
        return unchangedSkipped.get();
    }

    /** Card numbers masked in acknowledged records (raw and invalid). */
    public long pansScrubbed() {
        return pansScrubbed.get();
    }

    /** Records acknowledged on the invalid topic (e.g. no transaction_id). */
    public long invalid() {
        return invalid.get();
    }

    /** Polls that failed (PayTrace unavailable or refusing, Kafka not acknowledging, checkpoint not saved). */
    public long pollErrors() {
        return pollErrors.get();
    }

    public Optional<Instant> lastSuccessfulPoll() {
        return Optional.ofNullable(lastSuccessfulPoll.get());
    }

    public void pollStarted() {
        polls.incrementAndGet();
    }

    public void recordSeen() {
        recordsSeen.incrementAndGet();
    }

    public void recordPublished(int pans) {
        recordsPublished.incrementAndGet();
        pansScrubbed.addAndGet(pans);
    }

    public void recordUnchanged() {
        unchangedSkipped.incrementAndGet();
    }

    public void invalidPublished(int pans) {
        invalid.incrementAndGet();
        pansScrubbed.addAndGet(pans);
    }

    public void pollFailed() {
        pollErrors.incrementAndGet();
    }

    public void pollSucceeded(Instant at) {
        lastSuccessfulPoll.set(at);
    }

    @Override
    public String toString() {
        return "GatewayStats[polls=" + polls + ", seen=" + recordsSeen + ", published=" + recordsPublished
                + ", unchanged=" + unchangedSkipped + ", pansScrubbed=" + pansScrubbed + ", invalid=" + invalid
                + ", pollErrors=" + pollErrors + ", lastSuccessfulPoll=" + lastSuccessfulPoll + "]";
    }
}
