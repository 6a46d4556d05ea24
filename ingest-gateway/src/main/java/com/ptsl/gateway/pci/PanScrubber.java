package com.ptsl.gateway.pci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.Map;

/**
 * Masks anything that looks like a primary account number (PAN) before a record leaves the gateway (PCI,
 * ARCHITECTURE.md §9). The mask keeps the length, the separators and the last four digits
 * ({@code ************5439}, {@code ****-****-****-1111}, {@code ****.****.****.1111}), the way PayTrace itself
 * masks numbers, so a masked record still reads naturally and has the same length as before.
 *
 * <p>What counts as a card number: 13 to 19 digits that pass the Luhn check and are written in one of three ways.
 * <ol>
 *   <li><b>Unseparated</b>: one run of 13-19 digits.</li>
 *   <li><b>Groups joined by single spaces or dashes</b> (mixed freely, any group sizes):
 *       {@code 4111 1111 1111 1111}, {@code 3782 822463 10005}, {@code 4012-0000 9876-5439}. This is how most
 *       people type a card number, so it stays as lenient as it always was.</li>
 *   <li><b>Groups in a card's own grouping, joined by any separator</b>: all groups of four with a last group of
 *       one to four ({@code 4-4-4-4}, {@code 4-4-4-1}, {@code 4-4-4-4-3}) or Amex/Diners' {@code 4-6-5} /
 *       {@code 4-6-4}, where a separator is a short run (at most {@value #MAX_GAP} characters) of horizontal
 *       whitespace and {@code . / \ _ -} or Unicode dashes: {@code 4111.1111.1111.1111}, {@code 4111/1111/1111/1111},
 *       {@code 4111_1111_1111_1111}, tabs, {@code 4111  1111  1111  1111}, {@code 4111 - 1111 - 1111 - 1111},
 *       {@code 3782 - 822463 - 10005}.</li>
 * </ol>
 *
 * <p>Why the grouping rule for the other separators, rather than "any digits across any punctuation": PayTrace's own
 * numbers are separated by exactly those characters too, and never in a card's grouping. Dates are 2-2-4 or 4-2-2
 * ({@code 12/01/2026}, {@code 2026-12-01T10:22:33}), amounts 4-2 or 3-3-2 ({@code 1234.56}, {@code $1,234.56}),
 * lists of amounts 4-2-3-2-3-2 ({@code 1234.56  100.00  250.75}), times 2-2-2, IP addresses 2-3-3-3, phone numbers
 * 3-3-4, zips 5-4, transaction ids 9 digits. A card grouping (three groups of four in a row, or 4-6-5) is what sets a
 * typed card number apart; requiring one and the same separator throughout as well was considered and dropped: it
 * protects nothing the grouping does not (the lenient rule above already accepts mixed space/dash), and people who
 * retype a number mix separators ({@code 4111 1111  1111 1111}). Commas, colons, pipes and line breaks never join
 * groups: they are how lists, thousands and times are written, and a card number is typed on one line.
 *
 * <p>Digit groups are atomic: a 20-digit run, or the digits of a longer number, are never partly masked, while a
 * card number next to another number ({@code "ref 12 4111 1111 1111 1111"}) is still found, because every
 * consecutive sequence of whole groups is tried. When two such sequences overlap (a number glued to a card by a
 * separator happens to pass the Luhn check with the card's first groups), both are masked, so a card never keeps
 * more than its last four digits visible. Known price of the lenient rule (unchanged): two unrelated numbers
 * joined by one space or dash whose digits add up to 13-19 pass the Luhn check one time in ten and are masked
 * ({@code "392483066 392483067"}); PayTrace never writes its own fields that way, only people typing free text do.
 *
 * <p>Masks contain no digits but the last four. Masking can split a group ({@code ************1111 392483066}),
 * which could make a new Luhn-valid sequence; the text is therefore scanned again after a change until nothing
 * changes, so scrubbing twice never changes anything the second time.
 *
 * <p>Covers string values, field names and integral numbers (a card number sent as a JSON number becomes a masked
 * string: its digits must not survive even at the cost of the type).
 */
