package com.ptsl.gateway.pci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

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
            "4111  1111  1111  1111",  // double spaces do not join groups
            "4111.1111.1111.1111",     // dots do not join groups
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
