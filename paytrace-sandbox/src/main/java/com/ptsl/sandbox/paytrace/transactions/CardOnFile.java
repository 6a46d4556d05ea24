package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;

import java.time.YearMonth;

import static com.ptsl.sandbox.paytrace.http.RequestBodies.text;

/**
 * A card as the sandbox keeps it: masked number and expiry. {@link #read} is the only place a full number is
 * handled; it lives in a local variable there, is checked, masked and dropped.
 *
 * @param maskedNumber export form, {@code ************5439}
 */
public record CardOnFile(String maskedNumber, int expirationMonth, int expirationYear) {

    /**
     * Reads {@code credit_card{number, expiration_month, expiration_year}}; on a bad value adds 35, 43 or 44 to
     * {@code errors} and returns null.
     */
    public static CardOnFile read(JsonNode card, PayTraceErrors.Collector errors) {
        String masked = null;
        {
            String number = text(card, "number");
            if (CardChecks.validNumber(number)) {
                masked = CardChecks.maskForExport(number);
            } else {
                errors.add(PayTraceErrors.CARD_NUMBER, PayTraceErrors.MSG_CARD_NUMBER);
            }
        } // the number goes out of scope here
        Integer month = parseMonth(text(card, "expiration_month"));
        if (month == null) {
            errors.add(PayTraceErrors.EXPIRATION_MONTH, PayTraceErrors.MSG_EXPIRATION_MONTH);
        }
        Integer year = parseYear(text(card, "expiration_year"));
        if (year == null) {
            errors.add(PayTraceErrors.EXPIRATION_YEAR, PayTraceErrors.MSG_EXPIRATION_YEAR);
        }
        return masked == null || month == null || year == null ? null : new CardOnFile(masked, month, year);
    }

    /** A card is valid through the last day of its expiry month, judged on the merchant's calendar. */
    public boolean expiredBefore(YearMonth merchantMonth) {
        return YearMonth.of(expirationYear, expirationMonth).isBefore(merchantMonth);
    }

    /** Transaction replies mask with x: {@code xxxxxxxxxxxx5439}. */
    public String replyMask() {
        return CardChecks.replyMask(maskedNumber);
    }

    private static Integer parseMonth(String text) {
        if (text == null || !text.trim().matches("^\\d{1,2}$")) {
            return null;
        }
        int month = Integer.parseInt(text.trim());
        return month >= 1 && month <= 12 ? month : null;
    }

    /** Two-digit years mean 20yy; four-digit years must be in this century. */
    private static Integer parseYear(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.matches("^\\d{2}$")) {
            return 2000 + Integer.parseInt(t);
        }
        if (t.matches("^\\d{4}$")) {
            int year = Integer.parseInt(t);
            return year >= 2000 && year <= 2099 ? year : null;
        }
        return null;
    }
}
