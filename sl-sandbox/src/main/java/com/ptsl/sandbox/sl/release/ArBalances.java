package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.sandbox.sl.SlValues;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AR_Balances.CurrBal, which only release maintains: + OrigDocAmt for IN and DM, − for CM and PA (the whole
 * payment: what it applied lowers the invoices, the rest is a credit), + for an NS (it undoes a payment).
 * Aging buckets are left to SL's aging run (not emulated); a customer without a row gets one.
 */
final class ArBalances {

    private ArBalances() {
    }

    static BigDecimal effect(Document doc) {
        switch (doc.docType()) {
            case "CM":
            case "PA":
                return doc.origDocAmt().negate();
            default:
                return doc.origDocAmt();
        }
    }

    static void update(Connection c, SlRowWriter writer, LoadedBatch batch, String baseCuryId, LocalDateTime now)
            throws SQLException {
        Map<List<String>, BigDecimal> deltas = new LinkedHashMap<>();
        for (Document doc : batch.documents()) {
            String cpny = doc.cpnyId().isEmpty() ? batch.header().cpnyId() : doc.cpnyId();
            deltas.merge(List.of(cpny, doc.custId()), effect(doc), BigDecimal::add);
        }
        for (Map.Entry<List<String>, BigDecimal> e : deltas.entrySet()) {
            String cpny = e.getKey().get(0);
            String custId = e.getKey().get(1);
            List<BigDecimal> current = Sql.list(c, "SELECT CurrBal FROM dbo.AR_Balances WHERE CpnyID = ? AND CustID = ? FOR UPDATE",
                    rs -> Sql.money(rs, "CurrBal"), cpny, custId);
            if (current.isEmpty()) {
                writer.into("AR_Balances").setAll(ReleaseAudit.created(now)).set("CpnyID", cpny).set("CustID", custId)
                        .set("CuryID", baseCuryId).set("CurrBal", SlValues.money(e.getValue()))
                        .set("PerNbr", batch.header().perPost()).insert();
            } else {
                Sql.update(c, "UPDATE dbo.AR_Balances SET CurrBal = ?, LUpd_DateTime = ?, LUpd_Prog = ?, LUpd_User = ?"
                                + " WHERE CpnyID = ? AND CustID = ?",
                        current.get(0).add(e.getValue()), now, ReleaseAudit.PROG, ReleaseAudit.USER, cpny, custId);
            }
        }
    }
}
