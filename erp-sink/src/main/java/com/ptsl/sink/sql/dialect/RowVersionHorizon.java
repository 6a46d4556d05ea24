package com.ptsl.sink.sql.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Up to which row version the SL feed may advance its high-water mark. Row versions are handed out when a
 * row is written, not when its transaction commits, so a transaction that took version 100 can commit after
 * one that took 101: a reader that saw 101 and moved its mark there would never see 100. The horizon is a
 * version {@code h} such that every version {@code <= h} that will ever be committed is already visible to a
 * statement that starts now; the feed reads {@code (mark, h]} and then stores {@code h}.
 */
public interface RowVersionHorizon {

    /**
     * The horizon now, never below {@code floor} (the mark already stored), so a horizon that cannot be
     * established yet simply holds the mark where it is.
     */
    long stableVersion(Connection connection, long floor) throws SQLException;

    /** Forgets what was learnt on an old connection (called after a reconnect). */
    default void reset() {
    }
}
