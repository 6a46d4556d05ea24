package com.ptsl.sink.posting;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which AR documents a PostRefund becomes (SL_REFUND_POLICY). SL has no "card refund" document (dynamics-sl.md §13);
 * these are the choices a site's accountant makes between.
 */
public enum RefundPolicy {
    /**
     * The seed's "Refund → CM": returned goods. A CM (Dr refund account, Cr customer AR) plus a cash-out DM (Dr customer
     * AR, Cr card clearing) in one 08010 batch: AR nets to 0, cash goes down, the refund account up.
     */
    CREDIT_MEMO,
    /** Only the cash-out DM (Dr customer AR, Cr card clearing): the customer owes the refunded amount again. */
    DEBIT_MEMO,
    /**
     * A refund of the whole of a linked payment undoes the payment (NS reversal when released, removal from its batch
     * when not), reopening its invoices; any other refund falls back to {@link #DEBIT_MEMO}.
     */
    REVERSE_PAYMENT;

    public static RefundPolicy parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (RefundPolicy p : values()) {
            if (p.name().equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values()).map(Enum::name)
                .collect(Collectors.joining(", ")) + ", found '" + text + "'");
    }
}
