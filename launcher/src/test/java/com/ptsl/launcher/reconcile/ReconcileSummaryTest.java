package com.ptsl.launcher.reconcile;

import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;
import com.ptsl.reconciler.report.Report;
import com.ptsl.reconciler.report.Sources;
import com.ptsl.reconciler.report.Total;
import com.ptsl.reconciler.report.Window;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ReconcileSummaryTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final LocalDate DAY = LocalDate.of(2026, 12, 1);

    private static Report report(Line line) {
        Window window = new Window(DAY.atStartOfDay(ZONE), DAY.plusDays(1).atStartOfDay(ZONE), ZONE);
        Total day = new Total(DAY.toString(), 1, line.payTraceAmount(), line.slAmount(), line.category().variance() ? 1 : 0);
        return new Report(window, Instant.parse("2026-12-02T08:00:00Z"), new Sources(2, 0, 0, 1, 0, 0, 5), List.of(line),
                List.of(day), List.of(), List.of(day), List.of());
    }

    private static Line line(Category category, String payTrace, String sl) {
        return new Line(category, "700101", "SALE", "", "", DAY, "", new BigDecimal(payTrace), new BigDecimal(sl), List.of(),
                "unknown payer");
    }

    @Test
    void aDifferenceOnlyOpenReviewItemsHoldIsExplained() {
        String text = ReconcileSummary.text(report(line(Category.OPEN_REVIEW, "12.34", "0.00")), false, List.of());
        assertThat(text).contains("No variance").contains("money open review items hold");
    }

    @Test
    void aVarianceIsNotExplainedAway() {
        String text = ReconcileSummary.text(report(line(Category.MISSING_IN_SL, "12.34", "0.00")), false, List.of());
        assertThat(text).contains("Needs attention (1)").doesNotContain("money open review items hold");
    }
}
