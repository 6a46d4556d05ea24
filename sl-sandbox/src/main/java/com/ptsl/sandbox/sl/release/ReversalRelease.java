package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.sandbox.sl.SlValues;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The NS documents of an 08240 batch (pp_08400CreateTransRev, dynamics-sl.md §3, §6): the payment named by the NS's
 * S4Future02/S4Future12 has each of its applications copied with negated amounts (AdjBatNbr = the NS batch,
 * S4Future11 = the original AdjBatNbr, S4Future12 = 'NS'), the paid documents get their balance back and reopen,
 * and the payment is closed and marked with the reversal (S4Future02/11/12). Balances are updated in place.
 */
final class ReversalRelease {

    /** ARAdjust amounts a reversal row carries negated. */
    private static final List<String> AMOUNTS = List.of("AdjAmt", "AdjDiscAmt", "CuryAdjdAmt", "CuryAdjdDiscAmt",
            "CuryAdjgAmt", "CuryAdjgDiscAmt", "CuryRGOLAmt");
    /** S4Future12 values of rows that are themselves reversals ('RA' = "Reverse Application"). */
    private static final Set<String> REVERSAL_MARKS = Set.of("NS", "RP", "RA");

    /** One ARAdjust row of the original payment, all columns but RecordID and tstamp, keyed by column name. */
    record Adjustment(Map<String, Object> columns, String adjdDocType, String adjdRefNbr, BigDecimal adjAmt) {
    }

    record Reversal(Document ns, Document original, List<Adjustment> adjustments) {
    }

    private final List<Reversal> reversals = new ArrayList<>();
    private final Map<String, Document> reopened = new LinkedHashMap<>();
    private final Set<ReleaseMessage> messages = new LinkedHashSet<>();

    private ReversalRelease() {
    }

    static ReversalRelease prepare(Connection c, LoadedBatch batch) throws SQLException {
        ReversalRelease r = new ReversalRelease();
        Set<String> reversedHere = new LinkedHashSet<>();
        for (Document ns : batch.documents()) {
            if ("NS".equals(ns.docType())) {
                r.prepareOne(c, ns, reversedHere);
            }
        }
        return r;
    }

    private void prepareOne(Connection c, Document ns, Set<String> reversedHere) throws SQLException {
        String origType = ns.s4Future12();
        String origRef = ns.s4Future02();
        if (origRef.isEmpty() || !"PA".equals(origType)) {
            messages.add(SlMessages.invented(SlMessages.REVERSED_PAYMENT_MISSING, "reversal " + ns.label()
                    + " names no payment to reverse (S4Future02 '" + origRef + "', S4Future12 '" + origType + "'; only PA is emulated)"));
            return;
        }
        List<Document> found = BatchReader.lockDocuments(c, ns.custId(), origType, origRef);
        if (found.isEmpty() || !found.get(0).rlsed()) {
            messages.add(SlMessages.invented(SlMessages.REVERSED_PAYMENT_MISSING, "reversal " + ns.label() + ": customer "
                    + ns.custId() + " has no released " + origType + " " + origRef));
            return;
        }
        Document original = found.get(0);
        if (REVERSAL_MARKS.contains(original.s4Future12()) || !reversedHere.add(original.name())) {
            messages.add(SlMessages.invented(SlMessages.ALREADY_REVERSED, "reversal " + ns.label() + ": " + original.label()
                    + " is already reversed" + (original.s4Future11().isEmpty() ? "" : " by batch " + original.s4Future11())));
            return;
        }
        if (original.origDocAmt().compareTo(ns.origDocAmt()) != 0) {
            messages.add(SlMessages.invented(SlMessages.PARTIAL_REVERSAL, "reversal " + ns.label() + " of " + ns.origDocAmt()
                    + " does not match " + original.label() + " of " + original.origDocAmt() + "; partial reversals are not emulated"));
            return;
        }
        List<Adjustment> adjustments = adjustmentsOf(c, original);
        for (Adjustment a : adjustments) {
            String name = Document.name(original.custId(), a.adjdDocType(), a.adjdRefNbr());
            if (!reopened.containsKey(name)) {
                List<Document> docs = BatchReader.lockDocuments(c, original.custId(), a.adjdDocType(), a.adjdRefNbr());
                if (docs.isEmpty() || !docs.get(0).rlsed()) {
                    messages.add(SlMessages.invented(SlMessages.APPLIED_DOC_MISSING, "reversal " + ns.label() + ": the paid "
                            + a.adjdDocType() + " " + a.adjdRefNbr() + " is missing or not released"));
                    continue;
                }
                reopened.put(name, docs.get(0));
            }
        }
        reversals.add(new Reversal(ns, original, adjustments));
    }

