package com.ptsl.processor.match;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ReviewItem;

/**
 * What the resolve and match stages emit: a payment routed to its customer's matcher (keyed CustId), a
 * command for SL (keyed CustId) or a review item (keyed transaction id).
 */
public sealed interface Outcome {

    record Route(MatchInput input) implements Outcome {
    }

    record Command(ErpCommand command) implements Outcome {
    }

    record Review(ReviewItem item) implements Outcome {
    }

    default boolean isReview() {
        return this instanceof Review;
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
