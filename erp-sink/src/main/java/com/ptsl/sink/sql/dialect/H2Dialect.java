package com.ptsl.sink.sql.dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** H2 2.x in MSSQLServer mode: the SL sandbox used by tests and the one-machine launcher. */
public final class H2Dialect extends SqlDialect {

    /** LOCK_TIMEOUT_1 (50200), DEADLOCK_1 (40001), CONNECTION_BROKEN_1 (90067), DATABASE_CALLED_AT_SHUTDOWN (90121), DATABASE_IS_CLOSED (90098). */
    private static final List<Integer> TRANSIENT_CODES = List.of(50200, 40001, 90067, 90121, 90098);

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public List<String> integrationTablesDdl() {
        List<String> ddl = new ArrayList<>(List.of(
                "CREATE SCHEMA IF NOT EXISTS " + SCHEMA,
                "CREATE TABLE IF NOT EXISTS " + table(OFFSETS_TABLE) + " (" + IntegrationColumns.OFFSETS + ")",
                "CREATE TABLE IF NOT EXISTS " + table(LEDGER_TABLE) + " (" + IntegrationColumns.LEDGER + ")",
                "CREATE INDEX IF NOT EXISTS [" + IntegrationColumns.LEDGER_UNSENT_INDEX + "] ON " + table(LEDGER_TABLE)
                        + " ([ResultSent])",
                "CREATE INDEX IF NOT EXISTS [" + IntegrationColumns.LEDGER_REFNBR_INDEX + "] ON " + table(LEDGER_TABLE)
                        + " ([RefNbr])",
                "CREATE TABLE IF NOT EXISTS " + table(FEED_STATE_TABLE) + " (" + IntegrationColumns.FEED_STATE + ")",
                "CREATE TABLE IF NOT EXISTS " + table(DEAD_LETTER_TABLE) + " (" + IntegrationColumns.DEAD_LETTER + ")",
                "CREATE INDEX IF NOT EXISTS [" + IntegrationColumns.DEAD_LETTER_UNSENT_INDEX + "] ON " + table(DEAD_LETTER_TABLE)
                        + " ([Sent])",
                "CREATE TABLE IF NOT EXISTS " + table(DEPOSIT_TABLE) + " (" + IntegrationColumns.DEPOSIT + ")",
                "CREATE INDEX IF NOT EXISTS [" + IntegrationColumns.DEPOSIT_UNSENT_INDEX + "] ON " + table(DEPOSIT_TABLE)
                        + " ([ReviewSent])",
                "CREATE TABLE IF NOT EXISTS " + table(DEPOSIT_LINE_TABLE) + " (" + IntegrationColumns.DEPOSIT_LINE + ")"));
        return List.copyOf(ddl);
    }

    /**
     * Only the columns really missing: H2 takes its schema lock for any ALTER TABLE, even "ADD COLUMN IF NOT EXISTS"
     * of a column that is there, and then waits behind every open transaction (the SL feed's, the release's), so an
     * unconditional ALTER at each start timed out on a busy database.
     */
    @Override
    public List<String> columnUpgradesDdl(Connection connection) throws SQLException {
        List<String> ddl = new ArrayList<>();
        for (IntegrationColumns.Added a : IntegrationColumns.LEDGER_ADDED) {
            if (!hasColumn(connection, a.table(), a.column())) {
                ddl.add("ALTER TABLE " + table(a.table()) + " ADD COLUMN IF NOT EXISTS [" + a.column() + "] " + a.type());
            }
        }
        return ddl;
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        try (ResultSet rs = c.getMetaData().getColumns(null, null, table, null)) {
            while (rs.next()) {
                if (column.equalsIgnoreCase(rs.getString("COLUMN_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The sandbox's tstamp is already a bigint (sl-sandbox/README.md). */
    @Override
    public String rowVersion(String alias) {
        return alias + ".[tstamp]";
    }

    @Override
    public RowVersionHorizon rowVersionHorizon() {
        return new H2SessionHorizon();
    }

    @Override
    public String lockedTable(String name) {
        return table(name);
    }

    @Override
    public String lockSuffix() {
        return " FOR UPDATE";
    }

    /**
     * H2's own {@code SCRIPT NODATA TABLE}: the exact DDL of the table (IDENTITY, the row-version default, primary key,
     * indexes) with the table renamed and every constraint and index name prefixed, since H2 names are per schema.
     * Needs an admin user, as the SL feed's horizon does.
     */
    @Override
    public List<String> scratchCopyDdl(Connection connection, String source, String target) throws SQLException {
        List<String> ddl = new ArrayList<>();
        String quotedSource = "\"" + SCHEMA + "\".\"" + source + "\"";
        String quotedTarget = "\"" + SCHEMA + "\".\"" + target + "\"";
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SCRIPT NODATA TABLE " + table(source))) {
            while (rs.next()) {
                String statement = rs.getString(1).strip();
                if (!(statement.startsWith("CREATE MEMORY TABLE") || statement.startsWith("CREATE CACHED TABLE")
                        || statement.startsWith("ALTER TABLE") || statement.startsWith("CREATE INDEX")
                        || statement.startsWith("CREATE UNIQUE"))) {
                    continue; // the user, schema, sequence and row-count comments the script also holds
                }
                String renamed = statement.replace(quotedSource, quotedTarget)
                        .replaceAll("(INDEX|CONSTRAINT) \"" + SCHEMA + "\"\\.\"([^\"]+)\"",
                                "$1 \"" + SCHEMA + "\".\"" + target + "_$2\"");
                ddl.add(renamed.endsWith(";") ? renamed.substring(0, renamed.length() - 1) : renamed);
            }
        }
        if (ddl.isEmpty()) {
            throw new SQLException("SL table " + table(source) + " not found: nothing to copy");
        }
        return ddl;
    }

    @Override
    protected boolean isTransientVendorCode(int errorCode) {
        return TRANSIENT_CODES.contains(errorCode);
    }

    @Override
    protected boolean isDuplicateKeyVendorCode(int errorCode) {
        return errorCode == 23505;
    }
}
