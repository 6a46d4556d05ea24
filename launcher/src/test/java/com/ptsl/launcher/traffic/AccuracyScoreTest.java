package com.ptsl.launcher.traffic;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The score from hand-made ground truth, SL rows and review items. */
class AccuracyScoreTest {

    private static BigDecimal m(String amount) {
        return new BigDecimal(amount);
    }

    private static Map<String, BigDecimal> apps(String... refAmount) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (int i = 0; i < refAmount.length; i += 2) {
            out.put(refAmount[i], m(refAmount[i + 1]));
        }
        return out;
    }

    private static GroundTruthRow row(String tx, String scenario, String group, String custId, Map<String, BigDecimal> apps,
                                      String amount, String onAccount, String review) {
        return new GroundTruthRow(tx, Integer.parseInt(tx), scenario, group, true, Instant.EPOCH, m(amount), "", "", "",
                custId, custId == null ? null : "INVOICE_ID", apps, m(onAccount), review, null);
    }

    private static GroundTruthRow declined(String tx) {
        return new GroundTruthRow(tx, Integer.parseInt(tx), "DECLINED", null, false, Instant.EPOCH, m("1.12"), "", "", "",
                null, null, Map.of(), m("0.00"), null, null);
    }

    private static PostedPayment pa(String tx, String custId, String amount, String unapplied, Map<String, BigDecimal> apps) {
        return new PostedPayment(tx, custId, m(amount), m(unapplied), apps, 1);
    }

    /** A small run with one payment of each kind the score distinguishes. */
    private static final List<GroundTruthRow> TRUTH = List.of(
            row("1", "INVOICE_ID", null, "C00001", apps("0000010001", "100.00"), "100.00", "0.00", null),
            row("2", "OVERPAYMENT", null, "C00002", apps("0000010002", "50.00"), "80.00", "30.00", "OVERPAYMENT"),
            row("3", "QUICK_PAIR", "pair-1", "C00003", apps("0000010003", "60.00"), "60.00", "0.00", null),
            row("4", "QUICK_PAIR", "pair-1", "C00003", apps("0000010003", "40.00"), "60.00", "20.00", "OVERPAYMENT"),
            row("5", "UNKNOWN_INVOICE", null, "C00004", Map.of(), "70.00", "70.00", "DEADLINE_PASSED"),
            row("6", "UNKNOWN_CUSTOMER", null, null, Map.of(), "25.00", "0.00", "UNKNOWN_CUSTOMER"),
            declined("7"));

    private static Map<String, PostedPayment> allRight() {
        Map<String, PostedPayment> posted = new HashMap<>();
        posted.put("1", pa("1", "C00001", "100.00", "0.00", apps("0000010001", "100.00")));
        posted.put("2", pa("2", "C00002", "80.00", "30.00", apps("0000010002", "50.00")));
        // The pair came out the other way round: the second payment was processed first.
        posted.put("3", pa("3", "C00003", "60.00", "20.00", apps("0000010003", "40.00")));
        posted.put("4", pa("4", "C00003", "60.00", "0.00", apps("0000010003", "60.00")));
        posted.put("5", pa("5", "C00004", "70.00", "70.00", Map.of()));
        return posted;
    }

    private static Map<String, String> reviewsRight() {
        return Map.of("2", "OVERPAYMENT", "3", "OVERPAYMENT", "5", "DEADLINE_PASSED", "6", "UNKNOWN_CUSTOMER");
    }

    @Test
    void aRunExactlyAsPredictedScoresFullMarksEvenWithThePairSwapped() {
        AccuracyScore score = AccuracyScore.score(TRUTH, allRight(), reviewsRight());

        assertThat(score.total()).isEqualTo(new AccuracyScore.ScenarioLine("total", 7, 4, 4, 3, 4, 0, 7));
        assertThat(score.autoAppliedPercent()).isEqualTo(100.0);
        assertThat(score.wrongApplications()).isEmpty();
        assertThat(score.wrongCustomer()).isZero();
        assertThat(score.missing()).isZero();
        assertThat(score.postedUnexpectedly()).isZero();
        assertThat(score.onAccountPayments()).isEqualTo(3);
        assertThat(score.onAccountAmount()).isEqualByComparingTo("120.00");
        assertThat(score.reviewsByReason()).isEqualTo(score.expectedReviewsByReason())
                .containsEntry("OVERPAYMENT", 2).containsEntry("DEADLINE_PASSED", 1).containsEntry("UNKNOWN_CUSTOMER", 1);
        assertThat(score.scenarios()).extracting(AccuracyScore.ScenarioLine::scenario).containsExactly(
                "INVOICE_ID", "OVERPAYMENT", "QUICK_PAIR", "UNKNOWN_INVOICE", "UNKNOWN_CUSTOMER", "DECLINED");
    }

    @Test
    void moneyOnAnInvoiceNotTheGroundTruthsIsAWrongApplication() {
        Map<String, PostedPayment> posted = allRight();
        // What a matcher that trusts invoice_id blindly does with an unknown invoice: applies to whatever it finds.
        posted.put("5", pa("5", "C00004", "70.00", "0.00", apps("0000010099", "70.00")));
        posted.put("1", pa("1", "C00001", "100.00", "0.00", apps("0000010001", "60.00", "0000010011", "40.00")));

        AccuracyScore score = AccuracyScore.score(TRUTH, posted, reviewsRight());

        assertThat(score.wrongApplications()).extracting(AccuracyScore.WrongApplication::invoice)
                .containsExactlyInAnyOrder("0000010099", "0000010011");
        assertThat(score.total().correct()).isEqualTo(3);
        assertThat(score.total().wrong()).isEqualTo(2);
        assertThat(line(score, "UNKNOWN_INVOICE").wrong()).isEqualTo(1);
        assertThat(String.join("\n", score.format())).contains("wrong applications          2 (110.00 applied");
    }

    @Test
    void aPairThatSpentTheBalanceTwiceIsNotCorrectButNotWrongEither() {
        Map<String, PostedPayment> posted = allRight();
        // Both saw the full balance: the processor did not count the first one's pending application.
        posted.put("3", pa("3", "C00003", "60.00", "0.00", apps("0000010003", "60.00")));
        posted.put("4", pa("4", "C00003", "60.00", "0.00", apps("0000010003", "60.00")));

        AccuracyScore score = AccuracyScore.score(TRUTH, posted, Map.of("2", "OVERPAYMENT", "5", "DEADLINE_PASSED",
                "6", "UNKNOWN_CUSTOMER"));

        AccuracyScore.ScenarioLine pair = line(score, "QUICK_PAIR");
        assertThat(pair.matchable()).isEqualTo(2);
        assertThat(pair.correct()).isZero();
        assertThat(pair.asPlanned()).isZero();
        assertThat(pair.wrong()).isZero();
        assertThat(score.wrongApplications()).isEmpty();
        assertThat(score.reviewsByReason()).containsEntry("OVERPAYMENT", 1);
        assertThat(score.expectedReviewsByReason()).containsEntry("OVERPAYMENT", 2);
    }

    @Test
    void postingsThatShouldNotExistAndPostingsThatAreMissingAreCounted() {
        Map<String, PostedPayment> posted = allRight();
        posted.remove("1");
        // The old rule (customer = customer_reference_id) posts the unknown customer's payment anyway.
        posted.put("6", pa("6", "WEB-12345", "25.00", "0.00", apps("8000123", "25.00")));
        posted.put("7", pa("7", "C00001", "1.12", "1.12", Map.of()));

        AccuracyScore score = AccuracyScore.score(TRUTH, posted, reviewsRight());

        assertThat(score.missing()).isEqualTo(1);
        assertThat(score.postedUnexpectedly()).isEqualTo(2);
        assertThat(score.wrongApplications()).extracting(AccuracyScore.WrongApplication::transactionId).containsExactly("6");
        assertThat(score.total().correct()).isEqualTo(3);
        assertThat(line(score, "UNKNOWN_CUSTOMER").asPlanned()).isZero();
        assertThat(line(score, "DECLINED").asPlanned()).isZero();
    }

    @Test
    void theRightInvoicesOfTheWrongCustomerAreAWrongCustomer() {
        Map<String, PostedPayment> posted = allRight();
        posted.put("2", pa("2", "C00009", "80.00", "30.00", apps("0000010002", "50.00")));

        AccuracyScore score = AccuracyScore.score(TRUTH, posted, reviewsRight());

        assertThat(score.wrongCustomer()).isEqualTo(1);
        assertThat(line(score, "OVERPAYMENT").correct()).isZero();
        assertThat(line(score, "OVERPAYMENT").wrong()).isEqualTo(1);
    }

    @Test
    void aMissingOrDifferentReviewItemSpoilsAsPlannedOnly() {
        AccuracyScore score = AccuracyScore.score(TRUTH, allRight(), Map.of("2", "UNMATCHED", "3", "OVERPAYMENT",
                "6", "UNKNOWN_CUSTOMER"));

        assertThat(score.total().correct()).isEqualTo(4);
        assertThat(score.total().asPlanned()).isEqualTo(5);
        assertThat(score.reviewsByReason()).containsEntry("UNMATCHED", 1).doesNotContainKey("DEADLINE_PASSED");
        assertThat(String.join("\n", score.format()))
                .contains("DEADLINE_PASSED 0 (expected 1)", "UNMATCHED 1 (expected 0)");
    }

    @Test
    void theTableIsAligned() {
        List<String> lines = AccuracyScore.score(TRUTH, allRight(), reviewsRight()).format();
        lines.forEach(System.out::println);

        int header = lines.get(0).length();
        List<String> table = lines.subList(0, 8);
        assertThat(table).allSatisfy(l -> assertThat(l).hasSize(header));
        assertThat(lines.get(0)).contains("payments", "auto-applied", "on account", "review", "wrong", "as planned");
        assertThat(lines.get(3)).startsWith("QUICK_PAIR").contains("2/2");
        assertThat(lines.get(7)).startsWith("total").contains("4/4");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("auto-applied correctly      4 of 4 matchable payments (100.0 %)"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("wrong applications          0"));
    }

    private static AccuracyScore.ScenarioLine line(AccuracyScore score, String scenario) {
        return score.scenarios().stream().filter(l -> l.scenario().equals(scenario)).findFirst().orElseThrow();
    }
}
