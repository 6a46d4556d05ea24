package com.ptsl.sink.ledger;

import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PTSL_DeadLetter: written in the same transaction as the command's REJECTED ledger row, so a dead letter exists exactly
 * when SL refused the command. Like the ledger it is an outbox: {@code Sent = 0} until the latest state (the DeadLetter
 * and its review item, or after a successful re-drive a tombstone and a RESOLVED review item) was acknowledged by Kafka.
 * Keyed by the ledger key of the commandId ({@link CommandLedger#key}).
 */
public final class DeadLetterStore {

    private static final int REASON_LENGTH = CommandLedger.REASON_LENGTH;

    private final String table;

    public DeadLetterStore(SqlDialect dialect) {
        this.table = dialect.table(SqlDialect.DEAD_LETTER_TABLE);
    }

    public Optional<DeadLetterRow> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select() + " WHERE [CommandId] = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** A first failure (Sent = 0). */
    public void insert(Connection c, DeadLetterRow d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " ([CommandId], [Kind], [Payload], [RecordKey], "
                + "[SourceTopic], [Reason], [Attempts], [FirstFailedAt], [LastFailedAt], [CustId], [SourceTransactionId], "
                + "[CommandType], [Amount], [Resolved], [Sent]) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
            ps.setString(1, CommandLedger.key(d.commandId()));
            ps.setString(2, d.kind().name());
            ps.setBytes(3, d.payload());
            ps.setString(4, cut(d.recordKey(), 255));
            ps.setString(5, cut(d.sourceTopic(), 255));
            ps.setString(6, cut(d.reason(), REASON_LENGTH));
            ps.setInt(7, d.attempts());
            ps.setTimestamp(8, Timestamp.from(d.firstFailedAt()));
            ps.setTimestamp(9, Timestamp.from(d.lastFailedAt()));
            ps.setString(10, cut(d.custId(), 100));
            ps.setString(11, cut(d.sourceTransactionId(), 100));
            ps.setString(12, cut(d.commandType(), 40));
            ps.setBigDecimal(13, d.amount());
            ps.setShort(14, (short) (d.resolved() ? 1 : 0));
            ps.executeUpdate();
        }
    }

    /** A re-drive that failed again: one more attempt, the new reason, and the dead letter back in the outbox. */
    public Optional<DeadLetterRow> failedAgain(Connection c, String key, DeadLetterRow.Kind kind, String reason, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET [Attempts] = [Attempts] + 1, [LastFailedAt] = ?, "
                + "[Reason] = ?, [Kind] = ?, [Resolved] = 0, [Sent] = 0 WHERE [CommandId] = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, cut(reason, REASON_LENGTH));
            ps.setString(3, kind.name());
            ps.setString(4, key);
            ps.executeUpdate();
        }
        return find(c, key);
    }

    /** A re-drive applied it: the row stays (the record of what happened) but leaves the queue. Empty if it had no row. */
    public Optional<DeadLetterRow> resolve(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET [Attempts] = [Attempts] + 1, [Resolved] = 1, "
                + "[Sent] = 0 WHERE [CommandId] = ? AND [Resolved] = 0")) {
            ps.setString(1, key);
            if (ps.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return find(c, key);
    }

    /** The outbox: rows whose latest state has not been acknowledged by Kafka yet, oldest failure first. */
    public List<DeadLetterRow> unsent(Connection c, int limit) throws SQLException {
        List<DeadLetterRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select() + " WHERE [Sent] = 0 ORDER BY [LastFailedAt], [CommandId]")) {
            ps.setMaxRows(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /**
     * Marks the rows sent, each only if it is still in the state that was published (same attempts, same resolution):
     * a newer failure or resolution written meanwhile stays in the outbox.
     */
    public void markSent(Connection c, List<DeadLetterRow> published) throws SQLException {
        if (published.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET [Sent] = 1 WHERE [CommandId] = ? AND [Attempts] = ?"
                + " AND [Resolved] = ?")) {
            for (DeadLetterRow d : published) {
                ps.setString(1, CommandLedger.key(d.commandId()));
                ps.setInt(2, d.attempts());
                ps.setShort(3, (short) (d.resolved() ? 1 : 0));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private String select() {
        return "SELECT [CommandId], [Kind], [Payload], [RecordKey], [SourceTopic], [Reason], [Attempts], [FirstFailedAt], "
                + "[LastFailedAt], [CustId], [SourceTransactionId], [CommandType], [Amount], [Resolved] FROM " + table;
    }

    private static DeadLetterRow read(ResultSet rs) throws SQLException {
        BigDecimal amount = rs.getBigDecimal(13);
        return new DeadLetterRow(rs.getString(1).strip(), DeadLetterRow.Kind.valueOf(rs.getString(2).strip()), rs.getBytes(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9).toInstant(), rs.getString(10), rs.getString(11), rs.getString(12),
                amount == null ? null : amount.setScale(2, RoundingMode.HALF_UP), rs.getShort(14) == 1);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
