package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.sandbox.sl.SlSandboxException;
import com.ptsl.sandbox.sl.SlValues;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An emulation of SL's AR release {@code pp_08400} for the batches the integration writes (08010 invoices and
 * memos, 08030 payment applications, 08240 NS reversals), as dynamics-sl.md §2-§7 and §11 describe it.
 *
 * <p>One JDBC transaction per batch. The batch row is locked, everything is read and validated first
 * (pp_08400PrepWrk's checks, then the GL balance check 8888 on the planned lines), and only a batch that passes is
 * written: ARAdjust rows, balances, the 'U' lines deleted, GLTran with Posted 'U', documents and lines Rlsed 1,
 * AR_Balances, and the batch U (C without GL lines) carrying the GL totals. A refused batch is rolled back and set to
 * Status 'S', as PrepWrk leaves failing batches; the messages are returned (the sandbox has no WrkReleaseBad table).
 *
 * <p>Thread-safe: releases through one instance run one at a time; row locks order them against other writers.
 */
public final class ArRelease {

    private static final Logger log = LoggerFactory.getLogger(ArRelease.class);

    /** Where release gets its connections (a new one per batch, closed after). */
    @FunctionalInterface
    public interface Connections {
        Connection open() throws SQLException;
    }

    /** Statuses a release may start from: balanced, or suspended by an earlier failed release. */
    private static final Set<String> RELEASABLE = Set.of("B", "S");
    /** Statuses of a batch release is already done with (dynamics-sl.md §2). */
    private static final Set<String> RELEASED = Set.of("U", "P", "C", "Z");
    private static final String SUSPENDED = "S";

    private final Connections connections;
    private final Object serial = new Object();

    public ArRelease(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /**
     * Releases one AR batch.
     *
     * @throws IllegalArgumentException when there is no AR batch {@code batNbr}
     * @throws SlSandboxException       on a database failure (lock timeout, deadlock, lost connection): nothing was
     *                                  changed and the batch keeps its status, so a later run can try again
     */
    public ReleaseResult release(String batNbr) {
        Objects.requireNonNull(batNbr, "batNbr");
        synchronized (serial) {
            try (Connection c = connections.open()) {
                c.setAutoCommit(false);
                try {
                    ReleaseResult result = releaseLocked(c, batNbr.strip());
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                throw new SlSandboxException("releasing AR batch " + batNbr + " failed", e);
            }
        }
    }

    /**
     * Releases every AR batch in Status 'B', oldest (lowest BatNbr) first, so that an invoice batch is released
     * before a payment batch entered after it. Batches on hold ('H') or suspended ('S') are left alone. A batch
     * that fails on the database is logged and skipped; it keeps Status 'B' for the next run.
     */
    public List<ReleaseResult> releaseAll() {
        List<String> batches;
        try (Connection c = connections.open()) {
            batches = Sql.list(c, "SELECT BatNbr FROM dbo.Batch WHERE Module = 'AR' AND Status = 'B'", rs -> Sql.str(rs, "BatNbr"));
        } catch (SQLException e) {
            throw new SlSandboxException("listing balanced AR batches failed", e);
        }
        List<ReleaseResult> results = new ArrayList<>();
        for (String batNbr : batches.stream().sorted(OLDEST_FIRST).toList()) {
            try {
                results.add(release(batNbr));
            } catch (SlSandboxException | IllegalArgumentException e) {
                log.warn("AR release of batch {} did not run: {}", batNbr, rootMessage(e));
            }
        }
        return results;
    }

    /** Batch numbers are zero-padded counters of varying width: compare them as numbers when they are. */
    static final Comparator<String> OLDEST_FIRST = Comparator
            .comparing((String b) -> b.matches("\\d{1,18}") ? Long.parseLong(b) : Long.MAX_VALUE)
            .thenComparing(Comparator.naturalOrder());

    private ReleaseResult releaseLocked(Connection c, String batNbr) throws SQLException {
        BatchHeader header = BatchReader.lockBatch(c, batNbr)
                .orElseThrow(() -> new IllegalArgumentException("no AR batch " + batNbr));
        if (RELEASED.contains(header.status())) {
            // Refused without touching the batch: suspending a released batch would hide it from GL post.
            return ReleaseResult.refused(batNbr, header.status(), List.of(SlMessages.sl(SlMessages.ALREADY_RELEASED,
                    "batch " + batNbr + " is already released (Status " + header.status() + ")")));
        }
        if (!RELEASABLE.contains(header.status())) {
            return ReleaseResult.refused(batNbr, header.status(), List.of(SlMessages.invented(SlMessages.NOT_RELEASABLE_STATUS,
                    "batch " + batNbr + " has Status '" + header.status() + "'; only B and S batches are released")));
        }
        Savepoint start = c.setSavepoint();
        Attempt attempt = attempt(c, header);
        if (!attempt.refusals().isEmpty()) {
            c.rollback(start);
            Sql.update(c, "UPDATE dbo.Batch SET Status = ? WHERE Module = 'AR' AND BatNbr = ?", SUSPENDED, batNbr);
            log.debug("AR release refused batch {}: {}", batNbr, attempt.refusals());
            return ReleaseResult.refused(batNbr, SUSPENDED, attempt.refusals());
        }
        return attempt.result();
    }

    private record Attempt(ReleaseResult result, List<ReleaseMessage> refusals) {
        static Attempt refused(List<ReleaseMessage> messages) {
            return new Attempt(null, messages);
        }
    }

    private Attempt attempt(Connection c, BatchHeader header) throws SQLException {
        LoadedBatch batch = BatchReader.load(c, header);
        ReleaseSetup setup = BatchReader.setup(c, batch);
        List<ReleaseMessage> refusals = ReleaseChecks.check(batch, setup);
        if (!refusals.isEmpty()) {
            return Attempt.refused(refusals);
        }
        ApplicationRelease applications = ApplicationRelease.prepare(c, batch);
        ReversalRelease reversals = ReversalRelease.prepare(c, batch);
        refusals = ReleaseChecks.concat(applications.messages(), reversals.messages());
        if (!refusals.isEmpty()) {
            return Attempt.refused(refusals);
        }
        List<GlLines.GlLine> gl = GlLines.plan(batch, setup);
        Optional<ReleaseMessage> unbalanced = GlLines.balanceCheck(header.batNbr(), gl);
        if (unbalanced.isPresent()) {
            return Attempt.refused(List.of(unbalanced.get()));
        }

        LocalDateTime now = SlValues.now();
        try (SlRowWriter writer = new SlRowWriter(c)) {
            int adjustments = applications.apply(c, writer, header, now) + reversals.apply(c, writer, header, now);
            int glLines = GlLines.write(writer, header, setup, gl, now);
            int documents = DocumentRelease.release(c, batch, now);
            ArBalances.update(c, writer, batch, setup.baseCuryId(), now);
            String status = closeBatch(c, header, setup, gl, now);
            ReleaseCounts counts = new ReleaseCounts(documents, adjustments, glLines);
            log.debug("AR release of batch {}: {} documents, {} ARAdjust rows, {} GL lines", header.batNbr(), documents,
                    adjustments, glLines);
            return new Attempt(ReleaseResult.released(header.batNbr(), status, counts), List.of());
        }
    }

    /** Batch U (released, not posted), or C when it produced no GL lines; CrTot/DrTot become the GL totals. */
    private static String closeBatch(Connection c, BatchHeader h, ReleaseSetup setup, List<GlLines.GlLine> gl, LocalDateTime now)
            throws SQLException {
        String status = gl.isEmpty() ? "C" : "U";
        BigDecimal dr = GlLines.debits(gl);
        BigDecimal cr = GlLines.credits(gl);
        Sql.update(c, "UPDATE dbo.Batch SET Status = ?, Rlsed = 1, CrTot = ?, DrTot = ?, CuryCrTot = ?, CuryDrTot = ?,"
                        + " LedgerID = ?, BalanceType = 'A', BaseCuryID = ?, LUpd_DateTime = ?, LUpd_Prog = ?, LUpd_User = ?"
                        + " WHERE Module = 'AR' AND BatNbr = ?",
                status, cr, dr, cr, dr, setup.ledgerId(), setup.baseCuryId(), now, ReleaseAudit.PROG, ReleaseAudit.USER, h.batNbr());
        return status;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
