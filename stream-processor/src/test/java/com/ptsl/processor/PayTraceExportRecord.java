package com.ptsl.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Test fixture: one PayTrace export record shaped like paytrace-api.md §3.1, wrapped in the raw
 * topic's envelope the way the gateway writes it. Defaults are an approved (pending) sale; card
 * numbers are masked as PayTrace masks them.
 */
public final class PayTraceExportRecord {

    private static final ObjectMapper JSON = new ObjectMapper();
    public static final Instant RECEIVED_AT = Instant.parse("2015-04-10T23:06:31Z");

    private final ObjectNode record = JSON.createObjectNode();
    private Instant receivedAt = RECEIVED_AT;

    private PayTraceExportRecord(long transactionId) {
        record.put("transaction_id", transactionId);
        ObjectNode card = record.putObject("credit_card");
        card.put("masked_number", "************5454");
        card.put("expiration_month", 12);
        card.put("expiration_year", 27);
        record.put("transaction_type", "SALE");
        record.put("description", "");
        record.put("amount", new BigDecimal("110"));
        record.put("invoice_id", "INV0001");
        ObjectNode shipping = record.putObject("shipping_address");
        shipping.put("name", "").put("street_address", "").put("street_address2", "").put("city", "")
                .put("county", "").put("state", "").put("zip", "85284").put("country", "US");
        ObjectNode billing = record.putObject("billing_address");
        billing.put("name", "Kevin").put("street_address", "8320 E. West St.").put("street_address2", "")
                .put("city", "Spokane").put("state", "WA").put("zip", "85284").put("country", "US");
        record.put("receipt_emailed_to", "");
        record.put("tax_amount", "8.10");
        record.put("customer_reference_id", "C00001");
        record.put("approval_code", "VTLMC1");
        record.put("approval_message", "EXACT MATCH - Approved and completed");
        record.put("avs_response", "Full Exact Match");
        record.put("csc_response", "Match");
        record.put("status_code", "Y");
        record.put("status_message", "Pending Settlement");
        ObjectNode created = record.putObject("created");
        created.put("through", "API").put("at", "4/10/2015 4:06:30 PM").put("by", "sandbox123").put("from_ip", "64.106.246.164");
        record.put("settled", "");
        record.put("customer_id", "");
    }

    /** An approved, not yet settled sale of 110.00 by customer C00001 for invoice INV0001. */
    public static PayTraceExportRecord sale(long transactionId) {
        return new PayTraceExportRecord(transactionId);
    }

    public PayTraceExportRecord type(String transactionType) {
        record.put("transaction_type", transactionType);
        return this;
    }

    public PayTraceExportRecord status(String code, String message) {
        record.put("status_code", code);
        record.put("status_message", message);
        return this;
    }

    /** Settled in batch {@code batch}, as exports show it: code and message both GB&lt;batch&gt;. */
    public PayTraceExportRecord settledIn(int batch) {
        record.put("settled", "4/10/2015 8:13:45 PM");
        return status("GB" + batch, "GB" + batch);
    }

    /** Declined as the sandbox exports it (amount 1.12 or an expired card): type DECLINED, N "Declined". */
    public PayTraceExportRecord declined() {
        record.put("approval_code", "");
        record.put("approval_message", "    DECLINE - Do not honor");
        record.put("csc_response", "");
        return type("DECLINED").status("N", "Declined");
    }

    /** An approved authorization, not captured: AUTHORIZATION, N "Authorization Only", the authorized amount. */
    public static PayTraceExportRecord authorization(long transactionId) {
        return new PayTraceExportRecord(transactionId).type("AUTHORIZATION").status("N", "Authorization Only");
    }

    /** The same authorization captured (in full or in part): Y "Pending Settlement", the amount is the captured amount. */
    public PayTraceExportRecord captured(String amount) {
        return amount(amount).status("Y", "Pending Settlement");
    }

    /** Voided before settlement: N "Voided", type and amount unchanged. */
    public PayTraceExportRecord voided() {
        return status("N", "Voided");
    }

    /** PayTrace's 103: approved, then voided for a CSC mismatch (the sandbox's CSC 999). */
    public PayTraceExportRecord autoVoided() {
        record.put("csc_response", "No Match");
        return status("N", "Voided");
    }

    /** An authorization nobody captured in time (the sandbox's invented "Authorization Expired"). */
    public PayTraceExportRecord expired() {
        return status("N", "Authorization Expired");
    }

    /**
     * refund/for_transaction as the sandbox exports it: a new id, type REFUND, Y, amount positive, the original's
     * invoice, reference, description and card copied (here: the defaults), no approval or AVS/CSC text, and the
     * invented {@code original_transaction_id} (an integer) at the end.
     */
    public static PayTraceExportRecord refund(long transactionId, long originalTransactionId) {
        return keyedRefund(transactionId).set("original_transaction_id", Long.toString(originalTransactionId));
    }

    /** refund/keyed: like {@link #refund} but naming no original. */
    public static PayTraceExportRecord keyedRefund(long transactionId) {
        PayTraceExportRecord r = new PayTraceExportRecord(transactionId).type("REFUND");
        r.record.put("approval_code", "");
        r.record.put("approval_message", "");
        r.record.put("avs_response", "");
        r.record.put("csc_response", "");
        return r;
    }

    /** created.by: the PayTrace user the transaction went through. */
    public PayTraceExportRecord createdBy(String user) {
        ((ObjectNode) record.get("created")).put("by", user);
        return this;
    }

    /** A JSON number literal exactly as written, e.g. "0.10" or "1234567.89". */
    public PayTraceExportRecord amount(String amount) {
        record.put("amount", new BigDecimal(amount));
        return this;
    }

    public PayTraceExportRecord invoice(String invoiceId) {
        record.put("invoice_id", invoiceId);
        return this;
    }

    public PayTraceExportRecord customerReference(String reference) {
        record.put("customer_reference_id", reference);
        return this;
    }

    public PayTraceExportRecord vaultCustomer(String customerId) {
        record.put("customer_id", customerId);
        return this;
    }

    public PayTraceExportRecord maskedCard(String masked) {
        ((ObjectNode) record.get("credit_card")).put("masked_number", masked);
        return this;
    }

    public PayTraceExportRecord createdAt(String at) {
        ((ObjectNode) record.get("created")).put("at", at);
        return this;
    }

    /** Replace a top-level field with any JSON value, e.g. {@code set("amount", "\"12.00\"")}. */
    public PayTraceExportRecord set(String field, String jsonValue) {
        try {
            record.set(field, JSON.readTree(jsonValue));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(jsonValue, e);
        }
        return this;
    }

    public PayTraceExportRecord without(String field) {
        record.remove(field);
        return this;
    }

    public PayTraceExportRecord receivedAt(Instant at) {
        this.receivedAt = at;
        return this;
    }

    public String key() {
        JsonNode id = record.get("transaction_id");
        return id == null ? null : id.asText();
    }

    public String json() {
        return record.toString();
    }

    public RawPayTraceRecord envelope() {
        return RawPayTraceRecord.newBuilder()
                .setTransactionId(key() == null ? "" : key())
                .setSource(RecordSource.POLL)
                .setReceivedAt(receivedAt)
                .setJson(json())
                .setFingerprint(sha256(json()))
                .setPansScrubbed(0)
                .build();
    }

    /** The raw topic's value bytes, as the gateway writes them. */
    public byte[] bytes() {
        return Topics.RAW_TRANSACTIONS.valueSerde().serializer().serialize(Topics.RAW_TRANSACTIONS.name(), envelope());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
