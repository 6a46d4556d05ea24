package com.ptsl.reconciler.report;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How the report files show money, times and names, in one place so JSON, CSV, HTML and the console summary agree.
 */
public final class ReportFormat {

    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm");
    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ReportFormat() {
    }

    /**
     * An amount with two decimals and no exponent ("12.30", "-5.00"); an amount with more decimals than cents keeps
     * them all, because a report that rounds would hide the very fraction it should show. "" when there is none.
     */
    public static String money(BigDecimal amount) {
        if (amount == null) {
            return "";
        }
        return (amount.scale() < 2 ? amount.setScale(2) : amount).toPlainString();
    }

    /** "1,234,567.80": the exact two-decimal amount with thousands separators, easier to read in a wide column. */
    public static String grouped(BigDecimal amount) {
        String plain = ReportFormat.money(amount);
        boolean negative = plain.startsWith("-");
        String digits = negative ? plain.substring(1) : plain;
        int dot = digits.indexOf('.');
        String whole = dot < 0 ? digits : digits.substring(0, dot);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                b.append(',');
            }
            b.append(whole.charAt(i));
        }
        return (negative ? "-" : "") + b + (dot < 0 ? "" : digits.substring(dot));
    }

    /** SL − PayTrace of a line, or null when one side is unknown. */
    static BigDecimal difference(BigDecimal payTrace, BigDecimal sl) {
        return payTrace == null || sl == null ? null : sl.subtract(payTrace);
    }

    /** {@code reconcile-20261201T0000-20261202T0000.<extension>}, both ends in the window's zone. */
    public static String fileName(Window window, String extension) {
        return "reconcile-" + stamp(window.from(), window) + "-" + stamp(window.to(), window) + "." + extension;
    }

    /** "2026-12-01 00:00 to 2026-12-02 00:00 (America/Los_Angeles)". */
    public static String windowText(Window window) {
        return readable(window.from(), window) + " to " + readable(window.to(), window) + " (" + window.zone().getId() + ")";
    }

    /** A time of the window, to the minute, in the window's zone. */
    public static String readable(ZonedDateTime at, Window window) {
        return at.withZoneSameInstant(window.zone()).format(READABLE);
    }

    private static String stamp(ZonedDateTime at, Window window) {
        return at.withZoneSameInstant(window.zone()).format(FILE_STAMP);
    }

    /** "1 line", "3 lines". */
    public static String plural(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /** Number of lines of the report that need a person's attention. */
    public static long varianceLines(Report report) {
        return report.lines().stream().filter(l -> l.category().variance()).count();
    }

    /** "No variance" or "3 lines need attention". */
    public static String verdict(Report report) {
        long n = varianceLines(report);
        return n == 0 ? "No variance" : n + (n == 1 ? " line needs attention" : " lines need attention");
    }
}
