package com.ptsl.sink.sql.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * H2 has no {@code MIN_ACTIVE_ROWVERSION()}: the sandbox's tstamp is a bigint taken from the database-wide
 * sequence {@code dbo.SlRowVersion} when a row is written, and nothing records which of those values belong to
 * transactions still open. So the horizon is derived from what H2 does show, its sessions
 * ({@code INFORMATION_SCHEMA.SESSIONS}: whether each is executing a statement or holds uncommitted changes)
 * and the sequence's next value:
 * <ol>
 *   <li>read {@code next}, the sequence's next value: every version handed out so far is below it;</li>
 *   <li>list the other sessions. One that is idle now (no statement running, nothing uncommitted) has settled
 *       every version it took, and any version it takes from now on is {@code >= next}: remember
 *       {@code next} for it. One that is busy keeps what was remembered the last time it was seen idle; one
 *       that did not exist at the previous look took nothing before that look's {@code next}; one that has
 *       been busy since before the first look is unknown and holds the horizon at the stored mark;</li>
 *   <li>the horizon is {@code next - 1}, lowered below the remembered value of every busy session.</li>
 * </ol>
 * A version is taken inside a statement (H2 marks the session RUNNING before it evaluates the DEFAULT) and
 * stays uncommitted until the commit has made it visible, so a session is never seen idle while it holds an
 * unsettled version. Like SQL Server's rule, one long transaction holds the horizon back until it ends, and
 * nothing is ever skipped. Chosen over an "overlap re-read" (reading the last N versions again every cycle)
 * because no N is safe against a transaction that stays open longer than expected.
 *
 * <p>Needs an admin user (H2 shows other sessions only to admins); the sandbox's {@code sa} is one. Stateful:
 * one instance per feed connection.
 */
final class H2SessionHorizon implements RowVersionHorizon {

    static final String SEQUENCE_SCHEMA = "dbo";
    static final String SEQUENCE_NAME = "SlRowVersion";

    /** Per other session: a version below which it holds nothing unsettled; absent = unknown. */
    private Map<Integer, Long> settledBelow = new HashMap<>();
    /** Sessions seen at the previous look; null before the first. */
    private Set<Integer> previousSessions;
    private long previousNext;
    private boolean adminChecked;

    @Override
    public long stableVersion(Connection connection, long floor) throws SQLException {
        if (!adminChecked) {
            requireAdmin(connection);
            adminChecked = true;
        }
        long next = nextVersion(connection);
        Map<Integer, Boolean> sessions = otherSessions(connection);
        long horizon = next - 1;
        Map<Integer, Long> remembered = new HashMap<>();
        for (Map.Entry<Integer, Boolean> s : sessions.entrySet()) {
            Integer id = s.getKey();
            boolean busy = s.getValue();
            Long below;
            if (!busy) {
                below = next;
            } else if (settledBelow.containsKey(id)) {
                below = settledBelow.get(id);
            } else if (previousSessions != null && !previousSessions.contains(id)) {
                below = previousNext;
            } else {
                below = null;
            }
            if (below != null) {
                remembered.put(id, below);
            }
            if (busy) {
                horizon = Math.min(horizon, below == null ? floor : below - 1);
            }
        }
        settledBelow = remembered;
        previousSessions = sessions.keySet();
        previousNext = next;
        return Math.max(floor, horizon);
    }

    @Override
    public void reset() {
        settledBelow = new HashMap<>();
        previousSessions = null;
        adminChecked = false;
    }

    private static long nextVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT BASE_VALUE FROM INFORMATION_SCHEMA.SEQUENCES"
                + " WHERE SEQUENCE_SCHEMA = ? AND SEQUENCE_NAME = ?")) {
            ps.setString(1, SEQUENCE_SCHEMA);
            ps.setString(2, SEQUENCE_NAME);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("H2 database has no sequence " + SEQUENCE_SCHEMA + "." + SEQUENCE_NAME
                            + " feeding tstamp: it is not an SL sandbox, so the SL feed cannot track changes");
                }
                return rs.getLong(1);
            }
        }
    }

    /** Other sessions of the database: id → busy (running a statement, or holding uncommitted changes). */
    private static Map<Integer, Boolean> otherSessions(Connection c) throws SQLException {
        Map<Integer, Boolean> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT SESSION_ID, CASE WHEN CONTAINS_UNCOMMITTED"
                + " OR EXECUTING_STATEMENT IS NOT NULL OR SESSION_STATE <> 'SLEEP' THEN 1 ELSE 0 END"
                + " FROM INFORMATION_SCHEMA.SESSIONS WHERE SESSION_ID <> SESSION_ID()");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getInt(2) == 1);
            }
        }
        return out;
    }

    private static void requireAdmin(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || !rs.getBoolean(1)) {
                throw new SQLException("the SL feed on H2 needs an admin database user (SL_DB_USER) to see other sessions'"
                        + " open transactions; without that it could skip changes");
            }
        }
    }
}
