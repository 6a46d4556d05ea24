package com.ptsl.reconciler.model;

/**
 * PayTrace's final state of a transaction, in the words of the report ({@code Line.kind}). The reconciler decides it
 * itself from the record ({@code log.ExpectedCash}), independently of the stream processor's classifier, so that the
 * report is a second opinion rather than a copy of the first.
 */
public enum PayTraceKind {
    /** An approved sale, pending settlement or settled: cash in. */
    SALE,
    /** A captured authorization (the record's amount is what was captured): cash in. */
    CAPTURE,
    /** An authorization never captured (still "Authorization Only"): no cash. */
    AUTHORIZATION,
    /** An authorization that expired uncaptured: no cash. */
    AUTHORIZATION_EXPIRED,
    /** Voided before settlement: no cash. */
    VOID,
    /** Approved, then voided by PayTrace for an AVS/CSC mismatch (response 103): no cash. */
    AUTO_VOID,
    /** Declined: no cash. */
    DECLINE,
    /** An approved refund: cash out. */
    REFUND,
    /** A record the reconciler cannot read as any of the above: no cash expected. */
    UNKNOWN;

    /** Whether PayTrace's final state moves money (so SL must hold a document for it). */
    public boolean movesCash() {
        return this == SALE || this == CAPTURE || this == REFUND;
    }
}
