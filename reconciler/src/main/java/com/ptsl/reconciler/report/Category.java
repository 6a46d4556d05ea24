package com.ptsl.reconciler.report;

/**
 * What a line of the report says about one PayTrace transaction (or one settlement batch). Every transaction of the
 * window is in exactly one category; the order here is the order of the report's tables.
 */
public enum Category {
    /** SL holds what PayTrace says, to the cent, for the right customer and invoices. */
    MATCHED(false, "Matched"),
    /** Not posted (or posted on account) because a person has it on the review queue; explained, not a variance. */
    OPEN_REVIEW(false, "Open review items"),
    /** PayTrace approved it (net cash ≠ 0) but SL has no document for it. */
    MISSING_IN_SL(true, "Approved in PayTrace, missing in SL"),
    /** An integration document in SL for a transaction PayTrace never reported. */
    UNKNOWN_TO_PAYTRACE(true, "In SL, unknown to PayTrace"),
    /** SL has it, but the amount, the customer or the invoices differ from what was posted. */
    DIFFERS(true, "Amount, customer or invoice differs"),
    /** More than one SL payment document for one PayTrace transaction. */
    POSTED_TWICE(true, "Posted twice"),
    /** A settlement batch whose net differs from what SL holds for its transactions, or that SL has not recorded. */
    DEPOSIT_MISMATCH(true, "Settlement batch ≠ SL deposit"),
    /** A command SL refused, waiting in the dead-letter queue. */
    OPEN_DLQ(true, "Dead-letter queue");

    private final boolean variance;
    private final String title;

    Category(boolean variance, String title) {
        this.variance = variance;
        this.title = title;
    }

    /** Whether a line in this category makes the run exit 1. */
    public boolean variance() {
        return variance;
    }

    /** The heading of this category's table in the HTML report. */
    public String title() {
        return title;
    }
}
