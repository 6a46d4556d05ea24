package com.ptsl.sandbox.sl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Enters one invoice the way an AR clerk does on screen 08.010 and then releases it (08.400): AutoRef takes
 * the next RefNbr from ARSetup.LastRefNbr and the batch takes the next number from ARSetup.LastBatNbr, both
 * while the ARSetup row is locked, so that the erp-sink (which numbers its payment batches from the same row)
 * can never be handed the same batch number. Everything happens in one transaction: the batch (released, not
 * yet posted to GL: Status 'U'), the document, its sales line, release's GL lines and the customer's
 * AR_Balances, or nothing.
 *
 * <p>Thread-safe: entries made through one sandbox are serialized here; against other writers the row lock
 * does the job, and a lock timeout is retried.
 */
final class InvoiceEntry {

    private static final int REF_NBR_WIDTH = 10;
    private static final int MIN_BAT_NBR_WIDTH = 6;
    private static final int MAX_ATTEMPTS = 5;
    /** H2's LOCK_TIMEOUT_1 and DEADLOCK_1; SQL Server's lock timeout and deadlock victim. */
    private static final List<Integer> RETRYABLE = List.of(50200, 40001, 1222, 1205);

    private final SlQueries.ConnectionSource connections;
    private final Object serial = new Object();

    InvoiceEntry(SlQueries.ConnectionSource connections) {
        this.connections = connections;
    }

    /** @return the new invoice's RefNbr as SL stores it (zero-padded, e.g. "0000010321") */
    String enter(NewInvoice invoice) {
        synchronized (serial) {
            for (int attempt = 1; ; attempt++) {
                try (Connection c = connections.get()) {
                    return enterOnce(c, invoice);
                } catch (SQLException e) {
                    if (attempt >= MAX_ATTEMPTS || !RETRYABLE.contains(e.getErrorCode())) {
                        throw new SlSandboxException("entering an invoice for " + invoice.custId() + " failed", e);
                    }
                }
            }
        }
    }

    private String enterOnce(Connection c, NewInvoice invoice) throws SQLException {
        c.setAutoCommit(false);
        try {
            // Lock first: nothing below may read a number that another writer could still take.
            Setup setup = lockArSetup(c);
            String cpnyId = cpnyId(c);
            requireActiveCustomer(c, invoice.custId());
            String refNbr = nextFree(c, setup.lastRefNbr(), REF_NBR_WIDTH,
                    "SELECT 1 FROM dbo.ARDoc WHERE RefNbr = ?");
            String batNbr = nextFree(c, setup.lastBatNbr(), MIN_BAT_NBR_WIDTH,
                    "SELECT 1 FROM dbo.Batch WHERE Module = 'AR' AND BatNbr = ?");
            LocalDateTime now = SlValues.now();
            try (PreparedStatement ps = c.prepareStatement("UPDATE dbo.ARSetup SET LastRefNbr = ?, LastBatNbr = ?,"
                    + " LUpd_DateTime = ?, LUpd_Prog = ?, LUpd_User = ? WHERE SetupId = ?")) {
                ps.setString(1, refNbr);
                ps.setString(2, batNbr);
                ps.setObject(3, now);
                ps.setString(4, Audit.INVOICE_ENTRY);
                ps.setString(5, Audit.USER);
                ps.setString(6, setup.setupId());
                ps.executeUpdate();
            }
            SeedPlan.InvoicePlan doc = new SeedPlan.InvoicePlan(invoice.custId(), refNbr, invoice.amount(),
                    invoice.docDate(), invoice.custOrdNbr(), invoice.ordNbr(), batNbr, 1);
            try (SlRowWriter writer = new SlRowWriter(c)) {
                new InvoiceRows(writer, cpnyId, now).write(
                        new SeedPlan.BatchPlan(batNbr, invoice.docDate(), List.of(doc)), InvoiceRows.GlState.RELEASED);
                addToBalances(c, writer, cpnyId, setup.perNbr(), doc, now);
            }
            c.commit();
            return refNbr;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private record Setup(String setupId, String lastRefNbr, String lastBatNbr, String perNbr) {
    }

    private static Setup lockArSetup(Connection c) throws SQLException {
        // H2 takes the row lock only with FOR UPDATE (it parses SQL Server's UPDLOCK hint but does not lock).
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT SetupId, LastRefNbr, LastBatNbr, PerNbr FROM dbo.ARSetup WHERE SetupId = 'AR' FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no ARSetup row: the sandbox is not seeded");
            }
            return new Setup(SlValues.rtrim(rs.getString(1)), SlValues.rtrim(rs.getString(2)), SlValues.rtrim(rs.getString(3)),
                    SlValues.rtrim(rs.getString(4)));
        }
    }

