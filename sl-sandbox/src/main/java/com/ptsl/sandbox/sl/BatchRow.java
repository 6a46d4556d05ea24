package com.ptsl.sandbox.sl;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The Batch columns the pipeline cares about; strings RTRIMmed, amounts rounded to 2 dp. */
public record BatchRow(String module, String batNbr, String status, String editScrnNbr, BigDecimal ctrlTot,
                       BigDecimal crTot, String perPost, LocalDate dateEnt, String bankAcct, String bankSub, int rlsed) {
}
