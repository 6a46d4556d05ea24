package com.ptsl.processor.command;

/**
 * The card brand from the first digits of a masked number, where the export shows them ({@code include_bin}:
 * first six and last four, e.g. {@code 401200******5439}); PayTrace's default mask ({@code ************5454})
 * shows none and gives "". Chooses the GL cash/clearing account at the sink, so only the brands the GL rules
 * name are told apart: 4 VISA, 51-55 and 2221-2720 MASTERCARD, 34/37 AMEX, 6011/65 DISCOVER.
 */
public final class CardBrand {

    public static final String VISA = "VISA";
    public static final String MASTERCARD = "MASTERCARD";
    public static final String AMEX = "AMEX";
    public static final String DISCOVER = "DISCOVER";

    /** Fewer leading digits than this is not a BIN but a mask that happens to start with a digit. */
    private static final int MIN_BIN_DIGITS = 4;

    private CardBrand() {
    }

    public static String of(String masked) {
        if (masked == null) {
            return "";
        }
        String s = masked.strip();
        int n = 0;
        while (n < s.length() && Character.isDigit(s.charAt(n))) {
            n++;
        }
        if (n < MIN_BIN_DIGITS) {
            return "";
        }
        int two = Integer.parseInt(s.substring(0, 2));
        int four = Integer.parseInt(s.substring(0, 4));
        if (s.charAt(0) == '4') {
            return VISA;
        }
        if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) {
            return MASTERCARD;
        }
        if (two == 34 || two == 37) {
            return AMEX;
        }
        if (four == 6011 || two == 65) {
            return DISCOVER;
        }
        return "";
    }
}
