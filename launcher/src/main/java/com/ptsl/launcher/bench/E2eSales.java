package com.ptsl.launcher.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.transactions.ProcessorRules;
import com.ptsl.sandbox.sl.OpenInvoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The sales of the end-to-end run: approved card sales of seeded SL customers, three in four naming one of the customer's
 * open invoices ({@code invoice_id} = RefNbr, {@code customer_reference_id} = CustId: matched by INVOICE_ID at once), the
 * fourth paying on account (customer only). So every sale posts one PostPayment without waiting for a match deadline.
 *
 * <p>Each invoice is paid at most down to {@link #KEEP_OPEN}: an invoice paid off would close in SL, leave the processor's
 * view, and a later sale naming it would wait for its deadline (30 s), measuring the deadline instead of the pipeline.
 * Keeping every balance above the largest sale also means no on-account sale equals an open balance (an EXACT_AMOUNT match
 * would spend an invoice this plan does not track).
 */
final class E2eSales {

    /** Smallest balance an invoice is left with; larger than any sale. */
    static final BigDecimal KEEP_OPEN = new BigDecimal("25.00");

    private final ExportRecords export;
    private final List<OpenInvoice> invoices;
    private final List<BigDecimal> left = new ArrayList<>();
    private final List<String> customers;
    private int next;

    E2eSales(ExportRecords export, List<OpenInvoice> open) {
        this.export = Objects.requireNonNull(export, "export");
        if (open.isEmpty()) {
            throw new IllegalArgumentException("the SL sandbox has no open invoices to pay");
        }
        this.invoices = List.copyOf(open);
        for (OpenInvoice i : invoices) {
            left.add(i.docBal());
        }
        this.customers = invoices.stream().map(OpenInvoice::custId).distinct().sorted().toList();
    }

    /** The amount of sale {@code n}: 1.00 to 9.99, cents varied, never the sandbox's decline amount (1.12). */
    static BigDecimal amount(long n) {
        BigDecimal amount = BigDecimal.valueOf(100 + (n * 7_919L) % 900, 2);
        return amount.compareTo(ProcessorRules.DECLINE_AMOUNT) == 0 ? amount.add(new BigDecimal("0.01")) : amount;
    }

    /** The next sale, made now; thread-safe (senders share one plan). */
    synchronized ObjectNode next(long transactionId, Instant createdAt) {
        int n = next++;
        BigDecimal amount = amount(n);
        if (n % 4 != 3) {
            for (int tries = 0; tries < invoices.size(); tries++) {
                int k = (n + tries) % invoices.size();
                BigDecimal after = left.get(k).subtract(amount);
                if (after.compareTo(KEEP_OPEN) >= 0) {
                    left.set(k, after);
                    OpenInvoice invoice = invoices.get(k);
                    return export.sale(transactionId, amount, invoice.refNbr(), invoice.custId(), "Invoice payment", createdAt);
                }
            }
        }
        String custId = customers.get(n % customers.size());
        return export.sale(transactionId, amount, "", custId, "Online payment", createdAt);
    }

    /** What is still open on invoice {@code refNbr} after the sales planned so far (for tests). */
    synchronized BigDecimal left(String refNbr) {
        for (int k = 0; k < invoices.size(); k++) {
            if (invoices.get(k).refNbr().equals(refNbr)) {
                return left.get(k);
            }
        }
        throw new IllegalArgumentException("no invoice " + refNbr);
    }
}
