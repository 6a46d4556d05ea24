package com.ptsl.sink.sql;

import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates PTSL_KafkaOffsets and PTSL_CommandLedger when they are missing; the SL tables themselves are never touched by DDL. */
public final class IntegrationTables {

    private IntegrationTables() {
    }

    public static void ensure(Connection connection, SqlDialect dialect) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String ddl : dialect.integrationTablesDdl()) {
                s.execute(ddl);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        }
    }
}
