package com.ptsl.processor.parse;

import com.ptsl.processor.PayTraceExportRecord;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

import static com.ptsl.processor.PayTraceExportRecord.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionParserTest {

    @Test
    void readsTheExportRecordFields() throws UnusableRecordException {
        PayTraceExportRecord record = sale(79388123).settledIn(571).amount("110").invoice("inv1234")
                .customerReference("PO123456").createdAt("7/3/2018 5:06:57 PM");

        PayTraceTransaction tx = TransactionParser.parse("79388123", record.bytes());

        assertThat(tx.transactionId()).isEqualTo("79388123");
        assertThat(tx.transactionType()).isEqualTo("SALE");
        assertThat(tx.statusCode()).isEqualTo("GB571");
        assertThat(tx.amount()).isEqualTo(new BigDecimal("110.00"));
        assertThat(tx.invoiceId()).isEqualTo("inv1234");
        assertThat(tx.customerReferenceId()).isEqualTo("PO123456");
        assertThat(tx.customerId()).isEmpty();
        assertThat(tx.createdAt()).isEqualTo(LocalDateTime.of(2018, 7, 3, 17, 6, 57));
        assertThat(tx.maskedCard()).isEqualTo("************5454");
        assertThat(tx.approvalCode()).isEqualTo("VTLMC1");
        assertThat(tx.responseCode()).isEqualTo(OptionalInt.empty());
        assertThat(tx.json()).isEqualTo(record.json());
        assertThat(tx.fingerprint()).isEqualTo(record.envelope().getFingerprint());
        assertThat(tx.receivedAt()).isEqualTo(PayTraceExportRecord.RECEIVED_AT);
        assertThat(tx.cscResponse()).isEqualTo("Match");
        assertThat(tx.createdBy()).isEqualTo("sandbox123");
        assertThat(tx.originalTransactionId()).as("a sale names no original").isEmpty();
    }

    @Test
    void aRefundForATransactionNamesItsOriginalThroughTheConfiguredField() throws UnusableRecordException {
        PayTraceExportRecord refund = PayTraceExportRecord.refund(500, 79388123);

        assertThat(TransactionParser.parse("500", refund.bytes()).originalTransactionId()).isEqualTo("79388123");
        assertThat(TransactionParser.parse("500", refund.bytes(), "parent_id").originalTransactionId())
                .as("another field configured").isEmpty();
        assertThat(TransactionParser.parse("500", refund.set("parent_id", "7").bytes(), "parent_id").originalTransactionId())
                .isEqualTo("7");
        assertThat(TransactionParser.parse("500", refund.set("original_transaction_id", "\" 42 \"").bytes()).originalTransactionId())
                .as("as text").isEqualTo("42");
    }

    @ParameterizedTest(name = "original_transaction_id {0} is no link")
    @CsvSource(delimiter = '|', textBlock = """
            null
            0
            -5
            "abc"
            ""
            1.5
            {}
            """)
    void anUnreadableLinkIsNoLinkRatherThanAnUnusableRecord(String json) throws UnusableRecordException {
        PayTraceExportRecord refund = PayTraceExportRecord.keyedRefund(500).set("original_transaction_id", json);

        assertThat(TransactionParser.parse("500", refund.bytes()).originalTransactionId()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            4/10/2015 12:xx AM                | created.at '4/10/2015 12:xx AM' is not M/D/YYYY h:mm:ss AM/PM
            4/10/2015 16:06:30                | created.at '4/10/2015 16:06:30' is not M/D/YYYY h:mm:ss AM/PM
            2/30/2015 1:00:00 PM              | created.at '2/30/2015 1:00:00 PM' is not M/D/YYYY h:mm:ss AM/PM
            2015-04-10T16:06:30               | created.at '2015-04-10T16:06:30' is not M/D/YYYY h:mm:ss AM/PM
            """)
    void badCreatedAtNamesTheField(String at, String reason) {
        assertRejected(sale(1).createdAt(at), reason);
    }

    @Test
    void acceptsMidnightNoonAndLowerCaseMeridiem() throws UnusableRecordException {
        assertThat(TransactionParser.parse("1", sale(1).createdAt("1/1/2026 12:00:00 AM").bytes()).createdAt())
                .isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 0));
        assertThat(TransactionParser.parse("1", sale(1).createdAt("12/31/2025 12:30:01 pm").bytes()).createdAt())
                .isEqualTo(LocalDateTime.of(2025, 12, 31, 12, 30, 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            transaction_id | "79388123"    | transaction_id must be a positive integer, was "79388123"
            transaction_id | 1.5           | transaction_id must be a positive integer, was 1.5
            transaction_id | -4            | transaction_id must be a positive integer, was -4
            transaction_id | null          | transaction_id is missing
            amount         | "110.00"      | amount must be a JSON number, was "110.00"
            amount         | null          | amount is missing
            amount         | 1E+17         | amount is too large: 100000000000000000.00
            created        | {}            | created.at is missing
            created        | {"at": 5}     | created.at must be text, was 5
            invoice_id     | ["a"]         | invoice_id must be text, was a JSON array
            """)
    void illTypedFieldsAreRejectedNamingTheField(String field, String json, String reason) {
        assertRejected(sale(1).set(field, json), reason);
    }

    @Test
    void missingTransactionIdIsRejected() {
        PayTraceExportRecord record = sale(1).without("transaction_id");
        assertThatThrownBy(() -> TransactionParser.parse("1", record.bytes()))
                .isInstanceOf(UnusableRecordException.class).hasMessage("transaction_id is missing");
    }

    @Test
    void numericOptionalFieldsAreReadAsText() throws UnusableRecordException {
        PayTraceTransaction tx = TransactionParser.parse("1", sale(1).set("invoice_id", "1234").bytes());
        assertThat(tx.invoiceId()).isEqualTo("1234");
    }

    @Test
    void jsonThatIsNotAnObjectOrNotJsonIsRejected() {
        assertRejected(envelope(r -> r.setJson("[1,2]")), "json is not a JSON object");
        assertThatThrownBy(() -> TransactionParser.parse("1", envelope(r -> r.setJson("{\"transaction_id\": 1,")).bytes()))
                .isInstanceOf(UnusableRecordException.class).hasMessageStartingWith("json is not valid JSON: ");
    }

    @Test
    void duplicateFieldsAreRejected() {
        assertThatThrownBy(() -> TransactionParser.parse("1",
                envelope(r -> r.setJson("{\"transaction_id\":1,\"amount\":1,\"amount\":1000}")).bytes()))
                .isInstanceOf(UnusableRecordException.class).hasMessageContaining("amount");
    }

    @Test
    void envelopeMustAgreeWithTheRecord() {
        assertRejected(envelope(r -> r.setTransactionId("2")), "envelope transactionId '2' differs from transaction_id 1");
        assertRejected(envelope(r -> r.setFingerprint(" ")), "envelope fingerprint is blank");
        assertThatThrownBy(() -> TransactionParser.parse(null, sale(1).bytes()))
                .isInstanceOf(UnusableRecordException.class).hasMessage("key is missing; expected transaction_id 1");
        assertThatThrownBy(() -> TransactionParser.parse("1", null))
                .isInstanceOf(UnusableRecordException.class).hasMessageContaining("tombstone");
    }

    @Test
    void responseCodeIsKeptWhenTheRecordHasOne() throws UnusableRecordException {
        assertThat(TransactionParser.parse("1", sale(1).set("response_code", "103").bytes()).responseCode())
                .isEqualTo(OptionalInt.of(103));
    }

    private static void assertRejected(PayTraceExportRecord record, String reason) {
        assertRejected(new Envelope(record.key(), record.bytes()), reason);
    }

    private static void assertRejected(Envelope envelope, String reason) {
        assertThatThrownBy(() -> TransactionParser.parse(envelope.key(), envelope.bytes()))
                .isInstanceOf(UnusableRecordException.class)
                .hasMessage(reason);
    }

    /** A valid sale's envelope with one thing changed. */
    private static Envelope envelope(UnaryOperator<RawPayTraceRecord.Builder> change) {
        RawPayTraceRecord record = change.apply(RawPayTraceRecord.newBuilder(sale(1).envelope())).build();
        return new Envelope("1", Topics.RAW_TRANSACTIONS.valueSerde().serializer().serialize("t", record));
    }

    private record Envelope(String key, byte[] bytes) {
    }
}
