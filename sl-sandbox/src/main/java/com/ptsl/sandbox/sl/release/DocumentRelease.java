package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.SlValues;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;

/**
 * What release does to the batch's own documents and lines (dynamics-sl.md §3, §11): PerPost from the batch,
 * Rlsed 1, the balance after release (a PA keeps what it did not apply, an NS ends at 0, invoices and memos keep
 * theirs), OpenDoc while the balance is not 0, PerClosed when it is, ApplAmt 0 and ApplBatNbr blank; the
 * remaining (D/C) lines get the batch's period, Rlsed 1 and AcctDist 1.
 */
final class DocumentRelease {

    private DocumentRelease() {
    }

    /** The document's balance once released. */
    static BigDecimal balanceAfter(LoadedBatch batch, Document doc) {
        switch (doc.docType()) {
            case "PA":
                return doc.origDocAmt().subtract(ApplicationRelease.appliedBy(batch, doc));
            case "NS":
                return BigDecimal.ZERO;
            default:
                return doc.docBal();
        }
    }

    /** @return the number of documents released */
    static int release(Connection c, LoadedBatch batch, LocalDateTime now) throws SQLException {
        BatchHeader h = batch.header();
        for (Document doc : batch.documents()) {
            BigDecimal balance = balanceAfter(batch, doc);
            boolean open = balance.signum() != 0;
            Sql.update(c, "UPDATE dbo.ARDoc SET Rlsed = 1, PerPost = ?, S4Future01 = ?, DocBal = ?, CuryDocBal = ?, OpenDoc = ?,"
                            + " PerClosed = ?, ApplAmt = 0, CuryApplAmt = 0, ApplBatNbr = ?, ApplBatSeq = 0,"
                            + " LUpd_DateTime = ?, LUpd_Prog = ?, LUpd_User = ?"
                            + " WHERE CustId = ? AND DocType = ? AND RefNbr = ? AND BatNbr = ? AND BatSeq = ?",
                    // S4Future01 is "PerOpen", the earliest period of the document and its applications: its own here.
                    h.perPost(), h.perPost(), balance, balance, open ? 1 : 0, open ? "" : h.perPost(), "",
                    now, ReleaseAudit.PROG, ReleaseAudit.USER,
                    doc.custId(), doc.docType(), doc.refNbr(), doc.batNbr(), doc.batSeq());
        }
        // The 'U' lines are gone by now (ApplicationRelease); what is left are the documents' D/C lines.
        Sql.update(c, "UPDATE dbo.ARTran SET Rlsed = 1, AcctDist = 1, PerPost = ?, FiscYr = ?,"
                        + " LUpd_DateTime = ?, LUpd_Prog = ?, LUpd_User = ? WHERE BatNbr = ?",
                h.perPost(), SlValues.fiscalYear(h.perPost()), now, ReleaseAudit.PROG, ReleaseAudit.USER, h.batNbr());
        return batch.documents().size();
    }
}
