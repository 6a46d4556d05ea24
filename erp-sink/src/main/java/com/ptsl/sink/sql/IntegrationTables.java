package com.ptsl.sink.sql;

import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the integration's own tables (PTSL_KafkaOffsets, PTSL_CommandLedger and its indexes, PTSL_FeedState,
 * PTSL_DeadLetter, PTSL_Deposit and PTSL_DepositLine) when they are missing, and adds to a ledger created by an earlier
 * version the columns this one needs (ALTER TABLE ADD, only where the column is missing: existing rows are kept, nothing
 * is altered or dropped).
 * The SL tables themselves are never touched by DDL.
 */
public final class IntegrationTables {

    private IntegrationTables() {
    }

    /**
     * The sink's loop and its SL feed both call this at start, on their own connections. Concurrent CREATE TABLE IF NOT
     * EXISTS can fail on H2 ("constraint already exists") when both see the table missing, so one JVM creates at a
     * time; another instance racing on SQL Server fails one attempt and its caller retries.
     */
    public static void ensure(Connection connection, SqlDialect dialect) throws SQLException {
        synchronized (IntegrationTables.class) {
            create(connection, dialect);
        }
    }

    private static void create(Connection connection, SqlDialect dialect) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String ddl : dialect.integrationTablesDdl()) {
                s.execute(ddl);
            }
            for (String ddl : dialect.columnUpgradesDdl(connection)) {
                s.execute(ddl);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }
}
