package com.ptsl.sink.posting;

import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reads that undo or refund a payment this integration posted: the PA itself (recognised by ARDoc.User1 =
 * "PayTrace &lt;tx&gt;", which PaymentPoster writes on every PA), an NS already reversing it, and the refund memos
 * already linked to it. Public for {@link #marker} only, which the deposit recorder reads SL by.
 */
public final class PaymentDocuments {

    /** A PA as a reversal or a refund needs it. */
    record Payment(String custId, String refNbr, String batNbr, int batSeq, boolean released, BigDecimal origDocAmt,
                   String bankAcct, String bankSub, String reversedByType, String reversedByRefNbr) {

        /** Release of an NS sets the PA's S4Future12 to 'NS' (pp_08400CreateTransRev). */
        boolean reversedAtRelease() {
            return reversedByType.equals("NS");
        }
    }

    /** Every PA row with the RefNbr, and which of them (if any) the integration wrote. */
    record Found(Optional<Payment> ours, List<String> othersCustIds) {
    }

    /** A document of ours identified by type, number and batch. */
    record Doc(String custId, String docType, String refNbr, String batNbr) {
    }

    private final SqlDialect dialect;

    PaymentDocuments(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** What ARDoc.User1 says on every document the integration writes for PayTrace transaction {@code tx}. */
    public static String marker(String tx) {
        return SlConventions.fit("PayTrace " + tx, 30);
    }

    /** What ARDoc.User2 says on a refund memo linked to the payment {@code originalTx} (invented link; PayTrace gives the id). */
    static String refundLink(String originalTx) {
        return SlConventions.fit("Refund of PA " + originalTx, 30);
    }

    /**
     * The integration's PA with this RefNbr, update-locked so that a concurrent ApplyPayment or a second reversal
     * waits. A released row wins, as in {@link ArLookups#postedPayment}.
     */
    Found payment(Connection c, String refNbr) throws SQLException {
        List<String> others = new ArrayList<>();
        Payment ours = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT [CustId], [BatNbr], [BatSeq], [Rlsed], [OrigDocAmt], [BankAcct], [BankSub],"
                + " [S4Future12], [S4Future02], [User1] FROM " + dialect.lockedTable("ARDoc")
                + " WHERE [DocType] = 'PA' AND [RefNbr] = ? ORDER BY [Rlsed] DESC, [BatNbr], [BatSeq]" + dialect.lockSuffix())) {
            ps.setString(1, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String custId = SlConventions.rtrim(rs.getString(1));
                    if (ours == null && SlConventions.rtrim(rs.getString(10)).equals(marker(refNbr))) {
                        ours = new Payment(custId, refNbr, SlConventions.rtrim(rs.getString(2)), rs.getInt(3), rs.getInt(4) == 1,
                                SlConventions.money(rs.getDouble(5)), SlConventions.rtrim(rs.getString(6)),
                                SlConventions.rtrim(rs.getString(7)), SlConventions.rtrim(rs.getString(8)),
                                SlConventions.rtrim(rs.getString(9)));
                    } else {
                        others.add(custId);
                    }
                }
            }
        }
        return new Found(Optional.ofNullable(ours), others);
    }

    /** An NS (released or not) that names the PA as its original (S4Future02/S4Future12, dynamics-sl.md §3). */
    Optional<Doc> reversal(Connection c, String custId, String refNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TOP 1 [BatNbr] FROM " + dialect.table("ARDoc")
                + " WHERE [CustId] = ? AND [DocType] = 'NS' AND [RefNbr] = ? AND [S4Future12] = 'PA' AND [S4Future02] = ?"
                + " ORDER BY [BatNbr]")) {
            ps.setString(1, custId);
            ps.setString(2, refNbr);
            ps.setString(3, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Doc(custId, "NS", refNbr, SlConventions.rtrim(rs.getString(1)))) : Optional.empty();
            }
        }
    }

    /**
     * Cash already refunded against the payment: the cash-out DMs the integration linked to it (every policy but a
     * reversal writes exactly one per refund; the CM of CREDIT_MEMO is its non-cash twin and is not counted).
     */
    BigDecimal refunded(Connection c, String custId, String originalTx, String program) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM([OrigDocAmt]), 0) FROM " + dialect.table("ARDoc")
                + " WHERE [CustId] = ? AND [DocType] = 'DM' AND [User2] = ? AND [Crtd_Prog] = ?")) {
            ps.setString(1, custId);
            ps.setString(2, refundLink(originalTx));
            ps.setString(3, program);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return SlConventions.money(rs.getDouble(1));
            }
        }
    }

    /** A CM or DM already carrying the refund's RefNbr (any customer): at most one set of refund memos per PayTrace refund. */
    Optional<Doc> refundMemo(Connection c, String refNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TOP 1 [CustId], [DocType], [BatNbr] FROM " + dialect.table("ARDoc")
                + " WHERE [DocType] IN ('CM', 'DM') AND [RefNbr] = ? ORDER BY [BatNbr]")) {
            ps.setString(1, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Doc(SlConventions.rtrim(rs.getString(1)), SlConventions.rtrim(rs.getString(2)), refNbr,
                        SlConventions.rtrim(rs.getString(3)))) : Optional.empty();
            }
        }
    }

    /** The invoices the PA's unreleased 'U' lines point at (SiteId/CostType), to be re-read by the SL feed once the lines go. */
    List<String[]> pendingInvoices(Connection c, Payment pa) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT [CostType], [SiteId] FROM " + dialect.table("ARTran")
                + " WHERE [CustId] = ? AND [TranType] = 'PA' AND [RefNbr] = ? AND [BatNbr] = ? AND [DrCr] = 'U'")) {
            ps.setString(1, pa.custId());
            ps.setString(2, pa.refNbr());
            ps.setString(3, pa.batNbr());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new String[] {SlConventions.rtrim(rs.getString(1)), SlConventions.rtrim(rs.getString(2))});
                }
            }
        }
        return out;
    }
}
