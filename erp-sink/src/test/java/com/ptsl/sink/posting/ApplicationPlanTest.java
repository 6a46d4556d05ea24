package com.ptsl.sink.posting;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationPlanTest {

    private static ArLookups.Invoice invoice(String refNbr) {
        return new ArLookups.Invoice("IN", refNbr, new BigDecimal("100.00"), true, "1300", "00-000-00", 1.0);
    }

    @Test
    void applicationsWithinTheAvailableBalanceAreTakenWhole() {
        ApplicationPlan plan = new ApplicationPlan();
        plan.apply(invoice("A"), new BigDecimal("60.00"), new BigDecimal("100.00"));
        plan.apply(invoice("B"), new BigDecimal("40.00"), new BigDecimal("100.00"));

        assertThat(plan.appliedTotal()).isEqualByComparingTo("100.00");
        assertThat(plan.cappedNote()).isNull();
        assertThat(plan.lines()).hasSize(2);
    }

    @Test
    void twoApplicationsToOneInvoiceShareItsBalance() {
        ApplicationPlan plan = new ApplicationPlan();
        plan.apply(invoice("A"), new BigDecimal("70.00"), new BigDecimal("100.00"));
        plan.apply(invoice("A"), new BigDecimal("70.00"), new BigDecimal("100.00"));

        assertThat(plan.appliedTotal()).isEqualByComparingTo("100.00");
        assertThat(plan.cappedNote()).contains("applied 30.00 of 70.00").contains("40.00 left unapplied");
    }

    @Test
    void anInvoiceWithNothingAvailableGetsNoLine() {
        ApplicationPlan plan = new ApplicationPlan();
        plan.apply(invoice("A"), new BigDecimal("10.00"), new BigDecimal("-5.00"));

        assertThat(plan.lines()).isEmpty();
        assertThat(plan.appliedTotal()).isEqualByComparingTo("0");
        assertThat(plan.cappedNote()).contains("applied 0.00 of 10.00");
    }
}
