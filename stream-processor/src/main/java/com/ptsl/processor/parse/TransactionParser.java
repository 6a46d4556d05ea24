package com.ptsl.processor.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.ptsl.schemas.AvroSerde;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import org.apache.kafka.common.errors.SerializationException;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Turns the bytes of a raw-topic record into a {@link PayTraceTransaction}, or says precisely why
 * it cannot. Pure: no Kafka context, so every rule is unit-testable.
 *
 * <p>Strict where a wrong guess would post wrong money (transaction_id, amount, created.at, the
 * key), lenient elsewhere: optional text fields may be missing or carry a number.
 */
public final class TransactionParser {

    /**
     * PayTrace prints {@code 4/10/2015 4:06:30 PM}: no zero padding, no zone (merchant-local). Transaction
     * {@code created.at} and settlement batch {@code created} use the same format.
     */
    public static final DateTimeFormatter CREATED_AT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("M/d/uuuu h:mm:ss a")
            .toFormatter(Locale.US)
            .withResolverStyle(ResolverStyle.STRICT);

    /** ErpCommand amounts are decimal(18,2). */
    private static final int MAX_PRECISION = 18;

    // BigDecimal for every non-integer number so 0.10 stays 0.10; duplicate keys would make "which amount?" ambiguous.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    @SuppressWarnings("unchecked")
    private static final AvroSerde<RawPayTraceRecord> ENVELOPE = (AvroSerde<RawPayTraceRecord>) Topics.RAW_TRANSACTIONS.valueSerde();

    private TransactionParser() {
    }

    /**
     * Where a refund names the transaction it refunds. PayTrace documents no such field; the sandbox invents
     * {@code original_transaction_id} (an integer) on refund/for_transaction records, so it is configurable.
     */
    public static final String DEFAULT_REFUND_LINK_FIELD = "original_transaction_id";

    public static PayTraceTransaction parse(String key, byte[] value) throws UnusableRecordException {
        return parse(key, value, DEFAULT_REFUND_LINK_FIELD);
    }

    /** @param refundLinkField the top-level field that carries a refund's original transaction id */
    public static PayTraceTransaction parse(String key, byte[] value, String refundLinkField) throws UnusableRecordException {
        RawPayTraceRecord envelope = decodeEnvelope(value);
        JsonNode record = readJson(envelope.getJson());

        String transactionId = transactionId(record);
        if (key == null) {
            throw new UnusableRecordException("key is missing; expected transaction_id " + transactionId);
        }
        if (!key.equals(transactionId)) {
            throw new UnusableRecordException("key '" + key + "' differs from transaction_id " + transactionId);
        }
        if (!transactionId.equals(envelope.getTransactionId())) {
            throw new UnusableRecordException("envelope transactionId '" + envelope.getTransactionId()
                    + "' differs from transaction_id " + transactionId);
        }
        if (envelope.getFingerprint() == null || envelope.getFingerprint().isBlank()) {
            throw new UnusableRecordException("envelope fingerprint is blank");
        }

        String transactionType = text(record, "transaction_type");
        BigDecimal amount = amount(record, transactionType);
        return new PayTraceTransaction(
                transactionId,
                transactionType,
                text(record, "status_code"),
                text(record, "status_message"),
                text(record, "approval_message"),
                responseCode(record),
                amount,
                text(record, "invoice_id"),
                text(record, "customer_reference_id"),
                text(record, "customer_id"),
                createdAt(record),
                text(record.path("credit_card"), "masked_number", "credit_card.masked_number"),
                text(record, "csc_response"),
                linkedTransactionId(record, refundLinkField),
                text(record.path("created"), "by", "created.by"),
                text(record, "approval_code"),
                text(record, "description"),
                envelope.getJson(),
                envelope.getFingerprint(),
                envelope.getReceivedAt());
    }

