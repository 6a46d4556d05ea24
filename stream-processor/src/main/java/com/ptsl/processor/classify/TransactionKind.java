package com.ptsl.processor.classify;

/** What a PayTrace record means for the books. */
public enum TransactionKind {
    /** Approved sale, pending settlement (status Y). */
    SALE_APPROVED,
    /** Sale in a settlement batch (status GB&lt;batch&gt;). */
    SALE_SETTLED,
    /** Declined attempt: transaction_type DECLINED, or status N with a decline message. */
    DECLINED,
    /** Voided, including approvals auto-voided for an AVS/CSC mismatch (response 103). */
    VOIDED,
    /** Authorization not (yet) captured. */
    AUTHORIZED,
    /** Captured authorization, pending or settled. */
    CAPTURED,
    /** Refund, pending or settled. */
    REFUNDED,
    /** Anything the rules do not recognise; counted, never posted. */
    UNKNOWN;

    /** Kinds that post a payment in this version; later kinds (capture, refund, void) get their own commands. */
    public boolean postsPayment() {
        return this == SALE_APPROVED || this == SALE_SETTLED;
    }
}
