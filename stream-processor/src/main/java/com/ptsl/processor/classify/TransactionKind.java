package com.ptsl.processor.classify;

/** What a PayTrace record means for the books; {@link Classifier#RULES} says which records are which. */
public enum TransactionKind {
    /** Approved sale, pending settlement (SALE, status Y). */
    SALE_APPROVED,
    /** Sale in a settlement batch (SALE, status GB&lt;batch&gt;). */
    SALE_SETTLED,
    /** Authorization approved and not (yet) captured (AUTHORIZATION, N "Authorization Only"). */
    AUTHORIZED,
    /** Authorization never captured and now expired (AUTHORIZATION, N "Authorization Expired"). */
    AUTHORIZATION_EXPIRED,
    /** Captured authorization, pending settlement; the record's amount is the captured amount (AUTHORIZATION, Y). */
    CAPTURED,
    /** Captured authorization in a settlement batch (AUTHORIZATION, GB&lt;batch&gt;). */
    CAPTURE_SETTLED,
    /** Refund, pending settlement (REFUND, Y); its own transaction id. */
    REFUNDED,
    /** Refund in a settlement batch (REFUND, GB&lt;batch&gt;). */
    REFUND_SETTLED,
    /** A sale, capture, refund or authorization voided before settlement (N "Voided"). */
    VOIDED,
    /** Approved, then voided by PayTrace for a CSC mismatch (response 103; N "Voided" with csc_response "No Match"). */
    AUTO_VOIDED,
    /** Declined attempt: transaction_type DECLINED, or status N with a decline message. */
    DECLINED,
    /** Anything the rules do not recognise; counted, sent to review, never posted. */
    UNKNOWN;

    /** Kinds that carry money into the merchant's account: a PostPayment, when the post-on setting says so. */
    public boolean isPayment() {
        return this == SALE_APPROVED || this == SALE_SETTLED || this == CAPTURED || this == CAPTURE_SETTLED;
    }

    /** Kinds in a settlement batch. */
    public boolean isSettled() {
        return this == SALE_SETTLED || this == CAPTURE_SETTLED || this == REFUND_SETTLED;
    }

    public boolean isRefund() {
        return this == REFUNDED || this == REFUND_SETTLED;
    }

    public boolean isVoid() {
        return this == VOIDED || this == AUTO_VOIDED;
    }
}
