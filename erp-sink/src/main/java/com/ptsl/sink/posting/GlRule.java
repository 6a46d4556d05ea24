package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.PaymentMethod;

import java.util.Locale;

/**
 * One GL rule: payment method × card type × merchant account → the cash/clearing account a payment debits and a
 * refund credits. Each of the three is a value or {@code *} (any); values compare case-insensitively. A command
 * field left blank (an older writer, a record that does not say) only matches {@code *}.
 *
 * @param source where the rule came from, for messages: {@code SL_GL_RULES rule 'CARD:AMEX:*=1015/00-000-00'} or
 *               {@code SL_CARD_CASH_ACCT/SL_CARD_CASH_SUB (rule CARD:*:*)}
 */
public record GlRule(String method, String cardType, String merchant, CashAccount account, String source) {

    public static final String ANY = "*";

    public GlRule {
        method = normalise(method);
        cardType = normalise(cardType);
        merchant = normalise(merchant);
        if (!method.equals(ANY) && !method.equals(PaymentMethod.CARD.name()) && !method.equals(PaymentMethod.ACH.name())) {
            throw new IllegalArgumentException("payment method must be CARD, ACH or *, is '" + method + "'");
        }
    }

    /** The rule standing for SL_CARD_CASH_ACCT/SUB or SL_ACH_CASH_ACCT/SUB. */
    static GlRule methodDefault(PaymentMethod method, CashAccount account, String variables) {
        return new GlRule(method.name(), ANY, ANY, account, variables + " (rule " + method.name() + ":*:*)");
    }

    boolean matches(PaymentMethod paymentMethod, String commandCardType, String commandMerchant) {
        return field(method, paymentMethod.name()) && field(cardType, normalise(commandCardType))
                && field(merchant, normalise(commandMerchant));
    }

    /**
     * Most specific wins: a named merchant account outweighs a named card type, which outweighs a named method
     * (4, 2, 1), so every two different patterns that match the same payment have different weights.
     */
    int specificity() {
        return (merchant.equals(ANY) ? 0 : 4) + (cardType.equals(ANY) ? 0 : 2) + (method.equals(ANY) ? 0 : 1);
    }

    /** {@code METHOD:CARDTYPE:MERCHANT}, the part of the rule that decides whether it applies. */
    String pattern() {
        return method + ":" + cardType + ":" + merchant;
    }

    @Override
    public String toString() {
        return pattern() + "=" + account;
    }

    private static boolean field(String ruleValue, String commandValue) {
        return ruleValue.equals(ANY) || ruleValue.equals(commandValue);
    }

    private static String normalise(String value) {
        return value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    }
}
