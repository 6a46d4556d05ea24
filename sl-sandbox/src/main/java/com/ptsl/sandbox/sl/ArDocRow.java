package com.ptsl.sandbox.sl;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The ARDoc columns the pipeline cares about; strings RTRIMmed, amounts rounded to 2 dp, dates at midnight. */
public record ArDocRow(String custId, String docType, String refNbr, String batNbr, int batSeq,
                       BigDecimal origDocAmt, BigDecimal docBal, BigDecimal applAmt, String custOrdNbr,
                       LocalDate docDate, String perPost, String bankAcct, String bankSub, int rlsed, String cpnyId) {
}
