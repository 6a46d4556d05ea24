package com.ptsl.sandbox.sl.release;

import java.math.BigDecimal;

/**
 * One ARTran row of the batch. On a DrCr 'U' line SiteId/CostType are the RefNbr/DocType of the document it pays
 * and CuryUnitPrice the discount taken (dynamics-sl.md §5).
 */
record TranLine(long recordId, String custId, String tranType, String refNbr, int lineNbr, String drCr, String acct,
                String sub, BigDecimal tranAmt, BigDecimal curyTranAmt, BigDecimal curyUnitPrice, String siteId,
                String costType, String tranDesc, String extRefNbr) {

    boolean isApplication() {
        return "U".equals(drCr);
    }

    /** The document this line belongs to (its TranType is the document's DocType). */
    String docName() {
        return Document.name(custId, tranType, refNbr);
    }

    /** The document a 'U' line pays. */
    String appliedDocName() {
        return Document.name(custId, costType, siteId);
    }
}
