package com.ptsl.processor.match;

import com.ptsl.processor.CustomerField;
import com.ptsl.processor.match.LookupKeys.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which SL customer a payment belongs to, from the global lookup index, trying the fields in the order
 * of the matching strategies: the invoice named in invoice_id, an order number there, the
 * customer_reference_id as a PO, invoice numbers in invoice_id or the description, then the
 * customer_reference_id as a CustId and the vault customer_id. The first that points at exactly one
 * customer wins; a value shared by several customers is skipped (the payment is not guessed onto one).
 */
public final class CustomerResolver {

    /** The customer, or why none: every value tried and what it pointed at. */
    public record Resolution(Optional<String> custId, String problem) {
    }

    private final LookupIndex index;
    private final CustomerField customerField;

    public CustomerResolver(LookupIndex index, CustomerField customerField) {
        this.index = index;
        this.customerField = customerField;
    }

    public Resolution resolve(PaymentFacts p) {
        List<String> tried = new ArrayList<>();
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe(Kind.INVOICE, p.invoiceId(), "invoice_id as invoice"));
        probes.add(new Probe(Kind.ORDER, p.invoiceId(), "invoice_id as order number"));
        probes.add(new Probe(Kind.ORDER, p.customerReferenceId(), "customer_reference_id as PO"));
        for (String token : Refs.invoiceTokens(p.invoiceId(), p.description())) {
            probes.add(new Probe(Kind.INVOICE, token, "invoice number in invoice_id/description"));
        }
        probes.add(new Probe(Kind.CUSTOMER, p.customerReferenceId(), "customer_reference_id as CustId"));
        probes.add(new Probe(Kind.VAULT, p.customerId(), "customer_id as PayTrace vault id"));
        if (customerField == CustomerField.CUSTOMER_ID) {
            probes.add(new Probe(Kind.CUSTOMER, p.customerId(), "customer_id as CustId"));
        }
        for (Probe probe : probes) {
            if (probe.value() == null || probe.value().isBlank()) {
                continue;
            }
            Set<String> customers = index.customers(probe.kind(), probe.value());
            if (customers.size() == 1) {
                return new Resolution(Optional.of(customers.iterator().next()), "");
            }
            if (customers.size() > 1) {
                tried.add(probe.what() + " is shared by customers " + String.join(", ", customers));
            }
        }
        String fields = "invoice_id '" + p.invoiceId() + "', customer_reference_id '" + p.customerReferenceId() + "'"
                + (p.customerId().isBlank() ? "" : ", customer_id '" + p.customerId() + "'");
        return new Resolution(Optional.empty(), "no SL customer found from " + fields
                + (tried.isEmpty() ? "" : " (" + String.join("; ", tried) + ")"));
    }

    private record Probe(Kind kind, String value, String what) {
    }
}
