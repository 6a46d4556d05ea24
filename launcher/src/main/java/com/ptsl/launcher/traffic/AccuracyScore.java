package com.ptsl.launcher.traffic;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How well the pipeline did against the ground truth, computed from what SL holds ({@link PostedPayment}) and
 * from the review queue (latest reason per transaction). Pure: no I/O, so it is tested with hand-made rows.
 *
 * <p>Definitions. <b>Matchable</b>: approved, with a known customer and at least one invoice to apply it to.
 * <b>Auto-applied correctly</b>: a matchable payment posted to its customer with exactly the expected invoices
 * and amounts (for a quick pair: the pair's total per invoice, since either payment may have been first).
 * <b>Wrong application</b>: any 'U' line to an invoice the ground truth does not give the payment (or its pair);
 * this must never happen, an unapplied payment is recoverable, money on someone else's invoice is not.
 * <b>As planned</b>: posting (customer, applications, on-account amount) and review reason exactly as predicted.
 * The table's <b>wrong</b> column counts payments with a wrong application or posted to another customer.
 */
public final class AccuracyScore {

    /** One line of the per-scenario table. */
    public record ScenarioLine(String scenario, int payments, int matchable, int correct, int onAccount, int review,
                               int wrong, int asPlanned) {
    }

    /** A posting to an invoice the payment should not touch. */
    public record WrongApplication(String transactionId, String scenario, String invoice, BigDecimal amount) {
    }

    private final List<ScenarioLine> scenarios;
    private final ScenarioLine total;
    private final List<WrongApplication> wrongApplications;
    private final int wrongCustomer;
    private final int onAccountPayments;
    private final BigDecimal onAccountAmount;
    private final int expectedOnAccountPayments;
    private final BigDecimal expectedOnAccountAmount;
    private final int postedUnexpectedly;
    private final int missing;
    private final Map<String, Integer> reviewsByReason;
    private final Map<String, Integer> expectedReviewsByReason;

    private AccuracyScore(List<ScenarioLine> scenarios, ScenarioLine total, List<WrongApplication> wrongApplications,
                          int wrongCustomer, int onAccountPayments, BigDecimal onAccountAmount,
                          int expectedOnAccountPayments, BigDecimal expectedOnAccountAmount, int postedUnexpectedly,
                          int missing, Map<String, Integer> reviewsByReason, Map<String, Integer> expectedReviewsByReason) {
        this.scenarios = List.copyOf(scenarios);
        this.total = total;
        this.wrongApplications = List.copyOf(wrongApplications);
        this.wrongCustomer = wrongCustomer;
        this.onAccountPayments = onAccountPayments;
        this.onAccountAmount = onAccountAmount;
        this.expectedOnAccountPayments = expectedOnAccountPayments;
        this.expectedOnAccountAmount = expectedOnAccountAmount;
        this.postedUnexpectedly = postedUnexpectedly;
        this.missing = missing;
        this.reviewsByReason = Map.copyOf(reviewsByReason);
        this.expectedReviewsByReason = Map.copyOf(expectedReviewsByReason);
    }

    /**
     * @param truth   the ground truth of the run
     * @param posted  SL's payment documents by RefNbr (= transaction id); transactions not in the truth are ignored
     * @param reviews latest review reason per transaction id
     */
    public static AccuracyScore score(List<GroundTruthRow> truth, Map<String, PostedPayment> posted,
                                      Map<String, String> reviews) {
        Map<String, List<GroundTruthRow>> groups = truth.stream().filter(r -> r.group() != null)
                .collect(Collectors.groupingBy(GroundTruthRow::group));
        Map<String, Tally> byScenario = new LinkedHashMap<>();
        Tally all = new Tally();
        List<WrongApplication> wrong = new ArrayList<>();
        int wrongCustomer = 0;
        int onAccount = 0;
        BigDecimal onAccountAmount = money(BigDecimal.ZERO);
        int expectedOnAccount = 0;
        BigDecimal expectedOnAccountAmount = money(BigDecimal.ZERO);
        int unexpected = 0;
        int missing = 0;
        Map<String, Integer> reviewsByReason = new TreeMap<>();
        Map<String, Integer> expectedReviewsByReason = new TreeMap<>();

        for (GroundTruthRow row : truth) {
            List<GroundTruthRow> scope = row.group() == null ? List.of(row) : groups.get(row.group());
            PostedPayment pa = posted.get(row.transactionId());
            String review = reviews.get(row.transactionId());
            Tally tally = byScenario.computeIfAbsent(row.scenario(), s -> new Tally());

            Set<String> allowed = scope.stream().flatMap(r -> r.expectedApplications().keySet().stream())
                    .collect(Collectors.toSet());
            boolean anyWrong = false;
            if (pa != null) {
                for (Map.Entry<String, BigDecimal> line : pa.applications().entrySet()) {
                    if (!allowed.contains(line.getKey()) || !row.expectsPosting()) {
                        wrong.add(new WrongApplication(row.transactionId(), row.scenario(), line.getKey(), line.getValue()));
                        anyWrong = true;
                    }
                }
                if (row.expectedCustId() != null && !row.expectedCustId().equals(pa.custId())) {
                    wrongCustomer++;
                    anyWrong = true;
                }
                if (pa.unapplied().signum() > 0) {
                    onAccount++;
                    onAccountAmount = onAccountAmount.add(pa.unapplied());
                }
                if (!row.expectsPosting()) {
                    unexpected++;
                }
            } else if (row.expectsPosting()) {
                missing++;
            }
            if (row.expectsPosting() && row.expectedOnAccount().signum() > 0) {
                expectedOnAccount++;
                expectedOnAccountAmount = expectedOnAccountAmount.add(row.expectedOnAccount());
            }
            if (review != null) {
                reviewsByReason.merge(review, 1, Integer::sum);
            }
            if (row.expectedReview() != null) {
                expectedReviewsByReason.merge(row.expectedReview(), 1, Integer::sum);
            }

            boolean scopePosted = scope.stream().allMatch(r -> postedToExpectedCustomer(r, posted));
            boolean applicationsRight = scopePosted && sameAmounts(expectedApplications(scope), actualApplications(scope, posted));
            boolean correct = row.matchable() && applicationsRight;
            boolean asPlanned = row.expectsPosting()
                    ? applicationsRight && pa.amount().compareTo(row.amount()) == 0
                    && expectedOnAccount(scope).compareTo(actualOnAccount(scope, posted)) == 0
                    : pa == null;
            asPlanned &= sameReviews(scope, reviews);

            for (Tally t : List.of(tally, all)) {
                t.payments++;
                t.matchable += row.matchable() ? 1 : 0;
                t.correct += correct ? 1 : 0;
                t.onAccount += pa != null && pa.unapplied().signum() > 0 ? 1 : 0;
                t.review += review != null ? 1 : 0;
                t.wrong += anyWrong ? 1 : 0;
                t.asPlanned += asPlanned ? 1 : 0;
            }
        }
        List<ScenarioLine> lines = byScenario.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Tally> e) -> scenarioOrder(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .map(e -> e.getValue().line(e.getKey())).toList();
        return new AccuracyScore(lines, all.line("total"), wrong, wrongCustomer, onAccount, onAccountAmount,
                expectedOnAccount, expectedOnAccountAmount, unexpected, missing, reviewsByReason, expectedReviewsByReason);
    }

    public List<ScenarioLine> scenarios() {
        return scenarios;
    }

    public ScenarioLine total() {
        return total;
    }

    /** Must be empty. */
    public List<WrongApplication> wrongApplications() {
        return wrongApplications;
    }

    public int wrongCustomer() {
        return wrongCustomer;
    }

    public int onAccountPayments() {
        return onAccountPayments;
    }

    public BigDecimal onAccountAmount() {
        return onAccountAmount;
    }

    public int postedUnexpectedly() {
        return postedUnexpectedly;
    }

    public int missing() {
        return missing;
    }

    public Map<String, Integer> reviewsByReason() {
        return reviewsByReason;
    }

    public Map<String, Integer> expectedReviewsByReason() {
        return expectedReviewsByReason;
    }

    /** Auto-applied correctly, in % of the matchable payments (100 when none is matchable). */
    public double autoAppliedPercent() {
        return total.matchable() == 0 ? 100.0 : 100.0 * total.correct() / total.matchable();
    }

    /** The score table and the totals, aligned, for the console. */
    public List<String> format() {
        List<String> out = new ArrayList<>();
        int width = Math.max("scenario".length(), scenarios.stream().mapToInt(l -> l.scenario().length()).max().orElse(0));
        String head = "%-" + width + "s  %8s  %12s  %10s  %6s  %5s  %10s";
        out.add(String.format(head, "scenario", "payments", "auto-applied", "on account", "review", "wrong", "as planned"));
        for (ScenarioLine l : scenarios) {
            out.add(row(width, l));
        }
        out.add(row(width, total));
        out.add("");
        out.add(String.format(Locale.ROOT, "auto-applied correctly      %d of %d matchable payments (%.1f %%)",
                total.correct(), total.matchable(), autoAppliedPercent()));
        BigDecimal wrongAmount = wrongApplications.stream().map(WrongApplication::amount).reduce(money(BigDecimal.ZERO), BigDecimal::add);
        out.add(String.format("wrong applications          %d (%s applied to invoices not the payer's; must be 0)",
                wrongApplications.size(), wrongAmount.toPlainString()));
        wrongApplications.stream().limit(5).forEach(w -> out.add(String.format("    transaction %s (%s): %s to invoice %s",
                w.transactionId(), w.scenario(), w.amount().toPlainString(), w.invoice())));
        if (wrongApplications.size() > 5) {
            out.add("    ... and " + (wrongApplications.size() - 5) + " more");
        }
        out.add(String.format("wrong customer              %d", wrongCustomer));
        out.add(String.format("on account                  %d payments, %s (expected %d, %s)", onAccountPayments,
                onAccountAmount.toPlainString(), expectedOnAccountPayments, expectedOnAccountAmount.toPlainString()));
        out.add(String.format("posted, should not be       %d", postedUnexpectedly));
        out.add(String.format("expected, missing in SL     %d", missing));
        Set<String> reasons = new TreeSet<>(reviewsByReason.keySet());
        reasons.addAll(expectedReviewsByReason.keySet());
        out.add("review items by reason      " + (reasons.isEmpty() ? "none" : reasons.stream()
                .map(r -> r + " " + reviewsByReason.getOrDefault(r, 0) + " (expected " + expectedReviewsByReason.getOrDefault(r, 0) + ")")
                .collect(Collectors.joining(", "))));
        return out;
    }

    private static String row(int width, ScenarioLine l) {
        String applied = l.matchable() == 0 ? "-" : l.correct() + "/" + l.matchable();
        return String.format("%-" + width + "s  %8d  %12s  %10d  %6d  %5d  %10d", l.scenario(), l.payments(), applied,
                l.onAccount(), l.review(), l.wrong(), l.asPlanned());
    }

    private static int scenarioOrder(String name) {
        for (Scenario s : Scenario.values()) {
            if (s.name().equals(name)) {
                return s.ordinal();
            }
        }
        return Integer.MAX_VALUE;
    }

    private static boolean postedToExpectedCustomer(GroundTruthRow r, Map<String, PostedPayment> posted) {
        PostedPayment pa = posted.get(r.transactionId());
        return r.expectsPosting() ? pa != null && r.expectedCustId().equals(pa.custId()) : pa == null;
    }

    private static Map<String, BigDecimal> expectedApplications(List<GroundTruthRow> scope) {
        Map<String, BigDecimal> sum = new HashMap<>();
        scope.forEach(r -> r.expectedApplications().forEach((ref, amount) -> sum.merge(ref, amount, BigDecimal::add)));
        return sum;
    }

    private static Map<String, BigDecimal> actualApplications(List<GroundTruthRow> scope, Map<String, PostedPayment> posted) {
        Map<String, BigDecimal> sum = new HashMap<>();
        scope.stream().map(r -> posted.get(r.transactionId())).filter(Objects::nonNull)
                .forEach(pa -> pa.applications().forEach((ref, amount) -> sum.merge(ref, amount, BigDecimal::add)));
        return sum;
    }

    private static BigDecimal expectedOnAccount(List<GroundTruthRow> scope) {
        return scope.stream().filter(GroundTruthRow::expectsPosting).map(GroundTruthRow::expectedOnAccount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal actualOnAccount(List<GroundTruthRow> scope, Map<String, PostedPayment> posted) {
        return scope.stream().map(r -> posted.get(r.transactionId())).filter(Objects::nonNull)
                .map(PostedPayment::unapplied).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Equal amounts per invoice; an invoice with 0.00 counts as absent. */
    private static boolean sameAmounts(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
        Set<String> refs = new HashSet<>(a.keySet());
        refs.addAll(b.keySet());
        return refs.stream().allMatch(ref ->
                a.getOrDefault(ref, BigDecimal.ZERO).compareTo(b.getOrDefault(ref, BigDecimal.ZERO)) == 0);
    }

    /** The same reasons, as a multiset over the scope: which payment of a pair gets the item is not certain. */
    private static boolean sameReviews(List<GroundTruthRow> scope, Map<String, String> reviews) {
        Map<String, Long> expected = scope.stream().map(GroundTruthRow::expectedReview).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        Map<String, Long> actual = scope.stream().map(r -> reviews.get(r.transactionId())).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(r -> r, Collectors.counting()));
        return expected.equals(actual);
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(2);
    }

    private static final class Tally {
        int payments;
        int matchable;
        int correct;
        int onAccount;
        int review;
        int wrong;
        int asPlanned;

        ScenarioLine line(String scenario) {
            return new ScenarioLine(scenario, payments, matchable, correct, onAccount, review, wrong, asPlanned);
        }
    }
}
