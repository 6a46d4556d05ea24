package com.ptsl.processor.match;

import com.ptsl.schemas.avro.ReviewReason;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The matching rules, pure: given a payment and its customer's open invoices (with what is still
 * available on each), which invoices it pays and how much. The strategies are tried in
 * {@link MatchStrategy} order and the first that finds an invoice wins; an invoice is paid at most its
 * available balance, oldest first, and whatever is left stays on account with a review item.
 */
public final class Matcher {

    /** A person choosing among candidates reads a handful, not the whole ledger. */
    static final int MAX_CANDIDATES = 5;

    private Matcher() {
    }

    /**
     * @param notHereYet invoice or order numbers the payment mentions that the lookup index already lists for this
     *                   customer but that have not reached this task yet (the index and this task are fed from the
     *                   same snapshot, a moment apart): worth waiting for, or a list would be paid only in part
     * @param mayWait    false once the payment's deadline passed: a named invoice that is still missing
     *                   (or unreleased) no longer holds the payment back, it posts on account
     */
    public static Decision decide(PaymentFacts payment, List<InvoiceBalance> invoices, Set<String> notHereYet, boolean mayWait) {
        if (mayWait && !notHereYet.isEmpty()) {
            return Decision.waitFor("SL's feed has " + String.join(", ", notHereYet) + " for the customer; not in this task yet");
        }
        Optional<Found> found = find(payment, invoices);
        if (found.isPresent()) {
            List<InvoiceBalance> chosen = found.get().invoices();
            List<InvoiceBalance> unreleased = chosen.stream().filter(i -> !i.released()).toList();
            if (!unreleased.isEmpty()) {
                if (mayWait) {
                    return Decision.waitFor("invoice " + refs(unreleased) + " is not released in SL yet");
                }
                chosen = chosen.stream().filter(InvoiceBalance::released).toList();
            }
            if (!chosen.isEmpty()) {
                return apply(payment.amount(), found.get().strategy(), chosen, invoices, true);
            }
        }
        if (payment.namesInvoice()) {
            if (mayWait) {
                return Decision.waitFor("no open invoice of the customer matches invoice_id '" + payment.invoiceId() + "' yet");
            }
            return onAccount(payment, invoices, ReviewReason.DEADLINE_PASSED,
                    "no open SL invoice of the customer matched invoice_id '" + payment.invoiceId() + "' before the deadline",
                    sameAmountFirst(payment, invoices));
        }
        List<InvoiceBalance> exact = invoices.stream()
                .filter(i -> i.payable() && i.available().compareTo(payment.amount()) == 0)
                .sorted(InvoiceBalance.OLDEST_FIRST).toList();
        if (exact.size() == 1) {
            return apply(payment.amount(), MatchStrategy.EXACT_AMOUNT, exact, invoices, true);
        }
        if (exact.size() > 1) {
            return onAccount(payment, invoices, ReviewReason.AMBIGUOUS_AMOUNT,
                    exact.size() + " open invoices of the customer have exactly " + payment.amount() + " open: " + refs(exact), exact);
        }
        return onAccount(payment, invoices, ReviewReason.UNMATCHED,
                "no invoice named and no open invoice of the customer has exactly " + payment.amount() + " open",
                oldest(invoices));
    }

    /**
     * A person's decision: pay the invoices they named (the amounts they gave first, then what is left oldest
     * first, each at most its available balance; the rest on account), or keep it all on account.
     */
    public static Decision decideForced(BigDecimal amount, MatchInput.Forced forced, List<InvoiceBalance> invoices) {
        if (forced.onAccount()) {
            return Decision.post(MatchStrategy.REVIEW_RESOLUTION, List.of(), amount, null);
        }
        BigDecimal left = amount;
        List<Decision.Applied> applied = new ArrayList<>();
        List<InvoiceBalance> rest = new ArrayList<>();
        for (int i = 0; i < forced.invoices().size(); i++) {
            Optional<InvoiceBalance> invoice = named(forced.invoices().get(i), invoices);
            if (invoice.isEmpty() || applied.stream().anyMatch(a -> a.invoice().equals(invoice.get())) || rest.contains(invoice.get())) {
                continue;
            }
            BigDecimal given = forced.amount(i);
            if (given == null) {
                rest.add(invoice.get());
                continue;
            }
            BigDecimal take = given.min(left).min(invoice.get().available().max(BigDecimal.ZERO));
            if (take.signum() > 0) {
                applied.add(new Decision.Applied(invoice.get(), take));
                left = left.subtract(take);
            }
        }
        rest.sort(InvoiceBalance.OLDEST_FIRST);
        for (InvoiceBalance invoice : rest) {
            BigDecimal take = left.min(invoice.available().max(BigDecimal.ZERO));
            if (take.signum() > 0) {
                applied.add(new Decision.Applied(invoice, take));
                left = left.subtract(take);
            }
        }
        return Decision.post(MatchStrategy.REVIEW_RESOLUTION, applied, left, null);
    }

