package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.model.CommandRef;
import com.ptsl.reconciler.model.CommandType;
import com.ptsl.reconciler.model.LedgerRow;
import com.ptsl.reconciler.model.Money;
import com.ptsl.reconciler.model.SlApplication;
import com.ptsl.reconciler.model.TransactionFacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the invoices SL applies a payment to with the ones the integration commanded: the standing PostPayment's
 * applications plus every ApplyPayment (a review resolution) that counts. SL's side is the unreleased 'U' lines and,
 * after release, the net of the ARAdjust rows (an NS reversal's negated copies cancel its payment's). Where the sink's
 * ledger says it capped a command ("capped: …", an invoice had less open than asked), less than commanded is accepted.
 */
final class ApplicationCheck {

    private static final class Invoice {
        final String docType;
        final String refNbr;
        long commanded;
        long sl;
        boolean mayBeLess;
        String owner = "";

        Invoice(String docType, String refNbr) {
            this.docType = docType;
            this.refNbr = refNbr;
        }
    }

    private ApplicationCheck() {
    }

    /** Empty when SL applies exactly what was commanded; else one sentence per invoice that differs. */
    static List<String> differences(TransactionFacts facts, CommandHistory history, String custId, InvoiceOwners owners) {
        Map<String, Invoice> invoices = new LinkedHashMap<>();
        history.standingPosting().filter(c -> c.type() == CommandType.POST_PAYMENT)
                .ifPresent(c -> addCommanded(invoices, c, history));
        Map<String, CommandRef> applies = new LinkedHashMap<>();
        for (CommandRef c : history.of(CommandType.APPLY_PAYMENT)) {
            if (history.counts(c)) {
                applies.put(CommandType.originalOf(history.id(c)), c); // the latest of an original and its re-posts
            }
        }
        applies.values().forEach(c -> addCommanded(invoices, c, history));
        for (SlApplication a : facts.slApplications()) {
            Invoice i = invoices.computeIfAbsent(key(a.invoiceDocType(), a.invoiceRefNbr()), k -> new Invoice(a.invoiceDocType(), a.invoiceRefNbr()));
            i.sl += a.cents();
            if (i.owner.isEmpty()) {
                i.owner = a.invoiceCustId() != null && !a.invoiceCustId().isEmpty() ? a.invoiceCustId()
                        : owners.owner(a.invoiceDocType(), a.invoiceRefNbr());
            }
        }
        List<String> out = new ArrayList<>();
        for (Invoice i : invoices.values()) {
            String name = "invoice " + ("IN".equals(i.docType) ? "" : i.docType + " ") + i.refNbr;
            boolean otherCustomer = !i.owner.isEmpty() && !custId.isEmpty() && !i.owner.equals(custId) && i.sl != 0;
            String whose = otherCustomer ? " of customer " + i.owner + " (the payment is " + custId + "'s)" : "";
            boolean amountOk = i.sl == i.commanded || (i.mayBeLess && i.sl >= 0 && i.sl < i.commanded);
            if (amountOk && !otherCustomer) {
                continue;
            }
            if (i.commanded == 0) {
                out.add("SL applies " + Money.text(i.sl) + " to " + name + whose + ", which the integration never applied");
            } else if (i.sl == 0) {
                out.add(name + ": the integration applied " + Money.text(i.commanded) + ", SL applies nothing");
            } else if (!amountOk) {
                out.add(name + whose + ": SL applies " + Money.text(i.sl) + ", the integration applied " + Money.text(i.commanded));
            } else {
                out.add(name + " belongs to customer " + i.owner + ", not to the payment's customer " + custId);
            }
        }
        return out;
    }

    private static void addCommanded(Map<String, Invoice> invoices, CommandRef c, CommandHistory history) {
        LedgerRow row = history.ledgerRow(history.id(c));
        boolean capped = row != null && row.capped();
        for (int k = 0; k < c.applications(); k++) {
            String docType = c.invoiceDocType()[k];
            String refNbr = c.invoiceRefNbr()[k];
            Invoice i = invoices.computeIfAbsent(key(docType, refNbr), x -> new Invoice(docType, refNbr));
            i.commanded += c.invoiceCents()[k];
            i.mayBeLess |= capped;
        }
    }

    private static String key(String docType, String refNbr) {
        return docType + "|" + refNbr;
    }

    /** Σ applied in SL, for the unapplied rest of a payment. */
    static long slApplied(TransactionFacts facts) {
        long sum = 0;
        for (SlApplication a : facts.slApplications()) {
            sum += a.cents();
        }
        return sum;
    }
}
