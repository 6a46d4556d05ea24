package com.ptsl.launcher.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How money, times and free text are shown to a person, in one place so table, JSON and messages agree. */
public final class Formats {

    private Formats() {
    }

    /** Two decimals, no exponent; "-" when there is no amount. */
    public static String money(BigDecimal amount) {
        return amount == null ? "-" : amount.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** ISO-8601 in UTC to the second, e.g. 2026-12-01T08:15:00Z. */
    public static String instant(Instant at) {
        return at == null ? "-" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Free text from a topic on one line: control characters (newlines, escapes) would break the table or the terminal. */
    public static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString().strip();
    }
}
