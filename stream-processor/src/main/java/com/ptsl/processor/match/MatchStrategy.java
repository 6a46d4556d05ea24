package com.ptsl.processor.match;

/**
 * How a payment found its invoices, in the order the strategies are tried; recorded on the command
 * (PostPayment.matchStrategy) for audit and counted in {@code ptsl_processor_matched_total{strategy}}.
 */
public enum MatchStrategy {
    /** invoice_id is an open invoice's RefNbr (with or without leading zeros). */
    INVOICE_ID,
    /** invoice_id is the invoice's sales order (OrdNbr) or customer order number (CustOrdNbr). */
    ORDER_NUMBER,
    /** customer_reference_id is the invoice's customer PO / order number. */
    CUSTOMER_PO,
    /** Several (or one) RefNbrs listed in invoice_id or the description; applied oldest first. */
    INVOICE_LIST,
    /** The customer is known and exactly one of its open invoices has the payment's amount open. */
    EXACT_AMOUNT,
    /** The customer is known, nothing matched: the whole payment stays on account (with a review item). */
    ON_ACCOUNT,
    /** A person decided (ptsl review resolve). */
    REVIEW_RESOLUTION
}
