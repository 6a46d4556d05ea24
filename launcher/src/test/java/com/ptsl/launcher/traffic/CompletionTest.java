package com.ptsl.launcher.traffic;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CompletionTest {

    private static GroundTruthRow row(String tx, String group, boolean approved, String custId, String review) {
        return new GroundTruthRow(tx, 1, "X", group, approved, Instant.EPOCH, BigDecimal.TEN, "", "", "", custId, null,
                custId == null ? Map.of() : Map.of("0000010001", BigDecimal.TEN), BigDecimal.ZERO, review, null);
    }

    private static final List<GroundTruthRow> TRUTH = List.of(
            row("1", null, true, "C00001", null),
            row("2", null, true, null, "UNKNOWN_CUSTOMER"),   // review only: no erp.results
            row("3", "pair-1", true, "C00002", null),
            row("4", "pair-1", true, "C00002", "OVERPAYMENT"),
            row("5", null, false, null, null));

    @Test
    void itWaitsForEveryPostingAndEveryReviewItemDue() {
        Completion c = Completion.of(TRUTH, Set.of("1", "3"), Set.of());

        assertThat(c).isEqualTo(new Completion(3, 2, 2, 0));
        assertThat(c.done()).isFalse();
    }

    @Test
    void eitherPaymentOfAPairMayCarryItsReviewItem() {
        Completion c = Completion.of(TRUTH, Set.of("1", "3", "4"), Set.of("2", "3"));

        assertThat(c).isEqualTo(new Completion(3, 3, 2, 2));
        assertThat(c.done()).isTrue();
    }

    @Test
    void moreItemsThanDueDoNotMakeUpForOneMissing() {
        Completion c = Completion.of(TRUTH, Set.of("1", "3", "4"), Set.of("1", "3", "4"));

        assertThat(c.reviewsSeen()).isEqualTo(1);
        assertThat(c.done()).isFalse();
    }
}
