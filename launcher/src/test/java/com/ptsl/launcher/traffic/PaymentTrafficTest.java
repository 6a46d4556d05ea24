package com.ptsl.launcher.traffic;

import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The traffic runner against a checkout that records the sales and a real SL sandbox that takes the invoices. */
class PaymentTrafficTest {

    private final List<SaleRequest> sold = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong ids = new AtomicLong(500_000);

    private SaleMade sell(SaleRequest r) {
        sold.add(r);
        boolean approved = r.amount().compareTo(new BigDecimal("1.12")) != 0;
        return new SaleMade(ids.incrementAndGet(), r.customerReferenceId(), r.invoiceId(), r.amount(), approved, Instant.now());
    }

    @Test
    void everyPlannedSaleIsMadeInOrderAndEveryLaterInvoiceIsEnteredInSl() throws Exception {
        try (SlSandbox sl = SlSandbox.inMemory("traffic-test").seed(SeedSpec.defaults().withCustomers(20).withInvoicesPerCustomer(8))) {
            List<OpenInvoice> open = sl.openInvoices();
            List<PlannedPayment> plan = PaymentMix.realistic(open, 100, 3, 0.05, LocalDate.now()).payments().stream()
                    .map(p -> p.withLaterDelay(Duration.ZERO)).toList();
            List<String> progress = new ArrayList<>();

            List<GroundTruthRow> truth = new PaymentTraffic(this::sell, sl::enterInvoice, 0, progress::add).run(plan);

            assertThat(sold).containsExactlyElementsOf(plan.stream().map(PlannedPayment::sale).toList());
            assertThat(truth).extracting(GroundTruthRow::seq).containsExactlyElementsOf(plan.stream().map(PlannedPayment::seq).toList());
            assertThat(progress).last().isEqualTo("sales made 100/100");
            List<GroundTruthRow> early = truth.stream().filter(r -> r.scenario().equals("INVOICE_LATER")).toList();
            assertThat(early).isNotEmpty().allSatisfy(r -> {
                OpenInvoice entered = sl.openInvoices().stream().filter(i -> i.refNbr().equals(r.enteredInvoice()))
                        .findFirst().orElseThrow();
                assertThat(entered.ordNbr()).isEqualTo(r.invoiceId());
                assertThat(entered.custId()).isEqualTo(r.expectedCustId());
                assertThat(r.expectedApplications()).containsOnlyKeys(entered.refNbr());
                assertThat(open).noneMatch(i -> i.refNbr().equals(entered.refNbr()));
            });
            assertThat(sl.openInvoices()).hasSize(open.size() + early.size());
            assertThat(truth.stream().filter(r -> !r.approved())).allMatch(r -> r.scenario().equals("DECLINED"));
        }
    }

    @Test
    void nothingPlannedMakesNothing() throws Exception {
        List<GroundTruthRow> truth = new PaymentTraffic(this::sell, inv -> {
            throw new AssertionError("no invoice to enter: " + inv);
        }, 50, s -> { }).run(List.of());

        assertThat(truth).isEmpty();
        assertThat(sold).isEmpty();
    }
}
