package com.ptsl.sandbox.sl;

import java.math.BigDecimal;

/** A released, open IN document with a positive balance (ARDoc Rlsed 1, OpenDoc 1, DocBal > 0); strings trimmed. */
public record OpenInvoice(String cpnyId, String custId, String refNbr, BigDecimal origDocAmt, BigDecimal docBal) {
}