    /** The released invoice with this RefNbr, leading zeros ignored. */
    static Optional<InvoiceBalance> named(String refNbr, List<InvoiceBalance> invoices) {
        return invoices.stream().filter(i -> i.released() && Refs.invoice(i.refNbr()).equals(Refs.invoice(refNbr))).findFirst();
    }

    private record Found(MatchStrategy strategy, List<InvoiceBalance> invoices) {
    }

    private static Optional<Found> find(PaymentFacts p, List<InvoiceBalance> invoices) {
        String invoiceRef = Refs.invoice(p.invoiceId());
        String invoiceOrder = Refs.order(p.invoiceId());
        String reference = Refs.order(p.customerReferenceId());
        Set<String> tokens = Refs.invoiceTokens(p.invoiceId(), p.description());
        List<Found> tries = List.of(
                new Found(MatchStrategy.INVOICE_ID, select(invoices, i -> !invoiceRef.isEmpty()
                        && Refs.invoice(i.refNbr()).equals(invoiceRef))),
                new Found(MatchStrategy.ORDER_NUMBER, select(invoices, i -> isOrder(i, invoiceOrder))),
                new Found(MatchStrategy.CUSTOMER_PO, select(invoices, i -> isOrder(i, reference))),
                new Found(MatchStrategy.INVOICE_LIST, select(invoices, i -> tokens.contains(Refs.invoice(i.refNbr())))));
        return tries.stream().filter(f -> !f.invoices().isEmpty()).findFirst();
    }

    private static boolean isOrder(InvoiceBalance i, String nbr) {
        return !nbr.isEmpty() && (nbr.equals(Refs.order(i.invoice().getOrdNbr())) || nbr.equals(Refs.order(i.invoice().getCustOrdNbr())));
    }

    private static List<InvoiceBalance> select(List<InvoiceBalance> invoices, Predicate<InvoiceBalance> test) {
        return invoices.stream().filter(test).sorted(InvoiceBalance.OLDEST_FIRST).toList();
    }

    /**
     * Pays {@code chosen} in order, each at most its available balance. With {@code reviewRest}, money
     * left over is an overpayment a person must look at; a person's own decision is not reviewed again.
     */
    private static Decision apply(BigDecimal amount, MatchStrategy strategy, List<InvoiceBalance> chosen,
                                  List<InvoiceBalance> all, boolean reviewRest) {
        BigDecimal left = amount;
        List<Decision.Applied> applied = new ArrayList<>();
        for (InvoiceBalance invoice : chosen) {
            BigDecimal take = left.min(invoice.available().max(BigDecimal.ZERO));
            if (take.signum() > 0) {
                applied.add(new Decision.Applied(invoice, take));
                left = left.subtract(take);
            }
        }
        Decision.Review review = null;
        if (left.signum() > 0 && reviewRest) {
            List<InvoiceBalance> others = all.stream().filter(i -> i.payable() && !chosen.contains(i))
                    .sorted(InvoiceBalance.OLDEST_FIRST).limit(MAX_CANDIDATES).toList();
            String balances = chosen.stream().map(i -> i.refNbr() + " (available " + i.available().max(BigDecimal.ZERO) + ")")
                    .collect(Collectors.joining(", "));
            review = new Decision.Review(ReviewReason.OVERPAYMENT,
                    "paid " + amount + " against " + balances + "; " + left + " is more than the invoices' open balance and was posted on account",
                    "apply the " + left + " on account to another open invoice of the customer (--apply), keep it on account (--on-account), or refund it",
                    others, "other open invoice of the customer");
        }
        return Decision.post(strategy, applied, left, review);
    }

    private static Decision onAccount(PaymentFacts payment, List<InvoiceBalance> invoices, ReviewReason reason, String detail,
                                      List<InvoiceBalance> candidates) {
        String why = reason == ReviewReason.AMBIGUOUS_AMOUNT ? "same open amount" : "open invoice of the customer";
        return Decision.post(MatchStrategy.ON_ACCOUNT, List.of(), payment.amount(), new Decision.Review(reason,
                detail + "; the whole " + payment.amount() + " was posted on account",
                "choose the invoice(s) it pays (--apply), or keep it on account (--on-account)", candidates, why));
    }

    private static List<InvoiceBalance> sameAmountFirst(PaymentFacts payment, List<InvoiceBalance> invoices) {
        Set<InvoiceBalance> ordered = new LinkedHashSet<>(invoices.stream()
                .filter(i -> i.payable() && i.available().compareTo(payment.amount()) == 0).sorted(InvoiceBalance.OLDEST_FIRST).toList());
        ordered.addAll(oldest(invoices));
        return ordered.stream().limit(MAX_CANDIDATES).toList();
    }

    private static List<InvoiceBalance> oldest(List<InvoiceBalance> invoices) {
        return invoices.stream().filter(InvoiceBalance::payable).sorted(InvoiceBalance.OLDEST_FIRST).limit(MAX_CANDIDATES).toList();
    }

    private static String refs(List<InvoiceBalance> invoices) {
        return invoices.stream().map(InvoiceBalance::refNbr).collect(Collectors.joining(", "));
    }
}
