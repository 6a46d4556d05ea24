package com.ptsl.processor.match;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written readers on the record path say what the regex and the ISO parser they replaced said. */
class HandWrittenReadersTest {

    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9-]+");

    @Provide
    Arbitrary<String> payerText() {
        return Arbitraries.strings().withChars("0123456789abcXYZ- ,#./_\t\u00e9\u0661").ofMaxLength(40);
    }

    @Property(tries = 3_000)
    void invoiceTokensAreTheRegexSplit(@ForAll("payerText") String a, @ForAll("payerText") String b) {
        Set<String> expected = new LinkedHashSet<>();
        for (String text : new String[] {a, b}) {
            if (text.isBlank()) {
                continue;
            }
            for (String token : SEPARATORS.split(text)) {
                if (token.length() >= 3 && token.chars().anyMatch(Character::isDigit)) {
                    expected.add(Refs.invoice(token));
                }
            }
        }
        assertThat(Refs.invoiceTokens(a, b)).containsExactlyElementsOf(expected);
    }

    @Provide
    Arbitrary<String> isoTimes() {
        Arbitrary<String> real = Arbitraries.longs().between(-62_000_000_000L, 250_000_000_000L)
                .map(s -> LocalDateTime.ofEpochSecond(s, 0, java.time.ZoneOffset.UTC).toString());
        Arbitrary<String> odd = Arbitraries.of("2026-02-30T10:00", "2026-13-01T10:00", "2026-01-05T24:00", "2026-01-05T10:60",
                "2026-01-05T10:00:60", "2026-01-05T10:00:00.5", "2026-01-05 10:00", "+12026-01-05T10:00", "2026-1-05T10:00", "x");
        return Arbitraries.oneOf(real, odd);
    }

    @Property(tries = 2_000)
    void createdAtReadsAsLocalDateTimeParseReadsIt(@ForAll("isoTimes") String createdAt) {
        PaymentFacts p = new PaymentFacts("1", BigDecimal.ONE, "", "", "", "", createdAt, "", "", 0, "", 0, "");
        Object expected;
        try {
            expected = LocalDateTime.parse(createdAt);
        } catch (DateTimeParseException e) {
            expected = "refused";
        }
        Object actual;
        try {
            actual = p.createdAtLocal();
        } catch (DateTimeParseException e) {
            actual = "refused";
        }
        assertThat(actual).isEqualTo(expected);
    }
}
