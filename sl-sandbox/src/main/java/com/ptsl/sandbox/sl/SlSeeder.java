package com.ptsl.sandbox.sl;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;

/** Seeds an empty sandbox in one transaction: setup and reference rows first, then customers and invoices. */
final class SlSeeder {

    private SlSeeder() {
    }

    /** @return false (and writes nothing) when any of the sixteen tables already holds a row. */
    static boolean seedIfEmpty(Connection connection, SeedSpec spec) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            if (!isEmpty(connection)) {
                connection.rollback();
                return false;
            }
            LocalDateTime now = SlValues.now();
            SeedPlan plan = new SeedPlan(spec, LocalDate.now());
            try (SlRowWriter writer = new SlRowWriter(connection)) {
                new SetupSeeder(writer, plan, now).seed();
                new ArSeeder(writer, plan, now).seed();
            }
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static boolean isEmpty(Connection connection) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < SlTables.ALL.size(); i++) {
            sql.append(i == 0 ? "" : " + ").append("(SELECT COUNT(*) FROM ").append(SlTables.qualified(SlTables.ALL.get(i))).append(')');
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }
}
