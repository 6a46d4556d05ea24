package com.ptsl.sink.support;

import com.ptsl.sandbox.sl.SlRowWriter;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Rows an SL user would key by hand, written with the sandbox's {@link SlRowWriter} and the column set its
 * ArSeeder uses for invoices, so the feed sees them exactly as it sees SL's own. The caller owns the connection
 * (and so decides when it commits).
 */
public final class SlKeying {

    private SlKeying() {
    }

    /** An 08010 invoice as entered: {@code released} false is a document still in an unreleased batch. */
    public static void invoice(Connection c, String cpnyId, String custId, String refNbr, String batNbr, String amount,
                               LocalDate docDate, boolean released) throws SQLException {
        double value = new BigDecimal(amount).doubleValue();
        LocalDateTime now = LocalDateTime.now();
        String perPost = String.format("%04d%02d", docDate.getYear(), docDate.getMonthValue());
        try (SlRowWriter w = new SlRowWriter(c)) {
            w.into("ARDoc")
                    .set("Crtd_DateTime", now).set("Crtd_Prog", "08010").set("Crtd_User", "SLUSER")
                    .set("LUpd_DateTime", now).set("LUpd_Prog", "08010").set("LUpd_User", "SLUSER")
                    .set("CpnyID", cpnyId).set("CustId", custId).set("DocType", "IN").set("RefNbr", refNbr)
                    .set("BatNbr", batNbr).set("BatSeq", 1)
                    .set("DocDate", docDate).set("DueDate", docDate.plusDays(30)).set("DiscDate", docDate)
                    .set("PerPost", perPost).set("PerEnt", perPost)
                    .set("OrigDocAmt", value).set("CuryOrigDocAmt", value).set("DocBal", value).set("CuryDocBal", value)
                    .set("Rlsed", released ? 1 : 0).set("OpenDoc", 1).set("S4Future01", perPost)
                    .set("BankAcct", "1300").set("BankSub", "00-000-00")
                    .set("CuryId", "USD").set("CuryMultDiv", "M").set("CuryRate", 1.0).set("CuryEffDate", docDate)
                    .set("DocClass", "N").set("DocDesc", "Keyed in SL").set("Terms", "30")
                    .set("CustOrdNbr", "PO-" + refNbr).set("OrdNbr", "SO-" + refNbr)
                    .set("LineCntr", 1).set("CurrentNbr", 1)
                    .insert();
        }
    }

    /** What SL's release leaves for an application: an ARAdjust row (the invoice's DocBal is the caller's to lower). */
    public static void releasedApplication(Connection c, String custId, String invoiceRefNbr, String paymentRefNbr, String amount,
                                           LocalDate date) throws SQLException {
        double value = new BigDecimal(amount).doubleValue();
        String perPost = String.format("%04d%02d", date.getYear(), date.getMonthValue());
        try (SlRowWriter w = new SlRowWriter(c)) {
            w.into("ARAdjust")
                    .set("Crtd_DateTime", LocalDateTime.now()).set("Crtd_Prog", "08400").set("Crtd_User", "SLUSER")
                    .set("LUpd_DateTime", LocalDateTime.now()).set("LUpd_Prog", "08400").set("LUpd_User", "SLUSER")
                    .set("CustId", custId).set("AdjdDocType", "IN").set("AdjdRefNbr", invoiceRefNbr)
                    .set("AdjgDocType", "PA").set("AdjgRefNbr", paymentRefNbr).set("AdjBatNbr", "009999")
                    .set("AdjAmt", value).set("CuryAdjdAmt", value).set("CuryAdjgAmt", value)
                    .set("CuryAdjdCuryId", "USD").set("CuryAdjdMultDiv", "M").set("CuryAdjdRate", 1.0)
                    .set("AdjgDocDate", date).set("AdjgPerPost", perPost).set("DateAppl", date).set("PerAppl", perPost)
                    .insert();
        }
    }
}
