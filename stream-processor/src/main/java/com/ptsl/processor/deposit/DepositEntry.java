package com.ptsl.processor.deposit;

/**
 * What the deposit stage remembers of one settlement batch (store {@link DepositStore#NAME}, key batch number).
 *
 * @param latest             the latest version of the batch seen
 * @param emittedFingerprint the fingerprint of the version whose CloseDeposit was sent; null while none was
 * @param firstSeenMs        wall time the batch number was first seen
 * @param pendingSinceMs     wall time the first version not sent yet was seen, -1 when nothing waits: the deposit
 *                           delay counts from here, so a correction waits its own delay (its transactions may have
 *                           just reached the matcher) and corrections in quick succession do not hold it back forever
 * @param emittedAtMs        wall time the last CloseDeposit was sent, -1 before
 */
public record DepositEntry(DepositFacts latest, String emittedFingerprint, long firstSeenMs, long pendingSinceMs, long emittedAtMs) {

    static final long NONE = -1;

    /** How a record changed what is remembered. */
    enum Change {
        /** A version not sent yet: it waits for the delay (new batch, or a correction). */
        WAITING,
        /** The version already sent, or the one already waiting: nothing to do. */
        UNCHANGED
    }

    /** The entry after {@code facts} arrived, and whether that changed anything. */
    record Next(DepositEntry entry, Change change) {
    }

    static DepositEntry firstSeen(DepositFacts facts, long now) {
        return new DepositEntry(facts, null, now, now, NONE);
    }

    /**
     * @param known null for a batch number not seen before
     * @return the entry to store ({@code entry} is {@code known} itself when nothing changed)
     */
    static Next next(DepositEntry known, DepositFacts facts, long now) {
        if (known == null) {
            return new Next(firstSeen(facts, now), Change.WAITING);
        }
        String fingerprint = facts.fingerprint();
        if (fingerprint.equals(known.emittedFingerprint())) {
            // Sent already. If another version was waiting, PayTrace went back to this one: nothing to send any more.
            return known.waiting()
                    ? new Next(new DepositEntry(facts, known.emittedFingerprint(), known.firstSeenMs(), NONE, known.emittedAtMs()), Change.UNCHANGED)
                    : new Next(known, Change.UNCHANGED);
        }
        if (known.waiting() && fingerprint.equals(known.latest().fingerprint())) {
            return new Next(known, Change.UNCHANGED);
        }
        long since = known.waiting() ? known.pendingSinceMs() : now;
        return new Next(new DepositEntry(facts, known.emittedFingerprint(), known.firstSeenMs(), since, known.emittedAtMs()), Change.WAITING);
    }

    /** A version waits to be sent (named without "is"/"get" so the store's JSON does not carry it). */
    boolean waiting() {
        return pendingSinceMs >= 0;
    }

    boolean dueAt(long now, long delayMs) {
        return waiting() && now - pendingSinceMs >= delayMs;
    }

    /** The latest version was sent at {@code now}. */
    DepositEntry emitted(long now) {
        return new DepositEntry(latest, latest.fingerprint(), firstSeenMs, NONE, now);
    }
}
