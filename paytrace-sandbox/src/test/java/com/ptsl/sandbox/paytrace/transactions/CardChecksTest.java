package com.ptsl.sandbox.paytrace.transactions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardChecksTest {

    @Test
    void luhn() {
        assertThat(CardChecks.validNumber("4012000098765439")).isTrue();
        assertThat(CardChecks.validNumber("5499740000000057")).isTrue();
        assertThat(CardChecks.validNumber("6011000991300009")).isTrue();
        assertThat(CardChecks.validNumber("4111111111111111")).isTrue();
        assertThat(CardChecks.validNumber("4012000098765438")).isFalse();
        assertThat(CardChecks.validNumber("4012 0000 9876 5439")).isFalse();
        assertThat(CardChecks.validNumber("0")).isFalse();
        assertThat(CardChecks.validNumber(null)).isFalse();
    }

    @Test
    void masks() {
        assertThat(CardChecks.maskForExport("4012000098765439")).isEqualTo("************5439");
        assertThat(CardChecks.replyMask("************5439")).isEqualTo("xxxxxxxxxxxx5439");
    }
}
