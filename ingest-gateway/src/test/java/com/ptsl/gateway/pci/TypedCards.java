package com.ptsl.gateway.pci;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random Luhn-valid 13-19 digit numbers written the ways people type them into free text, built at run time (no
 * card number in the source). Each knows its expected mask, computed from its own text: every digit but the last
 * four replaced by {@code *}, nothing else changed.
 */
public final class TypedCards {

    /** How the digits are grouped and separated. */
    public enum Form {
        /** One run of digits. */
        UNSEPARATED,
        /** Random group sizes joined by single spaces or dashes, mixed. */
        SPACE_OR_DASH_ANY_GROUPING,
        /** Groups of four (last one 1-4) joined by one separator throughout. */
        FOURS,
        /** Groups of four, each gap a separator of its own. */
        FOURS_MIXED_SEPARATORS,
        /** 4-6-5 (15 digits) or 4-6-4 (14 digits); other lengths fall back to groups of four. */
        AMEX_OR_DINERS
    }

    /** Separators seen in typed card numbers, the new ones of issue 8 first. */
    public static final List<String> SEPARATORS = List.of(".", "/", "_", "\t", "  ", " - ", "   ", "\t\t",
            " / ", " . ", "\\", "\u00A0", "\u2013", "\u2014", " \u2013 ", "     ", " ", "-");

    /** One number as typed. */
    public record TypedCard(String digits, Form form, String text) {

        /** The text with every digit but the last four masked. */
        public String masked() {
            char[] chars = text.toCharArray();
            int kept = 0;
            for (int k = chars.length - 1; k >= 0; k--) {
                if (Character.isDigit(chars[k]) && ++kept > 4) {
                    chars[k] = '*';
                }
            }
            return new String(chars);
        }

        @Override
        public String toString() {
            return form + " '" + text.replace("\t", "\\t") + "'";
        }
    }

    private TypedCards() {
    }

    /** Random Luhn-valid numbers of 13 to 19 digits (first digit 1-9). */
    public static Arbitrary<String> luhnValidNumbers() {
        return Arbitraries.integers().between(13, 19).flatMap(length -> Combinators.combine(
                        Arbitraries.chars().range('1', '9'),
                        Arbitraries.strings().numeric().ofLength(length - 2))
                .as((first, body) -> first + body + CardNumberOracle.checkDigit(first + body)));
    }

    public static Arbitrary<TypedCard> typedCards() {
        Arbitrary<List<Integer>> sizes = Arbitraries.integers().between(1, 8).list().ofMinSize(1).ofMaxSize(19);
        Arbitrary<List<Boolean>> dashes = Arbitraries.of(true, false).list().ofSize(19);
        Arbitrary<List<String>> mixed = Arbitraries.of(SEPARATORS).list().ofSize(5);
        return Combinators.combine(luhnValidNumbers(), Arbitraries.of(Form.class), Arbitraries.of(SEPARATORS),
                sizes, dashes, mixed).as(TypedCards::type);
    }

    /** The same, from a plain {@link Random}, for fuzz loops and integration tests. */
    public static TypedCard random(Random random) {
        String digits = randomLuhnValid(random, 13 + random.nextInt(7));
        Form form = Form.values()[random.nextInt(Form.values().length)];
        return typed(random, digits, form);
    }

    /** A random Luhn-valid number of {@code length} digits, first digit 1-9. */
    public static String randomLuhnValid(Random random, int length) {
        StringBuilder body = new StringBuilder().append((char) ('1' + random.nextInt(9)));
        while (body.length() < length - 1) {
            body.append((char) ('0' + random.nextInt(10)));
        }
        return body.toString() + CardNumberOracle.checkDigit(body.toString());
    }

    /** {@code digits} in {@code form}, every gap {@code separator} (space-or-dash forms: spaces, groups of four). */
    public static TypedCard withSeparator(String digits, Form form, String separator) {
        return type(digits, form, separator, List.of(4), List.of(false), List.of(separator));
    }

    /** {@code digits} in {@code form}, with random choices for the rest. */
    public static TypedCard typed(Random random, String digits, Form form) {
        List<Integer> sizes = new ArrayList<>();
        List<Boolean> dashes = new ArrayList<>();
        List<String> mixed = new ArrayList<>();
        for (int i = 0; i < 19; i++) {
            sizes.add(1 + random.nextInt(8));
            dashes.add(random.nextBoolean());
        }
        for (int i = 0; i < 5; i++) {
            mixed.add(SEPARATORS.get(random.nextInt(SEPARATORS.size())));
        }
        return type(digits, form, SEPARATORS.get(random.nextInt(SEPARATORS.size())), sizes, dashes, mixed);
    }

    static TypedCard type(String digits, Form form, String separator, List<Integer> sizes, List<Boolean> dashes,
                          List<String> mixed) {
        StringBuilder text = new StringBuilder();
        switch (form) {
            case UNSEPARATED:
                text.append(digits);
                break;
            case SPACE_OR_DASH_ANY_GROUPING: {
                int at = 0;
                int g = 0;
                while (at < digits.length()) {
                    int size = Math.min(sizes.get(g % sizes.size()), digits.length() - at);
                    if (at > 0) {
                        text.append(dashes.get(g % dashes.size()) ? '-' : ' ');
                    }
                    text.append(digits, at, at + size);
                    at += size;
                    g++;
                }
                break;
            }
            case AMEX_OR_DINERS:
                if (digits.length() == 15 || digits.length() == 14) {
                    text.append(digits, 0, 4).append(separator).append(digits, 4, 10).append(separator)
                            .append(digits, 10, digits.length());
                    break;
                }
                appendFours(text, digits, g -> separator);
                break;
            case FOURS_MIXED_SEPARATORS:
                appendFours(text, digits, g -> mixed.get(g % mixed.size()));
                break;
            default:
                appendFours(text, digits, g -> separator);
        }
        return new TypedCard(digits, form, text.toString());
    }

    private static void appendFours(StringBuilder text, String digits, java.util.function.IntFunction<String> gap) {
        for (int at = 0, g = 0; at < digits.length(); at += 4, g++) {
            if (at > 0) {
                text.append(gap.apply(g));
            }
            text.append(digits, at, Math.min(at + 4, digits.length()));
        }
    }
}
