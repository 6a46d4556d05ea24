package com.ptsl.processor.command;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ReviewItem;

/** What the command stage emits: a command for SL (keyed by CustId) or an item for review (keyed by transaction id). */
public sealed interface CommandOutcome {

    record Command(ErpCommand command) implements CommandOutcome {
    }

    record Review(ReviewItem item) implements CommandOutcome {
    }

    default boolean isReview() {
        return this instanceof Review;
    }

    default ErpCommand command() {
        if (this instanceof Command c) {
            return c.command();
        }
        throw new IllegalStateException("not a command: " + this);
    }

    default ReviewItem item() {
        if (this instanceof Review r) {
            return r.item();
        }
        throw new IllegalStateException("not a review item: " + this);
    }
}
