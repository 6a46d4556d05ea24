package com.ptsl.reconciler.compare;

/** The customer an SL invoice belongs to, where the SL reader looked it up; "" when unknown. */
@FunctionalInterface
public interface InvoiceOwners {

    InvoiceOwners UNKNOWN = (docType, refNbr) -> "";

    String owner(String docType, String refNbr);
}
