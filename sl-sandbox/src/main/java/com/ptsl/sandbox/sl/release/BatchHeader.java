package com.ptsl.sandbox.sl.release;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The Batch columns release reads (strings RTRIMmed, amounts 2 dp). */
record BatchHeader(String batNbr, String status, boolean rlsed, String editScrnNbr, String cpnyId, String perPost,
                   String perEnt, LocalDate dateEnt, BigDecimal curyCrTot, String jrnlType) {

    /** GLTran.PerEnt: the batch's entry period, or its posting period when that is blank. */
    String glPerEnt() {
        return perEnt.isEmpty() ? perPost : perEnt;
    }

    String journal() {
        return jrnlType.isEmpty() ? "AR" : jrnlType;
    }
}
