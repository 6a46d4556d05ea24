package com.ptsl.sandbox.paytrace.transactions;

import com.ptsl.sandbox.paytrace.TestCards;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardChecksTest {

    @Test
    void luhn() {
        assertThat(TestCards.ALL).allSatisfy(card -> {
            assertThat(card).hasSize(16);
            assertThat(CardChecks.validNumber(card)).isTrue();
            char last = card.charAt(15);
            String wrongCheckDigit = card.substring(0, 15) + (char) (last == '9' ? '0' : last + 1);
            assertThat(CardChecks.validNumber(wrongCheckDigit)).isFalse();
        });
        assertThat(TestCards.VISA).startsWith("401200").endsWith("5439");
        assertThat(CardChecks.validNumber(TestCards.VISA.replaceAll("(\\d{4})(?!$)", "$1 "))).isFalse();
        assertThat(CardChecks.validNumber("0")).isFalse();
        assertThat(CardChecks.validNumber(null)).isFalse();
    }

    @Test
    void masks() {
        assertThat(CardChecks.maskForExport(TestCards.VISA)).isEqualTo("************5439");
        assertThat(CardChecks.replyMask("************5439")).isEqualTo("xxxxxxxxxxxx5439");
    }
}