public final class PanScrubber {

    public static final int MIN_PAN_DIGITS = 13;
    public static final int MAX_PAN_DIGITS = 19;
    /** Longest separator between two groups, e.g. {@code " - "} or a few spaces of column alignment. */
    public static final int MAX_GAP = 5;
    private static final int KEEP_LAST = 4;
    private static final char MASK = '*';

    /** How two neighbouring digit groups are joined. */
    private static final byte BREAK = 0;
    /** One space or one dash: any grouping counts. */
    private static final byte LENIENT = 1;
    /** Any other short run of separator characters: only a card grouping counts. */
    private static final byte SEPARATOR = 2;

    private PanScrubber() {
    }

    /** A text with its card numbers masked, and how many were masked. */
    public record ScrubbedText(String text, int pansScrubbed) {
    }

    /** A copy of a record with its card numbers masked, and how many were masked. */
    public record ScrubbedRecord(ObjectNode record, int pansScrubbed) {
    }

    /** Masks card numbers in one text; returns the same string instance when there was none. */
    public static ScrubbedText scrubText(String text) {
        if (text == null || text.length() < MIN_PAN_DIGITS) {
            return new ScrubbedText(text, 0);
        }
        String current = text;
        int count = 0;
        while (true) {
            ScrubbedText pass = onePass(current);
            if (pass == null) {
                break;
            }
            current = pass.text();
            count += pass.pansScrubbed();
        }
        return count == 0 ? new ScrubbedText(text, 0) : new ScrubbedText(current, count);
    }

    /** A deep copy of {@code record} with every card number masked; the original is not changed. */
    public static ScrubbedRecord scrub(ObjectNode record) {
        int[] count = {0};
        ObjectNode copy = (ObjectNode) scrubNode(record, count);
        return new ScrubbedRecord(copy, count[0]);
    }

