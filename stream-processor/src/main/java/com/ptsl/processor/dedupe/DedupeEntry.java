package com.ptsl.processor.dedupe;

import java.util.Objects;

/**
 * What the processor remembers about one PayTrace transaction, in the task that owns its id.
 *
 * @param fingerprint    content fingerprint of the last version seen; the same again is a duplicate
 * @param lastSeenMs     wall-clock time the transaction was last seen (duplicates included); drives expiry
 * @param paymentPosted  whether the transaction was routed to its customer's matcher (or closed by a person),
 *                       so a pending sale that later settles (new fingerprint) is not posted twice
 * @param custId         the SL customer it was routed to, "" when none (not routed, ignored, or an entry written
 *                       before issue 7): a void or a refund of the transaction goes to that customer's matcher
 * @param voided         PayTrace voided it (or auto-voided it): a late copy of an older version posts nothing
 */
public record DedupeEntry(String fingerprint, long lastSeenMs, boolean paymentPosted, String custId, boolean voided) {

    public DedupeEntry {
        Objects.requireNonNull(fingerprint, "fingerprint");
        custId = custId == null ? "" : custId;
    }

    /** An entry as it was before issue 7: no customer remembered, not voided. */
    public DedupeEntry(String fingerprint, long lastSeenMs, boolean paymentPosted) {
        this(fingerprint, lastSeenMs, paymentPosted, "", false);
    }

    public static DedupeEntry firstSeen(String fingerprint, long nowMs) {
        return new DedupeEntry(fingerprint, nowMs, false);
    }

    public DedupeEntry seenAgain(long nowMs) {
        return new DedupeEntry(fingerprint, nowMs, paymentPosted, custId, voided);
    }

    public DedupeEntry changedTo(String newFingerprint, long nowMs) {
        return new DedupeEntry(newFingerprint, nowMs, paymentPosted, custId, voided);
    }

    /** Closed without a customer (a person ignored it). */
    public DedupeEntry withPaymentPosted() {
        return new DedupeEntry(fingerprint, lastSeenMs, true, custId, voided);
    }

    /** Routed to {@code customer}'s matcher. */
    public DedupeEntry withRoutedTo(String customer) {
        return new DedupeEntry(fingerprint, lastSeenMs, true, customer, voided);
    }

    public DedupeEntry withVoided() {
        return new DedupeEntry(fingerprint, lastSeenMs, paymentPosted, custId, true);
    }

    /** Routed to a customer this entry names. */
    public boolean routed() {
        return paymentPosted && !custId.isEmpty();
    }

    public boolean expiredAt(long nowMs, long retentionMs) {
        return nowMs - lastSeenMs > retentionMs;
    }
}
