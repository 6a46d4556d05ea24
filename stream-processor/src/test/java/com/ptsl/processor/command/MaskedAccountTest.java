package com.ptsl.processor.command;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

import static org.assertj.core.api.Assertions.assertThat;

class MaskedAccountTest {

    /** What it did with a regex: keep the digits, show the last four behind twelve stars. */
    private static String byRegex(String masked) {
        String digits = masked.replaceAll("\\D", "");
        return digits.isEmpty() ? "" : "************" + (digits.length() <= 4 ? digits : digits.substring(digits.length() - 4));
    }

    @Property(tries = 2_000)
    void onlyTheLastFourDigitsAreShown(@ForAll @Chars({'0', '1', '5', '9', '*', 'x', 'X', ' ', '-', '\u0661'}) @StringLength(max = 24)
                                       String masked) {
        assertThat(MaskedAccount.of(masked)).isEqualTo(byRegex(masked));
    }
}
