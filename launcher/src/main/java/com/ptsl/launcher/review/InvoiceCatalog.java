package com.ptsl.launcher.review;

import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.avro.InvoiceApplication;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * SL's open invoices and customers as {@code sl.invoices} and {@code sl.customers} hold them, looked up the way a
 * person types them: an invoice by its RefNbr with or without SL's leading zeros ("10001" finds "0000010001"), a
 * customer by CustId in any case.
 */
final class InvoiceCatalog {

    private final Map<String, List<SlInvoiceSnapshot>> invoicesByRefNbr = new HashMap<>();
    private final Map<String, SlCustomerSnapshot> customersById = new HashMap<>();

    InvoiceCatalog(Collection<SlInvoiceSnapshot> invoices, Collection<SlCustomerSnapshot> customers) {
        for (SlInvoiceSnapshot invoice : invoices) {
            invoicesByRefNbr.computeIfAbsent(refNbrKey(invoice.getRefNbr()), k -> new ArrayList<>()).add(invoice);
        }
        invoicesByRefNbr.values().forEach(list -> list.sort(Comparator.comparing(SlInvoiceSnapshot::getCpnyId)));
        for (SlCustomerSnapshot customer : customers) {
            customersById.put(SlKeys.customer(customer.getCustId()), customer);
        }
    }

    static InvoiceCatalog empty() {
        return new InvoiceCatalog(List.of(), List.of());
    }

    /** Every invoice (of any company) whose RefNbr is {@code refNbr} once leading zeros and case are set aside. */
    List<SlInvoiceSnapshot> invoices(String refNbr) {
        return List.copyOf(invoicesByRefNbr.getOrDefault(refNbrKey(refNbr), List.of()));
    }

    Optional<SlCustomerSnapshot> customer(String custId) {
        return Optional.ofNullable(customersById.get(SlKeys.customer(custId)));
    }

    /** What a payment can still apply to the invoice: DocBal less the applications SL has not released yet. */
    static BigDecimal available(SlInvoiceSnapshot invoice) {
        BigDecimal pending = BigDecimal.ZERO;
        for (InvoiceApplication a : invoice.getApplications()) {
            if (!a.getReleased()) {
                pending = pending.add(a.getAmount());
            }
        }
        return invoice.getDocBal().subtract(pending);
    }

    /** "0000010001", " 10001 " and "10001" are one invoice; an all-zero RefNbr stays "0". */
    static String refNbrKey(String refNbr) {
        String s = refNbr.strip().toUpperCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    static boolean sameCustomer(String a, String b) {
        return a != null && b != null && SlKeys.customer(a).equals(SlKeys.customer(b));
    }
}
