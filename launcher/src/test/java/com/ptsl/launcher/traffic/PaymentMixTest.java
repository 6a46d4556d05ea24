package com.ptsl.launcher.traffic;

import com.ptsl.launcher.traffic.MatchingRulesModel.Outcome;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The realistic mix against SL's seeded invoices: reproducible, complete, and predicted by the matching rules. */
class PaymentMixTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);
    private static SlSandbox sl;
    /** 40 customers x 8 invoices = 320 = 1.6 x 200: what ptsl run seeds for 200 sales. */
    private static List<OpenInvoice> open;

    @BeforeAll
    static void seed() {
        sl = SlSandbox.inMemory("mix-test").seed(SeedSpec.defaults().withCustomers(40).withInvoicesPerCustomer(8));
        open = sl.openInvoices();
    }

    @AfterAll
    static void close() {
        sl.close();
    }

    private static PaymentMix mix(int sales, long seed) {
        return PaymentMix.realistic(open, sales, seed, 0.05, TODAY);
    }

    @Test
    void theSameInputsGiveTheSamePlanAndAnotherSeedDoesNot() {
        assertThat(mix(200, 7).payments()).isEqualTo(mix(200, 7).payments());
        assertThat(mix(200, 8).payments()).isNotEqualTo(mix(200, 7).payments());
    }

    @Test
    void everyScenarioIsPresentAt200Sales() {
        PaymentMix mix = mix(200, 7);

        Map<Scenario, Long> counts = mix.payments().stream()
                .collect(Collectors.groupingBy(PlannedPayment::scenario, () -> new EnumMap<>(Scenario.class), Collectors.counting()));
        assertThat(mix.payments()).hasSize(200);
        assertThat(counts.keySet()).containsExactlyInAnyOrder(Scenario.values());
        assertThat(counts.get(Scenario.INVOICE_ID)).isEqualTo(44);
        assertThat(counts.get(Scenario.QUICK_PAIR) % 2).isZero();
        assertThat(mix.table()).extracting(PaymentMix.TableRow::payments).containsExactlyElementsOf(
                java.util.Arrays.stream(Scenario.values()).map(s -> counts.get(s).intValue()).toList());
        assertThat(mix.payments()).extracting(PlannedPayment::seq).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList());
    }

    @Test
    void everyScenarioIsPresentFrom15SalesAndTheCountsAlwaysAddUp() {
        for (int sales : List.of(15, 16, 20, 37, 199, 1000)) {
            Map<Scenario, Integer> counts = PaymentMix.counts(PaymentMix.shares(0.05), sales);
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as("%d sales", sales).isEqualTo(sales);
            assertThat(counts.values()).as("%d sales", sales).allMatch(n -> n > 0);
            assertThat(counts.get(Scenario.QUICK_PAIR) % 2).isZero();
        }
        for (int sales : List.of(0, 1, 2, 7, 14)) {
            Map<Scenario, Integer> counts = PaymentMix.counts(PaymentMix.shares(0.05), sales);
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum()).as("%d sales", sales).isEqualTo(sales);
            assertThat(counts.get(Scenario.QUICK_PAIR) % 2).isZero();
        }
        assertThat(PaymentMix.counts(PaymentMix.shares(0.0), 200).get(Scenario.DECLINED)).isZero();
        assertThat(PaymentMix.counts(PaymentMix.shares(0.20), 200).get(Scenario.DECLINED)).isEqualTo(40);
    }

    @Test
    void theTwoPaymentsOfAPairAreBackToBackOnOneInvoice() {
        List<PlannedPayment> payments = mix(200, 7).payments();
        Map<String, List<PlannedPayment>> pairs = payments.stream().filter(p -> p.group() != null)
                .collect(Collectors.groupingBy(PlannedPayment::group));

        assertThat(pairs).isNotEmpty().allSatisfy((group, members) -> {
            assertThat(members).hasSize(2).allMatch(p -> p.scenario() == Scenario.QUICK_PAIR);
            assertThat(members.get(1).seq()).isEqualTo(members.get(0).seq() + 1);
            assertThat(members.get(0).sale()).isEqualTo(members.get(1).sale());
            assertThat(members.get(0).expected().applications().keySet())
                    .isEqualTo(members.get(1).expected().applications().keySet()).hasSize(1);
        });
        assertThat(payments.stream().filter(p -> p.scenario() == Scenario.QUICK_PAIR)).allMatch(p -> p.group() != null);
    }

    @Test
    void everySeededInvoiceServesAtMostOneScenario() {
        Map<String, Set<String>> usedBy = new HashMap<>();
        for (PlannedPayment p : mix(200, 7).payments()) {
            String unit = p.group() != null ? p.group() : "payment " + p.seq();
            p.expected().applications().keySet().forEach(ref -> usedBy.computeIfAbsent(ref, r -> new HashSet<>()).add(unit));
            if (p.scenario() == Scenario.DECLINED) {
                usedBy.computeIfAbsent(p.sale().invoiceId(), r -> new HashSet<>()).add(unit);
            }
        }
        assertThat(usedBy).allSatisfy((ref, units) -> assertThat(units).as(ref).hasSize(1));
    }

    @Test
    void whatThePaymentsCarryMatchesTheirScenario() {
        Map<String, OpenInvoice> byRef = open.stream().collect(Collectors.toMap(OpenInvoice::refNbr, i -> i));
        for (PlannedPayment p : mix(200, 7).payments()) {
            var sale = p.sale();
            switch (p.scenario()) {
                case INVOICE_ID, OVERPAYMENT, QUICK_PAIR -> assertThat(byRef).containsKey(sale.invoiceId());
                case INVOICE_ID_NO_ZEROS -> assertThat(sale.invoiceId()).doesNotStartWith("0").matches("\\d+");
                case SALES_ORDER -> assertThat(sale.invoiceId()).matches("(?i)SO\\d{6}");
                case CUSTOMER_PO -> assertThat(sale.invoiceId()).isEmpty();
                case INVOICE_LIST -> assertThat(sale.invoiceId()).contains(",");
                case INVOICE_LIST_IN_DESCRIPTION -> assertThat(sale.description()).startsWith("Invoices ").contains(" and ");
                case INVOICE_IN_DESCRIPTION -> assertThat(sale.invoiceId()).isEmpty();
                case CUSTOMER_EXACT_AMOUNT -> {
                    assertThat(sale.customerReferenceId()).matches("C\\d{5}");
                    assertThat(sale.amount()).isEqualTo(byRef.get(p.expected().applications().keySet().iterator().next()).docBal());
                }
                case INVOICE_LATER -> {
                    assertThat(p.later()).isNotNull();
                    assertThat(p.later().invoice().ordNbr()).isEqualTo(sale.invoiceId());
                    assertThat(p.later().delay().toMillis()).isBetween(1_000L, 3_000L);
                    assertThat(sale.customerReferenceId()).isEmpty();
                    assertThat(open).noneMatch(i -> i.ordNbr().equals(sale.invoiceId()));
                }
                case UNKNOWN_INVOICE -> assertThat(sale.customerReferenceId()).matches("C\\d{5}");
                case UNKNOWN_CUSTOMER -> assertThat(sale.customerReferenceId()).startsWith("WEB-");
                case DECLINED -> assertThat(sale.amount()).isEqualByComparingTo("1.12");
            }
            if (p.scenario() != Scenario.DECLINED) {
                assertThat(sale.amount()).isNotEqualByComparingTo("1.12");
                assertThat(p.expected().approved()).isTrue();
            }
        }
    }

    @Test
    void thePredictionsAreWhatTheMatchingRulesGiveInTrafficOrder() {
        List<PlannedPayment> payments = mix(200, 7).payments();

        Map<Integer, Outcome> outcomes = simulate(payments, null);

        for (PlannedPayment p : payments) {
            Outcome o = outcomes.get(p.seq());
            PlannedPayment.Expected e = p.expected();
            if (!e.approved()) {
                assertThat(o).as("payment %d (%s)", p.seq(), p.scenario()).isNull();
                continue;
            }
            String what = "payment " + p.seq() + " (" + p.scenario() + ")";
            assertThat(o.custId()).as(what).isEqualTo(e.custId());
            assertThat(o.strategy()).as(what).isEqualTo(e.strategy());
            assertThat(o.applications()).as(what).isEqualTo(e.applications());
            assertThat(o.onAccount()).as(what).isEqualByComparingTo(e.onAccount());
            assertThat(o.review()).as(what).isEqualTo(e.review());
        }
    }

    @Test
    void thePredictionsHoldWhateverOrderTheProcessorSeesThePaymentsIn() {
        List<PlannedPayment> payments = mix(200, 7).payments();
        Random random = new Random(1);
        for (int round = 0; round < 25; round++) {
            List<PlannedPayment> shuffled = shuffleKeepingPairsTogether(payments, random);

            Map<Integer, Outcome> outcomes = simulate(shuffled, random);

            assertThat(scopeTotals(payments, outcomes)).as("round %d", round).isEqualTo(expectedScopeTotals(payments));
        }
    }

    @Test
    void aBenchmarkSizedRunIsPlannedFromItsSeed() {
        // 2000 sales (docs/benchmarks.md) need 3200 invoices: 400 customers x 8, as ptsl run seeds them.
        List<OpenInvoice> many = new ArrayList<>();
        Random random = new Random(5);
        for (int i = 0; i < 3200; i++) {
            many.add(new OpenInvoice("PTSL", String.format("C%05d", 1 + i / 8), String.format("%010d", 10_001 + i),
                    BigDecimal.valueOf(5_000 + random.nextInt(495_001), 2), BigDecimal.valueOf(5_000 + random.nextInt(495_001), 2),
                    i % 10 < 7 ? "SO" + (200_001 + i) : "", "PO-" + (10_000 + i), TODAY.minusDays(i % 60)));
        }

        PaymentMix mix = PaymentMix.realistic(many, 2000, 7, 0.05, TODAY);

        assertThat(mix.payments()).hasSize(2000);
        assertThat(mix.table()).allSatisfy(r -> assertThat(r.payments()).isPositive());
    }

    @Test
    void aSeedTooSmallForTheMixIsRefusedClearly() {
        assertThatThrownBy(() -> PaymentMix.realistic(open.subList(0, 40), 200, 7, 0.05, TODAY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("open invoices");
        assertThat(PaymentMix.invoicesNeeded(200)).isEqualTo(320);
    }

    @Test
    void theTablePrintsEveryScenarioAligned() {
        List<String> lines = mix(200, 7).formatTable();

        assertThat(lines).hasSize(Scenario.values().length + 2);
        assertThat(lines.get(0)).startsWith("scenario").contains("share", "payments", "the payment carries", "expected in SL");
        assertThat(lines.get(1)).startsWith("INVOICE_ID ").contains("44");
        assertThat(lines.get(lines.size() - 1)).startsWith("total").endsWith("200");
        int column = lines.get(0).indexOf("payments");
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l.charAt(column + 7)).isNotEqualTo(' '));
    }

    @Test
    void theSimpleMixNamesItsInvoiceAndCustomerEveryTime() {
        PaymentMix simple = PaymentMix.simple(open, 50, 3, 0.2);

        assertThat(simple.payments()).hasSize(50).allSatisfy(p -> {
            assertThat(p.scenario()).isIn(Scenario.INVOICE_ID, Scenario.DECLINED);
            assertThat(open).anySatisfy(i -> {
                assertThat(i.refNbr()).isEqualTo(p.sale().invoiceId());
                assertThat(i.custId()).isEqualTo(p.sale().customerReferenceId());
            });
        });
        assertThat(simple.payments()).filteredOn(p -> p.scenario() == Scenario.DECLINED).hasSizeBetween(3, 20);
        assertThat(simulate(simple.payments(), null)).allSatisfy((seq, o) -> assertThat(o.strategy()).isEqualTo("INVOICE_ID"));
    }

    /**
     * Runs the rules over the payments in the order given. A later invoice is entered right after its payment
     * ({@code random} null) or a few payments later; a payment that has to wait is tried again whenever an
     * invoice arrives, and gets its final outcome when the traffic is over (the deadline).
     */
    private static Map<Integer, Outcome> simulate(List<PlannedPayment> order, Random random) {
        MatchingRulesModel model = new MatchingRulesModel(open);
        Map<Integer, Outcome> outcomes = new HashMap<>();
        Map<Integer, PlannedPayment> waiting = new LinkedHashMap<>();
        TreeMap<Integer, List<PlannedPayment.LaterInvoice>> entries = new TreeMap<>();
        for (int i = 0; i < order.size(); i++) {
            PlannedPayment p = order.get(i);
            if (p.expected().approved()) {
                Outcome o = model.resolve(p.sale(), false);
                if (o.pending()) {
                    waiting.put(p.seq(), p);
                } else {
                    outcomes.put(p.seq(), o);
                }
            }
            if (p.later() != null) {
                entries.computeIfAbsent(i + (random == null ? 0 : random.nextInt(6)), k -> new ArrayList<>()).add(p.later());
            }
            for (PlannedPayment.LaterInvoice later : entries.getOrDefault(i, List.of())) {
                enter(model, later);
                retry(model, waiting, outcomes, false);
            }
        }
        entries.tailMap(order.size(), true).values().forEach(list -> list.forEach(later -> enter(model, later)));
        retry(model, waiting, outcomes, false);
        retry(model, waiting, outcomes, true);
        return outcomes;
    }

    private static void enter(MatchingRulesModel model, PlannedPayment.LaterInvoice later) {
        var inv = later.invoice();
        model.enter(inv.custId(), later.placeholder(), inv.ordNbr(), inv.custOrdNbr(), inv.docDate(), inv.amount());
    }

    private static void retry(MatchingRulesModel model, Map<Integer, PlannedPayment> waiting, Map<Integer, Outcome> outcomes,
                              boolean deadlinePassed) {
        for (var it = waiting.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Outcome o = model.resolve(e.getValue().sale(), deadlinePassed);
            if (!o.pending()) {
                outcomes.put(e.getKey(), o);
                it.remove();
            }
        }
    }

    private static List<PlannedPayment> shuffleKeepingPairsTogether(List<PlannedPayment> payments, Random random) {
        List<List<PlannedPayment>> units = new ArrayList<>();
        for (PlannedPayment p : payments) {
            if (p.group() != null && !units.isEmpty() && p.group().equals(units.get(units.size() - 1).get(0).group())) {
                units.get(units.size() - 1).add(p);
            } else {
                units.add(new ArrayList<>(List.of(p)));
            }
        }
        Collections.shuffle(units, random);
        units.forEach(u -> Collections.shuffle(u, random)); // either payment of a pair may be processed first
        return units.stream().flatMap(List::stream).toList();
    }

    /** Per payment, or per pair: customer, amount per invoice, on account, reasons (sorted). */
    private record ScopeTotal(String custId, Map<String, BigDecimal> applications, BigDecimal onAccount, List<String> reviews) {
    }

    private static Map<String, ScopeTotal> scopeTotals(List<PlannedPayment> payments, Map<Integer, Outcome> outcomes) {
        return totals(payments, p -> {
            Outcome o = outcomes.get(p.seq());
            return o == null ? null : new PlannedPayment.Expected(true, o.custId(), o.strategy(), o.applications(), o.onAccount(), o.review());
        });
    }

    private static Map<String, ScopeTotal> expectedScopeTotals(List<PlannedPayment> payments) {
        return totals(payments, p -> p.expected().approved() ? p.expected() : null);
    }

    private static Map<String, ScopeTotal> totals(List<PlannedPayment> payments,
                                                  java.util.function.Function<PlannedPayment, PlannedPayment.Expected> outcome) {
        Map<String, ScopeTotal> totals = new TreeMap<>();
        for (PlannedPayment p : payments) {
            PlannedPayment.Expected e = outcome.apply(p);
            if (e == null) {
                continue;
            }
            String scope = p.group() != null ? p.group() : "payment " + p.seq();
            ScopeTotal before = totals.get(scope);
            Map<String, BigDecimal> applications = new TreeMap<>(before == null ? Map.of() : before.applications());
            e.applications().forEach((ref, amount) -> applications.merge(ref, amount.setScale(2), BigDecimal::add));
            List<String> reviews = new ArrayList<>(before == null ? List.of() : before.reviews());
            if (e.review() != null) {
                reviews.add(e.review());
            }
            Collections.sort(reviews);
            BigDecimal onAccount = (before == null ? BigDecimal.ZERO.setScale(2) : before.onAccount()).add(e.onAccount());
            totals.put(scope, new ScopeTotal(Objects.requireNonNullElse(e.custId(), "-"), applications, onAccount, reviews));
        }
        return totals;
    }
}
