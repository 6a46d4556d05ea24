package com.ptsl.processor.errors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTest {

    @Test
    void removesCardLengthDigitRunsOnly() {
        assertThat(Redaction.digitRuns("transaction_id must be a positive integer, was \"1234567890123456\""))
                .isEqualTo("transaction_id must be a positive integer, was \"[redacted]\"");
        assertThat(Redaction.digitRuns("key '79388123' differs; amount 1234567.89; card ************5454"))
                .isEqualTo("key '79388123' differs; amount 1234567.89; card ************5454");
        assertThat(Redaction.digitRuns("12345678901234567890")).as("20 digits is no card number").isEqualTo("12345678901234567890");
    }
}
