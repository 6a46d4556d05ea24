package com.ptsl.reconciler.sl;

import com.ptsl.reconciler.ReconcileException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * Opens the SL database for reading only: a read-only, READ COMMITTED connection whose login gives up after the access
 * timeout. The reconciler never writes to SL; the only way it changes anything is an ERP command on erp.commands.
 */
public final class SlAccess {

    private SlAccess() {
    }

    /** Refuses, before anything is read, a URL of a database the reconciler cannot read SL from. */
    public static void checkUrl(String jdbcUrl) throws ReconcileException {
        String lower = jdbcUrl == null ? "" : jdbcUrl.strip().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:sqlserver:") && !lower.startsWith("jdbc:h2:")) {
            throw new ReconcileException("SL JDBC URL must start with jdbc:sqlserver: or jdbc:h2:, got '" + masked(jdbcUrl == null ? "" : jdbcUrl.strip()) + "'");
        }
    }

    public static Connection open(String jdbcUrl, String user, String password, Duration timeout) throws ReconcileException {
        checkUrl(jdbcUrl);
        String url = jdbcUrl.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        Properties props = new Properties();
        if (user != null && !user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        if (lower.startsWith("jdbc:sqlserver:")) {
            // Per connection, not DriverManager.setLoginTimeout (JVM-wide).
            props.setProperty("loginTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
            props.setProperty("applicationName", "ptsl-reconcile");
        }
        Connection c;
        try {
            c = DriverManager.getConnection(url, props);
        } catch (SQLException e) {
            throw new ReconcileException("SL database " + masked(url) + " unreachable: " + firstLine(e.getMessage()), e);
        }
        try {
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is unusable anyway
            }
            throw new ReconcileException("SL database " + masked(url) + " refused a read-only session: " + firstLine(e.getMessage()), e);
        }
    }

    /** The URL without its properties (a SQL Server URL may carry a password after ';'). */
    public static String masked(String url) {
        int semicolon = url.indexOf(';');
        return semicolon < 0 ? url : url.substring(0, semicolon) + ";…";
    }

    static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
