package com.ptsl.launcher.traffic;

import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.sandbox.sl.OpenInvoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The stream processor's matching rules as the brief states them, written out independently of
 * {@link PaymentMix}, over a model of SL's balances: what the mix predicts must be what these rules give.
 * Strategies in order, the first that identifies exactly one customer wins; references compare trimmed,
 * case-insensitively, without leading zeros; available = balance less what earlier payments applied.
 */
final class MatchingRulesModel {

    /** The outcome of one payment; {@code pending} when it must wait (for its invoice, or to find a customer). */
    record Outcome(String custId, String strategy, Map<String, BigDecimal> applications, BigDecimal onAccount,
                   String review, boolean pending) {
        static Outcome waiting() {
            return new Outcome(null, null, Map.of(), BigDecimal.ZERO.setScale(2), null, true);
        }
    }

    private static final class Invoice {
        final String custId;
        final String refNbr;
        final String ordNbr;
        final String custOrdNbr;
        final LocalDate docDate;
        BigDecimal available;

        Invoice(String custId, String refNbr, String ordNbr, String custOrdNbr, LocalDate docDate, BigDecimal available) {
            this.custId = custId;
            this.refNbr = refNbr;
            this.ordNbr = ordNbr;
            this.custOrdNbr = custOrdNbr;
            this.docDate = docDate;
            this.available = available;
        }
    }

    private final List<Invoice> invoices = new ArrayList<>();
    private final Set<String> customers;

    MatchingRulesModel(List<OpenInvoice> open) {
        open.forEach(i -> invoices.add(new Invoice(i.custId(), i.refNbr(), i.ordNbr(), i.custOrdNbr(), i.docDate(), i.docBal())));
        customers = open.stream().map(i -> norm(i.custId())).collect(Collectors.toSet());
    }

    void enter(String custId, String refNbr, String ordNbr, String custOrdNbr, LocalDate docDate, BigDecimal amount) {
        invoices.add(new Invoice(custId, refNbr, ordNbr, custOrdNbr, docDate, amount));
    }

    /** @param final_ the deadline has passed: a payment that would wait gets its final outcome instead */
    Outcome resolve(SaleRequest sale, boolean final_) {
        List<Invoice> open = invoices.stream().filter(i -> i.available.signum() > 0).toList();
        String invoiceId = norm(sale.invoiceId());
        String customerRef = norm(sale.customerReferenceId());
        if (!invoiceId.isEmpty()) {
            List<Invoice> byRef = open.stream().filter(i -> norm(i.refNbr).equals(invoiceId)).toList();
            if (oneCustomer(byRef)) {
                return apply(byRef, sale.amount(), "INVOICE_ID");
            }
            List<Invoice> byOrder = open.stream().filter(matchesOrder(invoiceId)).toList();
            if (oneCustomer(byOrder)) {
                return apply(byOrder, sale.amount(), "ORDER_NUMBER");
            }
        }
        if (!customerRef.isEmpty()) {
            List<Invoice> byPo = open.stream().filter(matchesOrder(customerRef)).toList();
            if (oneCustomer(byPo)) {
                return apply(byPo, sale.amount(), "CUSTOMER_PO");
            }
        }
        Set<String> tokens = Arrays.stream((sale.invoiceId() + " " + sale.description()).split("[^A-Za-z0-9-]+"))
                .map(MatchingRulesModel::norm).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
        List<Invoice> listed = open.stream().filter(i -> tokens.contains(norm(i.refNbr))).toList();
        if (oneCustomer(listed)) {
            return apply(listed, sale.amount(), "INVOICE_LIST");
        }
        if (customers.contains(customerRef)) {
            String custId = sale.customerReferenceId().strip().toUpperCase(Locale.ROOT);
            if (!invoiceId.isEmpty()) {
                // The customer is known but the invoice named is not open (yet): it waits for it.
                return final_ ? onAccount(custId, sale.amount(), "DEADLINE_PASSED") : Outcome.waiting();
            }
            List<Invoice> same = open.stream().filter(i -> i.custId.equals(custId))
                    .filter(i -> i.available.compareTo(sale.amount()) == 0).toList();
            if (same.size() == 1) {
                return apply(same, sale.amount(), "EXACT_AMOUNT");
            }
            return onAccount(custId, sale.amount(), same.isEmpty() ? "UNMATCHED" : "AMBIGUOUS_AMOUNT");
        }
        return final_ ? new Outcome(null, null, Map.of(), BigDecimal.ZERO.setScale(2), "UNKNOWN_CUSTOMER", false)
                : Outcome.waiting();
    }

    private Outcome apply(List<Invoice> chosen, BigDecimal amount, String strategy) {
        List<Invoice> oldestFirst = chosen.stream()
                .sorted(Comparator.comparing((Invoice i) -> i.docDate).thenComparing(i -> i.refNbr)).toList();
        BigDecimal left = amount;
        Map<String, BigDecimal> applications = new LinkedHashMap<>();
        for (Invoice inv : oldestFirst) {
            BigDecimal take = left.min(inv.available);
            if (take.signum() > 0) {
                applications.put(inv.refNbr, take);
                inv.available = inv.available.subtract(take);
                left = left.subtract(take);
            }
        }
        return new Outcome(oldestFirst.get(0).custId, strategy, applications, left,
                left.signum() > 0 ? "OVERPAYMENT" : null, false);
    }

    private static Outcome onAccount(String custId, BigDecimal amount, String review) {
        return new Outcome(custId, "ON_ACCOUNT", Map.of(), amount, review, false);
    }

    private static Predicate<Invoice> matchesOrder(String ref) {
        return i -> (!i.ordNbr.isBlank() && norm(i.ordNbr).equals(ref)) || (!i.custOrdNbr.isBlank() && norm(i.custOrdNbr).equals(ref));
    }

    private static boolean oneCustomer(List<Invoice> found) {
        return !found.isEmpty() && found.stream().map(i -> i.custId).distinct().count() == 1;
    }

    static String norm(String ref) {
        String s = ref == null ? "" : ref.strip().toUpperCase(Locale.ROOT);
        String stripped = s.replaceFirst("^0+", "");
        return stripped.isEmpty() && !s.isEmpty() ? "0" : stripped;
    }
}
