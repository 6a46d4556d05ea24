package com.ptsl.reconciler.model;

/**
 * The latest payments.review item of a transaction, when it is OPEN.
 *
 * @param postedOnAccountCents what the processor posted as unapplied cash because of the item, or {@link #NOTHING_POSTED}
 */
public record OpenReview(String reason, String custId, long postedOnAccountCents, long raisedAt) {

    public static final long NOTHING_POSTED = Long.MIN_VALUE;
}
