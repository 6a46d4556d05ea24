package com.ptsl.reconciler.log;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.ptsl.reconciler.model.Money;
import com.ptsl.reconciler.model.SettlementBatch;
import com.ptsl.schemas.avro.RawSettlementBatch;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a settlement batch record: the summary's {@code net_amount}, {@code sales_amount}, {@code refund_amount} and
 * {@code created} (the sandbox's shape, docs/sandbox-inventions.md row 24) and the listed transactions from
 * transactionsJson ({@code transaction_id}, {@code transaction_type}, {@code amount}), or only their ids from
 * transactionIds when the list carries no records. A net the summary does not give is the sum of its transactions.
 */
public final class SettlementBatchParser {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private SettlementBatchParser() {
    }

    /** @throws IllegalArgumentException naming what is unreadable */
    public static SettlementBatch parse(RawSettlementBatch raw) {
        String number = raw.getBatchNumber() == null ? "" : raw.getBatchNumber().strip();
        if (number.isEmpty()) {
            throw new IllegalArgumentException("batchNumber is blank");
        }
        JsonNode summary = tree(raw.getJson(), "json");
        Map<String, SettlementBatch.Member> members = new LinkedHashMap<>();
        JsonNode listed = tree(raw.getTransactionsJson() == null ? "[]" : raw.getTransactionsJson(), "transactionsJson");
        if (listed.isArray()) {
            for (JsonNode tx : listed) {
                String id = text(tx.get("transaction_id"));
                if (id.isEmpty()) {
                    continue;
                }
                boolean refund = text(tx.get("transaction_type")).equalsIgnoreCase("REFUND");
                JsonNode amount = tx.get("amount");
                long cents = amount != null && amount.isNumber() ? Math.abs(Money.cents(amount.decimalValue())) : SettlementBatch.Member.UNKNOWN;
                members.put(id, new SettlementBatch.Member(id, refund, cents));
            }
        }
        if (raw.getTransactionIds() != null) {
            for (CharSequence id : raw.getTransactionIds()) {
                String tx = id.toString().strip();
                members.putIfAbsent(tx, new SettlementBatch.Member(tx, false, SettlementBatch.Member.UNKNOWN));
            }
        }
        List<SettlementBatch.Member> list = new ArrayList<>(members.values());
        long sales = cents(summary, "sales_amount", list, false);
        long refunds = Math.abs(cents(summary, "refund_amount", list, true));
        Long net = optionalCents(summary, "net_amount");
        return new SettlementBatch(number, net != null ? net : sales - refunds, sales, refunds, day(summary), list);
    }

    private static JsonNode tree(String text, String field) {
        try {
            JsonNode node = JSON.readTree(text == null ? "" : text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(field + " is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(field + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The summary's figure, else the sum over the listed transactions of that kind (when their amounts are known). */
    private static long cents(JsonNode summary, String field, List<SettlementBatch.Member> members, boolean refunds) {
        Long given = optionalCents(summary, field);
        if (given != null) {
            return given;
        }
        long sum = 0;
        for (SettlementBatch.Member m : members) {
            if (m.refund() == refunds && m.amountKnown()) {
                sum += m.amountCents();
            }
        }
        return sum;
    }

    private static Long optionalCents(JsonNode summary, String field) {
        JsonNode node = summary.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return Money.cents(node.decimalValue());
        }
        if (node.isTextual()) {
            try {
                return Money.cents(new BigDecimal(node.textValue().strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " is not a number: " + node.textValue());
            }
        }
        throw new IllegalArgumentException(field + " is not a number");
    }

    private static LocalDate day(JsonNode summary) {
        JsonNode created = summary.get("created");
        return created != null && created.isTextual() ? PayTraceRecordParser.day(created.textValue()) : null;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            return "";
        }
        return node.asText().strip();
    }
}
