package com.ptsl.sink.sql.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * SQL Server's own answer: {@code MIN_ACTIVE_ROWVERSION()} is the lowest rowversion still held by an open
 * transaction (or the next one to be handed out when none is open), so everything below it is settled.
 * This is the documented way to page through rowversion changes without skipping rows of transactions
 * still in flight.
 */
final class MinActiveRowVersion implements RowVersionHorizon {

    @Override
    public long stableVersion(Connection connection, long floor) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) - 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Math.max(floor, rs.getLong(1));
        }
    }
}
