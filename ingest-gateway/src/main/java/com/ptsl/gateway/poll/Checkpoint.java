package com.ptsl.gateway.poll;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The poller's checkpoint: for each transaction id, the fingerprint of the last version of the record that the
 * broker acknowledged, and the merchant-local day the poller last saw that transaction in an export.
 *
 * <p>Why a map and not a timestamp: exports have no paging, no cursor and overlapping windows, and a record
 * changes in place (status Y → GB571), so "what did I already publish" is the only position there is. An entry
 * is written only after the acknowledgement, so the checkpoint never runs ahead of the topic; at worst it lags,
 * and the lag re-publishes records the stream processor dedupes on (transaction id, fingerprint).
 *
 * <p>Records without a transaction id (published to the invalid topic) are remembered by fingerprint alone, so a
 * bad record is reported once rather than on every poll.
 *
 * <p>An entry is pruned once its last-seen day is before the first day of the poll window: such a transaction has
 * left the window, so the export no longer returns it. Size is thus bounded by the transactions of about two
 * windows.
 */
public final class Checkpoint {

    /** What was last published for one transaction id. */
    public record Entry(String fingerprint, LocalDate lastSeen) {
    }

    private final Map<String, Entry> transactions = new ConcurrentHashMap<>();
    private final Map<String, LocalDate> invalidFingerprints = new ConcurrentHashMap<>();
    /** Set by every change, so an unchanged checkpoint is not rewritten on every poll. */
    private final AtomicBoolean changed = new AtomicBoolean();

    /** True if the record with this fingerprint is the one last acknowledged for {@code transactionId}. */
    public boolean isPublished(String transactionId, String fingerprint) {
        Entry entry = transactions.get(transactionId);
        return entry != null && entry.fingerprint().equals(fingerprint);
    }

    /** True if some version of {@code transactionId} was acknowledged (and not pruned since). */
    public boolean isKnown(String transactionId) {
        return transactions.containsKey(transactionId);
    }

    /** The broker acknowledged this version of the record: call only after the acknowledgement. */
    public void published(String transactionId, String fingerprint, LocalDate seenOn) {
        changed.set(true);
        transactions.merge(transactionId, new Entry(fingerprint, seenOn),
                (old, now) -> new Entry(now.fingerprint(), later(old.lastSeen(), now.lastSeen())));
    }

    /** The transaction was in an export again, unchanged: keeps its entry from being pruned. */
    public void seen(String transactionId, LocalDate seenOn) {
        transactions.computeIfPresent(transactionId, (id, old) -> {
            if (!seenOn.isAfter(old.lastSeen())) {
                return old;
            }
            changed.set(true);
            return new Entry(old.fingerprint(), seenOn);
        });
    }

    public boolean isInvalidPublished(String fingerprint) {
        return invalidFingerprints.containsKey(fingerprint);
    }

    public void invalidPublished(String fingerprint, LocalDate seenOn) {
        changed.set(true);
        invalidFingerprints.merge(fingerprint, seenOn, Checkpoint::later);
    }

    public void invalidSeen(String fingerprint, LocalDate seenOn) {
        invalidFingerprints.computeIfPresent(fingerprint, (fp, old) -> {
            if (!seenOn.isAfter(old)) {
                return old;
            }
            changed.set(true);
            return seenOn;
        });
    }

    /** Drops entries last seen before {@code firstDayOfWindow}; returns how many were dropped. */
    public int pruneBefore(LocalDate firstDayOfWindow) {
        int before = size();
        transactions.values().removeIf(entry -> entry.lastSeen().isBefore(firstDayOfWindow));
        invalidFingerprints.values().removeIf(day -> day.isBefore(firstDayOfWindow));
        int pruned = before - size();
        if (pruned > 0) {
            changed.set(true);
        }
        return pruned;
    }

    /** Forces the next {@link #takeChanged()} to answer true, e.g. after a failed save. */
    public void markChanged() {
        changed.set(true);
    }

    /** True if anything changed since the last call (or since creation); resets the flag. */
    public boolean takeChanged() {
        return changed.getAndSet(false);
    }

    public Optional<Entry> entry(String transactionId) {
        return Optional.ofNullable(transactions.get(transactionId));
    }

    /** A sorted snapshot of the transaction entries. */
    public Map<String, Entry> transactions() {
        return new TreeMap<>(transactions);
    }

    /** A sorted snapshot of the invalid-record fingerprints and their last-seen days. */
    public Map<String, LocalDate> invalidFingerprints() {
        return new TreeMap<>(invalidFingerprints);
    }

    /** All entries, transactions and invalid records. */
    public int size() {
        return transactions.size() + invalidFingerprints.size();
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
