package com.ptsl.sink.sql.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** Microsoft SQL Server, where a real Dynamics SL database lives. */
public final class SqlServerDialect extends SqlDialect {

    /** 1205 deadlock victim, 1222 lock request timeout, 40197..49920 Azure SQL failover and throttling: contention and availability only. */
    private static final List<Integer> TRANSIENT_CODES = List.of(1205, 1222, 40197, 40501, 40613, 49918, 49919, 49920);

    @Override
    public String name() {
        return "SQL Server";
    }

    @Override
    public List<String> integrationTablesDdl() {
        // T-SQL has no CREATE TABLE IF NOT EXISTS; OBJECT_ID is the idiom SL's own scripts use.
        List<String> ddl = new ArrayList<>(List.of(
                "IF OBJECT_ID(N'" + SCHEMA + "." + OFFSETS_TABLE + "', N'U') IS NULL CREATE TABLE " + table(OFFSETS_TABLE)
                        + " (" + IntegrationColumns.OFFSETS + ")",
                "IF OBJECT_ID(N'" + SCHEMA + "." + LEDGER_TABLE + "', N'U') IS NULL CREATE TABLE " + table(LEDGER_TABLE)
                        + " (" + IntegrationColumns.LEDGER + ")",
                "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'" + IntegrationColumns.LEDGER_UNSENT_INDEX
                        + "' AND object_id = OBJECT_ID(N'" + SCHEMA + "." + LEDGER_TABLE + "')) CREATE INDEX ["
                        + IntegrationColumns.LEDGER_UNSENT_INDEX + "] ON " + table(LEDGER_TABLE) + " ([ResultSent])",
                "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'" + IntegrationColumns.LEDGER_REFNBR_INDEX
                        + "' AND object_id = OBJECT_ID(N'" + SCHEMA + "." + LEDGER_TABLE + "')) CREATE INDEX ["
                        + IntegrationColumns.LEDGER_REFNBR_INDEX + "] ON " + table(LEDGER_TABLE) + " ([RefNbr])",
                "IF OBJECT_ID(N'" + SCHEMA + "." + FEED_STATE_TABLE + "', N'U') IS NULL CREATE TABLE " + table(FEED_STATE_TABLE)
                        + " (" + IntegrationColumns.FEED_STATE + ")",
                "IF OBJECT_ID(N'" + SCHEMA + "." + DEAD_LETTER_TABLE + "', N'U') IS NULL CREATE TABLE " + table(DEAD_LETTER_TABLE)
                        + " (" + IntegrationColumns.DEAD_LETTER + ")",
                "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'" + IntegrationColumns.DEAD_LETTER_UNSENT_INDEX
                        + "' AND object_id = OBJECT_ID(N'" + SCHEMA + "." + DEAD_LETTER_TABLE + "')) CREATE INDEX ["
                        + IntegrationColumns.DEAD_LETTER_UNSENT_INDEX + "] ON " + table(DEAD_LETTER_TABLE) + " ([Sent])",
                "IF OBJECT_ID(N'" + SCHEMA + "." + DEPOSIT_TABLE + "', N'U') IS NULL CREATE TABLE " + table(DEPOSIT_TABLE)
                        + " (" + IntegrationColumns.DEPOSIT + ")",
                "IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'" + IntegrationColumns.DEPOSIT_UNSENT_INDEX
                        + "' AND object_id = OBJECT_ID(N'" + SCHEMA + "." + DEPOSIT_TABLE + "')) CREATE INDEX ["
                        + IntegrationColumns.DEPOSIT_UNSENT_INDEX + "] ON " + table(DEPOSIT_TABLE) + " ([ReviewSent])",
                "IF OBJECT_ID(N'" + SCHEMA + "." + DEPOSIT_LINE_TABLE + "', N'U') IS NULL CREATE TABLE " + table(DEPOSIT_LINE_TABLE)
                        + " (" + IntegrationColumns.DEPOSIT_LINE + ")"));
        // COL_LENGTH is NULL for a column the table does not have: T-SQL's "ADD COLUMN IF NOT EXISTS".
        for (IntegrationColumns.Added a : IntegrationColumns.LEDGER_ADDED) {
            ddl.add("IF COL_LENGTH(N'" + SCHEMA + "." + a.table() + "', N'" + a.column() + "') IS NULL ALTER TABLE "
                    + table(a.table()) + " ADD [" + a.column() + "] " + a.type());
        }
        return List.copyOf(ddl);
    }

    /** rowversion is binary(8), a big-endian counter: as a bigint it keeps its order. */
    @Override
    public String rowVersion(String alias) {
        return "CAST(" + alias + ".[tstamp] AS BIGINT)";
    }

    @Override
    public RowVersionHorizon rowVersionHorizon() {
        return new MinActiveRowVersion();
    }

    @Override
    public Properties connectTimeout(int seconds) {
        Properties props = new Properties();
        props.setProperty("loginTimeout", Integer.toString(seconds));
        return props;
    }

    @Override
    public String lockedTable(String name) {
        return table(name) + " WITH (UPDLOCK, ROWLOCK)";
    }

    @Override
    public String lockSuffix() {
        return "";
    }

    /** SL databases use a case-insensitive collation (SQL_Latin1_General_CP1_CI_AS): 'c00001' finds C00001. */
    @Override
    public String textKey(String value) {
        return super.textKey(value).toUpperCase(Locale.ROOT);
    }

    /** SELECT INTO keeps columns, types, IDENTITY and the rowversion; the indexes come from JDBC metadata. */
    @Override
    public List<String> scratchCopyDdl(Connection connection, String source, String target) throws SQLException {
        List<String> ddl = new ArrayList<>();
        ddl.add("SELECT TOP 0 * INTO " + table(target) + " FROM " + table(source));
        ddl.addAll(indexCopies(connection, source, target));
        return ddl;
    }

    @Override
    protected boolean isTransientVendorCode(int errorCode) {
        return TRANSIENT_CODES.contains(errorCode);
    }

    @Override
    protected boolean isDuplicateKeyVendorCode(int errorCode) {
        return errorCode == 2627 || errorCode == 2601;
    }
}
