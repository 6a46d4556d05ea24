package com.ptsl.sink.posting;

/**
 * What SL's books now show because of a command, in the words of ErpResult v2's {@code event} field
 * (the name is the value written there).
 */
public enum PostingEvent {
    /** A PA document in an unreleased 08030 batch (PostPayment). */
    POSTED,
    /** More 'U' lines on an unreleased PA of ours (ApplyPayment). */
    CASH_APPLIED,
    /** An unreleased PA deleted from its batch, the batch re-totalled or voided (ReversePayment, or a full refund under REVERSE_PAYMENT). */
    REMOVED_FROM_BATCH,
    /** An NS reversal of a released PA in an 08240 batch (ReversePayment, or a full refund under REVERSE_PAYMENT). */
    REVERSED,
    /** Refund memos (DM, or CM + DM) in an 08010 batch (PostRefund). */
    REFUNDED,
    /** A PayTrace settlement batch recorded as a deposit (PTSL_Deposit); SL holds exactly what PayTrace settled (CloseDeposit). */
    DEPOSIT_MATCHED,
    /** A settlement batch recorded as a deposit whose total or transactions differ from what SL holds: a review item (CloseDeposit). */
    DEPOSIT_MISMATCH,
    /** Nothing written: the command was refused. */
    REJECTED
}
