package com.ptsl.sink.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A seeded SL database a test can write to: the SL sandbox on H2 here; a SQL Server holding an SL
 * company with customers and released open invoices would implement the same few methods.
 */
public interface TestSlDatabase extends AutoCloseable {

    String jdbcUrl();

    String user();

    String password();

    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user(), password());
    }

    @Override
    void close();
}
