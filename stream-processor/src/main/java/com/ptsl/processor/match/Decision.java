package com.ptsl.processor.match;

import com.ptsl.schemas.avro.ReviewReason;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What the matcher decided for one payment: wait for an invoice to arrive, or post with these
 * applications (the rest on account), possibly with a review item for a person.
 */
public record Decision(boolean waits, String waitReason, MatchStrategy strategy, List<Applied> applications,
                       BigDecimal onAccount, Review review) {

    /** One application: this much of the payment to this invoice. */
    public record Applied(InvoiceBalance invoice, BigDecimal amount) {
    }

    /** Why a person must look, what they must decide, and the invoices they could choose. */
    public record Review(ReviewReason reason, String detail, String decision, List<InvoiceBalance> candidates, String why) {
        public Review {
            Objects.requireNonNull(reason, "reason");
            candidates = List.copyOf(candidates);
        }
    }

    public Decision {
        applications = applications == null ? List.of() : List.copyOf(applications);
    }

    static Decision waitFor(String reason) {
        return new Decision(true, reason, null, List.of(), BigDecimal.ZERO, null);
    }

    static Decision post(MatchStrategy strategy, List<Applied> applications, BigDecimal onAccount, Review review) {
        return new Decision(false, "", strategy, applications, onAccount, review);
    }

    public BigDecimal applied() {
        return applications.stream().map(Applied::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
