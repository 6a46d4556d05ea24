package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Dollar amounts as requests carry them. */
public final class Money {

    /** Upper bound of a single transaction, so absurd input is a validation error rather than a stored record. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999.99");

    private Money() {
    }

    /** Dollars as a string ("12.34", PayTrace's documented form) or a JSON number; at most two decimals. */
    public static BigDecimal parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            String s = node.asText().trim();
            if (!s.matches("^-?\\d{1,9}(\\.\\d{1,2})?$")) {
                return null;
            }
            value = new BigDecimal(s);
        } else {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 2) {
            return null;
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A transaction amount: positive and at most {@link #MAX_AMOUNT}; null when absent or anything else. */
    public static BigDecimal parseAmount(JsonNode node) {
        BigDecimal amount = parse(node);
        return amount == null || amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0 ? null : amount;
    }

    /** Exports show tax as a two-decimal string; anything unreadable is dropped rather than echoed. */
    public static String formatTax(JsonNode node) {
        BigDecimal tax = parse(node);
        return tax == null || tax.signum() < 0 ? "" : tax.toPlainString();
    }
}
