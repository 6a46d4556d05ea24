package com.ptsl.sink.posting;

import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
}
