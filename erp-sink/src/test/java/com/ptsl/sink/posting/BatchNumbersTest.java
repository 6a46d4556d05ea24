package com.ptsl.sink.posting;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchNumbersTest {

    @Test
    void theNextNumberIsZeroPaddedToAtLeastSixDigits() {
        assertThat(BatchNumbers.next("000100")).isEqualTo("000101");
        assertThat(BatchNumbers.next("")).isEqualTo("000001");
        assertThat(BatchNumbers.next("  42 ")).isEqualTo("000043");
        assertThat(BatchNumbers.next("0000009999")).isEqualTo("0000010000");
    }

    @Test
    void aFullWidthNumberWrapsToOneAsSlsCreateNewBatchDoes() {
        assertThat(BatchNumbers.next("999999")).isEqualTo("000001");
        assertThat(BatchNumbers.next("99999999")).isEqualTo("00000001");
    }

    @Test
    void aNonNumericLastBatNbrIsAnError() {
        assertThatThrownBy(() -> BatchNumbers.next("AB0001")).hasMessageContaining("AB0001");
    }
}
