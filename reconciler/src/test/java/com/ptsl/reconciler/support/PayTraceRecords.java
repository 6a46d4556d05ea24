package com.ptsl.reconciler.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import com.ptsl.schemas.avro.RecordSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * PayTrace export records in the shape of paytrace-api.md §3.1 as the sandbox sends them (its TransactionRecordJson):
 * same fields, same order, amounts as JSON numbers without trailing zeros, created.at in {@code M/D/YYYY h:mm:ss AM}.
 */
public final class PayTraceRecords {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    private PayTraceRecords() {
    }

    /** A record; statusCode Y, N or GB&lt;n&gt;. */
    public static String record(long id, String type, String amount, String statusCode, String statusMessage, String approvalMessage,
                                String cscResponse, LocalDateTime createdAt, Long originalTransactionId) {
        ObjectNode r = JSON.createObjectNode();
        r.put("transaction_id", id);
        ObjectNode card = r.putObject("credit_card");
        card.put("masked_number", "************5439");
        card.put("expiration_month", 12);
        card.put("expiration_year", 29);
        r.put("transaction_type", type);
        r.put("description", "order " + id);
        r.put("amount", exportAmount(amount));
        r.put("invoice_id", "");
        address(r.putObject("shipping_address"), true);
        address(r.putObject("billing_address"), false);
        r.put("receipt_emailed_to", "");
        r.put("tax_amount", "");
        r.put("customer_reference_id", "");
        boolean approved = !type.equals("DECLINED") && !type.equals("REFUND");
        r.put("approval_code", approved ? "TAS" + (id % 1000) : "");
        r.put("approval_message", approvalMessage);
        r.put("avs_response", type.equals("REFUND") ? "" : "Full Exact Match");
        r.put("csc_response", cscResponse);
        r.put("status_code", statusCode);
        r.put("status_message", statusMessage);
        ObjectNode created = r.putObject("created");
        created.put("through", "API");
        created.put("at", AT.format(createdAt));
        created.put("by", "sandbox123");
        created.put("from_ip", "64.106.246.164");
        r.put("settled", statusCode.startsWith("GB") ? AT.format(createdAt.plusHours(4)) : "");
        r.put("customer_id", "");
        if (originalTransactionId != null) {
            r.put("original_transaction_id", originalTransactionId.longValue());
        }
        return r.toString();
    }

    public static String sale(long id, String amount, String statusCode, LocalDateTime at) {
        return record(id, "SALE", amount, statusCode, statusCode.startsWith("GB") ? statusCode : "Pending Settlement",
                "  NO  MATCH - Approved and completed", "Match", at, null);
    }

    public static String voidedSale(long id, String amount, LocalDateTime at) {
        return record(id, "SALE", amount, "N", "Voided", "  NO  MATCH - Approved and completed", "Match", at, null);
    }

    /** PayTrace's 103: approved, then voided for a CSC mismatch (sandbox row 3: CSC 999). */
    public static String autoVoidedSale(long id, String amount, LocalDateTime at) {
        return record(id, "SALE", amount, "N", "Voided", "  NO  MATCH - Approved and completed", "No Match", at, null);
    }

    public static String declined(long id, String amount, LocalDateTime at) {
        return record(id, "DECLINED", amount, "N", "Declined", "    DECLINE - Do not honor", "Match", at, null);
    }

    public static String authorizationOnly(long id, String amount, LocalDateTime at) {
        return record(id, "AUTHORIZATION", amount, "N", "Authorization Only", "  NO  MATCH - Approved and completed", "Match", at, null);
    }

    /** A captured authorization keeps its type; its amount is the captured amount (sandbox row 12). */
    public static String capturedAuthorization(long id, String amount, String statusCode, LocalDateTime at) {
        return record(id, "AUTHORIZATION", amount, statusCode, statusCode.startsWith("GB") ? statusCode : "Pending Settlement",
                "  NO  MATCH - Approved and completed", "Match", at, null);
    }

    /** refund/for_transaction: its own id, positive amount, empty approval texts, the original's id (sandbox rows 17–19). */
    public static String refund(long id, String amount, String statusCode, LocalDateTime at, long originalId) {
        return record(id, "REFUND", amount, statusCode, statusCode.startsWith("GB") ? statusCode : "Pending Settlement", "", "", at,
                originalId);
    }

    public static RawPayTraceRecord envelope(String json, Instant receivedAt) {
        String id = Long.toString(read(json).get("transaction_id").longValue());
        return RawPayTraceRecord.newBuilder().setTransactionId(id).setSource(RecordSource.POLL).setReceivedAt(receivedAt)
                .setJson(json).setFingerprint(sha256(json)).setPansScrubbed(0).build();
    }

    /** A settlement batch as the gateway publishes it: the summary (sandbox row 24) and the transaction_list records. */
    public static RawSettlementBatch batch(int number, LocalDateTime created, List<String> records, Instant receivedAt) {
        long sales = 0;
        long refunds = 0;
        ArrayNode list = JSON.createArrayNode();
        List<String> ids = new ArrayList<>();
        for (String record : records) {
            ObjectNode r = (ObjectNode) read(record);
            list.add(r);
            ids.add(Long.toString(r.get("transaction_id").longValue()));
            long cents = r.get("amount").decimalValue().movePointRight(2).longValueExact();
            if (r.get("transaction_type").asText().equals("REFUND")) {
                refunds += Math.abs(cents);
            } else {
                sales += cents;
            }
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("number", number);
        summary.put("created", AT.format(created));
        summary.put("transaction_count", records.size());
        summary.put("net_amount", exportAmount(BigDecimal.valueOf(sales - refunds, 2).toPlainString()));
        summary.put("sales_count", records.size());
        summary.put("sales_amount", exportAmount(BigDecimal.valueOf(sales, 2).toPlainString()));
        summary.put("refund_count", 0);
        summary.put("refund_amount", exportAmount(BigDecimal.valueOf(refunds, 2).toPlainString()));
        ids.sort(null);
        return RawSettlementBatch.newBuilder().setBatchNumber(Integer.toString(number)).setSource("POLL").setReceivedAt(receivedAt)
                .setJson(summary.toString()).setTransactionIds(ids).setTransactionsJson(list.toString())
                .setFingerprint(sha256(summary + ids.toString())).build();
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static BigDecimal exportAmount(String amount) {
        BigDecimal stripped = new BigDecimal(amount).stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static void address(ObjectNode node, boolean county) {
        node.put("name", "Kevin");
        node.put("street_address", "8320 E. West St.");
        node.put("street_address2", "");
        node.put("city", "Spokane");
        if (county) {
            node.put("county", "");
        }
        node.put("state", "WA");
        node.put("zip", "85284");
        node.put("country", "US");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
