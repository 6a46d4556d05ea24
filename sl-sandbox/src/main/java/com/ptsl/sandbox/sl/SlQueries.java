package com.ptsl.sandbox.sl;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Read helpers for tests and the launcher summary. Every string is RTRIMmed (char(n) comes back
 * blank-padded) and every amount is a BigDecimal rounded to 2 dp (amounts are float(53) in SL).
 * Each call uses its own connection, so it sees only committed data.
 */
public final class SlQueries {

    @FunctionalInterface
    interface ConnectionSource {
        Connection get() throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final ConnectionSource connections;

    SlQueries(ConnectionSource connections) {
        this.connections = connections;
    }

    /** All ARDoc rows of one DocType (e.g. "PA", "IN"), in batch order. */
    public List<ArDocRow> documents(String docType) {
        return list("SELECT CustId, DocType, RefNbr, BatNbr, BatSeq, OrigDocAmt, DocBal, ApplAmt, CustOrdNbr, DocDate,"
                        + " PerPost, BankAcct, BankSub, Rlsed, CpnyID FROM dbo.ARDoc WHERE DocType = ?"
                        + " ORDER BY BatNbr, BatSeq, CustId, RefNbr",
                rs -> new ArDocRow(str(rs, 1), str(rs, 2), str(rs, 3), str(rs, 4), rs.getInt(5), amt(rs, 6), amt(rs, 7),
                        amt(rs, 8), str(rs, 9), date(rs, 10), str(rs, 11), str(rs, 12), str(rs, 13), rs.getInt(14), str(rs, 15)),
                docType);
    }

    /** One batch by its key (Batch0: Module, BatNbr). */
    public Optional<BatchRow> batch(String module, String batNbr) {
        return list("SELECT Module, BatNbr, Status, EditScrnNbr, CtrlTot, CrTot, PerPost, DateEnt, BankAcct, BankSub, Rlsed"
                        + " FROM dbo.Batch WHERE Module = ? AND BatNbr = ?",
                rs -> new BatchRow(str(rs, 1), str(rs, 2), str(rs, 3), str(rs, 4), amt(rs, 5), amt(rs, 6), str(rs, 7),
                        date(rs, 8), str(rs, 9), str(rs, 10), rs.getInt(11)),
                module, batNbr).stream().findFirst();
    }

    /**
     * The pending application lines (ARTran DrCr 'U') of a payment, by line number. Release deletes them after
     * building ARAdjust and GLTran from them (dynamics-sl.md §5), so a released payment has none.
     */
    public List<ArTranRow> applicationLines(String custId, String refNbr) {
        return list("SELECT CustId, TranType, RefNbr, BatNbr, DrCr, TranAmt, SiteId, CostType, Acct, Sub, LineNbr"
                        + " FROM dbo.ARTran WHERE CustId = ? AND RefNbr = ? AND DrCr = 'U' ORDER BY LineNbr, RecordID",
                rs -> new ArTranRow(str(rs, 1), str(rs, 2), str(rs, 3), str(rs, 4), str(rs, 5), amt(rs, 6), str(rs, 7),
                        str(rs, 8), str(rs, 9), str(rs, 10), rs.getInt(11)),
                custId, refNbr);
    }

    /**
     * Every pending application line (ARTran DrCr 'U') of the documents of one type (e.g. "PA"), by customer,
     * RefNbr and line: one query for a whole run's payments instead of one per payment.
     */
    public List<ArTranRow> applicationLines(String tranType) {
        return list("SELECT CustId, TranType, RefNbr, BatNbr, DrCr, TranAmt, SiteId, CostType, Acct, Sub, LineNbr"
                        + " FROM dbo.ARTran WHERE TranType = ? AND DrCr = 'U' ORDER BY CustId, RefNbr, LineNbr, RecordID",
                rs -> new ArTranRow(str(rs, 1), str(rs, 2), str(rs, 3), str(rs, 4), str(rs, 5), amt(rs, 6), str(rs, 7),
                        str(rs, 8), str(rs, 9), str(rs, 10), rs.getInt(11)),
                tranType);
    }

    /**
     * The released applications (ARAdjust) made by documents of one type (e.g. "PA"), reversal rows included (negative
     * AdjAmt): after release a payment's 'U' lines are gone and these are what says where its money went.
     */
    public List<ArAdjustRow> adjustments(String adjgDocType) {
        return list("SELECT CustId, AdjdDocType, AdjdRefNbr, AdjgDocType, AdjgRefNbr, AdjBatNbr, AdjAmt FROM dbo.ARAdjust"
                        + " WHERE AdjgDocType = ? ORDER BY CustId, AdjgRefNbr, RecordID",
                rs -> new ArAdjustRow(str(rs, 1), str(rs, 2), str(rs, 3), str(rs, 4), str(rs, 5), str(rs, 6), amt(rs, 7)),
                adjgDocType);
    }

    /** Released, open IN documents with a balance, by customer and reference number. */
    public List<OpenInvoice> openInvoices() {
        List<OpenInvoice> all = list("SELECT CpnyID, CustId, RefNbr, OrigDocAmt, DocBal, OrdNbr, CustOrdNbr, DocDate"
                        + " FROM dbo.ARDoc WHERE DocType = 'IN' AND Rlsed = 1 AND OpenDoc = 1 AND DocBal > 0"
                        + " ORDER BY CustId, RefNbr",
                rs -> new OpenInvoice(str(rs, 1), str(rs, 2), str(rs, 3), amt(rs, 4), amt(rs, 5), str(rs, 6), str(rs, 7),
                        date(rs, 8)));
        // DocBal is a float: a balance that rounds to 0.00 is paid, whatever float noise remains.
        return all.stream().filter(i -> i.docBal().signum() > 0).toList();
    }

    /** ARSetup.LastBatNbr: the last AR batch number handed out (the next batch is this + 1). */
    public String arSetupLastBatNbr() {
        return list("SELECT LastBatNbr FROM dbo.ARSetup WHERE SetupId = 'AR'", rs -> str(rs, 1)).stream()
                .findFirst().orElseThrow(() -> new IllegalStateException("no ARSetup row (database not seeded)"));
    }

    /** Row count of one of the sixteen tables (any case). */
    public int count(String table) {
        return list("SELECT COUNT(*) FROM " + SlTables.qualified(table), rs -> rs.getInt(1)).get(0);
    }

    private <T> List<T> list(String sql, RowMapper<T> mapper, Object... params) {
        try (Connection c = connections.get(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new SlSandboxException("query failed: " + sql, e);
        }
    }

    private static String str(ResultSet rs, int i) throws SQLException {
        return SlValues.rtrim(rs.getString(i));
    }

    private static BigDecimal amt(ResultSet rs, int i) throws SQLException {
        return SlValues.money(rs.getDouble(i));
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Timestamp ts = rs.getTimestamp(i);
        return ts.toLocalDateTime().toLocalDate();
    }
}
