package com.ptsl.sink.posting;

import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * AR batch numbers the way SL hands them out (Create_New_Batch after ARAutoBatchNbr): take
 * ARSetup.LastBatNbr under an update lock, add one, zero-pad to its width (at least 6), skip numbers
 * an AR batch already has, and write the number back. Holding the ARSetup lock until commit is what
 * keeps two writers (the sink and an SL user) from taking the same number.
 */
final class BatchNumbers {

    private static final int MIN_WIDTH = 6;
    private static final int MAX_SKIPS = 100_000;

    private final SqlDialect dialect;

    BatchNumbers(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** The number after {@code last}: SL wraps to 000001 when the width would overflow. */
    static String next(String last) {
        String trimmed = last == null ? "" : last.strip();
        int width = Math.max(MIN_WIDTH, trimmed.length());
        long value;
        try {
            value = trimmed.isEmpty() ? 0 : Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ARSetup.LastBatNbr '" + trimmed + "' is not a number");
        }
        String candidate = Long.toString(value + 1);
        if (candidate.length() > width) {
            candidate = "1";
        }
        return "0".repeat(width - candidate.length()) + candidate;
    }

    /** The ARSetup row as read under its update lock. */
    record LockedSetup(String setupId, String lastBatNbr) {
    }

    /** Takes the update lock on the ARSetup row; held until the transaction ends. */
    LockedSetup lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT TOP 1 [SetupId], [LastBatNbr] FROM " + dialect.lockedTable("ARSetup")
                + " ORDER BY [SetupId]" + dialect.lockSuffix());
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SlSetupException("ARSetup has no row: cannot number AR batches");
            }
            return new LockedSetup(rs.getString(1), SlConventions.rtrim(rs.getString(2)));
        }
    }

    /** With the ARSetup lock held: the next free AR batch number, written back to ARSetup.LastBatNbr. */
    String allocate(Connection c, LockedSetup setup) throws SQLException {
        String lastBatNbr = setup.lastBatNbr();
        String candidate;
        try {
            candidate = next(lastBatNbr);
            int skips = 0;
            while (exists(c, candidate)) {
                if (++skips > MAX_SKIPS) {
                    throw new SlSetupException("No free AR batch number after " + lastBatNbr + " within " + MAX_SKIPS + " tries");
                }
                candidate = next(candidate);
            }
        } catch (IllegalArgumentException e) {
            throw new SlSetupException(e.getMessage(), e);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + dialect.table("ARSetup") + " SET [LastBatNbr] = ? WHERE [SetupId] = ?")) {
            ps.setString(1, candidate);
            ps.setString(2, setup.setupId());
            ps.executeUpdate();
        }
        return candidate;
    }

    private boolean exists(Connection c, String batNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + dialect.table("Batch") + " WHERE [Module] = 'AR' AND [BatNbr] = ?")) {
            ps.setString(1, batNbr);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
