package com.ptsl.processor.parse;

import com.ptsl.processor.PayTraceExportRecord;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parse stage reads the usual record from one streaming pass and leaves everything else to the rules on the JSON
 * tree; for any record, usual or odd, the outcome (the transaction, or the reason it is unusable) must be the tree's.
 */
class StreamedParseEquivalenceTest {

    private static final List<String> FIELDS = List.of("transaction_id", "transaction_type", "status_code", "status_message",
            "approval_message", "response_code", "amount", "invoice_id", "customer_reference_id", "customer_id", "csc_response",
            "original_transaction_id", "approval_code", "description", "credit_card", "created");

    /** JSON values of every kind, including the ones the streamed path hands to the tree. */
    private static final List<String> VALUES = List.of("\"\"", "\"x\"", "\" 42 \"", "\"123\"", "\"007\"", "\"SALE\"", "\"REFUND\"",
            "\"N\"", "\"Voided\"", "0", "-1", "5", "103", "700000001", "2147483648", "99999999999999999999", "1.5", "1.50", "110",
            "1e2", "0.0", "-0.0", "110.123", "12.345000", "true", "false", "null", "{}", "[]", "[1,{\"a\":2}]",
            "{\"masked_number\":\"401200******5439\"}", "{\"masked_number\":5439}", "{\"masked_number\":{}}",
            "{\"at\":\"4/10/2015 4:06:30 PM\",\"by\":\"u\"}", "{\"at\":\"2/30/2015 1:00:00 PM\"}", "{\"at\":\"13/1/2015 1:00:00 PM\"}",
            "{\"at\":\"4/10/2015 4:06:30 pm\",\"by\":7}", "{\"at\":\" 04/05/2015 12:00:00 AM \"}", "{\"at\":\"4/10/2015 12:00:00 PM\"}",
            "{\"at\":\"4/10/15 4:06:30 PM\"}", "{\"at\":\"004/10/2015 4:06:30 PM\"}", "{\"at\":1}", "{\"by\":\"u\"}", "{\"at\":null}");

    record Edit(String field, String value) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(FIELDS), Arbitraries.of(VALUES).injectNull(0.1))
                .as(Edit::new);
        return edit.list().ofMaxSize(4);
    }

    @Property(tries = 2_000)
    void theStreamedPathDecidesAsTheTreeDoes(@ForAll("edits") List<Edit> edits, @ForAll boolean keyMatches,
                                             @ForAll boolean alternativeLinkField) {
        PayTraceExportRecord record = PayTraceExportRecord.sale(700000001);
        for (Edit e : edits) {
            if (e.value() == null) {
                record.without(e.field());
            } else {
                record.set(e.field(), e.value());
            }
        }
        String key = keyMatches ? record.key() : "1";
        String link = alternativeLinkField ? "created" : TransactionParser.DEFAULT_REFUND_LINK_FIELD;
        byte[] bytes = record.bytes();

        assertThat(outcome(() -> TransactionParser.parse(key, bytes, link)))
                .isEqualTo(outcome(() -> TransactionParser.parseTree(key, bytes, link)));
    }

    @Property(tries = 200)
    void duplicateFieldsAnywhereAreRefusedAsBefore(@ForAll("duplicated") String json) {
        byte[] bytes = com.ptsl.schemas.Topics.RAW_TRANSACTIONS.valueSerde().serializer().serialize("t",
                com.ptsl.schemas.avro.RawPayTraceRecord.newBuilder(PayTraceExportRecord.sale(700000001).envelope()).setJson(json).build());

        Object streamed = outcome(() -> TransactionParser.parse("700000001", bytes, TransactionParser.DEFAULT_REFUND_LINK_FIELD));
        assertThat(streamed).isEqualTo(outcome(() -> TransactionParser.parseTree("700000001", bytes, TransactionParser.DEFAULT_REFUND_LINK_FIELD)));
        assertThat(streamed).asString().startsWith("unusable: json is not valid JSON");
    }

    @Provide
    Arbitrary<String> duplicated() {
        String json = PayTraceExportRecord.sale(700000001).json();
        return Arbitraries.of("\"amount\":", "\"name\":", "\"by\":", "\"masked_number\":", "\"zip\":").map(field -> {
            int at = json.indexOf(field);
            return json.substring(0, at) + field + "\"dup\"," + json.substring(at);
        });
    }

    @FunctionalInterface
    private interface Parse {
        PayTraceTransaction run() throws UnusableRecordException;
    }

    /** The transaction, or the reason as the pipeline would record it. */
    private static Object outcome(Parse parse) {
        try {
            return Objects.requireNonNull(parse.run());
        } catch (UnusableRecordException e) {
            return "unusable: " + e.reason();
        }
    }

}
