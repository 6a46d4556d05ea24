package com.ptsl.processor.classify;

import com.ptsl.processor.PayTraceExportRecord;
import com.ptsl.processor.parse.PayTraceTransaction;
import com.ptsl.processor.parse.TransactionParser;
import com.ptsl.processor.parse.UnusableRecordException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;

import static com.ptsl.processor.PayTraceExportRecord.authorization;
import static com.ptsl.processor.PayTraceExportRecord.refund;
import static com.ptsl.processor.PayTraceExportRecord.sale;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classifier's table, one spec per row (and a few more where a row covers several lifecycle steps), on
 * records shaped like the sandbox's exports (the lifecycle table of issue 7) and read by the real parser; then
 * proof that no row is dead (shadowed by the rows above it) and that every row has a spec.
 */
class ClassifierTest {

    private static final String CSC_103_TEXT =
            "Your transaction was successfully approved. However, it was voided because your address and/or CSC did not match.";

    /** A spec: a record, the kind it is, and (a unique fragment of) the row that must decide it. */
    private record Spec(String name, PayTraceExportRecord record, TransactionKind kind, String row) {
    }

    private static final List<Spec> SPECS = List.of(
            new Spec("a record carrying response_code 103 is AUTO_VOIDED even while it says Y",
                    sale(1).set("response_code", "103"), TransactionKind.AUTO_VOIDED, "103 is an auto-void"),
            new Spec("a record carrying response_code 102 is DECLINED",
                    sale(2).set("response_code", "102").status("", ""), TransactionKind.DECLINED, "102 is a decline"),
            new Spec("a sale declined by the processor (amount 1.12) is DECLINED",
                    sale(3).amount("1.12").declined(), TransactionKind.DECLINED, "transaction_type DECLINED"),
            new Spec("an authorization declined (expired card) is DECLINED",
                    authorization(31).declined().set("approval_message", "\"  EXPIRED CARD - Expired card\""),
                    TransactionKind.DECLINED, "transaction_type DECLINED"),
            new Spec("a capture of a negative amount is UNKNOWN",
                    authorization(4).captured("-5.00"), TransactionKind.UNKNOWN, "negative amount"),
            new Spec("a sale auto-voided for a CSC mismatch (CSC 999) is AUTO_VOIDED",
                    sale(5).autoVoided(), TransactionKind.AUTO_VOIDED, "whose CSC did not match"),
            new Spec("an authorization auto-voided for a CSC mismatch is AUTO_VOIDED",
                    authorization(51).autoVoided(), TransactionKind.AUTO_VOIDED, "whose CSC did not match"),
            new Spec("a sale exported with the 103 reply text is AUTO_VOIDED",
                    sale(6).status("N", CSC_103_TEXT).set("csc_response", "\"\""), TransactionKind.AUTO_VOIDED, "the 103 reply text"),
            new Spec("a voided sale is VOIDED",
                    sale(7).voided(), TransactionKind.VOIDED, "authorization is a void"),
            new Spec("a voided uncaptured authorization is VOIDED",
                    authorization(71).voided(), TransactionKind.VOIDED, "authorization is a void"),
            new Spec("a voided capture is VOIDED",
                    authorization(72).captured("60").voided(), TransactionKind.VOIDED, "authorization is a void"),
            new Spec("a voided refund is VOIDED",
                    refund(73, 7).voided(), TransactionKind.VOIDED, "authorization is a void"),
            new Spec("transaction_type VOID is VOIDED",
                    sale(8).type("VOID").status("Y", "Pending Settlement"), TransactionKind.VOIDED, "transaction_type VOID"),
            new Spec("a sale with status N 'not approved' is DECLINED",
                    sale(9).status("N", "Your transaction was not approved."), TransactionKind.DECLINED, "decline status_message"),
            new Spec("status N with only the processor's decline text is DECLINED",
                    sale(10).status("N", "").set("approval_message", "\"    DECLINE - Do not honor\""),
                    TransactionKind.DECLINED, "decline approval_message"),
            new Spec("an authorization nobody captured in time is AUTHORIZATION_EXPIRED",
                    authorization(11).expired(), TransactionKind.AUTHORIZATION_EXPIRED, "has expired"),
            new Spec("an approved authorization is AUTHORIZED",
                    authorization(12), TransactionKind.AUTHORIZED, "authorized, not captured"),
            new Spec("an approved sale pending settlement is SALE_APPROVED",
                    sale(13), TransactionKind.SALE_APPROVED, "an approved sale"),
            new Spec("a settled sale is SALE_SETTLED",
                    sale(14).settledIn(571), TransactionKind.SALE_SETTLED, "a settled sale"),
            new Spec("a sale whose status says Settled is SALE_SETTLED",
                    sale(141).status("Settled", "Settled"), TransactionKind.SALE_SETTLED, "a settled sale"),
            new Spec("a partial capture is CAPTURED for the captured amount",
                    authorization(15).captured("80.00"), TransactionKind.CAPTURED, "was captured"),
            new Spec("a settled capture is CAPTURE_SETTLED",
                    authorization(16).captured("80").settledIn(572), TransactionKind.CAPTURE_SETTLED, "settled capture"),
            new Spec("a refund for a transaction is REFUNDED",
                    refund(17, 13).amount("25"), TransactionKind.REFUNDED, "is a refund"),
            new Spec("a keyed refund exported negative is REFUNDED",
                    PayTraceExportRecord.keyedRefund(171).amount("-25"), TransactionKind.REFUNDED, "is a refund"),
            new Spec("a settled refund is REFUND_SETTLED",
                    refund(18, 13).settledIn(573), TransactionKind.REFUND_SETTLED, "settled refund"),
            new Spec("a store-and-forward record is UNKNOWN",
                    sale(19).type("STR/FWD"), TransactionKind.UNKNOWN, "anything else"),
            new Spec("a refund of nothing is UNKNOWN",
                    refund(191, 13).amount("0"), TransactionKind.UNKNOWN, "anything else"),
            new Spec("a sale with status N and no word of why is UNKNOWN",
                    sale(192).status("N", ""), TransactionKind.UNKNOWN, "anything else"),
            new Spec("a record with no status is UNKNOWN",
                    sale(193).status("", ""), TransactionKind.UNKNOWN, "anything else"));

