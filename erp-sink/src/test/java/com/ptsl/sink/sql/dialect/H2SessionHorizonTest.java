package com.ptsl.sink.sql.dialect;

import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.SlKeying;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The H2 stand-in for MIN_ACTIVE_ROWVERSION(): never past a version a session may still commit. */
class H2SessionHorizonTest {

    private H2SlSandboxDatabase db;
    private Connection feed;

    @BeforeEach
    void open() throws SQLException {
        db = H2SlSandboxDatabase.seeded();
        feed = db.connect();
        feed.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        feed.close();
        db.close();
    }

    @Test
    void withEverySessionIdleTheHorizonIsTheLastVersionHandedOut() throws SQLException {
        long highest = maxVersion();

        assertThat(new H2SessionHorizon().stableVersion(feed, 0)).isEqualTo(highest);
    }

    @Test
    void aSessionThatWroteAndHasNotCommittedHoldsTheHorizonBelowItsVersion() throws SQLException {
        H2SessionHorizon horizon = new H2SessionHorizon();
        long before = horizon.stableVersion(feed, 0);
        try (Connection writer = db.connect()) {
            writer.setAutoCommit(false);
            SlKeying.invoice(writer, "PTSL", "C00001", "0000095001", "009501", "10.00", LocalDate.now(), true);
            long taken = version(writer, "0000095001");
            try (Connection other = db.connect()) {
                SlKeying.invoice(other, "PTSL", "C00001", "0000095002", "009502", "20.00", LocalDate.now(), true);
            }

            assertThat(horizon.stableVersion(feed, 0)).isLessThan(taken).isGreaterThanOrEqualTo(before);
            writer.commit();
        }
        assertThat(horizon.stableVersion(feed, 0)).isEqualTo(maxVersion());
    }

    @Test
    void aSessionAlreadyBusyAtTheFirstLookKeepsTheHorizonAtTheStoredMark() throws SQLException {
        try (Connection writer = db.connect()) {
            writer.setAutoCommit(false);
            SlKeying.invoice(writer, "PTSL", "C00001", "0000095001", "009501", "10.00", LocalDate.now(), true);
            H2SessionHorizon horizon = new H2SessionHorizon();

            assertThat(horizon.stableVersion(feed, 42)).as("nothing known about what it took").isEqualTo(42);
            writer.commit();
            assertThat(horizon.stableVersion(feed, 42)).isEqualTo(maxVersion());
        }
    }

    private long maxVersion() throws SQLException {
        try (PreparedStatement ps = feed.prepareStatement("SELECT BASE_VALUE - 1 FROM INFORMATION_SCHEMA.SEQUENCES"
                + " WHERE SEQUENCE_SCHEMA = 'dbo' AND SEQUENCE_NAME = 'SlRowVersion'"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long version(Connection c, String refNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tstamp FROM dbo.ARDoc WHERE DocType = 'IN' AND RefNbr = ?")) {
            ps.setString(1, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
