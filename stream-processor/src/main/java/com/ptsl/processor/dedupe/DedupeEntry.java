package com.ptsl.processor.dedupe;

import java.util.Objects;

/**
 * What the processor remembers about one PayTrace transaction.
 *
 * @param fingerprint    content fingerprint of the last version seen; the same again is a duplicate
 * @param lastSeenMs     wall-clock time the transaction was last seen (duplicates included); drives expiry
 * @param paymentPosted  whether a PostPayment command was already emitted, so a pending sale that
 *                       later settles (new fingerprint) is not posted twice
 */
public record DedupeEntry(String fingerprint, long lastSeenMs, boolean paymentPosted) {

    public DedupeEntry {
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    public static DedupeEntry firstSeen(String fingerprint, long nowMs) {
        return new DedupeEntry(fingerprint, nowMs, false);
    }

    public DedupeEntry seenAgain(long nowMs) {
        return new DedupeEntry(fingerprint, nowMs, paymentPosted);
    }

    public DedupeEntry changedTo(String newFingerprint, long nowMs) {
        return new DedupeEntry(newFingerprint, nowMs, paymentPosted);
    }

    public DedupeEntry withPaymentPosted() {
        return new DedupeEntry(fingerprint, lastSeenMs, true);
    }

    public boolean expiredAt(long nowMs, long retentionMs) {
        return nowMs - lastSeenMs > retentionMs;
    }
}