    /** The payment's own applications: AdjgDocType/AdjgRefNbr = the payment, not themselves reversal rows. */
    private static List<Adjustment> adjustmentsOf(Connection c, Document payment) throws SQLException {
        List<Adjustment> all = Sql.list(c, "SELECT * FROM dbo.ARAdjust WHERE CustId = ? AND AdjgDocType = ? AND AdjgRefNbr = ?"
                + " ORDER BY RecordID FOR UPDATE", ReversalRelease::adjustment, payment.custId(), payment.docType(), payment.refNbr());
        // Filtered here, not in SQL: H2 never matches a char(n) column against a list of shorter literals.
        return all.stream().filter(a -> !REVERSAL_MARKS.contains(SlValues.rtrim((String) a.columns().get("S4Future12")))).toList();
    }

    private static Adjustment adjustment(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String name = md.getColumnName(i);
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("recordid") && !lower.equals("tstamp")) {
                columns.put(name, rs.getObject(i));
            }
        }
        return new Adjustment(columns, Sql.str(rs, "AdjdDocType"), Sql.str(rs, "AdjdRefNbr"), Sql.money(rs, "AdjAmt"));
    }

    List<ReleaseMessage> messages() {
        return List.copyOf(messages);
    }

    /** @return the number of ARAdjust rows written */
    int apply(Connection c, SlRowWriter writer, BatchHeader batch, LocalDateTime now) throws SQLException {
        int written = 0;
        Map<String, BigDecimal> restored = new LinkedHashMap<>();
        for (Reversal r : reversals) {
            for (Adjustment a : r.adjustments()) {
                insertNegated(writer, batch, a, now);
                written++;
                restored.merge(Document.name(r.original().custId(), a.adjdDocType(), a.adjdRefNbr()), a.adjAmt(), BigDecimal::add);
            }
            closeOriginal(c, batch, r, now);
        }
        for (Map.Entry<String, BigDecimal> e : restored.entrySet()) {
            Document doc = reopened.get(e.getKey());
            BigDecimal balance = doc.docBal().add(e.getValue());
            boolean open = balance.signum() != 0;
            Sql.update(c, "UPDATE dbo.ARDoc SET DocBal = ?, CuryDocBal = ?, OpenDoc = ?, PerClosed = ?,"
                            + " LUpd_DateTime = ?, LUpd_Prog = ?, LUpd_User = ?"
                            + " WHERE CustId = ? AND DocType = ? AND RefNbr = ? AND BatNbr = ? AND BatSeq = ?",
                    balance, balance, open ? 1 : 0, open ? "" : doc.perClosed(), now, ReleaseAudit.PROG, ReleaseAudit.USER,
                    doc.custId(), doc.docType(), doc.refNbr(), doc.batNbr(), doc.batSeq());
        }
        return written;
    }

    private static void insertNegated(SlRowWriter writer, BatchHeader batch, Adjustment a, LocalDateTime now) throws SQLException {
        SlRowWriter.Row row = writer.into("ARAdjust").setAll(a.columns());
        for (String amount : AMOUNTS) {
            Object value = a.columns().get(amount);
            double v = value == null ? 0.0 : ((Number) value).doubleValue();
            row.set(amount, v == 0.0 ? 0.0 : SlValues.money(v).negate());
        }
        row.set("AdjBatNbr", batch.batNbr())
                .set("S4Future11", a.columns().get("AdjBatNbr"))
                .set("S4Future12", "NS")
                // The reversal is applied on the NS batch's date and period.
                .set("DateAppl", batch.dateEnt()).set("PerAppl", batch.perPost())
                .setAll(ReleaseAudit.created(now))
                .insert();
    }

    /** The original payment: balance 0, closed, and linked to its reversal (S4Future02/11/12, dynamics-sl.md §3). */
    private static void closeOriginal(Connection c, BatchHeader batch, Reversal r, LocalDateTime now) throws SQLException {
        Document pa = r.original();
        String perClosed = pa.perClosed().isEmpty() ? batch.perPost() : pa.perClosed();
        Sql.update(c, "UPDATE dbo.ARDoc SET DocBal = 0, CuryDocBal = 0, OpenDoc = 0, PerClosed = ?,"
                        + " S4Future02 = ?, S4Future11 = ?, S4Future12 = ?, LUpd_DateTime = ?, LUpd_Prog = ?, LUpd_User = ?"
                        + " WHERE CustId = ? AND DocType = ? AND RefNbr = ? AND BatNbr = ? AND BatSeq = ?",
                perClosed, r.ns().refNbr(), batch.batNbr(), r.ns().docType(), now, ReleaseAudit.PROG, ReleaseAudit.USER,
                pa.custId(), pa.docType(), pa.refNbr(), pa.batNbr(), pa.batSeq());
    }
}
