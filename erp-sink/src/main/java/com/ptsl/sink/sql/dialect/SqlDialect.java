package com.ptsl.sink.sql.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

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

    /**
     * How the database compares SL's char keys (CustId, RefNbr, DocType), as a Java map key: values a
     * {@code WHERE col = ?} treats as equal map to the same string, so rows read in bulk ({@code col IN (...)}) are
     * matched back to what was asked for exactly as one query per key would have matched them. Trailing blanks never count
     * (char(n) pads); case counts unless the dialect says otherwise.
     */
    public String textKey(String value) {
        return value == null ? "" : value.stripTrailing();
    }

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

    /**
     * Statements creating {@code target} as an empty copy of SL table {@code source}: the same columns, types, IDENTITY,
     * row version and indexes (under names prefixed with the target's), nothing else. Only for measurements
     * ({@code SinkBench}'s insert baseline writes to such scratch copies and drops them); the SL tables themselves are
     * never changed by DDL.
     */
    public abstract List<String> scratchCopyDdl(Connection connection, String source, String target) throws SQLException;

    /** Drops a scratch copy made by {@link #scratchCopyDdl}; nothing happens if it is not there. */
    public String dropScratchCopy(String target) {
        return "DROP TABLE IF EXISTS " + table(target);
    }

    /**
     * {@code CREATE [UNIQUE] INDEX} statements copying {@code source}'s indexes to {@code target}, read from JDBC
     * metadata (for dialects whose table copy does not take the indexes along).
     */
    protected List<String> indexCopies(Connection connection, String source, String target) throws SQLException {
        Map<String, TreeMap<Integer, String>> columns = new LinkedHashMap<>();
        Map<String, Boolean> unique = new HashMap<>();
        try (ResultSet rs = connection.getMetaData().getIndexInfo(null, SCHEMA, source, false, false)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (index == null || column == null) {
                    continue; // table statistics rows
                }
                columns.computeIfAbsent(index, k -> new TreeMap<>()).put((int) rs.getShort("ORDINAL_POSITION"), column);
                unique.put(index, !rs.getBoolean("NON_UNIQUE"));
            }
        }
        List<String> ddl = new ArrayList<>();
        columns.forEach((index, cols) -> ddl.add("CREATE " + (unique.get(index) ? "UNIQUE " : "") + "INDEX [" + target + "_" + index
                + "] ON " + table(target) + " (" + String.join(", ", cols.values().stream().map(c -> "[" + c + "]").toList()) + ")"));
        return ddl;
    }

    @Override
    public String toString() {
        return name();
    }
}
