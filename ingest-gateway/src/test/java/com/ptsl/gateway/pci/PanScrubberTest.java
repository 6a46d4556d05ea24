package com.ptsl.gateway.pci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The only test allowed to contain card numbers: the well-known public test numbers of the card brands. */
class PanScrubberTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "4111111111111111          | ************1111",
            "5454545454545454          | ************5454",
            "4012000098765439          | ************5439",
            "378282246310005           | ***********0005",
            "6011111111111117          | ************1117",
            "4222222222222             | *********2222",
            "4012000098765439125       | ***************9125",
    })
    void masksLuhnValidRunsOf13To19DigitsKeepingTheLastFour(String pan, String mask) {
        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText(pan);

        assertThat(scrubbed.text()).isEqualTo(mask).hasSameSizeAs(pan);
        assertThat(scrubbed.pansScrubbed()).isEqualTo(1);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {
            "4111111111111112",        // 16 digits, fails Luhn
            "5454545454545455",        // 16 digits, fails Luhn
            "411111111117",            // 12 digits, passes Luhn but too short
            "41111111111111111115",    // 20 digits, passes Luhn but too long
            "41111111111111111234",    // 20 digits with a valid card number as its first 16: digits are not split
            "a41111111111111111234b",
            "392483066",               // transaction id
            "110.10",                  // amount
            "85284", "85284-1234",     // zips
            "4/10/2015 4:06:30 PM", "2015-04-10", "04/10/2015",
            "************5454", "xxxxxxxxxxxx5439", "411111******1111",   // already masked / BIN + last 4
            "4111  1111  1111  1112",  // a card grouping, but fails Luhn
            "4111.1111.1111",          // a card grouping, 12 digits
            "+1 509-555-0100",
            "GB571", "VTLMC1", "",
    })
    void leavesEverythingElseAlone(String text) {
        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText(text);

        assertThat(scrubbed.text()).isSameAs(text);
        assertThat(scrubbed.pansScrubbed()).isZero();
    }

    @Test
    void findsANumberInsideLongerText() {
        assertThat(PanScrubber.scrubText("card 4111111111111111 was declined").text())
                .isEqualTo("card ************1111 was declined");
        assertThat(PanScrubber.scrubText("ref4012000098765439x").text()).isEqualTo("ref************5439x");
        assertThat(PanScrubber.scrubText("number:5454545454545454,").text()).isEqualTo("number:************5454,");
    }

    @Test
    void masksGroupsSplitBySingleSpacesOrDashesKeepingTheSeparators() {
        assertThat(PanScrubber.scrubText("4111 1111 1111 1111").text()).isEqualTo("**** **** **** 1111");
        assertThat(PanScrubber.scrubText("5454-5454-5454-5454").text()).isEqualTo("****-****-****-5454");
        assertThat(PanScrubber.scrubText("3782 822463 10005").text()).isEqualTo("**** ****** *0005");
        assertThat(PanScrubber.scrubText("4012-0000 9876-5439").text()).isEqualTo("****-**** ****-5439");
    }

    /** Every way people were seen to type a card number that the single space/dash rule missed. */
    static Stream<Arguments> separatorForms() {
        return Stream.of(
                Arguments.of("4111.1111.1111.1111", "****.****.****.1111"),
                Arguments.of("4111/1111/1111/1111", "****/****/****/1111"),
                Arguments.of("4111_1111_1111_1111", "****_****_****_1111"),
                Arguments.of("4111\\1111\\1111\\1111", "****\\****\\****\\1111"),
                Arguments.of("4111\t1111\t1111\t1111", "****\t****\t****\t1111"),
                Arguments.of("4111\t\t1111\t\t1111\t\t1111", "****\t\t****\t\t****\t\t1111"),
                Arguments.of("4111  1111  1111  1111", "****  ****  ****  1111"),
                Arguments.of("4111     1111     1111     1111", "****     ****     ****     1111"),
                Arguments.of("4111 - 1111 - 1111 - 1111", "**** - **** - **** - 1111"),
                Arguments.of("4111 / 1111 / 1111 / 1111", "**** / **** / **** / 1111"),
                Arguments.of("4111 . 1111 . 1111 . 1111", "**** . **** . **** . 1111"),
                Arguments.of("4111\u00A01111\u00A01111\u00A01111", "****\u00A0****\u00A0****\u00A01111"),
                Arguments.of("4111\u20131111\u20131111\u20131111", "****\u2013****\u2013****\u20131111"),
                Arguments.of("5454.5454.5454.5454", "****.****.****.5454"),
                Arguments.of("6011/1111/1111/1117", "****/****/****/1117"),
                // Amex 4-6-5 and Diners 4-6-4, and Amex typed in fours (4-4-4-3)
                Arguments.of("3782.822463.10005", "****.******.*0005"),
                Arguments.of("3782 - 822463 - 10005", "**** - ****** - *0005"),
                Arguments.of("3782_822463_10005", "****_******_*0005"),
                Arguments.of("3056\t930902\t5904", "****\t******\t5904"),
                Arguments.of("3782.8224.6310.005", "****.****.***0.005"),
                // 13 digits (4-4-4-1) and 19 digits (4-4-4-4-3)
                Arguments.of("4222.2222.2222.2", "****.****.*222.2"),
                Arguments.of("4012/0000/9876/5439/125", "****/****/****/***9/125"),
                // separators mixed within one number
                Arguments.of("4111 1111  1111 1111", "**** ****  **** 1111"),
                Arguments.of("4111.1111-1111/1111", "****.****-****/1111"),
                // inside text, next to punctuation
                Arguments.of("card: 4111.1111.1111.1111.", "card: ****.****.****.1111."),
                Arguments.of("(4111_1111_1111_1111)", "(****_****_****_1111)"),
                Arguments.of("**4111  1111  1111  1111**", "******  ****  ****  1111**"),
                Arguments.of("Paid 12/01/2026 with 4111/1111/1111/1111, thanks", "Paid 12/01/2026 with ****/****/****/1111, thanks"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("separatorForms")
    void masksCardGroupingsJoinedByAnySeparatorKeepingTheSeparators(String text, String masked) {
        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText(text);

        assertThat(scrubbed.text()).isEqualTo(masked).hasSameSizeAs(text);
        assertThat(scrubbed.pansScrubbed()).isEqualTo(1);
        assertThat(PanScrubber.scrubText(scrubbed.text()).text()).isEqualTo(masked);
    }

    /** PayTrace's own shapes (and lists of them) use the same separators but never a card's grouping. */
    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {
            "12/01/2026", "1/5/2026", "2026-12-01", "2026-12-01T10:22:33", "2026-12-01T10:22:33.123",
            "12/01/2026 10:22:33", "12/1/2026 10:22:33 AM", "12.01.2026 10:22:33", "2026/12/01",
            "1234.56", "1234.56 100.00 250.75", "1234.56  100.00  250.75", "1234.56\t100.00\t250.75",
            "1234.56 - 100.00 - 250.75", "1234.56 / 100.00 / 250.75", "$1,234.56", "$1,234,567.89 and $12,345.67",
            "392483066", "392483066  392483067", "392483066 / 392483067 / 392483068", "392483066_392483067",
            "392483066, 392483067, 392483068, 392483069", "12/01/2026  392483066  1234.56",
            "GB571", "batch 1042, batch 1043, batch 1044, batch 1045", "85284", "85284-1234", "85284-1234  392483066",
            "509-555-0100", "509.555.0100", "(509) 555-0100", "+1 509 555 0100", "64.106.246.164",
            "10:22:33", "12/28", "exp 12/2028", "************5454", "xxxxxxxxxxxx5439",
            "1234.5678.9012", "1234 5678 9012",   // card groupings, too short
            "12345.6789.0123.4567",               // a 5-digit first group is no card grouping
    })
    void leavesPayTracesOwnNumbersAloneWhateverTheSeparator(String text) {
        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText(text);

        assertThat(scrubbed.text()).isSameAs(text);
        assertThat(scrubbed.pansScrubbed()).isZero();
    }

    @Test
    void aNumberGluedToACardThatPassesLuhnWithItDoesNotLeaveTheCardsTailVisible() {
        // 1004 + the card's first twelve digits pass Luhn too; both sequences are masked, counted once.
        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText("ref 1004 4111 1111 1111 1111 paid");

        assertThat(scrubbed.text()).isEqualTo("ref **** **** **** **** 1111 paid");
        assertThat(scrubbed.pansScrubbed()).isEqualTo(1);
    }

    @Test
    void aMaskThatSplitsAGroupIsScannedAgainSoScrubbingStaysIdempotent() {
        // After masking, "1111 392483073" is 13 digits that pass Luhn: they are masked in the same call.
        PanScrubber.ScrubbedText once = PanScrubber.scrubText("4111111111111111 392483073");

        assertThat(once.text()).isEqualTo("**************** *****3073");
        assertThat(PanScrubber.scrubText(once.text()).text()).isSameAs(once.text());
    }

    @Test
    void findsACardNumberNextToAnotherNumber() {
        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText("order 12 4111 1111 1111 1111 paid");

        assertThat(scrubbed.text()).isEqualTo("order 12 **** **** **** 1111 paid");
        assertThat(scrubbed.pansScrubbed()).isEqualTo(1);
    }

    @Test
    void countsEveryNumberInOneText() {
        PanScrubber.ScrubbedText scrubbed = PanScrubber.scrubText("old 4111111111111111, new 5454 5454 5454 5454.");

        assertThat(scrubbed.text()).isEqualTo("old ************1111, new **** **** **** 5454.");
        assertThat(scrubbed.pansScrubbed()).isEqualTo(2);
    }

    @Test
    void scrubbingTwiceChangesNothingTheSecondTime() {
        String once = PanScrubber.scrubText("4111 1111 1111 1111 and 4012000098765439").text();

        PanScrubber.ScrubbedText twice = PanScrubber.scrubText(once);

        assertThat(twice.text()).isEqualTo(once);
        assertThat(twice.pansScrubbed()).isZero();
    }

    @Test
    void leavesATypicalExportRecordUntouched() throws Exception {
        String json = "{\"transaction_id\":79388123,\"credit_card\":{\"masked_number\":\"************5454\","
                + "\"expiration_month\":12,\"expiration_year\":20},\"transaction_type\":\"SALE\",\"description\":\"\","
                + "\"amount\":110.10,\"invoice_id\":\"inv1234\",\"billing_address\":{\"name\":\"Kevin\","
                + "\"street_address\":\"8320 E. West St.\",\"zip\":\"85284\",\"country\":\"US\"},\"tax_amount\":\"8.10\","
                + "\"customer_reference_id\":\"PO123456\",\"approval_code\":\"VTLMC1\",\"status_code\":\"GB571\","
                + "\"created\":{\"through\":\"API\",\"at\":\"4/10/2015 4:06:30 PM\",\"by\":\"sandbox123\","
                + "\"from_ip\":\"64.106.246.164\"},\"settled\":\"4/10/2015 8:13:45 PM\",\"customer_id\":\"\"}";
        ObjectNode record = (ObjectNode) Json.parse(json);

        PanScrubber.ScrubbedRecord scrubbed = PanScrubber.scrub(record);

        assertThat(scrubbed.pansScrubbed()).isZero();
        assertThat(Json.compact(scrubbed.record())).isEqualTo(json);
    }

    @Test
    void masksNestedValuesInACopyAndLeavesTheOriginalAlone() throws Exception {
        ObjectNode record = (ObjectNode) Json.parse("{\"transaction_id\":392483066,\"amount\":10.50,"
                + "\"credit_card\":{\"number\":\"4012000098765439\",\"expiration_year\":28},"
                + "\"notes\":[\"paid with 4111-1111-1111-1111\",\"ok\"],\"discretionary_data\":{\"CARD\":5454545454545454}}");

        PanScrubber.ScrubbedRecord scrubbed = PanScrubber.scrub(record);

        assertThat(scrubbed.pansScrubbed()).isEqualTo(3);
        assertThat(Json.compact(scrubbed.record())).isEqualTo("{\"transaction_id\":392483066,\"amount\":10.50,"
                + "\"credit_card\":{\"number\":\"************5439\",\"expiration_year\":28},"
                + "\"notes\":[\"paid with ****-****-****-1111\",\"ok\"],"
                + "\"discretionary_data\":{\"CARD\":\"************5454\"}}");
        assertThat(record.path("credit_card").path("number").asText()).isEqualTo("4012000098765439");
    }

    @Test
    void masksACardNumberUsedAsAFieldName() throws Exception {
        ObjectNode record = (ObjectNode) Json.parse("{\"4111111111111111\":\"x\"}");

        PanScrubber.ScrubbedRecord scrubbed = PanScrubber.scrub(record);

        assertThat(Json.compact(scrubbed.record())).isEqualTo("{\"************1111\":\"x\"}");
        assertThat(scrubbed.pansScrubbed()).isEqualTo(1);
    }

    @Test
    void luhnAcceptsValidAndRejectsInvalidOrNonDigits() {
        assertThat(Luhn.isValid("4111111111111111")).isTrue();
        assertThat(Luhn.isValid("4111111111111112")).isFalse();
        assertThat(Luhn.isValid("4111-1111")).isFalse();
        assertThat(Luhn.isValid("0")).isFalse();
    }
}
