package com.ptsl.sink.posting;

import com.ptsl.sink.sql.SlConventions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How much of each requested application SL can take: never more than the invoice's available
 * balance (DocBal less what unreleased 'U' lines already apply to it, less what earlier applications
 * of the same payment took), and, for cash already in SL (ApplyPayment), never more in total than the
 * payment's unapplied amount. Whatever is cut stays on the payment as unapplied cash (ARDoc.ApplAmt), so
 * an invoice balance is never driven below zero and no money disappears.
 */
final class ApplicationPlan {

    /** One 'U' line to write. */
    record Line(ArLookups.Invoice invoice, BigDecimal amount) {
    }

    private final List<Line> lines = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, BigDecimal> taken = new HashMap<>();
    /** The most all lines together may apply; null = no limit beyond the invoices (PostPayment checks its total upfront). */
    private final BigDecimal budget;

    ApplicationPlan() {
        this(null);
    }

    private ApplicationPlan(BigDecimal budget) {
        this.budget = budget;
    }

    /** A plan that applies at most {@code cash} in total: a posted payment's unapplied amount. */
    static ApplicationPlan withinCash(BigDecimal cash) {
        return new ApplicationPlan(SlConventions.money(cash));
    }

    /**
     * @param available the invoice's DocBal minus its pending 'U' lines, before this payment
     */
    void apply(ArLookups.Invoice invoice, BigDecimal requested, BigDecimal available) {
        String key = invoice.docType() + " " + invoice.refNbr();
        BigDecimal left = SlConventions.money(available.subtract(taken.getOrDefault(key, BigDecimal.ZERO)).max(BigDecimal.ZERO));
        BigDecimal amount = SlConventions.money(requested.min(left));
        String limit = "available balance " + left;
        if (budget != null) {
            BigDecimal cash = budget.subtract(appliedTotal()).max(BigDecimal.ZERO);
            if (cash.compareTo(amount) < 0) {
                amount = cash;
                limit = "unapplied cash left on the payment " + cash;
            }
        }
        if (amount.compareTo(requested) < 0) {
            notes.add("invoice " + key + ": applied " + amount + " of " + requested + " requested (" + limit + "), "
                    + requested.subtract(amount) + " left unapplied on account");
        }
        if (amount.signum() > 0) {
            lines.add(new Line(invoice, amount));
            taken.merge(key, amount, BigDecimal::add);
        }
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    BigDecimal appliedTotal() {
        return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Null when nothing was capped. */
    String cappedNote() {
        return notes.isEmpty() ? null : "capped: " + String.join("; ", notes);
    }
}
