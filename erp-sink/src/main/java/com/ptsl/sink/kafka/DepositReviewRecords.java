package com.ptsl.sink.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import com.ptsl.sink.deposit.Deposit;
import com.ptsl.sink.deposit.DepositLine;
import com.ptsl.sink.deposit.DepositReview;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deposit's review state says on payments.review: a DEPOSIT_MISMATCH item keyed (and identified) by
 * {@code deposit:<batchNumber>}, OPEN while the settlement batch differs from SL, RESOLVED once a correction matched.
 * Amount = the difference (SL − PayTrace); json = the batch's figures and the transactions that differ (invented here:
 * the sink never sees the RawSettlementBatch itself).
 */
public final class DepositReviewRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DepositReviewRecords() {
    }

    public static ProducerRecord<String, byte[]> of(DepositReview review) {
        String key = review.deposit().reviewKey();
        return new ProducerRecord<>(Topics.PAYMENTS_REVIEW.name(), key,
                Topics.PAYMENTS_REVIEW.valueSerde().serializer().serialize(Topics.PAYMENTS_REVIEW.name(), reviewItem(review)));
    }

    public static ReviewItem reviewItem(DepositReview review) {
        Deposit d = review.deposit();
        return ReviewItem.newBuilder()
                .setTransactionId(d.reviewKey())
                .setReason(ReviewReason.DEPOSIT_MISMATCH)
                .setDetail(review.detail())
                .setAmount(d.difference())
                .setJson(summary(review))
                .setRaisedAt(d.recordedAt())
                .setStatus(review.open() ? ReviewStatus.OPEN : ReviewStatus.RESOLVED)
                .setCustId(null)
                .setDecision("Find why SL differs from PayTrace's settlement batch " + d.batchNumber() + " (a payment missing or posted "
                        + "with another amount: ptsl reconcile --redrive re-posts what is missing); the item resolves when a corrected "
                        + "batch matches SL")
                .setResolution(review.open() ? null : "settlement batch " + d.batchNumber() + " matches SL (" + d.commandId() + ")")
                .build();
    }

    private static String summary(DepositReview review) {
        Deposit d = review.deposit();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batchNumber", d.batchNumber());
        m.put("commandId", d.commandId());
        m.put("depositDate", d.depositDate().toString());
        m.put("netAmount", d.netAmount().toPlainString());
        m.put("salesAmount", d.salesAmount().toPlainString());
        m.put("refundAmount", d.refundAmount().toPlainString());
        m.put("fees", d.feeAmount() == null ? null : d.feeAmount().toPlainString());
        m.put("slAmount", d.slAmount().toPlainString());
        m.put("difference", d.difference().toPlainString());
        m.put("slBatches", d.slBatches());
        m.put("transactionCount", d.transactionCount());
        List<Map<String, Object>> differing = new ArrayList<>();
        for (DepositLine line : review.differing()) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("transactionId", line.transactionId());
            l.put("kind", line.kind().name());
            l.put("amount", line.amount().toPlainString());
            l.put("slAmount", line.slAmount().toPlainString());
            l.put("documents", line.documents());
            differing.add(l);
        }
        m.put("differing", differing);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a map of strings as JSON", e);
        }
    }
}
