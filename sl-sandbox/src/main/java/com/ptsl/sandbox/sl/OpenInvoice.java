package com.ptsl.sandbox.sl;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A released, open IN document with a positive balance (ARDoc Rlsed 1, OpenDoc 1, DocBal > 0); strings trimmed.
 *
 * @param ordNbr     the sales order it was invoiced from (ARDoc.OrdNbr), "" when none
 * @param custOrdNbr the customer's PO (ARDoc.CustOrdNbr), "" when none
 */
public record OpenInvoice(String cpnyId, String custId, String refNbr, BigDecimal origDocAmt, BigDecimal docBal,
                          String ordNbr, String custOrdNbr, LocalDate docDate) {

    /** Without order numbers and date, for callers that only need the balance. */
    public OpenInvoice(String cpnyId, String custId, String refNbr, BigDecimal origDocAmt, BigDecimal docBal) {
        this(cpnyId, custId, refNbr, origDocAmt, docBal, "", "", SlValues.EMPTY_DATE);
    }
}
