package com.ptsl.processor;

import com.ptsl.processor.classify.TransactionKind;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Business counters of the stream processor, read by the launcher and the metrics endpoint.
 *
 * <p>They are updated from inside the processors, i.e. outside Kafka's transaction: when an
 * exactly-once task aborts and reprocesses records (a rebalance, a crashed thread), those records
 * are counted again. The counters are therefore "at least" figures for monitoring; the exact
 * truth is in the topics and the store.
 */
public final class ProcessorStats {

    private final AtomicLong recordsIn = new AtomicLong();
    private final AtomicLong invalid = new AtomicLong();
    private final AtomicLong duplicatesDropped = new AtomicLong();
    private final Map<TransactionKind, AtomicLong> byKind = new EnumMap<>(TransactionKind.class);
    private final AtomicLong commandsEmitted = new AtomicLong();
    private final AtomicLong alreadyPosted = new AtomicLong();
    private final AtomicLong reviewItems = new AtomicLong();
    private final AtomicLong dedupeEntriesExpired = new AtomicLong();

    public ProcessorStats() {
        for (TransactionKind kind : TransactionKind.values()) {
            byKind.put(kind, new AtomicLong());
        }
    }

    public void onRecordIn() {
        recordsIn.incrementAndGet();
    }

    public void onInvalid() {
        invalid.incrementAndGet();
    }

    public void onDuplicateDropped() {
        duplicatesDropped.incrementAndGet();
    }

    public void onClassified(TransactionKind kind) {
        byKind.get(kind).incrementAndGet();
    }

    public void onCommandEmitted() {
        commandsEmitted.incrementAndGet();
    }

    public void onAlreadyPosted() {
        alreadyPosted.incrementAndGet();
    }

    public void onReviewItem() {
        reviewItems.incrementAndGet();
    }

    public void onDedupeEntriesExpired(long n) {
        dedupeEntriesExpired.addAndGet(n);
    }

    /** Raw records read, valid or not. */
    public long recordsIn() {
        return recordsIn.get();
    }

    /** Records sent to the invalid topic. */
    public long invalidRecords() {
        return invalid.get();
    }

    /** Records dropped because the same transaction with the same content was seen before. */
    public long duplicatesDropped() {
        return duplicatesDropped.get();
    }

    /** Records classified as the given kind (after dedupe). */
    public long classifiedAs(TransactionKind kind) {
        return byKind.get(kind).get();
    }

    /** ERP commands written. */
    public long commandsEmitted() {
        return commandsEmitted.get();
    }

    /** Payable records whose payment had already been posted (e.g. a pending sale that settled). */
    public long alreadyPosted() {
        return alreadyPosted.get();
    }

    /** Review items written. */
    public long reviewItems() {
        return reviewItems.get();
    }

    /** Dedupe entries deleted by the retention sweep. */
    public long dedupeEntriesExpired() {
        return dedupeEntriesExpired.get();
    }

    @Override
    public String toString() {
        return "ProcessorStats{in=" + recordsIn + ", invalid=" + invalid + ", duplicates=" + duplicatesDropped
                + ", byKind=" + byKind + ", commands=" + commandsEmitted + ", alreadyPosted=" + alreadyPosted
                + ", review=" + reviewItems + ", expired=" + dedupeEntriesExpired + "}";
    }
}
