package com.ptsl.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawSettlementBatch;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Test fixture: one {@code paytrace.batches.raw} record as the gateway writes it: the batch summary in the sandbox's
 * shape (docs/sandbox-inventions.md row 24), the transaction_list records, the ascending id list and a SHA-256
 * fingerprint over summary and ids. Defaults: batch 571, settled 1/5/2026 5:00:00 PM, no transactions, amounts 0.
 */
public final class SettlementBatchRecord {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Instant RECEIVED_AT = Instant.parse("2026-01-06T01:00:05Z");

    private final String batchNumber;
    private final ObjectNode summary = JSON.createObjectNode();
    private final ArrayNode transactions = JSON.createArrayNode();
    private List<String> transactionIds;
    private String fingerprint;
    private String transactionsJson;

    private SettlementBatchRecord(String batchNumber) {
        this.batchNumber = batchNumber;
        summary.put("number", Long.parseLong(batchNumber));
        summary.put("created", "1/5/2026 5:00:00 PM");
        summary.put("transaction_count", 0);
        summary.put("net_amount", BigDecimal.ZERO);
        summary.put("sales_count", 0);
        summary.put("sales_amount", BigDecimal.ZERO);
        summary.put("refund_count", 0);
        summary.put("refund_amount", BigDecimal.ZERO);
    }

    public static SettlementBatchRecord batch(String batchNumber) {
        return new SettlementBatchRecord(batchNumber);
    }

    /** net, sales and refunds as JSON number literals written exactly so, e.g. "115", "12.3". */
    public SettlementBatchRecord amounts(String net, String sales, String refunds) {
        summary.put("net_amount", new BigDecimal(net));
        summary.put("sales_amount", new BigDecimal(sales));
        summary.put("refund_amount", new BigDecimal(refunds));
        return this;
    }

    public SettlementBatchRecord created(String at) {
        summary.put("created", at);
        return this;
    }

    /** Any JSON value at a summary field, e.g. {@code set("fee_amount", "1.23")}. */
    public SettlementBatchRecord set(String field, String jsonValue) {
        try {
            summary.set(field, JSON.readTree(jsonValue));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(jsonValue, e);
        }
        return this;
    }

    public SettlementBatchRecord without(String field) {
        summary.remove(field);
        return this;
    }

    /** A transaction_list record of the batch, shaped like an export record's first fields. */
    public SettlementBatchRecord transaction(long id, String type, String amount) {
        ObjectNode tx = transactions.addObject();
        tx.put("transaction_id", id);
        tx.put("transaction_type", type);
        tx.put("amount", new BigDecimal(amount));
        tx.put("status_code", "GB" + batchNumber);
        tx.put("status_message", "GB" + batchNumber);
        tx.putObject("credit_card").put("masked_number", "************5454");
        summary.put("transaction_count", transactions.size());
        return this;
    }

    /** Replaces the id list the record carries (normally derived from the transactions). */
    public SettlementBatchRecord transactionIds(String... ids) {
        this.transactionIds = List.of(ids);
        return this;
    }

    /** Replaces the transactionsJson text (normally the transactions added). */
    public SettlementBatchRecord transactionsJson(String json) {
        this.transactionsJson = json;
        return this;
    }

    public SettlementBatchRecord fingerprint(String fp) {
        this.fingerprint = fp;
        return this;
    }

    public String key() {
        return batchNumber;
    }

    public String summaryJson() {
        return summary.toString();
    }

    public RawSettlementBatch avro() {
        List<String> ids = transactionIds;
        if (ids == null) {
            List<Long> numeric = new ArrayList<>();
            transactions.forEach(t -> numeric.add(t.get("transaction_id").asLong()));
            ids = numeric.stream().sorted().map(String::valueOf).toList();
        }
        return RawSettlementBatch.newBuilder()
                .setBatchNumber(batchNumber)
                .setSource("POLL")
                .setReceivedAt(RECEIVED_AT)
                .setJson(summary.toString())
                .setTransactionIds(ids)
                .setTransactionsJson(transactionsJson != null ? transactionsJson : transactions.toString())
                .setFingerprint(fingerprint != null ? fingerprint : sha256(summary + "|" + String.join(",", ids)))
                .build();
    }

    /** The fingerprint this record carries. */
    public String fingerprintOf() {
        return avro().getFingerprint();
    }

    public byte[] bytes() {
        return Topics.RAW_BATCHES.valueSerde().serializer().serialize(Topics.RAW_BATCHES.name(), avro());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
