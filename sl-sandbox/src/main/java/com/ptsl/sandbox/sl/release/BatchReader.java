package com.ptsl.sandbox.sl.release;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what release needs. The batch row is locked first (FOR UPDATE: H2 parses SQL Server's UPDLOCK but does
 * not lock), then its documents and lines: the erp-sink adds documents to an open batch while holding the batch
 * row, so once release has the row it sees every committed document of the batch and no half-written one.
 */
final class BatchReader {

    private static final String DOC_COLUMNS = "CustId, DocType, RefNbr, BatNbr, BatSeq, CpnyID, OrigDocAmt, CuryOrigDocAmt,"
            + " DocBal, ApplAmt, BankAcct, BankSub, Rlsed, OpenDoc, DocDate, DocDesc, CuryId, PerClosed, S4Future02, S4Future11, S4Future12";

    private BatchReader() {
    }

    static Optional<BatchHeader> lockBatch(Connection c, String batNbr) throws SQLException {
        return Sql.list(c, "SELECT BatNbr, Status, Rlsed, EditScrnNbr, CpnyID, PerPost, PerEnt, DateEnt, CuryCrTot, JrnlType"
                        + " FROM dbo.Batch WHERE Module = 'AR' AND BatNbr = ? FOR UPDATE",
                rs -> new BatchHeader(Sql.str(rs, "BatNbr"), Sql.str(rs, "Status"), rs.getInt("Rlsed") == 1,
                        Sql.str(rs, "EditScrnNbr"), Sql.str(rs, "CpnyID"), Sql.str(rs, "PerPost"), Sql.str(rs, "PerEnt"),
                        Sql.date(rs, "DateEnt"), Sql.money(rs, "CuryCrTot"), Sql.str(rs, "JrnlType")),
                batNbr).stream().findFirst();
    }

    static LoadedBatch load(Connection c, BatchHeader header) throws SQLException {
        List<Document> docs = Sql.list(c, "SELECT " + DOC_COLUMNS + " FROM dbo.ARDoc WHERE BatNbr = ?"
                + " ORDER BY BatSeq, CustId, DocType, RefNbr FOR UPDATE", BatchReader::document, header.batNbr());
        List<TranLine> lines = Sql.list(c, "SELECT RecordID, CustId, TranType, RefNbr, LineNbr, DrCr, Acct, Sub, TranAmt,"
                        + " CuryTranAmt, CuryUnitPrice, SiteId, CostType, TranDesc, ExtRefNbr FROM dbo.ARTran WHERE BatNbr = ?"
                        + " ORDER BY CustId, TranType, RefNbr, LineNbr, RecordID FOR UPDATE",
                rs -> new TranLine(rs.getLong("RecordID"), Sql.str(rs, "CustId"), Sql.str(rs, "TranType"), Sql.str(rs, "RefNbr"),
                        rs.getInt("LineNbr"), Sql.str(rs, "DrCr"), Sql.str(rs, "Acct"), Sql.str(rs, "Sub"),
                        Sql.money(rs, "TranAmt"), Sql.money(rs, "CuryTranAmt"), Sql.money(rs, "CuryUnitPrice"),
                        Sql.str(rs, "SiteId"), Sql.str(rs, "CostType"), Sql.str(rs, "TranDesc"), Sql.str(rs, "ExtRefNbr")),
                header.batNbr());
        return new LoadedBatch(header, docs, lines);
    }

    /** The ARDoc rows named (CustId, DocType, RefNbr), locked, released ones first. */
    static List<Document> lockDocuments(Connection c, String custId, String docType, String refNbr) throws SQLException {
        return Sql.list(c, "SELECT " + DOC_COLUMNS + " FROM dbo.ARDoc WHERE CustId = ? AND DocType = ? AND RefNbr = ?"
                + " ORDER BY Rlsed DESC, BatNbr, BatSeq FOR UPDATE", BatchReader::document, custId, docType, refNbr);
    }

    static ReleaseSetup setup(Connection c, LoadedBatch batch) throws SQLException {
        String[] gl = Sql.list(c, "SELECT BaseCuryId, LedgerID, LastClosePerNbr FROM dbo.GLSetup",
                        rs -> new String[] {Sql.str(rs, "BaseCuryId"), Sql.str(rs, "LedgerID"), Sql.str(rs, "LastClosePerNbr")})
                .stream().findFirst().orElseThrow(() -> new IllegalStateException("no GLSetup row: the sandbox is not seeded"));
        String[] ar = Sql.list(c, "SELECT ArAcct, ArSub FROM dbo.ARSetup",
                        rs -> new String[] {Sql.str(rs, "ArAcct"), Sql.str(rs, "ArSub")})
                .stream().findFirst().orElseThrow(() -> new IllegalStateException("no ARSetup row: the sandbox is not seeded"));
        Set<String> accounts = new HashSet<>(Sql.list(c, "SELECT Acct FROM dbo.Account", rs -> Sql.str(rs, "Acct")));
        Set<String> subs = new HashSet<>(Sql.list(c, "SELECT Sub FROM dbo.SubAcct", rs -> Sql.str(rs, "Sub")));
        Map<String, ReleaseSetup.CustomerAccount> customers = new HashMap<>();
        for (String custId : batch.documents().stream().map(Document::custId).distinct().toList()) {
            Sql.list(c, "SELECT CustId, ArAcct, ArSub FROM dbo.Customer WHERE CustId = ?",
                    rs -> new ReleaseSetup.CustomerAccount(Sql.str(rs, "CustId"), Sql.str(rs, "ArAcct"), Sql.str(rs, "ArSub")),
                    custId).forEach(a -> customers.put(custId, a));
        }
        return new ReleaseSetup(gl[0], gl[1], gl[2], ar[0], ar[1], accounts, subs, customers);
    }

    private static Document document(ResultSet rs) throws SQLException {
        return new Document(Sql.str(rs, "CustId"), Sql.str(rs, "DocType"), Sql.str(rs, "RefNbr"), Sql.str(rs, "BatNbr"),
                rs.getInt("BatSeq"), Sql.str(rs, "CpnyID"), Sql.money(rs, "OrigDocAmt"), Sql.money(rs, "CuryOrigDocAmt"),
                Sql.money(rs, "DocBal"), Sql.money(rs, "ApplAmt"), Sql.str(rs, "BankAcct"), Sql.str(rs, "BankSub"),
                rs.getInt("Rlsed") == 1, rs.getInt("OpenDoc") == 1, Sql.date(rs, "DocDate"), Sql.str(rs, "DocDesc"),
                Sql.str(rs, "CuryId"), Sql.str(rs, "PerClosed"), Sql.str(rs, "S4Future02"), Sql.str(rs, "S4Future11"), Sql.str(rs, "S4Future12"));
    }
}