    private static RawPayTraceRecord decodeEnvelope(byte[] value) throws UnusableRecordException {
        if (value == null) {
            throw new UnusableRecordException("value is null (a tombstone); the raw topic holds no deletes");
        }
        try {
            return ENVELOPE.fromBytes(value);
        } catch (SerializationException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new UnusableRecordException("value is not a RawPayTraceRecord: " + why);
        }
    }

    private static JsonNode readJson(String json) throws UnusableRecordException {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JacksonException e) {
            // getOriginalMessage: the full message could quote the source text.
            throw new UnusableRecordException("json is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new UnusableRecordException("json is not a JSON object");
        }
        return node;
    }

    private static String transactionId(JsonNode record) throws UnusableRecordException {
        JsonNode id = record.get("transaction_id");
        if (id == null || id.isNull()) {
            throw new UnusableRecordException("transaction_id is missing");
        }
        if (!id.isIntegralNumber() || !id.canConvertToLong() || id.longValue() <= 0) {
            throw new UnusableRecordException("transaction_id must be a positive integer, was " + id);
        }
        return Long.toString(id.longValue());
    }

    private static BigDecimal amount(JsonNode record, String transactionType) throws UnusableRecordException {
        JsonNode node = record.get("amount");
        if (node == null || node.isNull()) {
            throw new UnusableRecordException("amount is missing");
        }
        if (!node.isNumber()) {
            throw new UnusableRecordException("amount must be a JSON number, was " + node);
        }
        BigDecimal amount = node.decimalValue();
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new UnusableRecordException("amount has more than 2 decimal places: " + amount.toPlainString());
        }
        amount = amount.setScale(2);
        if (amount.precision() > MAX_PRECISION) {
            throw new UnusableRecordException("amount is too large: " + amount.toPlainString());
        }
        if ("SALE".equalsIgnoreCase(transactionType) && amount.signum() <= 0) {
            throw new UnusableRecordException("amount must be greater than zero on a SALE, was " + amount.toPlainString());
        }
        return amount;
    }

    private static LocalDateTime createdAt(JsonNode record) throws UnusableRecordException {
        JsonNode at = record.path("created").get("at");
        if (at == null || at.isNull()) {
            throw new UnusableRecordException("created.at is missing");
        }
        if (!at.isTextual()) {
            throw new UnusableRecordException("created.at must be text, was " + at);
        }
        try {
            return LocalDateTime.parse(at.textValue().trim(), CREATED_AT);
        } catch (DateTimeParseException e) {
            throw new UnusableRecordException("created.at '" + at.textValue() + "' is not M/D/YYYY h:mm:ss AM/PM");
        }
    }

    /**
     * The original's id as decimal text, "" when the field is absent, null, blank or not a positive whole number: a
     * link that cannot be read is treated as no link (the refund is then matched by its customer like a payment)
     * rather than making the whole record unusable.
     */
    private static String linkedTransactionId(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0) {
            return Long.toString(node.longValue());
        }
        if (node.isTextual() && node.textValue().strip().matches("[1-9]\\d{0,18}")) {
            return node.textValue().strip();
        }
        return "";
    }

    /** Export records usually carry no per-transaction response_code; when one does (103 = auto-void) it is kept. */
    private static OptionalInt responseCode(JsonNode record) {
        JsonNode code = record.get("response_code");
        if (code != null && code.isIntegralNumber() && code.canConvertToInt()) {
            return OptionalInt.of(code.intValue());
        }
        if (code != null && code.isTextual() && code.textValue().matches("\\d{1,6}")) {
            return OptionalInt.of(Integer.parseInt(code.textValue()));
        }
        return OptionalInt.empty();
    }

    private static String text(JsonNode record, String field) throws UnusableRecordException {
        return text(record, field, field);
    }

    /** Missing or null gives ""; a number or boolean its text; an object or array is an error. */
    private static String text(JsonNode parent, String field, String path) throws UnusableRecordException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isContainerNode()) {
            throw new UnusableRecordException(path + " must be text, was a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        return node.asText();
    }
}
