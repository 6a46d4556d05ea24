package com.ptsl.processor.match;

import com.ptsl.schemas.avro.ReviewCandidate;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Builds the payments.review items: an open item says why and what to decide; a resolved one closes it. */
public final class ReviewItems {

    private ReviewItems() {
    }

    /**
     * @param custId          null when the customer is unknown
     * @param postedOnAccount null when nothing was posted
     */
    public static ReviewItem open(PaymentFacts p, String custId, Decision.Review review, BigDecimal postedOnAccount, Instant now) {
        return ReviewItem.newBuilder()
                .setTransactionId(p.transactionId())
                .setReason(review.reason())
                .setDetail(review.detail())
                .setAmount(p.amount().setScale(2))
                .setJson(p.json())
                .setRaisedAt(now)
                .setStatus(ReviewStatus.OPEN)
                .setCustId(custId)
                .setPostedOnAccount(postedOnAccount == null ? null : postedOnAccount.setScale(2))
                .setDecision(review.decision())
                .setCandidates(candidates(review.candidates(), review.why()))
                .build();
    }

    /** The item closed by a person's resolution; {@code resolution} says what was done. */
    public static ReviewItem resolved(String transactionId, ReviewReason reason, String custId, BigDecimal amount,
                                      BigDecimal onAccount, String json, String resolution, Instant now) {
        return ReviewItem.newBuilder()
                .setTransactionId(transactionId)
                .setReason(reason)
                .setDetail("resolved: " + resolution)
                .setAmount(amount == null ? null : amount.setScale(2))
                .setJson(json == null ? "" : json)
                .setRaisedAt(now)
                .setStatus(ReviewStatus.RESOLVED)
                .setCustId(custId)
                .setPostedOnAccount(onAccount == null ? null : onAccount.setScale(2))
                .setDecision("")
                .setCandidates(List.of())
                .setResolution(resolution)
                .build();
    }

    private static List<ReviewCandidate> candidates(List<InvoiceBalance> invoices, String why) {
        return invoices.stream().map(i -> ReviewCandidate.newBuilder()
                .setCustId(i.invoice().getCustId())
                .setRefNbr(i.refNbr())
                .setDocType(i.invoice().getDocType())
                .setAvailable(i.available().max(BigDecimal.ZERO).setScale(2))
                .setWhy(why)
                .build()).toList();
    }
}
