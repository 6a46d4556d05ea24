package com.ptsl.sink.posting;

import com.ptsl.sandbox.sl.release.ReleaseResult;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.sink.sql.RowWriter;
import com.ptsl.sink.sql.dialect.SqlDialect;
import com.ptsl.sink.support.SlReader;
import com.ptsl.sink.support.TestSlDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the reversal and refund contracts share with {@link SlWriterContract}: a fresh seeded SL database per test, a
 * writer, one command per committed transaction, and SQL that both H2 and SQL Server accept.
 */
abstract class PostingFixture {

    static final PostingSettings SETTINGS = new PostingSettings("PTSL", new CashAccount("1010", "00-000-00"),
            new CashAccount("1020", "00-000-00"), "B", "PTSL", "PTSL");
    static final LocalDate TODAY = LocalDate.now();

    TestSlDatabase db;
    SlReader sl;
    SqlDialect dialect;
    SlWriter writer;

    /** A fresh, seeded SL database for one test. */
    protected abstract TestSlDatabase openDatabase();

    @BeforeEach
    void openDb() {
        db = openDatabase();
        sl = new SlReader(db);
        dialect = SqlDialect.forJdbcUrl(db.jdbcUrl());
        writer = new SlWriter(dialect, SETTINGS);
    }

    @AfterEach
    void closeDb() {
        db.close();
    }

    /** One command in its own transaction, committed, as the sink's poll batch would do it. */
    PostingOutcome apply(ErpCommand command) throws SQLException {
        return apply(writer, command);
    }

    PostingOutcome apply(SlWriter with, ErpCommand command) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            PostingOutcome outcome = with.apply(c, command, java.time.LocalDateTime.now());
            c.commit();
            return outcome;
        }
    }

    SlWriter writer(PostingSettings settings) {
        return new SlWriter(dialect, settings);
    }

    String table(String name) {
        return dialect.table(name);
    }

    List<Map<String, Object>> documents(String docType, String refNbr) {
        return sl.rows("SELECT * FROM " + table("ARDoc") + " WHERE DocType = ? AND RefNbr = ? ORDER BY BatNbr, BatSeq", docType, refNbr);
    }

    Map<String, Object> document(String docType, String refNbr) {
        List<Map<String, Object>> rows = documents(docType, refNbr);
        if (rows.size() != 1) {
            throw new AssertionError("expected one " + docType + " " + refNbr + ", found " + rows.size());
        }
        return rows.get(0);
    }

    List<Map<String, Object>> lines(String tranType, String refNbr) {
        return sl.rows("SELECT * FROM " + table("ARTran") + " WHERE TranType = ? AND RefNbr = ? ORDER BY LineNbr", tranType, refNbr);
    }

    int count(String sql, Object... params) {
        return ((Number) sl.rows("SELECT COUNT(*) AS N FROM " + sql, params).get(0).get("N")).intValue();
    }

    BigDecimal money(Map<String, Object> row, String column) {
        return (BigDecimal) row.get(column);
    }

    /** An active GL account (and, for cash, a CashAcct row) the seed does not have, as a site's chart of accounts would. */
    void addAccount(String acct, String descr) throws SQLException {
        try (Connection c = db.connect()) {
            RowWriter.forTable(c, dialect, "Account").insert(c, Map.of("Acct", acct, "Descr", descr, "AcctType", "1A", "Active", 1,
                    "CuryId", "USD", "SummPost", "N"));
            RowWriter.forTable(c, dialect, "CashAcct").insert(c, Map.of("CpnyID", "PTSL", "BankAcct", acct, "BankSub", "00-000-00",
                    "CashAcctName", descr, "AcctType", "C", "Active", 1, "CuryID", "USD"));
        }
    }

    /** The database's own AR release of one batch: SL's 08.400 (pp_08400) on SQL Server, its emulation in the sandbox. */
    protected abstract ReleaseResult releaseBatch(String batNbr);

    /** Releases the batch; the test fails, naming SL's message numbers, if release refuses it. */
    ReleaseResult released(String batNbr) {
        ReleaseResult result = releaseBatch(batNbr);
        assertThat(result.released()).as("release of batch %s: %s", batNbr, result.messages()).isTrue();
        return result;
    }

    /** The period the sink posts a document dated {@code date} to: its own, or the first open one when that is closed. */
    String postingPeriod(LocalDate date) {
        String lastClosed = (String) sl.rows("SELECT LastClosePerNbr FROM " + table("GLSetup")).get(0).get("LastClosePerNbr");
        String own = FiscalCalendar.calendarYear().period(date);
        return own.compareTo(lastClosed) > 0 ? own : FiscalCalendar.calendarYear().next(lastClosed);
    }

    BigDecimal docBal(String custId, String docType, String refNbr) {
        return (BigDecimal) sl.rows("SELECT DocBal FROM " + table("ARDoc") + " WHERE CustId = ? AND DocType = ? AND RefNbr = ?"
                + " ORDER BY Rlsed DESC", custId, docType, refNbr).get(0).get("DocBal");
    }

    /** Σ DrAmt − Σ CrAmt of the batch's GL lines on one account (release writes them). */
    BigDecimal glNet(String batNbr, String acct) {
        return (BigDecimal) sl.rows("SELECT COALESCE(SUM(DrAmt), 0) - COALESCE(SUM(CrAmt), 0) AS Net FROM " + table("GLTran")
                + " WHERE Module = 'AR' AND BatNbr = ? AND Acct = ?", batNbr, acct).get(0).get("Net");
    }
}
