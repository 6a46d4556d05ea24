package com.ptsl.sink.sql.dialect;

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
                        + " ([Sent])"));
        for (IntegrationColumns.Added a : IntegrationColumns.LEDGER_ADDED) {
            ddl.add("ALTER TABLE " + table(a.table()) + " ADD COLUMN IF NOT EXISTS [" + a.column() + "] " + a.type());
        }
        return List.copyOf(ddl);
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

    @Override
    protected boolean isTransientVendorCode(int errorCode) {
        return TRANSIENT_CODES.contains(errorCode);
    }

    @Override
    protected boolean isDuplicateKeyVendorCode(int errorCode) {
        return errorCode == 23505;
    }
}
