package com.ptsl.sink.sql;

import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.ledger.CommandLedger;
import com.ptsl.sink.ledger.DeadLetterRow;
import com.ptsl.sink.ledger.DeadLetterStore;
import com.ptsl.sink.ledger.LedgerEntry;
import com.ptsl.sink.sql.dialect.H2Dialect;
import com.ptsl.sink.sql.dialect.SqlDialect;
import com.ptsl.sink.sql.dialect.SqlServerDialect;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The integration tables at start: a ledger created by the previous version is upgraded in place; the dead-letter table round-trips. */
class IntegrationTablesTest {

    /** PTSL_CommandLedger exactly as the version before ErpResult v2 created it. */
    private static final String PREVIOUS_LEDGER = "CREATE TABLE dbo.[PTSL_CommandLedger] ([CommandId] varchar(100) NOT NULL, "
            + "[Status] varchar(10) NOT NULL, [Reason] varchar(1000) NULL, [CustId] varchar(100) NOT NULL, "
            + "[SourceTransactionId] varchar(100) NOT NULL, [BatNbr] varchar(10) NULL, [RefNbr] varchar(10) NULL, "
            + "[SourceReceivedAt] datetime2 NOT NULL, [ProcessedAt] datetime2 NOT NULL, [ResultSent] smallint NOT NULL, "
            + "CONSTRAINT [PTSL_CommandLedger0] PRIMARY KEY ([CommandId]))";

    private final SqlDialect dialect = new H2Dialect();
    private final Instant at = Instant.parse("2026-02-03T04:05:06Z");

