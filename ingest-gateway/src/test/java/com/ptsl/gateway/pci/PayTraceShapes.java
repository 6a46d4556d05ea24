package com.ptsl.gateway.pci;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.List;

/**
 * The numbers PayTrace itself writes, in its shapes (reference/paytrace-api.md §3), plus the ways people write
 * dates, amounts and ids next to them. None is a card number; the scrubber must leave every one alone.
 *
 * <p>Amounts have two decimals or a currency sign, as PayTrace's and people's amounts do; a bare 4-digit integer is
 * indistinguishable from a group of a card number written in fours (see PanScrubber's class comment).
 */
final class PayTraceShapes {

    /**
     * What people put between such numbers in free text. Not a lone space or dash between two bare numbers: that
     * is the lenient card rule's known price (PanScrubber's class comment).
     */
    static final List<String> JOINERS = List.of(", ", "; ", " | ", "\n", "  ", "\t", " - ", " / ", " . ", " on ",
            ": ", " and ", " ref ", "   ", " \u2013 ", "\t\t", ",");

    private PayTraceShapes() {
    }

    static Arbitrary<String> tokens() {
        return Arbitraries.oneOf(List.of(dateMmDdYyyy(), exportTimestamp(), isoTimestamp(), dateAndTime(),
                amount(), amountWithSign(), amountList(), transactionId(), batch(), zip(), phone(), time(), ip(),
                expiry(), maskedCard(), approvalCode()));
    }

    static Arbitrary<String> dateMmDdYyyy() {
        return Combinators.combine(month(), day(), year()).as((m, d, y) -> two(m) + "/" + two(d) + "/" + y);
    }

    /** {@code created.at} / {@code settled}: {@code M/D/YYYY h:mm:ss AM}. */
    static Arbitrary<String> exportTimestamp() {
        return Combinators.combine(month(), day(), year(), Arbitraries.integers().between(1, 12), sixty(), sixty(),
                        Arbitraries.of("AM", "PM"))
                .as((m, d, y, h, min, s, half) -> m + "/" + d + "/" + y + " " + h + ":" + two(min) + ":" + two(s) + " " + half);
    }

    static Arbitrary<String> isoTimestamp() {
        return Combinators.combine(year(), month(), day(), hour(), sixty(), sixty(),
                        Arbitraries.of("", "Z", ".123", ".123Z", "-08:00"))
                .as((y, m, d, h, min, s, tail) -> y + "-" + two(m) + "-" + two(d) + "T" + two(h) + ":" + two(min) + ":" + two(s) + tail);
    }

    static Arbitrary<String> dateAndTime() {
        return Combinators.combine(month(), day(), year(), hour(), sixty(), sixty(), Arbitraries.of("/", ".", "-"))
                .as((m, d, y, h, min, s, sep) -> two(m) + sep + two(d) + sep + y + " " + two(h) + ":" + two(min) + ":" + two(s));
    }

    static Arbitrary<String> amount() {
        return Combinators.combine(Arbitraries.longs().between(0, 99_999), Arbitraries.integers().between(0, 99))
                .as((units, cents) -> units + "." + two(cents));
    }

    static Arbitrary<String> amountWithSign() {
        return Combinators.combine(Arbitraries.longs().between(0, 9_999_999), Arbitraries.integers().between(0, 99),
                        Arbitraries.of("$", "USD ", "-$"))
                .as((units, cents, sign) -> sign + String.format("%,d", units) + "." + two(cents));
    }

    static Arbitrary<String> amountList() {
        return Combinators.combine(amount().list().ofMinSize(2).ofMaxSize(5), Arbitraries.of(" ", "  ", "\t", " / ", ", "))
                .as((amounts, sep) -> String.join(sep, amounts));
    }

    static Arbitrary<String> transactionId() {
        return Arbitraries.longs().between(100_000_000L, 999_999_999L).map(id -> Long.toString(id));
    }

    static Arbitrary<String> batch() {
        return Combinators.combine(Arbitraries.of("GB", "batch ", "Batch #", "GB-"), Arbitraries.integers().between(1, 99_999))
                .as((prefix, n) -> prefix + n);
    }

    static Arbitrary<String> zip() {
        return Combinators.combine(Arbitraries.integers().between(10_000, 99_999), Arbitraries.integers().between(0, 9_999),
                        Arbitraries.of(true, false))
                .as((zip, plus4, withPlus4) -> withPlus4 ? zip + "-" + String.format("%04d", plus4) : Integer.toString(zip));
    }

    static Arbitrary<String> phone() {
        return Combinators.combine(Arbitraries.integers().between(200, 999), Arbitraries.integers().between(200, 999),
                        Arbitraries.integers().between(0, 9_999), Arbitraries.integers().between(0, 4))
                .as((area, exchange, line, style) -> {
                    String l = String.format("%04d", line);
                    switch (style) {
                        case 0: return area + "-" + exchange + "-" + l;
                        case 1: return "(" + area + ") " + exchange + "-" + l;
                        case 2: return "+1 " + area + "-" + exchange + "-" + l;
                        case 3: return area + "." + exchange + "." + l;
                        default: return "+1 " + area + " " + exchange + " " + l;
                    }
                });
    }

    static Arbitrary<String> time() {
        return Combinators.combine(hour(), sixty(), sixty()).as((h, m, s) -> two(h) + ":" + two(m) + ":" + two(s));
    }

    static Arbitrary<String> ip() {
        Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
        return Combinators.combine(octet, octet, octet, octet).as((a, b, c, d) -> a + "." + b + "." + c + "." + d);
    }

    static Arbitrary<String> expiry() {
        return Combinators.combine(month(), Arbitraries.integers().between(2024, 2040), Arbitraries.of(true, false))
                .as((m, y, twoDigits) -> two(m) + "/" + (twoDigits ? two(y % 100) : Integer.toString(y)));
    }

    /** As exports ({@code *}) and transaction replies ({@code x}) mask. */
    static Arbitrary<String> maskedCard() {
        return Combinators.combine(Arbitraries.integers().between(9, 15), Arbitraries.integers().between(0, 9_999),
                        Arbitraries.of("*", "x"))
                .as((stars, last4, mask) -> mask.repeat(stars) + String.format("%04d", last4));
    }

    static Arbitrary<String> approvalCode() {
        return Arbitraries.integers().between(0, 999).map(n -> String.format("TAS%03d", n));
    }

    private static Arbitrary<Integer> month() {
        return Arbitraries.integers().between(1, 12);
    }

    private static Arbitrary<Integer> day() {
        return Arbitraries.integers().between(1, 28);
    }

    private static Arbitrary<Integer> year() {
        return Arbitraries.integers().between(2010, 2035);
    }

    private static Arbitrary<Integer> hour() {
        return Arbitraries.integers().between(0, 23);
    }

    private static Arbitrary<Integer> sixty() {
        return Arbitraries.integers().between(0, 59);
    }

    private static String two(int n) {
        return String.format("%02d", n);
    }
}
