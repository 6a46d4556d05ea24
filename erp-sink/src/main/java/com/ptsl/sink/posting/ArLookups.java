package com.ptsl.sink.posting;

import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Optional;

/** The reads posting validates against: customers, existing payments, invoices and their pending applications. */
final class ArLookups {

    record Customer(String custId, String status, String arAcct, String arSub) {
    }

    /** An AR document that a payment may be applied to. */
    record Invoice(String docType, String refNbr, BigDecimal docBal, boolean released, String arAcct, String arSub,
                   double curyRate) {
    }

    /** Where an existing payment with the same RefNbr lives. */
    record ExistingPayment(String custId, String batNbr) {
    }

    /** A PA already in SL, as ApplyPayment needs it: whose it is, where it is, and how much of it is still unapplied. */
    record PostedPayment(String custId, String refNbr, String batNbr, int batSeq, boolean released, BigDecimal applAmt,
                         BigDecimal curyApplAmt, String cpnyId, String perPost, String perEnt, LocalDate docDate, String docDesc,
                         String curyId) {
    }

    /** The next free line numbers of a document's ARTran lines. */
    record NextLine(int lineNbr, int lineId) {
    }

    private final SqlDialect dialect;

    ArLookups(SqlDialect dialect) {
        this.dialect = dialect;
    }

    Optional<Customer> customer(Connection c, String custId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT [CustId], [Status], [ArAcct], [ArSub] FROM "
                + dialect.table("Customer") + " WHERE [CustId] = ?")) {
            ps.setString(1, custId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Customer(SlConventions.rtrim(rs.getString(1)), SlConventions.rtrim(rs.getString(2)),
                        SlConventions.rtrim(rs.getString(3)), SlConventions.rtrim(rs.getString(4))));
            }
        }
    }

    /** A PA with this RefNbr anywhere in SL: the "at most one SL payment per PayTrace transaction" guard. */
    Optional<ExistingPayment> payment(Connection c, String refNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TOP 1 [CustId], [BatNbr] FROM " + dialect.table("ARDoc")
                + " WHERE [DocType] = 'PA' AND [RefNbr] = ?")) {
            ps.setString(1, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ExistingPayment(SlConventions.rtrim(rs.getString(1)), SlConventions.rtrim(rs.getString(2))))
                        : Optional.empty();
            }
        }
    }

    /**
     * The PA with this RefNbr (any customer), update-locked so that its unapplied amount cannot be spent twice.
     * A released row wins, as for invoices: if SL released the payment, nothing may be added to it.
     */
    Optional<PostedPayment> postedPayment(Connection c, String refNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT [CustId], [BatNbr], [BatSeq], [Rlsed], [ApplAmt], [CuryApplAmt],"
                + " [CpnyID], [PerPost], [PerEnt], [DocDate], [DocDesc], [CuryId] FROM " + dialect.lockedTable("ARDoc")
                + " WHERE [DocType] = 'PA' AND [RefNbr] = ? ORDER BY [Rlsed] DESC, [BatNbr], [BatSeq]" + dialect.lockSuffix())) {
            ps.setString(1, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new PostedPayment(SlConventions.rtrim(rs.getString(1)), refNbr, SlConventions.rtrim(rs.getString(2)),
                        rs.getInt(3), rs.getInt(4) == 1, SlConventions.money(rs.getDouble(5)), SlConventions.money(rs.getDouble(6)),
                        SlConventions.rtrim(rs.getString(7)), SlConventions.rtrim(rs.getString(8)), SlConventions.rtrim(rs.getString(9)),
                        rs.getTimestamp(10).toLocalDateTime().toLocalDate(), SlConventions.rtrim(rs.getString(11)),
                        SlConventions.rtrim(rs.getString(12))));
            }
        }
    }

    /** After the payment's existing lines (of any DrCr): SL keeps LineNbr unique per document. */
    NextLine nextLine(Connection c, String custId, String refNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), MAX([LineNbr]), MAX([LineId]) FROM " + dialect.table("ARTran")
                + " WHERE [CustId] = ? AND [TranType] = 'PA' AND [RefNbr] = ?")) {
            ps.setString(1, custId);
            ps.setString(2, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return new NextLine(ApplicationLines.FIRST_LINE_NBR, 1);
                }
                return new NextLine(rs.getInt(2) + 1, rs.getInt(3) + 1);
            }
        }
    }

    /**
     * The customer's document, update-locked so its balance cannot be spent twice while this
     * transaction runs. A released row wins over unreleased ones with the same key (ARDoc's key also
     * holds BatNbr/BatSeq, so the same RefNbr can occur more than once).
     */
    Optional<Invoice> invoice(Connection c, String custId, String docType, String refNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT [Rlsed], [DocBal], [BankAcct], [BankSub], [CuryRate] FROM "
                + dialect.lockedTable("ARDoc") + " WHERE [CustId] = ? AND [DocType] = ? AND [RefNbr] = ?"
                + " ORDER BY [Rlsed] DESC, [BatNbr], [BatSeq]" + dialect.lockSuffix())) {
            ps.setString(1, custId);
            ps.setString(2, docType);
            ps.setString(3, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Invoice(docType, refNbr, SlConventions.money(rs.getDouble(2)), rs.getInt(1) == 1,
                        SlConventions.rtrim(rs.getString(3)), SlConventions.rtrim(rs.getString(4)), rs.getDouble(5)));
            }
        }
    }

    /**
     * What unreleased 08030 batches (ours or keyed in SL) already apply to the document: the 'U'
     * lines pointing at it. Release will take these off DocBal, so they are not available again.
     */
    BigDecimal pendingApplications(Connection c, String custId, String docType, String refNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM([TranAmt]), 0) FROM " + dialect.table("ARTran")
                + " WHERE [SiteId] = ? AND [CostType] = ? AND [CustId] = ? AND [DrCr] = 'U' AND [Rlsed] = 0")) {
            ps.setString(1, refNbr);
            ps.setString(2, docType);
            ps.setString(3, custId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return SlConventions.money(rs.getDouble(1));
            }
        }
    }

    /** The customer's AR account: Customer.ArAcct/ArSub, else ARSetup's default (what release credits or debits as AR). */
    static GlAccount arAccount(Customer customer, SlSetup.Ar ar) throws SlSetupException {
        if (!customer.arAcct().isEmpty() && !customer.arSub().isEmpty()) {
            return new GlAccount(customer.arAcct(), customer.arSub());
        }
        if (!ar.arAcct().isEmpty() && !ar.arSub().isEmpty()) {
            return new GlAccount(ar.arAcct(), ar.arSub());
        }
        throw new SlSetupException("No AR account for customer " + customer.custId() + ": blank on the customer and in ARSetup");
    }
}
