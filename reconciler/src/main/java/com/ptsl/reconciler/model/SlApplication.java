package com.ptsl.reconciler.model;

/**
 * Money one of a transaction's SL payments applies to one invoice: an unreleased 'U' ARTran line (SiteId/CostType,
 * TranAmt) or, once released, an ARAdjust row (negative for the copies an NS reversal writes).
 *
 * @param invoiceCustId the customer SL's invoice belongs to ("" when SL has no such invoice or the row does not say)
 */
public record SlApplication(String invoiceDocType, String invoiceRefNbr, long cents, String invoiceCustId) {
}
