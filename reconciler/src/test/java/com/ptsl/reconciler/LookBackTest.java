package com.ptsl.reconciler;

import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.PayTraceKind;
import com.ptsl.reconciler.model.TransactionFacts;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** How far back commands, SL documents and ledger rows are read: as far as the window's earliest transaction needs. */
class LookBackTest {

    private static final LocalDate FIRST_DAY = LocalDate.of(2025, 3, 14);

    private final Evidence evidence = new Evidence();

    private void transaction(String id, LocalDate created) {
        TransactionFacts f = evidence.transaction(id);
        f.offer(1, 0, PayTraceKind.SALE, 100, 100, created, null);
        f.markInWindow();
    }

    @Test
    void aWindowOfItsOwnDaysTransactionsLooksBackOneDay() {
        transaction("1", FIRST_DAY);
        transaction("2", FIRST_DAY.plusDays(1));
        assertThat(Reconciliation.since(evidence, FIRST_DAY)).isEqualTo(FIRST_DAY.minusDays(1));
    }

    @Test
    void aSaleMadeDaysBeforeAndSettledInTheWindowTakesTheLookBackToItsDay() {
        transaction("1", FIRST_DAY);
        transaction("2", FIRST_DAY.minusDays(5));
        assertThat(Reconciliation.since(evidence, FIRST_DAY)).isEqualTo(FIRST_DAY.minusDays(6));
    }

    @Test
    void theLookBackNeverExceedsSixtyDays() {
        transaction("1", FIRST_DAY.minusDays(400));
        assertThat(Reconciliation.since(evidence, FIRST_DAY)).isEqualTo(FIRST_DAY.minusDays(60));
    }

    @Test
    void aSettlementBatchMemberPayTraceSaidNothingOfInTheWindowTakesTheWholeLookBack() {
        transaction("1", FIRST_DAY);
        evidence.transaction("2"); // only listed in a settlement batch: its documents may be of any day
        assertThat(Reconciliation.since(evidence, FIRST_DAY)).isEqualTo(FIRST_DAY.minusDays(60));
    }
}
