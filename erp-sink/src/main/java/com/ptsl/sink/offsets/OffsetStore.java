package com.ptsl.sink.offsets;

import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * Consumer offsets kept in the SL database next to the rows they account for (KafkaConsumer's
 * "storing offsets outside Kafka"): a poll batch's SL writes and its offset advance commit or roll
 * back together, so a crash can neither lose nor repeat a command. Kafka's own committed offsets are
 * never used.
 */
public final class OffsetStore {

    private final String groupId;
    private final String table;

    public OffsetStore(SqlDialect dialect, String groupId) {
        this.groupId = groupId;
        this.table = dialect.table(SqlDialect.OFFSETS_TABLE);
    }

    public OptionalLong read(Connection c, String topic, int partition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT [NextOffset] FROM " + table
                + " WHERE [GroupId] = ? AND [Topic] = ? AND [PartitionNbr] = ?")) {
            ps.setString(1, groupId);
            ps.setString(2, topic);
            ps.setInt(3, partition);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /** First sight of a partition: start it at the given offset (the partition's beginning). */
    public void insert(Connection c, String topic, int partition, long nextOffset, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " ([GroupId], [Topic], [PartitionNbr], [NextOffset], [UpdatedAt]) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, groupId);
            ps.setString(2, topic);
            ps.setInt(3, partition);
            ps.setLong(4, nextOffset);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.executeUpdate();
        }
    }

    /**
     * Advances the partition from {@code expected} to {@code next} only if nobody moved it meanwhile.
     * False means another consumer owns the partition now (this one is a zombie) and the caller must
     * roll back everything it wrote in this transaction.
     */
    public boolean compareAndSet(Connection c, String topic, int partition, long expected, long next, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET [NextOffset] = ?, [UpdatedAt] = ?"
                + " WHERE [GroupId] = ? AND [Topic] = ? AND [PartitionNbr] = ? AND [NextOffset] = ?")) {
            ps.setLong(1, next);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, groupId);
            ps.setString(4, topic);
            ps.setInt(5, partition);
            ps.setLong(6, expected);
            return ps.executeUpdate() == 1;
        }
    }
}
