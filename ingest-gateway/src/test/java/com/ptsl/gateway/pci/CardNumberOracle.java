package com.ptsl.gateway.pci;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent check for card numbers left in a text, deliberately blunter than {@link PanScrubber} and sharing
 * no code with it (its own Luhn): digits are read across any short run (at most {@value #MAX_GAP} characters) of
 * whitespace (line breaks included) and {@code . / \ _ -} or Unicode dashes, separators mixed freely, in any
 * grouping, and every window of 13 to 19 consecutive digits of such a chain is tested, not only whole groups.
 * Letters, other punctuation and the mask character end a chain.
 *
 * <p>Blunter means it can report sequences the scrubber leaves alone on purpose (e.g. the first 16 digits of a
 * 20-digit number, or a date followed by a time). Tests therefore apply it where the only long digit chains are
 * the card numbers they embedded.
 */
public final class CardNumberOracle {

    static final int MAX_GAP = 5;

    private CardNumberOracle() {
    }

    /** Every Luhn-valid 13-19 digit window found, as its digits; empty when the text is clean. */
    public static List<String> luhnValidSequences(String text) {
        List<String> found = new ArrayList<>();
        StringBuilder chain = new StringBuilder();
        int gap = 0;
        for (int k = 0; k <= text.length(); k++) {
            char c = k < text.length() ? text.charAt(k) : '\0';
            if (c >= '0' && c <= '9') {
                chain.append(c);
                gap = 0;
            } else if (chain.length() > 0 && isGap(c) && ++gap <= MAX_GAP) {
                continue;
            } else {
                windows(chain, found);
                chain.setLength(0);
                gap = 0;
            }
        }
        return found;
    }

    private static boolean isGap(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || ".-/\\_\u2010\u2011\u2012\u2013\u2014\u2015\u2212".indexOf(c) >= 0;
    }

    private static void windows(CharSequence chain, List<String> found) {
        for (int length = 13; length <= 19; length++) {
            for (int from = 0; from + length <= chain.length(); from++) {
                String window = chain.subSequence(from, from + length).toString();
                if (luhn(window)) {
                    found.add(window);
                }
            }
        }
    }

    /** Luhn, written out again here on purpose (not {@link Luhn}). */
    public static boolean luhn(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? d : (d * 2 > 9 ? d * 2 - 9 : d * 2);
        }
        return sum % 10 == 0;
    }

    /** The check digit that makes {@code body + digit} pass Luhn. */
    public static char checkDigit(String body) {
        for (char d = '0'; d <= '9'; d++) {
            if (luhn(body + d)) {
                return d;
            }
        }
        throw new IllegalStateException("unreachable: one of ten digits always fits");
    }
}
