package com.ptsl.launcher.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.schemas.avro.ReviewCandidate;
import com.ptsl.schemas.avro.ReviewItem;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

/**
 * Review items as a JSON array for scripts: the same fields as the table (the PayTrace record is left out), money as
 * strings with two decimals so no reader turns cents into floating point, times as ISO-8601 UTC.
 */
final class ReviewJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewJson() {
    }

    static String render(List<ReviewItem> items) {
        ArrayNode array = JSON.createArrayNode();
        for (ReviewItem item : items) {
            ObjectNode o = array.addObject();
            o.put("transactionId", item.getTransactionId());
            o.put("reason", item.getReason().name());
            o.put("status", item.getStatus().name());
            o.put("custId", item.getCustId());
            o.put("amount", moneyOrNull(item.getAmount()));
            o.put("postedOnAccount", moneyOrNull(item.getPostedOnAccount()));
            o.put("raisedAt", Formats.instant(item.getRaisedAt()));
            o.put("detail", item.getDetail());
            o.put("decision", item.getDecision());
            ArrayNode candidates = o.putArray("candidates");
            for (ReviewCandidate c : item.getCandidates()) {
                candidates.addObject()
                        .put("custId", c.getCustId())
                        .put("refNbr", c.getRefNbr())
                        .put("docType", c.getDocType())
                        .put("available", moneyOrNull(c.getAvailable()))
                        .put("why", c.getWhy());
            }
            o.put("resolution", item.getResolution());
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(array) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String moneyOrNull(BigDecimal amount) {
        return amount == null ? null : Formats.money(amount);
    }
}
