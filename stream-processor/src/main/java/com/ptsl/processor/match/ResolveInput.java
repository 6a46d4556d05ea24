package com.ptsl.processor.match;

import com.ptsl.schemas.avro.ReviewResolution;

/** The resolve stage's two inputs, both keyed by transaction id: payable payments and people's resolutions. */
public sealed interface ResolveInput {

    record Payment(PaymentFacts facts) implements ResolveInput {
    }

    record Resolution(ReviewResolution resolution) implements ResolveInput {
    }
}
