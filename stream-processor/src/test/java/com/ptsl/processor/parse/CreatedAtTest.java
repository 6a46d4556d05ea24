package com.ptsl.processor.parse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;

/** The fast path for PayTrace's created.at accepts and reads exactly what the formatter does. */
class CreatedAtTest {

    @Provide
    Arbitrary<String> payTraceTimes() {
        return Combinators.combine(number(1, 12), number(1, 31), Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(8, Arbitraries.of("2015", "2024", "2026", "2028")),
                        net.jqwik.api.Tuple.of(1, Arbitraries.of("0000", "15", "20150", "9999"))),
                        number(1, 12), twoDigits(), twoDigits(),
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.of("AM", "PM", "am", "pM")),
                                net.jqwik.api.Tuple.of(1, Arbitraries.of("XM", "A", "AMX", ""))),
                        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.just(" ")), net.jqwik.api.Tuple.of(1, Arbitraries.of("  ", "/", ""))))
                .as((m, d, y, h, mi, s, a, sp) -> m + "/" + d + "/" + y + sp + h + ":" + mi + ":" + s + " " + a);
    }

    /** Mostly in range, with or without a leading zero; sometimes 0, out of range or three digits. */
    private static Arbitrary<String> number(int min, int max) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.integers().between(min, max).map(String::valueOf)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(min, Math.min(max, 9)).map(i -> "0" + i)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("0", "00", Integer.toString(max + 1), "010", "123")));
    }

    private static Arbitrary<String> twoDigits() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(9, Arbitraries.integers().between(0, 59).map(i -> String.format("%02d", i))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("60", "7", "100")));
    }

    @Property(tries = 5_000)
    void sameAsTheFormatter(@ForAll("payTraceTimes") String text) {
        Object expected;
        try {
            expected = LocalDateTime.parse(text, TransactionParser.CREATED_AT);
        } catch (DateTimeParseException e) {
            expected = "refused";
        }
        Object actual;
        try {
            actual = TransactionParser.createdAt(text);
        } catch (DateTimeParseException e) {
            actual = "refused";
        }
        assertThat(actual).isEqualTo(expected);
        if (expected instanceof LocalDateTime) {
            read++;
        }
    }

    private int read;

    @net.jqwik.api.lifecycle.AfterProperty
    void mostSamplesAreRealTimes() {
        assertThat(read).as("samples the formatter read").isGreaterThan(500);
    }
}
