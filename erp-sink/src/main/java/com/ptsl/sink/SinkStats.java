package com.ptsl.sink;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink's counters, read by the launcher's /health and /metrics. Command counters move only when
 * the SQL transaction that decided them committed, so a retried batch is not counted twice.
 */
public final class SinkStats {

    private final AtomicLong commandsIn = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong slDocumentsWritten = new AtomicLong();
    private final AtomicLong transientRetries = new AtomicLong();
    private final AtomicLong zombieFences = new AtomicLong();
    private final AtomicLong resultsPublished = new AtomicLong();
    private final AtomicLong resultPublishFailures = new AtomicLong();
    private final AtomicLong lastCommitEpochMillis = new AtomicLong();
    private final AtomicLong lastEndToEndLatencyMillis = new AtomicLong(-1);
    private final AtomicLong maxEndToEndLatencyMillis = new AtomicLong(-1);
    private final AtomicInteger assignedPartitions = new AtomicInteger();

    void committed(int in, int appliedCount, int duplicateCount, int rejectedCount, int documents, Instant at) {
        commandsIn.addAndGet(in);
        applied.addAndGet(appliedCount);
        duplicates.addAndGet(duplicateCount);
        rejected.addAndGet(rejectedCount);
        slDocumentsWritten.addAndGet(documents);
        lastCommitEpochMillis.set(at.toEpochMilli());
    }

    void endToEndLatency(long millis) {
        lastEndToEndLatencyMillis.set(millis);
        maxEndToEndLatencyMillis.accumulateAndGet(millis, Math::max);
    }

    void transientRetry() {
        transientRetries.incrementAndGet();
    }

    void zombieFence() {
        zombieFences.incrementAndGet();
    }

    void published(int count) {
        resultsPublished.addAndGet(count);
    }

    void publishFailed() {
        resultPublishFailures.incrementAndGet();
    }

    void assignedPartitions(int count) {
        assignedPartitions.set(count);
    }

    public long commandsIn() {
        return commandsIn.get();
    }

    public long applied() {
        return applied.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    public long rejected() {
        return rejected.get();
    }

    /** PA documents written to ARDoc (each with its 'U' lines). */
    public long slDocumentsWritten() {
        return slDocumentsWritten.get();
    }

    public long transientRetries() {
        return transientRetries.get();
    }

    /** Commits refused because another consumer had moved the stored offset (this instance was a zombie). */
    public long zombieFences() {
        return zombieFences.get();
    }

    public long resultsPublished() {
        return resultsPublished.get();
    }

    public long resultPublishFailures() {
        return resultPublishFailures.get();
    }

    /** Null before the first commit. */
    public Instant lastCommitTime() {
        long ms = lastCommitEpochMillis.get();
        return ms == 0 ? null : Instant.ofEpochMilli(ms);
    }

    /** From the gateway receiving the PayTrace record to the SL commit; -1 before the first command. */
    public long lastEndToEndLatencyMillis() {
        return lastEndToEndLatencyMillis.get();
    }

    public long maxEndToEndLatencyMillis() {
        return maxEndToEndLatencyMillis.get();
    }

    public int assignedPartitions() {
        return assignedPartitions.get();
    }

    @Override
    public String toString() {
        return "SinkStats{in=" + commandsIn() + ", applied=" + applied() + ", duplicates=" + duplicates() + ", rejected=" + rejected()
                + ", documents=" + slDocumentsWritten() + ", transientRetries=" + transientRetries() + ", zombieFences=" + zombieFences()
                + ", resultsPublished=" + resultsPublished() + ", partitions=" + assignedPartitions() + "}";
    }
}
