package com.ptsl.sink.posting;

import com.ptsl.sink.sql.RowWriter;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The integration's open AR batches of one kind: one per (company, cash account, date, period), so a payment batch is
 * also the bank deposit of that day's payments for that clearing account (dynamics-sl.md §10). The same rule keeps one
 * 08240 batch per day for the NS reversals of payments deposited to one cash account, and one 08010 batch per day for
 * the refund memos of one clearing account. Only batches this integration created, still unreleased and in the
 * configured status (B or H), are reused; once an SL user holds, suspends or releases one, or the sink voids one it
 * emptied ('V'), the next document starts a new batch.
 */
final class DepositBatches {

    /** The batch's owning screen (Batch.EditScrnNbr, dynamics-sl.md §2) and whether it is a bank deposit. */
    enum Kind {
        /** 08030 payment application: PA documents; DepositAmt = the document total. */
        PAYMENTS("08030", true),
        /** 08240 reversals: NS documents. */
        REVERSALS("08240", false),
        /** 08010 invoices and memos: the refund CM/DM documents. */
        MEMOS("08010", false);

        final String screen;
        final boolean deposit;

        Kind(String screen, boolean deposit) {
            this.screen = screen;
            this.deposit = deposit;
        }
    }

    private final SqlDialect dialect;
    private final PostingSettings settings;
    private final BatchNumbers numbers;
    private final RowWriters rows;
    private final Kind kind;

    DepositBatches(SqlDialect dialect, PostingSettings settings, RowWriters rows) {
        this(dialect, settings, rows, Kind.PAYMENTS);
    }

    DepositBatches(SqlDialect dialect, PostingSettings settings, RowWriters rows, Kind kind) {
        this.dialect = dialect;
        this.settings = settings;
        this.numbers = new BatchNumbers(dialect);
        this.rows = rows;
        this.kind = kind;
    }

    /** What a new batch needs beyond its key. */
    record NewBatch(String perPost, String perEnt, String curyId, String glPostOpt, String description) {
    }

    /**
     * The open batch for the key, update-locked until commit; created if there is none. The search is
     * repeated under the ARSetup lock because an update lock on "no row" does not stop a concurrent
     * creator on SQL Server: the ARSetup row is the mutex for creating batches, as it is in SL.
     */
    String openOrCreate(Connection c, CashAccount cash, LocalDate depositDate, NewBatch spec, LocalDateTime now)
            throws SQLException {
        return openOrCreateVersioned(c, cash, depositDate, spec, now).batNbr();
    }

    /** An open batch as found (update-locked), with its row version; {@link #NEW} when this transaction created it. */
    record Found(String batNbr, long version) {
    }

    /** The version of a batch created in this transaction: no earlier state of it can be remembered. */
    static final long NEW = Long.MIN_VALUE;

    /** {@link #openOrCreate}, also saying which row version of the batch was found. */
    Found openOrCreateVersioned(Connection c, CashAccount cash, LocalDate depositDate, NewBatch spec, LocalDateTime now)
            throws SQLException {
        Optional<Found> open = findOpen(c, cash, depositDate, spec.perPost());
        if (open.isPresent()) {
            return open.get();
        }
        BatchNumbers.LockedSetup setup = numbers.lock(c);
        open = findOpen(c, cash, depositDate, spec.perPost());
        if (open.isPresent()) {
            return open.get();
        }
        String batNbr = numbers.allocate(c, setup);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Module", "AR");
        v.put("BatNbr", batNbr);
        v.put("EditScrnNbr", kind.screen);
        v.put("JrnlType", "AR");
        v.put("BatType", "N");
        v.put("Status", settings.batchStatus());
        v.put("Rlsed", (short) 0);
        v.put("CpnyID", settings.cpnyId());
        v.put("PerPost", spec.perPost());
        v.put("PerEnt", spec.perEnt());
        v.put("DateEnt", depositDate);
        v.put("BankAcct", cash.acct());
        v.put("BankSub", cash.sub());
        v.put("CuryId", spec.curyId());
        v.put("CuryMultDiv", "M");
        v.put("CuryRate", BigDecimal.ONE);
        v.put("GLPostOpt", spec.glPostOpt().isEmpty() ? SlConventions.BLANK : spec.glPostOpt());
        v.put("Descr", SlConventions.fit(spec.description(), 30));
        v.put("Crtd_DateTime", now);
        v.put("Crtd_Prog", settings.program());
        v.put("Crtd_User", settings.user());
        v.put("LUpd_DateTime", now);
        v.put("LUpd_Prog", settings.program());
        v.put("LUpd_User", settings.user());
        rows.get(c, "Batch").insert(c, v); // totals start at 0 and are set by retotal() once the document is in
        return new Found(batNbr, NEW);
    }

