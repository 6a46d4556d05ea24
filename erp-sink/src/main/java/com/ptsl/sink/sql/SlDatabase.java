package com.ptsl.sink.sql;

import com.ptsl.sink.sql.dialect.SqlDialect;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The sink's one JDBC connection, owned by the consumer thread: manual commit, READ COMMITTED, a
 * bounded lock wait. A connection that broke is dropped and reopened on the next use, so a database
 * that went away costs retries, never a restart.
 */
public final class SlDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlDatabase.class);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final SqlDialect dialect;
    private final int lockTimeoutMs;
    private Connection connection;

    public SlDatabase(String jdbcUrl, String user, String password, int lockTimeoutMs) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dialect = SqlDialect.forJdbcUrl(jdbcUrl);
        this.lockTimeoutMs = lockTimeoutMs;
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** An open connection in manual-commit mode; reconnects if the last one was lost. */
    public Connection connection() throws SQLException {
        if (connection != null && !connection.isClosed()) {
            return connection;
        }
        Properties props = new Properties();
        if (user != null && !user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try (Statement s = c.createStatement()) {
                s.execute(dialect.lockTimeoutStatement(lockTimeoutMs));
            }
            c.commit();
        } catch (SQLException e) {
            closeQuietly(c);
            throw e;
        }
        connection = c;
        LOG.info("Connected to the SL database ({})", dialect.name());
        return c;
    }

    /** Rolls back what is open; after a failure, drops the connection if it no longer answers. */
    public void rollbackQuietly() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed: {}", e.getMessage());
        }
        try {
            if (!connection.isValid(2)) {
                closeQuietly(connection);
                connection = null;
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            connection = null;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // closing anyway
            }
            closeQuietly(connection);
            connection = null;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing left to do with a broken connection
        }
    }
}
