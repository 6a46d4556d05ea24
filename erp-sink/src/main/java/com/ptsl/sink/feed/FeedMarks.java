package com.ptsl.sink.feed;

import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * PTSL_FeedState: per feed (named after its topic) the SL row version up to which every change has been
 * published and acknowledged. Kept in SL rather than in Kafka so that it sits next to the rows it describes,
 * survives a restart and moves only after the broker's acks: a crash in between re-reads a few changes,
 * never skips one.
 */
final class FeedMarks {

    private final String table;

    FeedMarks(SqlDialect dialect) {
        this.table = dialect.table(SqlDialect.FEED_STATE_TABLE);
    }

    /** Empty on the very first start: the feed then publishes a full snapshot. */
    Optional<Long> read(Connection c, String feed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT [HighWater] FROM " + table + " WHERE [FeedName] = ?")) {
            ps.setString(1, feed);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    /** UPDATE, else INSERT: plain statements both dialects take (no MERGE). The caller commits. */
    void store(Connection c, String feed, long highWater, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET [HighWater] = ?, [UpdatedAt] = ? WHERE [FeedName] = ?")) {
            ps.setLong(1, highWater);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, feed);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " ([FeedName], [HighWater], [UpdatedAt]) VALUES (?, ?, ?)")) {
            ps.setString(1, feed);
            ps.setLong(2, highWater);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.executeUpdate();
        }
    }
}
