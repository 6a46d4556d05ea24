package com.ptsl.reconciler.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts as whole cents while the reconciler works (a long per amount keeps a million transactions small), and as
 * exact BigDecimal of scale 2 in the report. SL's float(53) columns are rounded to 2 places HALF_UP before they become
 * cents, so float noise never reaches a comparison.
 */
public final class Money {

    private Money() {
    }

    /** Exact cents of an amount with at most 2 decimals; more decimals are rounded HALF_UP. */
    public static long cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP).unscaledValue().longValueExact();
    }

    /** An SL float(53) amount, rounded to 2 places (HALF_UP), in cents. */
    public static long centsOfFloat(double amount) {
        return cents(BigDecimal.valueOf(amount));
    }

    private static final BigDecimal ZERO = BigDecimal.valueOf(0, 2);

    public static BigDecimal amount(long cents) {
        return cents == 0 ? ZERO : BigDecimal.valueOf(cents, 2);
    }

    /** "12.34", "-1.00": how an amount is written in a detail sentence. */
    public static String text(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