    @Test
    void aLedgerOfThePreviousVersionGetsTheNewColumnsAndKeepsItsRows() throws SQLException {
        try (H2SlSandboxDatabase db = H2SlSandboxDatabase.seeded(); Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS dbo");
                s.execute(PREVIOUS_LEDGER);
                s.execute("INSERT INTO dbo.[PTSL_CommandLedger] VALUES ('cmd-old', 'APPLIED', NULL, 'C00001', '840001', '000101', "
                        + "'840001', TIMESTAMP '2026-01-02 03:04:05', TIMESTAMP '2026-01-02 03:04:06', 0)");
            }
            c.commit();
            assertThat(columns(c)).doesNotContain("Event", "CommandType", "Amount", "Documents");

            IntegrationTables.ensure(c, dialect);
            IntegrationTables.ensure(c, dialect);

            assertThat(columns(c)).contains("CommandId", "ResultSent", "Event", "CommandType", "Amount", "Documents");
            CommandLedger ledger = new CommandLedger(dialect);
            List<LedgerEntry> unsent = ledger.unsent(c, 10);
            assertThat(unsent).singleElement().satisfies(e -> {
                assertThat(e.commandId()).isEqualTo("cmd-old");
                assertThat(e.batNbr()).isEqualTo("000101");
                ErpResult r = e.toResult();
                assertThat(r.getEvent()).as("blank from writers before v2").isEmpty();
                assertThat(r.getCommandType()).isEmpty();
                assertThat(r.getAmount()).isNull();
                assertThat(r.getDocuments()).isEmpty();
            });

            LedgerEntry v2 = new LedgerEntry("PostRefund:9001", ResultStatus.APPLIED, null, "C00002", "9001", "000102", "9001", at, at,
                    "REFUNDED", "PostRefund", new BigDecimal("12.50"), List.of("CM/9001/000102", "DM/9001/000102"));
            ledger.insert(c, v2);
            c.commit();
            ErpResult back = ledger.find(c, "PostRefund:9001").orElseThrow().toResult();
            assertThat(back.getEvent()).isEqualTo("REFUNDED");
            assertThat(back.getCommandType()).isEqualTo("PostRefund");
            assertThat(back.getAmount()).isEqualByComparingTo("12.50");
            assertThat(back.getDocuments()).containsExactly("CM/9001/000102", "DM/9001/000102");
            c.rollback();
        }
    }

    @Test
    void aRejectedLedgerRowIsReplacedOnlyWhileItIsRejected() throws SQLException {
        try (H2SlSandboxDatabase db = H2SlSandboxDatabase.seeded(); Connection c = db.connect()) {
            c.setAutoCommit(false);
            IntegrationTables.ensure(c, dialect);
            CommandLedger ledger = new CommandLedger(dialect);
            ledger.insert(c, new LedgerEntry("PostPayment:1", ResultStatus.REJECTED, "unknown customer", "C1", "1", null, null, at, at,
                    "REJECTED", "PostPayment", new BigDecimal("5.00"), List.of()));
            LedgerEntry applied = new LedgerEntry("PostPayment:1", ResultStatus.APPLIED, null, "C1", "1", "000105", "1", at,
                    at.plusSeconds(60), "POSTED", "PostPayment", new BigDecimal("5.00"), List.of("PA/1/000105"));

            assertThat(ledger.replaceRejected(c, applied)).isTrue();
            assertThat(ledger.replaceRejected(c, applied)).as("APPLIED now: a second re-drive cannot change it").isFalse();
            LedgerEntry row = ledger.find(c, "PostPayment:1").orElseThrow();
            assertThat(row.status()).isEqualTo(ResultStatus.APPLIED);
            assertThat(row.documents()).containsExactly("PA/1/000105");
            assertThat(ledger.unsent(c, 10)).hasSize(1);
            c.rollback();
        }
    }

    @Test
    void aDeadLetterKeepsThePayloadByteForByteAndCountsItsAttempts() throws SQLException {
        try (H2SlSandboxDatabase db = H2SlSandboxDatabase.seeded(); Connection c = db.connect()) {
            c.setAutoCommit(false);
            IntegrationTables.ensure(c, dialect);
            DeadLetterStore store = new DeadLetterStore(dialect);
            byte[] payload = new byte[70_000];
            for (int i = 0; i < payload.length; i++) {
                payload[i] = (byte) i;
            }
            DeadLetterRow row = new DeadLetterRow("PostPayment:2", DeadLetterRow.Kind.REJECTED, payload, "C2", "erp.commands",
                    "unknown customer 'C2'", 1, at, at, "C2", "2", "PostPayment", new BigDecimal("9.99"), false);
            store.insert(c, row);
            assertThat(store.unsent(c, 10)).singleElement().satisfies(d -> {
                assertThat(d.payload()).isEqualTo(payload);
                assertThat(d.amount()).isEqualByComparingTo("9.99");
                assertThat(d.kind()).isEqualTo(DeadLetterRow.Kind.REJECTED);
            });
            store.markSent(c, List.of(row));
            assertThat(store.unsent(c, 10)).isEmpty();

            DeadLetterRow again = store.failedAgain(c, "PostPayment:2", DeadLetterRow.Kind.REJECTED, "period closed",
                    at.plus(1, ChronoUnit.HOURS)).orElseThrow();
            assertThat(again.attempts()).isEqualTo(2);
            assertThat(again.reason()).isEqualTo("period closed");
            assertThat(again.firstFailedAt()).isEqualTo(at);
            store.markSent(c, List.of(row));
            assertThat(store.unsent(c, 10)).as("the older state was published, not this one").hasSize(1);

            DeadLetterRow resolved = store.resolve(c, "PostPayment:2").orElseThrow();
            assertThat(resolved.resolved()).isTrue();
            assertThat(store.resolve(c, "PostPayment:2")).as("resolved once").isEmpty();
            assertThat(resolved.attempts()).as("the successful re-drive is an attempt too").isEqualTo(3);
            assertThat(resolved.payload()).as("kept for the record").isEqualTo(payload);
            c.rollback();
        }
    }

    @Test
    void sqlServerAddsEachNewLedgerColumnOnlyWhenItIsMissing() {
        List<String> ddl = new SqlServerDialect().integrationTablesDdl();
        for (String column : List.of("Event", "CommandType", "Amount", "Documents")) {
            assertThat(ddl).filteredOn(s -> s.contains("ADD [" + column + "]")).singleElement()
                    .satisfies(s -> assertThat(s).startsWith("IF COL_LENGTH(N'dbo.PTSL_CommandLedger', N'" + column + "') IS NULL ALTER TABLE"));
        }
        assertThat(ddl).anySatisfy(s -> assertThat(s).startsWith("IF OBJECT_ID(N'dbo.PTSL_DeadLetter', N'U') IS NULL CREATE TABLE")
                .contains("[Payload] varbinary(max) NOT NULL"));
    }

    @Test
    void theDepositTablesAreCreatedOnlyWhenMissingInBothDialectsAndKeepTheirRows() throws SQLException {
        List<String> sqlServer = new SqlServerDialect().integrationTablesDdl();
        for (String table : List.of("PTSL_Deposit", "PTSL_DepositLine")) {
            assertThat(sqlServer).filteredOn(s -> s.contains("CREATE TABLE dbo.[" + table + "] (")).singleElement()
                    .satisfies(s -> assertThat(s).startsWith("IF OBJECT_ID(N'dbo." + table + "', N'U') IS NULL CREATE TABLE"));
        }
        assertThat(sqlServer).anySatisfy(s -> assertThat(s).contains("CREATE INDEX [PTSL_Deposit1] ON dbo.[PTSL_Deposit] ([ReviewSent])"));
        assertThat(new H2Dialect().integrationTablesDdl()).contains(
                "CREATE TABLE IF NOT EXISTS dbo.[PTSL_DepositLine] ([BatchNumber] varchar(50) NOT NULL, [TransactionId] varchar(100) NOT NULL, "
                        + "[Kind] varchar(10) NOT NULL, [Amount] decimal(18, 2) NOT NULL, [SlAmount] decimal(18, 2) NOT NULL, "
                        + "[Documents] varchar(1000) NULL, CONSTRAINT [PTSL_DepositLine0] PRIMARY KEY ([BatchNumber], [TransactionId]))");

        try (H2SlSandboxDatabase db = H2SlSandboxDatabase.seeded(); Connection c = db.connect()) {
            c.setAutoCommit(false);
            IntegrationTables.ensure(c, dialect);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO dbo.[PTSL_DepositLine] VALUES ('571', '700101', 'SALE', 20.00, 20.00, NULL)");
            }
            c.commit();
            IntegrationTables.ensure(c, dialect);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM dbo.[PTSL_DepositLine]")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    private static List<String> columns(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getColumns(null, "dbo", SqlDialect.LEDGER_TABLE, null)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }
}