    @TestFactory
    Stream<DynamicTest> specs() {
        return SPECS.stream().map(spec -> DynamicTest.dynamicTest(spec.name(), () -> {
            Rule rule = Classifier.match(parse(spec.record()));

            assertThat(rule.kind()).isEqualTo(spec.kind());
            assertThat(rule).isEqualTo(row(spec.row()));
        }));
    }

    @Test
    void everyRowHasASpec() {
        Set<Rule> specified = new LinkedHashSet<>();
        SPECS.forEach(spec -> specified.add(row(spec.row())));

        assertThat(specified).containsExactlyInAnyOrderElementsOf(Classifier.RULES);
    }

    /**
     * For each row, a record built from the row's own example values is decided by that row: no row above it
     * claims everything it describes. (A row that failed this would be dead code in the table.)
     */
    @Test
    void everyRowIsReachable() {
        for (Rule rule : Classifier.RULES) {
            PayTraceTransaction witness = new PayTraceTransaction("1", rule.type().example(), rule.status().example(),
                    rule.message().example(), rule.extraField() == Rule.Field.APPROVAL_MESSAGE ? rule.extra().example() : "",
                    rule.responseCode() == null ? OptionalInt.empty() : OptionalInt.of(rule.responseCode()),
                    BigDecimal.TEN.multiply(BigDecimal.valueOf(rule.sign().example())).setScale(2), "", "C1", "",
                    LocalDateTime.of(2026, 1, 5, 9, 30), "************5454",
                    rule.extraField() == Rule.Field.CSC_RESPONSE ? rule.extra().example() : "", "", "", "", "", "{}", "fp", Instant.EPOCH);

            assertThat(Classifier.match(witness)).as("row '%s'", rule.spec()).isEqualTo(rule);
        }
    }

    @Test
    void theLastRowTakesWhatNoOtherDoes() {
        assertThat(Classifier.RULES.get(Classifier.RULES.size() - 1).kind()).isEqualTo(TransactionKind.UNKNOWN);
        assertThat(Classifier.RULES).extracting(Rule::kind).containsAll(List.of(TransactionKind.values()));
    }

    @Test
    void matchingIgnoresCaseAndSurroundingBlanks() {
        assertThat(Classifier.classify(parse(sale(20).type(" sale ").status(" y ", "pending settlement"))))
                .isEqualTo(TransactionKind.SALE_APPROVED);
    }

    private static Rule row(String fragment) {
        List<Rule> rows = Classifier.RULES.stream().filter(r -> r.spec().contains(fragment)).toList();
        assertThat(rows).as("rows saying '%s'", fragment).hasSize(1);
        return rows.get(0);
    }

    private static PayTraceTransaction parse(PayTraceExportRecord record) {
        try {
            return TransactionParser.parse(record.key(), record.bytes());
        } catch (UnusableRecordException e) {
            throw new AssertionError("fixture not parseable: " + e.reason(), e);
        }
    }
}
