package com.ptsl.sandbox.sl;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What an AR clerk keys on screen 08.010 for one invoice; the screen and release supply the rest
 * ({@link SlSandbox#enterInvoice}).
 *
 * @param custId     an existing SL customer (char(15))
 * @param amount     positive, at most two decimals (the base currency's DecPl)
 * @param docDate    document date; the due date follows from terms '30' and PerPost from the date
 * @param ordNbr     sales order number (ARDoc.OrdNbr, char(15)), or blank
 * @param custOrdNbr customer PO (ARDoc.CustOrdNbr, char(25)), or blank
 */
public record NewInvoice(String custId, BigDecimal amount, LocalDate docDate, String ordNbr, String custOrdNbr) {

    public NewInvoice {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(docDate, "docDate");
        custId = fit("custId", custId, 15);
        ordNbr = fit("ordNbr", ordNbr, 15);
        custOrdNbr = fit("custOrdNbr", custOrdNbr, 25);
        if (custId.isEmpty()) {
            throw new IllegalArgumentException("custId must not be blank");
        }
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > SlValues.MONEY_SCALE) {
            throw new IllegalArgumentException("amount must be positive with at most 2 decimals, was " + amount);
        }
        amount = SlValues.money(amount);
    }

    private static String fit(String name, String value, int width) {
        String v = value == null ? "" : value.strip();
        if (v.length() > width) {
            throw new IllegalArgumentException(name + " is char(" + width + "), too long: '" + v + "'");
        }
        return v;
    }
}
