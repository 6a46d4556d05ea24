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
import java.util.Map;
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
        PayTraceTransaction usual = usual(key, envelope, refundLinkField);
        return usual != null ? usual : parseTree(key, envelope, refundLinkField);
    }

    /** The rules, on the record's JSON tree: every record the streamed path does not take. Package-private for a test. */
    static PayTraceTransaction parseTree(String key, byte[] value, String refundLinkField) throws UnusableRecordException {
        return parseTree(key, decodeEnvelope(value), refundLinkField);
    }

    private static PayTraceTransaction parseTree(String key, RawPayTraceRecord envelope, String refundLinkField) throws UnusableRecordException {
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

    /**
     * The usual record, read from one streaming pass ({@link ExportFields}) instead of a JSON tree: it accepts exactly
     * what the rules below accept and gives the same values; anything else, usable or not, is null, and the tree-based
     * rules then decide (and word the reason), so how an unusual or unusable record is treated does not change.
     */
    private static PayTraceTransaction usual(String key, RawPayTraceRecord envelope, String refundLinkField) {
        ExportFields f = ExportFields.read(JSON, envelope.getJson(), refundLinkField);
        if (f == null) {
            return null;
        }
        Object id = f.root.get("transaction_id");
        if (!(id instanceof Long) || (Long) id <= 0) {
            return null;
        }
        String transactionId = Long.toString((Long) id);
        if (key == null || !key.equals(transactionId) || !transactionId.equals(envelope.getTransactionId())
                || envelope.getFingerprint() == null || envelope.getFingerprint().isBlank()) {
            return null;
        }
        String transactionType = plainText(f.root, "transaction_type");
        Object amountValue = f.root.get("amount");
        BigDecimal amount = amountValue instanceof Long ? BigDecimal.valueOf((Long) amountValue)
                : amountValue instanceof BigDecimal ? (BigDecimal) amountValue : null;
        if (transactionType == null || amount == null || amount.stripTrailingZeros().scale() > 2) {
            return null;
        }
        amount = amount.setScale(2);
        if (amount.precision() > MAX_PRECISION || ("SALE".equalsIgnoreCase(transactionType) && amount.signum() <= 0)) {
            return null;
        }
        Object at = f.created == null ? null : f.created.get("at");
        LocalDateTime createdAt;
        try {
            createdAt = at instanceof String ? createdAt(((String) at).trim()) : null;
        } catch (DateTimeParseException e) {
            createdAt = null;
        }
        String[] texts = {plainText(f.root, "status_code"), plainText(f.root, "status_message"), plainText(f.root, "approval_message"),
                plainText(f.root, "invoice_id"), plainText(f.root, "customer_reference_id"), plainText(f.root, "customer_id"),
                f.creditCard == null ? "" : plainText(f.creditCard, "masked_number"), plainText(f.root, "csc_response"),
                f.created == null ? "" : plainText(f.created, "by"), plainText(f.root, "approval_code"), plainText(f.root, "description")};
        if (createdAt == null || java.util.Arrays.asList(texts).contains(null)) {
            return null;
        }
        return new PayTraceTransaction(transactionId, transactionType, texts[0], texts[1], texts[2], responseCode(f.root.get("response_code")),
                amount, texts[3], texts[4], texts[5], createdAt, texts[6], texts[7], linkedTransactionId(f.root.get(refundLinkField)),
                texts[8], texts[9], texts[10], envelope.getJson(), envelope.getFingerprint(), envelope.getReceivedAt());
    }

    /**
     * {@link #text(JsonNode, String, String)} on a streamed value: "" when missing or null, the text of a string,
     * boolean or integer; null (take the tree path) for a container, which is an error there, and for a decimal number,
     * whose text the tree normalises its own way.
     */
    private static String plainText(Map<String, Object> fields, String name) {
        Object v = fields.get(name);
        if (v == null || v == ExportFields.NULL) {
            return "";
        }
        if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof java.math.BigInteger) {
            return v.toString();
        }
        return null;
    }

    /** {@link #responseCode(JsonNode)} on a streamed value. */
    private static OptionalInt responseCode(Object code) {
        if (code instanceof Long && (Long) code >= Integer.MIN_VALUE && (Long) code <= Integer.MAX_VALUE) {
            return OptionalInt.of((int) (long) (Long) code);
        }
        if (code instanceof String && ((String) code).matches("\\d{1,6}")) {
            return OptionalInt.of(Integer.parseInt((String) code));
        }
        return OptionalInt.empty();
    }

    /** {@link #linkedTransactionId(JsonNode, String)} on a streamed value. */
    private static String linkedTransactionId(Object node) {
        if (node instanceof Long && (Long) node > 0) {
            return Long.toString((Long) node);
        }
        if (node instanceof String && ((String) node).strip().matches("[1-9]\\d{0,18}")) {
            return ((String) node).strip();
        }
        return "";
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
            return createdAt(at.textValue().trim());
        } catch (DateTimeParseException e) {
            throw new UnusableRecordException("created.at '" + at.textValue() + "' is not M/D/YYYY h:mm:ss AM/PM");
        }
    }

    /**
     * {@link #CREATED_AT}, with a fast path for the plain form every export record has ({@code 4/10/2015 4:06:30 PM}):
     * the formatter was a visible part of parsing a record. Anything else, and any value out of range, goes to the
     * formatter, so what is accepted and what is refused (and how) do not change.
     */
    static LocalDateTime createdAt(String text) {
        LocalDateTime fast = plainCreatedAt(text);
        return fast != null ? fast : LocalDateTime.parse(text, CREATED_AT);
    }

    private static LocalDateTime plainCreatedAt(String s) {
        int[] at = {0};
        int month = digits(s, at, 1, 2);
        int day = month < 0 || !skip(s, at, '/') ? -1 : digits(s, at, 1, 2);
        int year = day < 0 || !skip(s, at, '/') ? -1 : digits(s, at, 4, 4);
        int hour = year < 0 || !skip(s, at, ' ') ? -1 : digits(s, at, 1, 2);
        int minute = hour < 0 || !skip(s, at, ':') ? -1 : digits(s, at, 2, 2);
        int second = minute < 0 || !skip(s, at, ':') ? -1 : digits(s, at, 2, 2);
        if (second < 0 || !skip(s, at, ' ') || at[0] + 2 != s.length() || hour < 1 || hour > 12 || minute > 59 || second > 59) {
            return null;
        }
        // AM or PM in either case, without a branch on which: a morning of AM records taught the JIT that one way was
        // never taken, and every PM record then cost a deoptimisation (measured: one per record all afternoon).
        int a = s.charAt(at[0]) | 0x20;
        int m = s.charAt(at[0] + 1) | 0x20;
        if ((a - 'a') * (a - 'p') != 0 || m != 'm') {
            return null;
        }
        int afternoon = 12 * ((a - 'a') / ('p' - 'a'));
        try {
            return LocalDateTime.of(year, month, day, hour % 12 + afternoon, minute, second);
        } catch (java.time.DateTimeException e) {
            return null; // e.g. 2/30: the formatter says why
        }
    }

    /** {@code min} to {@code max} ASCII digits at {@code at[0]}, or -1. */
    private static int digits(String s, int[] at, int min, int max) {
        int start = at[0];
        int value = 0;
        int i = start;
        while (i < s.length() && i - start < max && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            value = value * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i - start < min || (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
            return -1;
        }
        at[0] = i;
        return value;
    }

    private static boolean skip(String s, int[] at, char c) {
        if (at[0] < s.length() && s.charAt(at[0]) == c) {
            at[0]++;
            return true;
        }
        return false;
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
