package com.ptsl.sink.posting;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the sink remembers of SL from one committed transaction to the next, so that the cost of a poll batch does not
 * grow with the day: the open payment batches' document totals and next BatSeq (else Σ OrigDocAmt and MAX(BatSeq) over
 * every document of the batch, each transaction), and the invoices' pending applications (else Σ of every unreleased
 * 'U' line pointing at each invoice paid).
 *
 * <p>A remembered value is used only while it can be trusted:
 * <ul>
 *   <li>it was written by a transaction that committed ({@link PaymentBatch#committed}); any rollback, fence or
 *       failure, any change of partition ownership (another instance may have written for those customers) and any
 *       command applied the one-by-one way ({@link #forget}) drops everything;</li>
 *   <li>the row it depends on is unchanged: the Batch row's version (SL's screens and release update it whenever they
 *       change a batch's documents), the invoice row's version (release changes DocBal and deletes the lines);</li>
 *   <li>a remembered next BatSeq is also checked against the batch's documents by one index seek every transaction;</li>
 *   <li>it was read from SL (summed) less than {@code rereadAfter} ago: what changes without touching those rows (a
 *       line an SL user keys against an invoice the sink is paying in the same minutes) is seen within that time.</li>
 * </ul>
 * Besides, the pending amounts are trusted only while nobody else wrote ARTran lines since the last commit
 * ({@link LineMark}: one index seek on RecordID per transaction); SL does not touch the invoice row when a line is keyed.
 * Single-threaded: the consumer thread's.
 */
final class PostingMemory {

    /** One open batch of the integration's, as identified by {@link DepositBatches}. */
    record BatchKey(CashAccount cash, LocalDate date, String perPost) {
    }

    /** An invoice as the lines point at it (ARTran SiteId/CostType, CustId). */
    record InvoiceKey(String custId, String docType, String refNbr) {
    }

    /**
     * A batch after a commit: its number and row version then, the BatSeq the next document takes, its document totals,
     * and when they were last summed from SL.
     */
    record BatchState(String batNbr, long version, int nextBatSeq, DepositBatches.Totals totals, long summedAtNanos) {
    }

    /** An invoice's pending 'U' lines after a commit, the invoice row's version then, and when they were last summed. */
    record PendingState(long invoiceVersion, BigDecimal pending, long summedAtNanos) {
    }

    /**
     * Where ARTran stood for the last committed transaction: the highest RecordID (IDENTITY, so rising) committed when it
     * began, and how many lines it wrote itself. Any other count of lines above that mark means someone else wrote ARTran
     * lines since (an SL user keying a payment application, another sink instance): the invoices' pending amounts are then
     * summed again.
     */
    record LineMark(long recordId, long ownLines) {
    }

    private final long rereadAfterNanos;
    private final Map<BatchKey, BatchState> batches = new HashMap<>();
    private final Map<InvoiceKey, PendingState> pending = new HashMap<>();
    private LineMark lineMark;

    PostingMemory(Duration rereadAfter) {
        this.rereadAfterNanos = rereadAfter.toNanos();
    }

    /** The batch as remembered, if it is the one found now, unchanged since, and summed recently enough. */
    Optional<BatchState> batch(BatchKey key, String batNbr, long version, long nowNanos) {
        BatchState s = batches.get(key);
        return s != null && s.batNbr().equals(batNbr) && s.version() == version && fresh(s.summedAtNanos(), nowNanos)
                ? Optional.of(s) : Optional.empty();
    }

    /** The invoice's pending applications as remembered, if its row is unchanged since and they were summed recently enough. */
    Optional<PendingState> pending(InvoiceKey key, long invoiceVersion, long nowNanos) {
        PendingState s = pending.get(key);
        return s != null && s.invoiceVersion() == invoiceVersion && fresh(s.summedAtNanos(), nowNanos) ? Optional.of(s) : Optional.empty();
    }

    /**
     * After a commit: what that transaction knew, replacing what was remembered for the same batches and invoices, and
     * where ARTran stood for it ({@code mark}; null: unknown, so the pending amounts cannot be trusted next time).
     */
    void remember(Map<BatchKey, BatchState> committedBatches, Map<InvoiceKey, PendingState> committedPending, LineMark mark) {
        lineMark = mark;
        remember(committedBatches, committedPending);
    }

    /** After a commit that wrote no ARTran line of its own: the line mark stays what it was. */
    void remember(Map<BatchKey, BatchState> committedBatches, Map<InvoiceKey, PendingState> committedPending) {
        batches.putAll(committedBatches);
        pending.putAll(committedPending);
        // Entries too old to be used again are dropped, so the memory stays the size of what is being paid now.
        long now = System.nanoTime();
        batches.values().removeIf(s -> !fresh(s.summedAtNanos(), now));
        pending.values().removeIf(s -> !fresh(s.summedAtNanos(), now));
    }

    /** The line mark of the last committed transaction, or null. */
    LineMark lineMark() {
        return lineMark;
    }

    /** The pending amounts are summed from SL again (someone else wrote lines). */
    void forgetPending() {
        pending.clear();
    }

    /** Everything is read from SL again. */
    void forget() {
        batches.clear();
        pending.clear();
        lineMark = null;
    }

    boolean fresh(long summedAtNanos, long nowNanos) {
        return nowNanos - summedAtNanos < rereadAfterNanos;
    }
}
