package com.ptsl.sink.ledger;

/**
 * The ErpResult.event values the sink writes for what it did not post: a rejection and a duplicate. What a posting
 * did (POSTED, CASH_APPLIED, REMOVED_FROM_BATCH, REVERSED, REFUNDED) is the posting's own {@code PostingEvent}.
 */
public final class ResultEvents {

    public static final String REJECTED = "REJECTED";
    public static final String DUPLICATE = "DUPLICATE";

    private ResultEvents() {
    }
}
