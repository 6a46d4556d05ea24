package com.ptsl.processor.deposit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.ptsl.processor.parse.TransactionParser;
import com.ptsl.processor.parse.UnusableRecordException;
import com.ptsl.schemas.AvroSerde;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DepositTransactionKind;
import com.ptsl.schemas.avro.RawSettlementBatch;
import org.apache.kafka.common.errors.SerializationException;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns a {@code paytrace.batches.raw} record into the {@link DepositFacts} of its CloseDeposit, or says precisely why
 * it cannot. Pure (no Kafka context), like {@link TransactionParser}, and as strict where a wrong guess would book wrong
 * money: the key, the batch number, the amounts, the settlement time and the transaction list.
 *
 * <p>The summary's shape is the sandbox's (docs/sandbox-inventions.md row 24: {@code number, created,
 * transaction_count, net_amount, sales_count, sales_amount, refund_count, refund_amount}); PayTrace confirms only
 * {@code number}. Fees are read from {@code fee_amount}, or {@code fees}, when the summary has either.
 */
public final class SettlementBatchReader {

    /** CloseDeposit amounts are decimal(18,2). */
    private static final int MAX_PRECISION = 18;
    private static final Pattern BATCH_NUMBER = Pattern.compile("[0-9]{1,19}");
    private static final Pattern TRANSACTION_ID = Pattern.compile("[1-9][0-9]{0,18}");
    /** The commandId takes the first 12 hex digits, so anything shorter cannot name a version of the batch. */
    private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-fA-F]{12,128}");

    // As TransactionParser: BigDecimal for every non-integer (0.10 stays 0.10), duplicate keys are an error.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    @SuppressWarnings("unchecked")
    private static final AvroSerde<RawSettlementBatch> ENVELOPE = (AvroSerde<RawSettlementBatch>) Topics.RAW_BATCHES.valueSerde();

    private SettlementBatchReader() {
    }

    /** The record's bytes as they came from the topic: the Avro envelope first, then what it carries. */
    public static DepositFacts read(String key, byte[] value) throws UnusableRecordException {
        return read(key, decodeEnvelope(value));
    }

    public static DepositFacts read(String key, RawSettlementBatch batch) throws UnusableRecordException {
        String number = batch.getBatchNumber() == null ? "" : batch.getBatchNumber().strip();
        if (!BATCH_NUMBER.matcher(number).matches()) {
            throw new UnusableRecordException("batchNumber must be PayTrace's batch number (digits), was '" + batch.getBatchNumber() + "'");
        }
        if (key == null) {
            throw new UnusableRecordException("key is missing; expected batch number " + number);
        }
        if (!key.equals(number)) {
            throw new UnusableRecordException("key '" + key + "' differs from batchNumber " + number);
        }
        String fingerprint = batch.getFingerprint() == null ? "" : batch.getFingerprint();
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new UnusableRecordException("fingerprint must be hex (SHA-256), was '" + fingerprint + "'");
        }

        JsonNode summary = readJson(batch.getJson(), "json");
        if (!summary.isObject()) {
            throw new UnusableRecordException("json is not a JSON object");
        }
        checkNumber(summary, number);
        LocalDateTime settledAt = created(summary);
        BigDecimal net = amount(summary, "net_amount", true);
        BigDecimal sales = amount(summary, "sales_amount", true);
        // Refunds are cash out, counted positive (the sandbox prints them so; a sign would be PayTrace's convention only).
        BigDecimal refunds = amount(summary, "refund_amount", true).abs();
        BigDecimal fees = summary.hasNonNull("fee_amount") ? amount(summary, "fee_amount", true) : amount(summary, "fees", false);

        List<DepositFacts.Line> lines = transactions(batch.getTransactionsJson());
        checkIds(lines, batch.getTransactionIds());
        return new DepositFacts(number, settledAt.toString(), net, sales, refunds, fees, fingerprint,
                batch.getReceivedAt() == null ? 0 : batch.getReceivedAt().toEpochMilli(), lines);
    }

    private static RawSettlementBatch decodeEnvelope(byte[] value) throws UnusableRecordException {
        if (value == null) {
            throw new UnusableRecordException("value is null (a tombstone); the batches topic holds no deletes");
        }
        try {
            return ENVELOPE.fromBytes(value);
        } catch (SerializationException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new UnusableRecordException("value is not a RawSettlementBatch: " + why);
        }
    }

    private static JsonNode readJson(String text, String field) throws UnusableRecordException {
        if (text == null) {
            throw new UnusableRecordException(field + " is missing");
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new UnusableRecordException(field + " is empty");
            }
            return node;
        } catch (JacksonException e) {
            // getOriginalMessage: the full message could quote the source text.
            throw new UnusableRecordException(field + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The summary's own number, when it has one, must be the batch's: otherwise one batch's figures would close another. */
    private static void checkNumber(JsonNode summary, String number) throws UnusableRecordException {
        JsonNode n = summary.get("number");
        if (n == null || n.isNull()) {
            return;
        }
        String text = n.isIntegralNumber() ? n.bigIntegerValue().toString() : n.isTextual() ? n.textValue().strip() : null;
        if (!number.equals(text)) {
            throw new UnusableRecordException("json number " + n + " differs from batchNumber " + number);
        }
    }

    private static LocalDateTime created(JsonNode summary) throws UnusableRecordException {
        JsonNode at = summary.get("created");
        if (at == null || at.isNull()) {
            throw new UnusableRecordException("created is missing");
        }
        if (!at.isTextual()) {
            throw new UnusableRecordException("created must be text, was " + at);
        }
        try {
            return LocalDateTime.parse(at.textValue().strip(), TransactionParser.CREATED_AT);
        } catch (DateTimeParseException e) {
            throw new UnusableRecordException("created '" + at.textValue() + "' is not M/D/YYYY h:mm:ss AM/PM");
        }
    }

    /** @return null when absent and not required */
    private static BigDecimal amount(JsonNode parent, String field, boolean required) throws UnusableRecordException {
        return amount(parent, field, field, required);
    }

    private static BigDecimal amount(JsonNode parent, String field, String path, boolean required) throws UnusableRecordException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw new UnusableRecordException(path + " is missing");
            }
            return null;
        }
        if (!node.isNumber()) {
            throw new UnusableRecordException(path + " must be a JSON number, was " + node);
        }
        BigDecimal amount = node.decimalValue();
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new UnusableRecordException(path + " has more than 2 decimal places: " + amount.toPlainString());
        }
        amount = amount.setScale(2);
        if (amount.precision() > MAX_PRECISION) {
            throw new UnusableRecordException(path + " is too large: " + amount.toPlainString());
        }
        return amount;
    }

    private static List<DepositFacts.Line> transactions(String json) throws UnusableRecordException {
        JsonNode list = readJson(json, "transactionsJson");
        if (!list.isArray()) {
            throw new UnusableRecordException("transactionsJson is not a JSON array");
        }
        List<DepositFacts.Line> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode tx = list.get(i);
            String at = "transactionsJson[" + i + "]";
            if (!tx.isObject()) {
                throw new UnusableRecordException(at + " is not a JSON object");
            }
            String id = transactionId(tx.get("transaction_id"), at + ".transaction_id");
            if (!seen.add(id)) {
                throw new UnusableRecordException("transaction " + id + " is listed twice in transactionsJson");
            }
            JsonNode type = tx.get("transaction_type");
            DepositTransactionKind kind = type != null && type.isTextual() && type.textValue().strip().equalsIgnoreCase("REFUND")
                    ? DepositTransactionKind.REFUND : DepositTransactionKind.SALE;
            // PayTrace may print a refund negative; the deposit line says which way by its kind, the amount is positive.
            lines.add(new DepositFacts.Line(id, kind, amount(tx, "amount", at + ".amount", true).abs()));
        }
        lines.sort(Comparator.comparing((DepositFacts.Line l) -> l.transactionId().length()).thenComparing(DepositFacts.Line::transactionId));
        return lines;
    }

    private static String transactionId(JsonNode id, String path) throws UnusableRecordException {
        if (id == null || id.isNull()) {
            throw new UnusableRecordException(path + " is missing");
        }
        String text = id.isIntegralNumber() ? id.bigIntegerValue().toString() : id.isTextual() ? id.textValue().strip() : "";
        if (!TRANSACTION_ID.matcher(text).matches()) {
            throw new UnusableRecordException(path + " must be a positive integer, was " + id);
        }
        return text;
    }

    /**
     * The gateway derives transactionIds from the same list, so they agree; when they do not, which one is the batch
     * is a guess, and a deposit built on a guess would report a false mismatch (or hide a true one).
     */
    private static void checkIds(List<DepositFacts.Line> lines, List<String> listed) throws UnusableRecordException {
        Set<String> inJson = new TreeSet<>();
        lines.forEach(l -> inJson.add(l.transactionId()));
        Set<String> inIds = new TreeSet<>();
        if (listed != null) {
            listed.forEach(id -> inIds.add(id == null ? "" : id.strip()));
        }
        if (!inJson.equals(inIds)) {
            Set<String> onlyJson = new TreeSet<>(inJson);
            onlyJson.removeAll(inIds);
            Set<String> onlyIds = new TreeSet<>(inIds);
            onlyIds.removeAll(inJson);
            throw new UnusableRecordException("transactionsJson and transactionIds list different transactions: only in transactionsJson "
                    + onlyJson + ", only in transactionIds " + onlyIds);
        }
    }
}
