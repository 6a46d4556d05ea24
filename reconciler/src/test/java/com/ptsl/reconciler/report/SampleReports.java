package com.ptsl.reconciler.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** Hand-built reports for the writers' tests: every category, awkward text, amounts of every scale and sign. */
final class SampleReports {

    static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    static final LocalDate DAY = LocalDate.of(2026, 12, 1);
    static final Window WINDOW = new Window(DAY.atStartOfDay(LA), DAY.plusDays(1).atStartOfDay(LA), LA);
    static final Instant GENERATED = Instant.parse("2026-12-02T14:05:00Z");
    static final Sources SOURCES = new Sources(1200, 4, 900, 400, 2, 410, 1234);

    private SampleReports() {
    }

    static BigDecimal money(String s) {
        return new BigDecimal(s);
    }

    static Line line(Category c, String tx, String kind, String cust, String slCust, String batch, String payTrace,
                     String sl, List<String> docs, String detail) {
        return new Line(c, tx, kind, cust, slCust, DAY, batch, money(payTrace), money(sl), docs, detail);
    }

    /** One line of most categories (UNKNOWN_TO_PAYTRACE and OPEN_DLQ left empty on purpose), with variance. */
    static Report withVariance() {
        List<Line> lines = new ArrayList<>();
        lines.add(line(Category.MATCHED, "1000001", "SALE", "C00001", "C00001", "501", "1234567.8", "1234567.80",
                List.of("PA/1000001/004512"), "SL holds what PayTrace says."));
        lines.add(line(Category.MATCHED, "1000002", "REFUND", "C00002", "C00002", "501", "-12.30", "-12.30",
                List.of("CM/1000002/004513", "DM/1000002/004513"), "Refund matched."));
        lines.add(line(Category.OPEN_REVIEW, "1000003", "SALE", "", "", "501", "40.00", "0.00", List.of(),
                "Waiting for a person: no invoice matches."));
        lines.add(line(Category.MISSING_IN_SL, "1000004", "SALE", "C00003", "", "501", "99.99", "0.00", List.of(),
                "The ledger says applied at 2026-12-01T10:00:00Z as PA/1000004/004512; the document is gone from SL."));
        lines.add(line(Category.DIFFERS, "1000005", "SALE", "=HYPERLINK(\"x\")", "C00004", "502", "10.00", "9.00",
                List.of("PA/1000005/004514"), "Amount <b>differs</b> & customer \"C00004\", 'quoted', comma, here\nsecond line"));
        lines.add(line(Category.POSTED_TWICE, "1000006", "SALE", "C00005", "C00005", "502", "5.00", "10.00",
                List.of("PA/1000006/004512", "PA/1000006/004520"), "Two PA documents."));
        lines.add(new Line(Category.DEPOSIT_MISMATCH, null, "DEPOSIT", "", "", DAY, "502", money("115.00"),
                money("114.00"), List.of("Batch//004514"), "tx 1000005 SALE 10.00: SL 9.00"));
        List<Total> perDay = List.of(new Total(DAY.toString(), 6, money("1234704.49"), money("1234603.50"), 4));
        List<Total> perBatch = List.of(new Total("501", 4, money("1234695.49"), money("1234555.50"), 1),
                new Total("502", 2, money("15.00"), money("19.00"), 3));
        List<Total> perCustomer = List.of(new Total("C00001", 1, money("1234567.80"), money("1234567.80"), 0),
                new Total("<C&2>", 1, money("-12.30"), money("-12.30"), 0));
        List<RedriveLine> redriven = List.of(new RedriveLine("PostPayment:1000004:repost-1", "PostPayment:1000004",
                "1000004", "C00003", "PostPayment", money("99.99"), "The document is gone from SL."));
        return new Report(WINDOW, GENERATED, SOURCES, lines, perDay, perBatch, perCustomer, redriven);
    }

    static Report clean() {
        List<Line> lines = List.of(line(Category.MATCHED, "1000001", "SALE", "C00001", "C00001", "501", "25.00", "25.00",
                List.of("PA/1000001/004512"), "SL holds what PayTrace says."));
        return new Report(WINDOW, GENERATED, SOURCES, lines,
                List.of(new Total(DAY.toString(), 1, money("25.00"), money("25.00"), 0)), List.of(), List.of(), List.of());
    }

    /** A window that does not start at midnight, in another zone than the one its ends were given in. */
    static Window oddWindow() {
        ZoneId ny = ZoneId.of("America/New_York");
        return new Window(ZonedDateTime.of(2026, 12, 1, 11, 30, 0, 0, ny), ZonedDateTime.of(2026, 12, 1, 21, 45, 0, 0, ny), LA);
    }
}