    private static String cpnyId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT CpnyId FROM dbo.GLSetup WHERE SetupId = 'GL'");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no GLSetup row: the sandbox is not seeded");
            }
            return SlValues.rtrim(rs.getString(1));
        }
    }

    /** The screen refuses an unknown or inactive customer before anything is numbered. */
    private static void requireActiveCustomer(Connection c, String custId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT Status FROM dbo.Customer WHERE CustId = ?")) {
            ps.setString(1, custId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no SL customer " + custId);
                }
                if ("I".equals(SlValues.rtrim(rs.getString(1)))) {
                    throw new IllegalArgumentException("SL customer " + custId + " is inactive");
                }
            }
        }
    }

    /** The number after {@code last}, zero-padded to its width, skipping numbers already in use (as SL does). */
    private static String nextFree(Connection c, String last, int minWidth, String existsSql) throws SQLException {
        int width = Math.max(minWidth, last.length());
        if (!last.matches("\\d{0,18}")) {
            throw new IllegalStateException("ARSetup number '" + last + "' is not a number: cannot count on from it");
        }
        long value = last.isEmpty() ? 0 : Long.parseLong(last);
        try (PreparedStatement ps = c.prepareStatement(existsSql)) {
            while (true) {
                String candidate = SlValues.zeroPad(++value, width);
                if (candidate.length() > width) {
                    throw new IllegalStateException("numbering after " + last + " overflows " + width + " digits");
                }
                ps.setString(1, candidate);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return candidate;
                    }
                }
            }
        }
    }

    /** Release adds the invoice to the customer's balance and its aging bucket (pp_08400, AR_Balances). */
    private static void addToBalances(Connection c, SlRowWriter writer, String cpnyId, String perNbr,
                                      SeedPlan.InvoicePlan doc, LocalDateTime now) throws SQLException {
        LocalDate today = now.toLocalDate();
        long overdue = ChronoUnit.DAYS.between(doc.dueDate(), today);
        int bucket = overdue <= 0 ? 0 : (int) Math.min(4, (overdue - 1) / 30 + 1);
        String ageColumn = String.format("AgeBal%02d", bucket);
        double amount = SlValues.money(doc.amount()).doubleValue();
        int updated;
        try (PreparedStatement ps = c.prepareStatement("UPDATE dbo.AR_Balances SET CurrBal = CurrBal + ?, "
                + ageColumn + " = " + ageColumn + " + ?,"
                + " LastInvcDate = CASE WHEN LastInvcDate < ? THEN ? ELSE LastInvcDate END,"
                + " LastActDate = CASE WHEN LastActDate < ? THEN ? ELSE LastActDate END,"
                + " LUpd_DateTime = ?, LUpd_Prog = ?, LUpd_User = ? WHERE CpnyID = ? AND CustID = ?")) {
            LocalDateTime docDate = doc.docDate().atStartOfDay();
            ps.setDouble(1, amount);
            ps.setDouble(2, amount);
            ps.setObject(3, docDate);
            ps.setObject(4, docDate);
            ps.setObject(5, docDate);
            ps.setObject(6, docDate);
            ps.setObject(7, now);
            ps.setString(8, Audit.AR_RELEASE);
            ps.setString(9, Audit.USER);
            ps.setString(10, cpnyId);
            ps.setString(11, doc.custId());
            updated = ps.executeUpdate();
        }
        if (updated == 0) {
            // A customer's first invoice: release creates its balance row.
            writer.into("AR_Balances").setAll(Audit.columns(Audit.AR_RELEASE, now))
                    .set("CpnyID", cpnyId).set("CustID", doc.custId()).set("CuryID", SetupSeeder.BASE_CURY)
                    .set("CurrBal", amount).set(ageColumn, amount).set("PerNbr", perNbr)
                    .set("LastInvcDate", doc.docDate()).set("LastActDate", doc.docDate()).set("LastAgeDate", today)
                    .insert();
        }
    }
}
