package com.ptsl.gateway.poll;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The poller's checkpoint: for each transaction id, the fingerprint of the last version of the record that the
 * broker acknowledged, the merchant-local day the poller last saw that transaction in a window export, and whether
 * the record can still change ({@link TerminalStatus}); for each settlement batch, the fingerprints of its last
 * acknowledged summary.
 *
 * <p>Why a map and not a timestamp: exports have no paging, no cursor and overlapping windows, and a record
 * changes in place (status Y → GB571), so "what did I already publish" is the only position there is. A
 * fingerprint is written only after the acknowledgement, so the checkpoint never runs ahead of the topic; at worst
 * it lags, and the lag re-publishes records the stream processor dedupes on (transaction id, fingerprint).
 *
 * <p><b>Open transactions.</b> A transaction whose last record was not terminal stays "open": once it has left the
 * window, the poller re-reads it by id until a read shows it terminal. Open entries are kept past the window, but
 * bounded twice ({@link #giveUpOpen}): at most {@link #MAX_OPEN} open ids, and none longer than
 * {@link #MAX_FOLLOW_UP_DAYS} days after it left the window. Past a bound the oldest are given up: no longer
 * re-read, then pruned like any other entry. A later change of a given-up transaction is then not polled; its
 * settlement still reaches {@code paytrace.batches.raw} through the batch's transaction list.
 *
 * <p>Records without a transaction id (published to the invalid topic) are remembered by fingerprint alone, so a
 * bad record is reported once rather than on every poll.
 *
 * <p>Entries that are not open are pruned once their last-seen day is before the first day of the poll window:
 * the export no longer returns them. Size is thus bounded by the transactions and batches of about two windows
 * plus the open ids.
 */
public final class Checkpoint {

    /** At most this many open transactions are followed; beyond it the oldest are given up (see class comment). */
    public static final int MAX_OPEN = 10_000;
    /**
     * Days after leaving the window that an open transaction is still followed. Chosen above PayTrace's likely
     * authorization lifetime (the sandbox expires uncaptured authorizations after 7 days; card networks allow
     * about 30): a record still open after that is not going to change.
     */
    public static final int MAX_FOLLOW_UP_DAYS = 45;

    /** What was last published for one transaction id; {@code open} = not terminal, keep re-reading it. */
    public record Entry(String fingerprint, LocalDate lastSeen, boolean open) {
    }

    /**
     * What was last published for one settlement batch: the fingerprint of its summary (decides whether the batch
     * is read again) and the fingerprint of the published {@code RawSettlementBatch}.
     */
    public record BatchEntry(String summaryFingerprint, String fingerprint, LocalDate lastSeen) {
    }

    /** Oldest first: by last-seen day, then by id. The order in which open ids are given up. */
    private static final Comparator<Map.Entry<String, Entry>> OLDEST_FIRST =
            Comparator.<Map.Entry<String, Entry>, LocalDate>comparing(e -> e.getValue().lastSeen())
                    .thenComparing(Map.Entry::getKey, Ids.ASCENDING);

    private final Map<String, Entry> transactions = new ConcurrentHashMap<>();
    private final Map<String, LocalDate> invalidFingerprints = new ConcurrentHashMap<>();
    private final Map<String, BatchEntry> batches = new ConcurrentHashMap<>();
    /** Set by every change, so an unchanged checkpoint is not rewritten on every poll. */
    private final AtomicBoolean changed = new AtomicBoolean();

    // --- transactions ---------------------------------------------------------------------------------

    /** True if the record with this fingerprint is the one last acknowledged for {@code transactionId}. */
    public boolean isPublished(String transactionId, String fingerprint) {
        Entry entry = transactions.get(transactionId);
        return entry != null && entry.fingerprint().equals(fingerprint);
    }

    /** True if some version of {@code transactionId} was acknowledged (and not pruned since). */
    public boolean isKnown(String transactionId) {
        return transactions.containsKey(transactionId);
    }

    /**
     * The broker acknowledged this version of a record read in the window export: call only after the
     * acknowledgement. {@code open} = the record is not terminal.
     */
    public void published(String transactionId, String fingerprint, LocalDate seenOn, boolean open) {
        changed.set(true);
        transactions.merge(transactionId, new Entry(fingerprint, seenOn, open),
                (old, now) -> new Entry(now.fingerprint(), later(old.lastSeen(), now.lastSeen()), open));
    }

    /** The transaction was in a window export again, unchanged: keeps its entry from being pruned. */
    public void seen(String transactionId, LocalDate seenOn, boolean open) {
        transactions.computeIfPresent(transactionId, (id, old) -> {
            if (!seenOn.isAfter(old.lastSeen()) && old.open() == open) {
                return old;
            }
            changed.set(true);
            return new Entry(old.fingerprint(), later(old.lastSeen(), seenOn), open);
        });
    }

    /**
     * A re-read by id of a transaction outside the window: its record has this fingerprint (acknowledged, or
     * unchanged) and is open or not. Its last-seen day stays, since it was not in a window export.
     */
    public void followedUp(String transactionId, String fingerprint, boolean open) {
        transactions.computeIfPresent(transactionId, (id, old) -> {
            if (old.fingerprint().equals(fingerprint) && old.open() == open) {
                return old;
            }
            changed.set(true);
            return new Entry(fingerprint, old.lastSeen(), open);
        });
    }

    /** No longer re-read this transaction (PayTrace does not know it, or its id cannot be sent); it is then pruned. */
    public void stopFollowing(String transactionId) {
        transactions.computeIfPresent(transactionId, (id, old) -> {
            if (!old.open()) {
                return old;
            }
            changed.set(true);
            return new Entry(old.fingerprint(), old.lastSeen(), false);
        });
    }

    /** The open transaction ids, ascending. */
    public NavigableSet<String> openIds() {
        TreeSet<String> open = new TreeSet<>(Ids.ASCENDING);
        transactions.forEach((id, entry) -> {
            if (entry.open()) {
                open.add(id);
            }
        });
        return open;
    }

    public int openCount() {
        return (int) transactions.values().stream().filter(Entry::open).count();
    }

    /**
     * Applies the two bounds on open transactions: gives up (marks not open) those last seen in the window before
     * {@code firstDayOfWindow − maxDaysOutside}, then, while more than {@code maxOpen} are open, the oldest. Returns
     * the ids given up, oldest first; they are pruned by the next {@link #pruneBefore} once outside the window.
     */
    public List<String> giveUpOpen(LocalDate firstDayOfWindow, int maxOpen, int maxDaysOutside) {
        LocalDate followedSince = firstDayOfWindow.minusDays(maxDaysOutside);
        List<Map.Entry<String, Entry>> open = new ArrayList<>();
        transactions.entrySet().stream().filter(e -> e.getValue().open()).forEach(open::add);
        open.sort(OLDEST_FIRST);
        List<String> givenUp = new ArrayList<>();
        int remaining = open.size();
        for (Map.Entry<String, Entry> e : open) {
            boolean tooOld = e.getValue().lastSeen().isBefore(followedSince);
            if (!tooOld && remaining <= maxOpen) {
                break; // sorted oldest first: every later one is younger and within the count
            }
            stopFollowing(e.getKey());
            givenUp.add(e.getKey());
            remaining--;
        }
        return givenUp;
    }

    // --- invalid records --------------------------------------------------------------------------------

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

    // --- settlement batches -----------------------------------------------------------------------------

    /** True if the batch was published with a summary of this fingerprint. */
    public boolean isBatchPublished(String batchNumber, String summaryFingerprint) {
        BatchEntry entry = batches.get(batchNumber);
        return entry != null && entry.summaryFingerprint().equals(summaryFingerprint);
    }

    public boolean isBatchKnown(String batchNumber) {
        return batches.containsKey(batchNumber);
    }

    /** The broker acknowledged this version of the batch: call only after the acknowledgement. */
    public void batchPublished(String batchNumber, String summaryFingerprint, String fingerprint, LocalDate seenOn) {
        changed.set(true);
        batches.merge(batchNumber, new BatchEntry(summaryFingerprint, fingerprint, seenOn),
                (old, now) -> new BatchEntry(summaryFingerprint, fingerprint, later(old.lastSeen(), seenOn)));
    }

    /** The batch was in a batch export again, unchanged. */
    public void batchSeen(String batchNumber, LocalDate seenOn) {
        batches.computeIfPresent(batchNumber, (number, old) -> {
            if (!seenOn.isAfter(old.lastSeen())) {
                return old;
            }
            changed.set(true);
            return new BatchEntry(old.summaryFingerprint(), old.fingerprint(), seenOn);
        });
    }

    public Optional<BatchEntry> batch(String batchNumber) {
        return Optional.ofNullable(batches.get(batchNumber));
    }

    /** A sorted snapshot of the batch entries. */
    public Map<String, BatchEntry> batches() {
        TreeMap<String, BatchEntry> copy = new TreeMap<>(Ids.ASCENDING);
        copy.putAll(batches);
        return copy;
    }

    // --- all entries ----------------------------------------------------------------------------------

    /**
     * Drops entries last seen before {@code firstDayOfWindow}, except open transactions (see {@link #giveUpOpen});
     * returns how many were dropped.
     */
    public int pruneBefore(LocalDate firstDayOfWindow) {
        int before = size();
        transactions.values().removeIf(entry -> !entry.open() && entry.lastSeen().isBefore(firstDayOfWindow));
        invalidFingerprints.values().removeIf(day -> day.isBefore(firstDayOfWindow));
        batches.values().removeIf(entry -> entry.lastSeen().isBefore(firstDayOfWindow));
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
        TreeMap<String, Entry> copy = new TreeMap<>(Ids.ASCENDING);
        copy.putAll(transactions);
        return copy;
    }

    /** A sorted snapshot of the invalid-record fingerprints and their last-seen days. */
    public Map<String, LocalDate> invalidFingerprints() {
        return new TreeMap<>(invalidFingerprints);
    }

    /** All entries: transactions, invalid records and batches. */
    public int size() {
        return transactions.size() + invalidFingerprints.size() + batches.size();
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
