package com.ptsl.processor.command;

/**
 * The outcomes the processor itself reports on erp.results (status NOT_POSTED): what PayTrace did that posts
 * nothing in SL. A closed list, so it is also a bounded meter label.
 */
public enum StatusEvent {
    /** Declined by the card processor (type DECLINED, or status N with a decline text). */
    DECLINED,
    /** An authorization approved and not captured: nothing to post until it is. */
    AUTHORIZED,
    /** Approved, then voided by PayTrace for a CSC mismatch (103), before anything was posted. */
    AUTO_VOIDED,
    /** Voided (or an authorization expired) before anything was posted: there is nothing to undo. */
    VOIDED_UNPOSTED,
    /** A record no classifier row explains; also sent to review. */
    UNKNOWN
}
