package com.ptsl.processor.match;

import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.math.BigDecimal;
import java.util.Comparator;

/**
 * An open invoice of the customer and what is still available to apply to it: SL's DocBal, less the
 * unreleased applications SL already holds, less this processor's own reservations that SL does not
 * show yet.
 */
public record InvoiceBalance(SlInvoiceSnapshot invoice, BigDecimal available) {

    /** Oldest first, as a customer's remittance is applied: by document date, then RefNbr. */
    public static final Comparator<InvoiceBalance> OLDEST_FIRST = Comparator
            .comparing((InvoiceBalance b) -> b.invoice().getDocDate())
            .thenComparing(b -> b.invoice().getRefNbr());

    public String key() {
        return SlKeys.invoice(invoice.getCpnyId(), invoice.getRefNbr());
    }

    public String refNbr() {
        return invoice.getRefNbr();
    }

    public boolean released() {
        return invoice.getReleased();
    }

    public boolean payable() {
        return released() && available.signum() > 0;
    }
}