    /** Who made an AR batch and whether it is still open, as ApplyPayment checks before adding lines to it. */
    record Owner(String crtdProg, String editScrnNbr, String status, boolean released) {
    }

    /** The AR batch's owner, update-locked like any batch this integration writes to; empty if there is no such batch. */
    Optional<Owner> owner(Connection c, String batNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT [Crtd_Prog], [EditScrnNbr], [Status], [Rlsed] FROM "
                + dialect.lockedTable("Batch") + " WHERE [Module] = 'AR' AND [BatNbr] = ?" + dialect.lockSuffix())) {
            ps.setString(1, batNbr);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Owner(SlConventions.rtrim(rs.getString(1)), SlConventions.rtrim(rs.getString(2)),
                        SlConventions.rtrim(rs.getString(3)), rs.getInt(4) == 1)) : Optional.empty();
            }
        }
    }

    /** Whether the batch is one this integration created as a batch of this kind (an 08030 payment batch, …). */
    boolean isOurs(Owner owner) {
        return owner.crtdProg().equals(settings.program()) && owner.editScrnNbr().equals(kind.screen);
    }

    /** Keyed by PerPost too: a batch opened before its period was closed must not take documents for the next open period. */
    private Optional<Found> findOpen(Connection c, CashAccount cash, LocalDate depositDate, String perPost) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TOP 1 [BatNbr], " + dialect.rowVersion(dialect.table("Batch"))
                + " FROM " + dialect.lockedTable("Batch")
                // Status = B or H (SL_BATCH_STATUS) also keeps out voided ('V'), suspended ('S') and released ('U', 'P', 'C') batches.
                + " WHERE [Module] = 'AR' AND [EditScrnNbr] = ? AND [Crtd_Prog] = ? AND [Rlsed] = 0 AND [Status] = ?"
                + " AND [CpnyID] = ? AND [DateEnt] = ? AND [BankAcct] = ? AND [BankSub] = ? AND [PerPost] = ? ORDER BY [BatNbr]"
                + dialect.lockSuffix())) {
            ps.setString(1, kind.screen);
            ps.setString(2, settings.program());
            ps.setString(3, settings.batchStatus());
            ps.setString(4, settings.cpnyId());
            ps.setTimestamp(5, SlConventions.timestamp(depositDate));
            ps.setString(6, cash.acct());
            ps.setString(7, cash.sub());
            ps.setString(8, perPost);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Found(SlConventions.rtrim(rs.getString(1)), rs.getLong(2))) : Optional.empty();
            }
        }
    }

    /** The batch row's version now (after this transaction's own update of it); {@link #NEW} if there is no such batch. */
    long version(Connection c, String batNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + dialect.rowVersion(dialect.table("Batch")) + " FROM "
                + dialect.table("Batch") + " WHERE [Module] = 'AR' AND [BatNbr] = ?")) {
            ps.setString(1, batNbr);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : NEW;
            }
        }
    }

    /**
     * Whether the batch holds a document numbered {@code batSeq} or higher: one index seek (ARDoc10 is BatNbr, BatSeq),
     * where MAX(BatSeq) reads every document of the batch. Confirms that a remembered next BatSeq is still free.
     */
    boolean holdsBatSeqFrom(Connection c, String batNbr, int batSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TOP 1 [BatSeq] FROM " + dialect.table("ARDoc")
                + " WHERE [BatNbr] = ? AND [BatSeq] >= ?")) {
            ps.setString(1, batNbr);
            ps.setInt(2, batSeq);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The next BatSeq in the batch (documents count from 1). */
    int nextBatSeq(Connection c, String batNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX([BatSeq]) FROM " + dialect.table("ARDoc") + " WHERE [BatNbr] = ?")) {
            ps.setString(1, batNbr);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) + 1; // MAX of no rows is NULL, read as 0
            }
        }
    }

    /**
     * Keeps the batch balanced after a document was added or removed: CtrlTot = CrTot (and the Cury twins) = Σ of its
     * documents' OrigDocAmt, and for a payment batch DepositAmt too. SL's release refuses a batch whose total differs
     * (error 12123). Summed from the documents rather than incremented, so it stays right even if an SL user removed
     * a document from the batch. DepositAmt of 08240/08010 batches stays 0: they are not receipts (invented; SL's
     * release computes Cash Manager figures from the documents, dynamics-sl.md §10).
     */
    BigDecimal retotal(Connection c, String batNbr, LocalDateTime now) throws SQLException {
        Totals totals = sum(c, batNbr);
        writeTotals(c, batNbr, totals, now);
        return totals.total();
    }

    /** Σ OrigDocAmt and Σ CuryOrigDocAmt of a batch's documents, in cents, and how many documents there are. */
    record Totals(BigDecimal total, BigDecimal curyTotal, long documents) {

        static final Totals ZERO = new Totals(BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), 0);

        /** With one more document of that amount. */
        Totals plus(BigDecimal amount, BigDecimal curyAmount) {
            return new Totals(SlConventions.money(total.add(amount)), SlConventions.money(curyTotal.add(curyAmount)), documents + 1);
        }
    }

    /** The batch's document totals as SL holds them now (reads every document of the batch). */
    Totals sum(Connection c, String batNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM([OrigDocAmt]), 0), COALESCE(SUM([CuryOrigDocAmt]), 0),"
                + " COUNT(*) FROM " + dialect.table("ARDoc") + " WHERE [BatNbr] = ?")) {
            ps.setString(1, batNbr);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Totals(SlConventions.money(rs.getDouble(1)), SlConventions.money(rs.getDouble(2)), rs.getLong(3));
            }
        }
    }

    /**
     * How many documents the batch holds: reads only the index (ARDoc10 is BatNbr, BatSeq), several times cheaper than
     * {@link #sum}. A remembered total is trusted only while this count is what it was: a document deleted from the
     * batch behind the sink's back (an SL user, a script) changes it without touching the Batch row.
     */
    long documentCount(Connection c, String batNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + dialect.table("ARDoc") + " WHERE [BatNbr] = ?")) {
            ps.setString(1, batNbr);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** CtrlTot = CrTot (and DepositAmt of a payment batch) = the given totals, with the audit columns. */
    void writeTotals(Connection c, String batNbr, Totals totals, LocalDateTime now) throws SQLException {
        BigDecimal total = totals.total();
        BigDecimal curyTotal = totals.curyTotal();
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + dialect.table("Batch") + " SET [CtrlTot] = ?, [CrTot] = ?, [DepositAmt] = ?,"
                + " [CuryCtrlTot] = ?, [CuryCrTot] = ?, [CuryDepositAmt] = ?, [LUpd_DateTime] = ?, [LUpd_Prog] = ?, [LUpd_User] = ?"
                + " WHERE [Module] = 'AR' AND [BatNbr] = ?")) {
            ps.setDouble(1, SlConventions.toFloat(total));
            ps.setDouble(2, SlConventions.toFloat(total));
            ps.setDouble(3, kind.deposit ? SlConventions.toFloat(total) : 0.0);
            ps.setDouble(4, SlConventions.toFloat(curyTotal));
            ps.setDouble(5, SlConventions.toFloat(curyTotal));
            ps.setDouble(6, kind.deposit ? SlConventions.toFloat(curyTotal) : 0.0);
            ps.setTimestamp(7, SlConventions.timestamp(now));
            ps.setString(8, settings.program());
            ps.setString(9, settings.user());
            ps.setString(10, batNbr);
            ps.executeUpdate();
        }
    }

    /**
     * After a document left the batch: re-totalled, and a batch left with no document at all is voided (Status 'V',
     * totals 0), as SL's own void of a batch leaves it, so that nobody releases an empty deposit and
     * {@link #openOrCreate} never reuses it. Returns whether the batch was voided.
     */
    boolean retotalOrVoid(Connection c, String batNbr, LocalDateTime now) throws SQLException {
        retotal(c, batNbr, now);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + dialect.table("ARDoc") + " WHERE [BatNbr] = ?")) {
            ps.setString(1, batNbr);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + dialect.table("Batch") + " SET [Status] = 'V', [LUpd_DateTime] = ?,"
                + " [LUpd_Prog] = ?, [LUpd_User] = ? WHERE [Module] = 'AR' AND [BatNbr] = ?")) {
            ps.setTimestamp(1, SlConventions.timestamp(now));
            ps.setString(2, settings.program());
            ps.setString(3, settings.user());
            ps.setString(4, batNbr);
            ps.executeUpdate();
        }
        return true;
    }
}
