package com.ptsl.sink.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.schemas.avro.ErpResult;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook body: one ErpResult as a JSON object whose fields are named and ordered like the Avro ones, so a
 * receiver reads the same contract as a Kafka consumer. Money is a string with two decimals ("12.50": a JSON number
 * would be a binary float in most receivers), times are ISO-8601 UTC strings, absent values are null.
 */
public final class ResultJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultJson() {
    }

    public static byte[] of(ErpResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("commandId", r.getCommandId());
        m.put("status", r.getStatus().name());
        m.put("reason", r.getReason());
        m.put("custId", r.getCustId());
        m.put("sourceTransactionId", r.getSourceTransactionId());
        m.put("batNbr", r.getBatNbr());
        m.put("refNbr", r.getRefNbr());
        m.put("sourceReceivedAt", time(r.getSourceReceivedAt()));
        m.put("processedAt", time(r.getProcessedAt()));
        m.put("event", r.getEvent());
        m.put("commandType", r.getCommandType());
        m.put("transactionKind", r.getTransactionKind());
        m.put("amount", money(r.getAmount()));
        m.put("documents", r.getDocuments() == null ? new ArrayList<>() : new ArrayList<>(r.getDocuments()));
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a result as JSON", e);
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String money(BigDecimal amount) {
        return amount == null ? null : amount.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }
}
