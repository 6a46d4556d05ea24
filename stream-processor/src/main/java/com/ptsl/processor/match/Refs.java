package com.ptsl.processor.match;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a payer's text is compared with SL's document numbers. SL prints invoice RefNbrs zero-padded
 * ("0000010001") and people type them as they like ("10001", "inv 10001"), so invoice numbers compare
 * without leading zeros; order and PO numbers compare trimmed and case-insensitively.
 */
public final class Refs {

    /**
     * Anything that is not a letter, digit or '-' separates tokens: "0000010001,0000010007" and "#10001." both split.
     * The rule as a pattern; {@link #invoiceTokens} applies it by hand.
     */
    private static final Pattern SEPARATORS = Pattern.compile("[^A-Za-z0-9-]+");
    /** Shorter tokens are noise ("1 of 2", "no. 3"), never an SL RefNbr a person would quote. */
    private static final int MIN_TOKEN_LENGTH = 3;

    private Refs() {
    }

    /** An invoice number for comparison: trimmed, upper case, leading zeros dropped ("0" stays "0"). */
    public static String invoice(String ref) {
        String s = ref == null ? "" : ref.strip().toUpperCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** An order or PO number for comparison: trimmed, upper case. */
    public static String order(String nbr) {
        return nbr == null ? "" : nbr.strip().toUpperCase(Locale.ROOT);
    }

    /** The invoice-number candidates in free text, normalised with {@link #invoice}, in order of appearance. */
    public static Set<String> invoiceTokens(String... texts) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                continue;
            }
            // SEPARATORS.split, by hand: this runs several times for every payment, and the regex was a visible cost.
            int start = -1;
            boolean digit = false;
            for (int i = 0; i <= text.length(); i++) {
                char c = i < text.length() ? text.charAt(i) : ' ';
                if (isTokenChar(c)) {
                    if (start < 0) {
                        start = i;
                        digit = false;
                    }
                    digit |= c >= '0' && c <= '9';
                } else if (start >= 0) {
                    if (i - start >= MIN_TOKEN_LENGTH && digit) {
                        tokens.add(invoice(text.substring(start, i)));
                    }
                    start = -1;
                }
            }
        }
        return tokens;
    }

    /** Not matched by {@link #SEPARATORS}. */
    private static boolean isTokenChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    }
}
