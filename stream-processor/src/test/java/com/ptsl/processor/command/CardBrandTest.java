package com.ptsl.processor.command;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The brand from the BIN an include_bin export shows; nothing from a mask that shows no first digits. */
class CardBrandTest {

    @ParameterizedTest(name = "{0} -> ''{1}''")
    @CsvSource(nullValues = "NULL", textBlock = """
            401200******5439,   VISA
            411111******1111,   VISA
            510510******5100,   MASTERCARD
            555555******4444,   MASTERCARD
            222100******0000,   MASTERCARD
            272099******0000,   MASTERCARD
            273000******0000,   ''
            222000******0000,   ''
            378282*****0005,    AMEX
            341111*****1111,    AMEX
            601111******1117,   DISCOVER
            650000******0000,   DISCOVER
            644000******0000,   ''
            ************5454,   ''
            xxxxxxxxxxxx5439,   ''
            4***********1111,   ''
            '',                 ''
            NULL,               ''
            """)
    void brandFromTheFirstDigits(String masked, String brand) {
        assertThat(CardBrand.of(masked)).isEqualTo(brand);
    }
}
