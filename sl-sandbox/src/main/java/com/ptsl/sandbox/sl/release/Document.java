package com.ptsl.sandbox.sl.release;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One ARDoc row as release sees it (strings RTRIMmed, amounts 2 dp); the first five fields are the key ARDoc0. */
record Document(String custId, String docType, String refNbr, String batNbr, int batSeq, String cpnyId,
                BigDecimal origDocAmt, BigDecimal curyOrigDocAmt, BigDecimal docBal, BigDecimal applAmt,
                String bankAcct, String bankSub, boolean rlsed, boolean openDoc, LocalDate docDate, String docDesc,
                String curyId, String perClosed, String s4Future02, String s4Future11, String s4Future12) {

    /** (CustId, DocType, RefNbr): how a 'U' line, an ARAdjust row or an NS names a document. */
    String name() {
        return custId + "/" + docType + "/" + refNbr;
    }

    static String name(String custId, String docType, String refNbr) {
        return custId + "/" + docType + "/" + refNbr;
    }

    String label() {
        return docType + " " + refNbr + " (customer " + custId + ")";
    }
}
