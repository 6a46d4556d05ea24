package com.ptsl.sink.sql.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Everything that differs between the databases the sink writes to, in one place (the Debezium
 * JDBC sink's dialect idea). SL's own DML is kept to the subset H2 (MSSQLServer mode) and SQL
 * Server both accept (shared/reference/build-notes.md, H2 section), so a dialect only supplies the
 * DDL of the integration-owned tables, the locking-read syntax, the error classification, and how the
 * SL feed reads row versions ({@link #rowVersion}) and knows up to which version every change is
 * committed ({@link #rowVersionHorizon}).
 */
public abstract class SqlDialect {

    /** SL's tables live in dbo on SQL Server; the sandbox mirrors that. */
    public static final String SCHEMA = "dbo";

    public static final String OFFSETS_TABLE = "PTSL_KafkaOffsets";
    public static final String LEDGER_TABLE = "PTSL_CommandLedger";
    public static final String FEED_STATE_TABLE = "PTSL_FeedState";
    public static final String DEAD_LETTER_TABLE = "PTSL_DeadLetter";
    public static final String DEPOSIT_TABLE = "PTSL_Deposit";
    public static final String DEPOSIT_LINE_TABLE = "PTSL_DepositLine";

    /** Chosen from the JDBC URL so that configuration stays one variable (SL_JDBC_URL). */
    public static SqlDialect forJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.trim().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return new H2Dialect();
        }
        if (url.startsWith("jdbc:sqlserver:")) {
            return new SqlServerDialect();
        }
        throw new IllegalArgumentException("SL_JDBC_URL must be a jdbc:sqlserver: or jdbc:h2: URL, got '"
                + (jdbcUrl == null ? "" : jdbcUrl.replaceAll(";.*", ";...")) + "'");
    }

    public abstract String name();

    /** {@code dbo.[Name]}: brackets work in both dialects and keep SL's mixed-case names exact. */
    public String table(String name) {
        return SCHEMA + ".[" + name + "]";
    }

    /**
     * Statements that create the integration tables if they are missing and add the columns later versions
     * need to tables an earlier version created; safe to run at every start.
     */
    public abstract List<String> integrationTablesDdl();

    /**
     * Statements adding the columns later versions need that {@code connection}'s ledger lacks, to run after
     * {@link #integrationTablesDdl()}. Empty by default: a dialect whose DDL can test for a column itself does it there.
     */
    public List<String> columnUpgradesDdl(Connection connection) throws SQLException {
        return List.of();
    }

    /**
     * The table reference of a locking read: {@code SELECT ... FROM <lockedTable> WHERE ... <lockSuffix>}.
     * SQL Server takes an update lock through a table hint; H2 parses that hint but does not lock,
     * so it needs {@code FOR UPDATE} instead (checked: two sessions both read through the hint).
     */
    public abstract String lockedTable(String name);

    /** See {@link #lockedTable(String)}. */
    public abstract String lockSuffix();

    /**
     * Connection properties that make opening a connection give up after {@code seconds}, without the
     * JVM-wide {@code DriverManager.setLoginTimeout}. None for H2, which refuses unknown settings and
     * bounds its own socket connect (h2.socketConnectTimeout, 2 s).
     */
    public Properties connectTimeout(int seconds) {
        return new Properties();
    }

    /**
     * The row version ({@code tstamp}) of {@code alias}'s row as a bigint, usable in SELECT lists and
     * comparisons: {@code d.[tstamp]} on H2, where the sandbox keeps a bigint, and a CAST of SQL Server's
     * binary(8) rowversion, which is a big-endian counter and so keeps its order as a bigint.
     */
    public abstract String rowVersion(String alias);

    /**
     * A new tracker of the row version up to which every change is committed (see {@link RowVersionHorizon});
     * one per connection, because H2's is stateful.
     */
    public abstract RowVersionHorizon rowVersionHorizon();

    /** Bounds every lock wait so a stuck writer ends in a retryable timeout instead of hanging the sink. */
    public String lockTimeoutStatement(int millis) {
        return "SET LOCK_TIMEOUT " + millis;
    }

    /**
     * Errors worth retrying the whole poll batch for: lost connections, deadlocks, lock and query
     * timeouts. Everything else is deterministic for the same input.
     */
    public boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("40001") || state.equals("HYT00")
                        || state.equals("HYT01"))) {
                    return true;
                }
                if (isTransientVendorCode(sql.getErrorCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    protected abstract boolean isTransientVendorCode(int errorCode);

    /** A primary-key or unique-index violation (the ledger uses it to spot a concurrent writer). */
    public boolean isDuplicateKey(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                if (isDuplicateKeyVendorCode(sql.getErrorCode())) {
                    return true;
                }
                String state = sql.getSQLState();
                if ("23505".equals(state)) {
                    return true;
                }
            }
        }
        return false;
    }

    protected abstract boolean isDuplicateKeyVendorCode(int errorCode);

    @Override
    public String toString() {
        return name();
    }
}
