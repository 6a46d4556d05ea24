package com.ptsl.sandbox.sl;

import java.math.BigDecimal;

/** One ARAdjust row: an application release made (negative when a reversal undid one). */
public record ArAdjustRow(String custId, String adjdDocType, String adjdRefNbr, String adjgDocType, String adjgRefNbr,
                          String adjBatNbr, BigDecimal adjAmt) {
}
