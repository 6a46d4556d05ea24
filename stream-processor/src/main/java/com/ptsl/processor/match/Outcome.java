package com.ptsl.processor.match;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ReviewItem;

/**
 * What the resolve and match stages emit: a payment routed to its customer's matcher (keyed CustId), a
 * command for SL (keyed CustId), a review item (keyed transaction id) or a status event for erp.results
 * (keyed by its commandId).
 */
public sealed interface Outcome {

    record Route(MatchInput input) implements Outcome {
    }

    record Command(ErpCommand command) implements Outcome {
    }

    record Review(ReviewItem item) implements Outcome {
    }

    /** Something PayTrace did that posts nothing in SL (a void before posting), told to other systems. */
    record Status(ErpResult result) implements Outcome {
    }

    default boolean isReview() {
        return this instanceof Review;
    }

    default boolean isStatus() {
        return this instanceof Status;
    }

    default ErpResult result() {
        return ((Status) this).result();
    }

    default MatchInput input() {
        return ((Route) this).input();
    }

    default ErpCommand command() {
        return ((Command) this).command();
    }

    default ReviewItem item() {
        return ((Review) this).item();
    }
}
