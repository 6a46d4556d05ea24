package com.ptsl.sink.posting;

import com.ptsl.sink.sql.SlConventions;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ARDoc and ARTran rows of the one-line documents a reversal or a refund writes (NS, CM, DM), with the columns
 * every such document has the same way an 08010/08240 entry screen fills them before release: amounts positive,
 * OrigDocAmt = DocBal, Rlsed 0, OpenDoc 1, base currency at rate 1, the line numbered -32768, audit columns.
 * What differs per document type (BankAcct, DrCr, the line's account, S4Future links) is the caller's.
 */
final class DocumentRows {

    /** Where the document goes: its customer, batch and period. */
    record Placement(String custId, String batNbr, int batSeq, String cpnyId, String perPost, String perEnt, LocalDate docDate,
                     String curyId) {
    }

    private final PostingSettings settings;
    private final RowWriters rows;

    DocumentRows(PostingSettings settings, RowWriters rows) {
        this.settings = settings;
        this.rows = rows;
    }

    /** The ARDoc of a one-line document; the caller may add or override columns before {@link #insert}. */
    Map<String, Object> document(Placement at, String docType, String refNbr, BigDecimal amount, GlAccount bankAccount, String description,
                                 String marker, LocalDateTime now) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("CustId", at.custId());
        doc.put("DocType", docType);
        doc.put("RefNbr", refNbr);
        doc.put("BatNbr", at.batNbr());
        doc.put("BatSeq", at.batSeq());
        doc.put("CpnyID", at.cpnyId());
        doc.put("DocDate", at.docDate());
        doc.put("DueDate", at.docDate());
        doc.put("DiscDate", at.docDate());
        doc.put("CuryEffDate", at.docDate());
        doc.put("PerPost", at.perPost());
        doc.put("PerEnt", at.perEnt());
        doc.put("OrigDocAmt", amount);
        doc.put("CuryOrigDocAmt", amount);
        doc.put("DocBal", amount);
        doc.put("CuryDocBal", amount);
        // The offset account release posts OrigDocAmt to (dynamics-sl.md §3): AR for CM/DM, cash for NS.
        doc.put("BankAcct", bankAccount.acct());
        doc.put("BankSub", bankAccount.sub());
        doc.put("CustOrdNbr", refNbr);
        doc.put("DocDesc", SlConventions.fit(description, 30));
        doc.put("DocClass", "N");
        doc.put("Rlsed", (short) 0);
        doc.put("OpenDoc", (short) 1);
        doc.put("LineCntr", 1);
        doc.put("CuryId", at.curyId());
        doc.put("CuryMultDiv", "M");
        doc.put("CuryRate", BigDecimal.ONE);
        doc.put("User1", marker);
        audit(doc, now);
        return doc;
    }

    /** The document's one detail line: TranType = DocType, a D or C line on {@code account} for the whole amount. */
    Map<String, Object> line(Placement at, String tranType, String refNbr, String drCr, GlAccount account, BigDecimal amount,
                             String description, String tag, LocalDateTime now) {
        Map<String, Object> tran = new LinkedHashMap<>();
        tran.put("CustId", at.custId());
        tran.put("TranType", tranType);
        tran.put("RefNbr", refNbr);
        tran.put("BatNbr", at.batNbr());
        tran.put("CpnyID", at.cpnyId());
        tran.put("LineNbr", ApplicationLines.FIRST_LINE_NBR);
        tran.put("LineId", 1);
        tran.put("LineRef", "00001");
        tran.put("DrCr", drCr);
        tran.put("Acct", account.acct());
        tran.put("Sub", account.sub());
        tran.put("TranAmt", amount);
        tran.put("CuryTranAmt", amount);
        tran.put("Qty", 1.0d);
        tran.put("UnitPrice", amount);
        tran.put("CuryUnitPrice", amount);
        tran.put("CnvFact", 1.0d);
        tran.put("TranClass", "N");
        tran.put("PerPost", at.perPost());
        tran.put("PerEnt", at.perEnt());
        tran.put("FiscYr", FiscalCalendar.fiscalYear(at.perPost()));
        tran.put("JrnlType", "AR");
        tran.put("ExtRefNbr", refNbr);
        tran.put("TranDate", at.docDate());
        tran.put("TranDesc", SlConventions.fit(description, 30));
        tran.put("Rlsed", (short) 0);
        tran.put("CuryId", at.curyId());
        tran.put("CuryMultDiv", "M");
        tran.put("CuryRate", BigDecimal.ONE);
        tran.put("User1", SlConventions.fit(tag, 30));
        audit(tran, now);
        return tran;
    }

    void insert(Connection c, String table, Map<String, Object> row) throws SQLException {
        rows.get(c, table).insert(c, row);
    }

    private void audit(Map<String, Object> row, LocalDateTime now) {
        row.put("Crtd_DateTime", now);
        row.put("Crtd_Prog", settings.program());
        row.put("Crtd_User", settings.user());
        row.put("LUpd_DateTime", now);
        row.put("LUpd_Prog", settings.program());
        row.put("LUpd_User", settings.user());
    }
}
