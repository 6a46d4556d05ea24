package com.ptsl.sandbox.sl;

import java.math.BigDecimal;

/**
 * The ARTran columns of an application line; on a DrCr 'U' line SiteId/CostType hold the RefNbr/DocType of
 * the document being paid (dynamics-sl.md §5). Strings RTRIMmed, amounts rounded to 2 dp.
 */
public record ArTranRow(String custId, String tranType, String refNbr, String batNbr, String drCr, BigDecimal tranAmt,
                        String siteId, String costType, String acct, String sub, int lineNbr) {
}