    private static JsonNode scrubNode(JsonNode node, int[] count) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                ScrubbedText name = scrubText(field.getKey());
                count[0] += name.pansScrubbed();
                copy.set(name.text(), scrubNode(field.getValue(), count));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(element -> copy.add(scrubNode(element, count)));
            return copy;
        }
        if (node.isTextual()) {
            ScrubbedText text = scrubText(node.textValue());
            count[0] += text.pansScrubbed();
            return text.pansScrubbed() == 0 ? node : TextNode.valueOf(text.text());
        }
        if (node.isIntegralNumber()) {
            ScrubbedText text = scrubText(node.asText());
            if (text.pansScrubbed() > 0) {
                count[0] += text.pansScrubbed();
                return TextNode.valueOf(text.text());
            }
        }
        return node; // other scalars are immutable, sharing them is safe
    }

    /** One scan of {@code text}; null when it holds no card number. */
    private static ScrubbedText onePass(String text) {
        int digits = 0;
        for (int k = 0; k < text.length(); k++) {
            if (isDigit(text.charAt(k))) {
                digits++;
            }
        }
        if (digits < MIN_PAN_DIGITS) {
            return null; // the common case: a few digits or none, decided without allocating
        }
        // Maximal digit runs ("groups") and how each is joined to the next.
        int[] start = new int[digits];
        int[] end = new int[digits];
        int groups = 0;
        for (int k = 0; k < text.length(); ) {
            if (isDigit(text.charAt(k))) {
                int s = k;
                while (k < text.length() && isDigit(text.charAt(k))) {
                    k++;
                }
                start[groups] = s;
                end[groups] = k;
                groups++;
            } else {
                k++;
            }
        }
        byte[] join = new byte[groups];
        for (int g = 0; g + 1 < groups; g++) {
            join[g] = joinBetween(text, end[g], start[g + 1]);
        }

        char[] chars = null;
        int count = 0;
        int lastCounted = -1;
        for (int first = 0; first < groups; first++) {
            int last = longestPanFrom(text, start, end, join, groups, first);
            if (last < 0) {
                continue;
            }
            if (chars == null) {
                chars = text.toCharArray();
            }
            mask(text, chars, start[first], end[last]);
            // Overlapping sequences are one number for the count: the first of them counts, later ones that share
            // a group with it only add to the mask.
            if (first > lastCounted) {
                count++;
                lastCounted = last;
            }
        }
        return chars == null ? null : new ScrubbedText(new String(chars), count);
    }

    /**
     * The last group of the longest Luhn-valid 13-19 digit sequence of whole groups starting at {@code first}
     * that is written as a card number (see the class comment), or -1.
     */
    private static int longestPanFrom(String text, int[] start, int[] end, byte[] join, int groups, int first) {
        int digits = end[first] - start[first];
        if (digits > MAX_PAN_DIGITS) {
            return -1;
        }
        int found = digits >= MIN_PAN_DIGITS && luhn(text, start[first], end[first]) ? first : -1;
        boolean lenientSoFar = true;
        for (int j = first + 1; j < groups; j++) {
            byte how = join[j - 1];
            if (how == BREAK) {
                break;
            }
            lenientSoFar &= how == LENIENT;
            digits += end[j] - start[j];
            if (digits > MAX_PAN_DIGITS) {
                break;
            }
            if (digits >= MIN_PAN_DIGITS && (lenientSoFar || cardGrouping(start, end, first, j))
                    && luhn(text, start[first], end[j])) {
                found = j;
            }
        }
        return found;
    }

    /** 4-4-...-4-(1..4), 4-6-5 or 4-6-4: how card numbers are printed and typed. */
    private static boolean cardGrouping(int[] start, int[] end, int first, int last) {
        int groups = last - first + 1;
        if (groups == 3 && end[first] - start[first] == 4 && end[first + 1] - start[first + 1] == 6) {
            int tail = end[last] - start[last];
            if (tail == 5 || tail == 4) {
                return true;
            }
        }
        for (int g = first; g < last; g++) {
            if (end[g] - start[g] != 4) {
                return false;
            }
        }
        int tail = end[last] - start[last];
        return tail >= 1 && tail <= 4;
    }

    /** How the groups ending at {@code from} and starting at {@code to} are joined. */
    private static byte joinBetween(String text, int from, int to) {
        int length = to - from;
        if (length == 1) {
            char c = text.charAt(from);
            if (c == ' ' || c == '-') {
                return LENIENT;
            }
        }
        if (length > MAX_GAP) {
            return BREAK;
        }
        for (int k = from; k < to; k++) {
            if (!isSeparator(text.charAt(k))) {
                return BREAK;
            }
        }
        return SEPARATOR;
    }

    /** Horizontal whitespace (as regex {@code \h}) and the punctuation people put between digit groups. */
    static boolean isSeparator(char c) {
        switch (c) {
            case ' ':
            case '\t':
            case '\u00A0':
            case '\u1680':
            case '\u180E':
            case '\u202F':
            case '\u205F':
            case '\u3000':
            case '.':
            case '/':
            case '\\':
            case '_':
            case '-':
            case '\u2212': // minus sign
                return true;
            default:
                return (c >= '\u2000' && c <= '\u200A') // en/em/thin/... spaces
                        || (c >= '\u2010' && c <= '\u2015'); // hyphens, en and em dashes
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Luhn over the digits in [from, to); separators in between are skipped. */
    private static boolean luhn(String text, int from, int to) {
        int sum = 0;
        boolean doubleIt = false;
        for (int k = to - 1; k >= from; k--) {
            char c = text.charAt(k);
            if (!isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /**
     * Replaces every digit of {@code text} in [from, to) but the last four with the mask character in
     * {@code chars}; separators stay. Digits an earlier, overlapping sequence masked stay masked.
     */
    private static void mask(String text, char[] chars, int from, int to) {
        int kept = 0;
        for (int k = to - 1; k >= from; k--) {
            if (isDigit(text.charAt(k))) {
                if (kept < KEEP_LAST) {
                    kept++;
                } else {
                    chars[k] = MASK;
                }
            }
        }
    }
}
