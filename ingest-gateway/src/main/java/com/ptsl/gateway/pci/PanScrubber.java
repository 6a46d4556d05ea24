package com.ptsl.gateway.pci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything that looks like a primary account number (PAN) before a record leaves the gateway (PCI,
 * ARCHITECTURE.md §9): a run of 13 to 19 digits, possibly split into groups by single spaces or dashes, that passes
 * the Luhn check. The mask keeps the length, the separators and the last four digits ({@code ************5439},
 * {@code ****-****-****-1111}), the way PayTrace itself masks numbers, so a masked record still reads naturally.
 *
 * <p>Digit groups are atomic: a 20-digit run, or the digits of a longer number, are never partly masked, while a
 * card number next to another number ({@code "ref 12 4111 1111 1111 1111"}) is still found, because every
 * consecutive sequence of whole groups is tried. Transaction ids (9 digits), amounts, zips and dates never form
 * 13-19 digit runs, so they are left alone. Masks contain no digits but the last four, so scrubbing twice changes
 * nothing the second time.
 *
 * <p>Covers string values, field names and integral numbers (a card number sent as a JSON number becomes a masked
 * string: its digits must not survive even at the cost of the type).
 */
public final class PanScrubber {

    public static final int MIN_PAN_DIGITS = 13;
    public static final int MAX_PAN_DIGITS = 19;
    private static final int KEEP_LAST = 4;
    private static final char MASK = '*';

    /** Maximal runs of digit groups joined by one space or dash, not touching further digits. */
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9]+(?:[ -][0-9]+)*");
    private static final Pattern DIGIT_GROUP = Pattern.compile("[0-9]+");

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
        char[] chars = null;
        int count = 0;
        Matcher run = DIGIT_RUN.matcher(text);
        while (run.find()) {
            List<int[]> groups = groups(text, run.start(), run.end());
            int i = 0;
            while (i < groups.size()) {
                int last = longestPanFrom(text, groups, i);
                if (last < 0) {
                    i++;
                    continue;
                }
                if (chars == null) {
                    chars = text.toCharArray();
                }
                mask(chars, groups.get(i)[0], groups.get(last)[1]);
                count++;
                i = last + 1;
            }
        }
        return chars == null ? new ScrubbedText(text, 0) : new ScrubbedText(new String(chars), count);
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

    /** Start and end offsets of the digit groups of one run. */
    private static List<int[]> groups(String text, int start, int end) {
        List<int[]> groups = new ArrayList<>();
        Matcher group = DIGIT_GROUP.matcher(text).region(start, end);
        while (group.find()) {
            groups.add(new int[]{group.start(), group.end()});
        }
        return groups;
    }

    /** The last group of the longest Luhn-valid 13-19 digit sequence of whole groups starting at {@code first}, or -1. */
    private static int longestPanFrom(String text, List<int[]> groups, int first) {
        StringBuilder digits = new StringBuilder(MAX_PAN_DIGITS);
        int found = -1;
        for (int j = first; j < groups.size(); j++) {
            int[] g = groups.get(j);
            digits.append(text, g[0], g[1]);
            if (digits.length() > MAX_PAN_DIGITS) {
                break;
            }
            if (digits.length() >= MIN_PAN_DIGITS && Luhn.isValid(digits)) {
                found = j;
            }
        }
        return found;
    }

    /** Replaces every digit in [from, to) but the last four with the mask character; separators stay. */
    private static void mask(char[] chars, int from, int to) {
        int kept = 0;
        for (int k = to - 1; k >= from; k--) {
            if (chars[k] >= '0' && chars[k] <= '9') {
                if (kept < KEEP_LAST) {
                    kept++;
                } else {
                    chars[k] = MASK;
                }
            }
        }
    }
}
