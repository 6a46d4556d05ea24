package com.ptsl.sink.bench;

import com.ptsl.sink.sql.RowWriter;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sink's limit on this database: a plain JDBC batch insert of SL-shaped rows, one ARDoc and one ARTran per "payment",
 * into scratch copies of the two tables (same columns, types, IDENTITY, row version and indexes, see
 * {@link SqlDialect#scratchCopyDdl}), {@link #PAIRS_PER_TRANSACTION} pairs per transaction, nothing read back. The rows
 * go through the sink's own {@link RowWriter} (every NOT NULL column bound), so the difference to the sink is what the
 * sink does beyond writing: decoding, validating, the ledger, offsets and results. The copies are dropped afterwards,
 * and before, should a crashed run have left them.
 */
final class InsertBaseline {

    static final int PAIRS_PER_TRANSACTION = 500;
    static final String DOC_COPY = "PTSL_BenchARDoc";
    static final String TRAN_COPY = "PTSL_BenchARTran";

    /** Pairs inserted per second, and what was measured. */
    record Measured(int pairs, double pairsPerSecond, String description) {
    }

    private InsertBaseline() {
    }

    static Measured run(Connection c, SqlDialect dialect, int pairs, Consumer<String> progress) throws SQLException {
        drop(c, dialect);
        try {
            try (Statement s = c.createStatement()) {
                for (String ddl : dialect.scratchCopyDdl(c, "ARDoc", DOC_COPY)) {
                    s.execute(ddl);
                }
                for (String ddl : dialect.scratchCopyDdl(c, "ARTran", TRAN_COPY)) {
                    s.execute(ddl);
                }
            }
            c.commit();
            RowWriter docs = RowWriter.forTable(c, dialect, DOC_COPY);
            RowWriter trans = RowWriter.forTable(c, dialect, TRAN_COPY);
            LocalDateTime now = LocalDateTime.now();
            LocalDate today = now.toLocalDate();
            long started = System.nanoTime();
            long reported = started;
            try (PreparedStatement doc = docs.prepare(c); PreparedStatement tran = trans.prepare(c)) {
                for (int i = 0; i < pairs; i++) {
                    docs.addBatch(doc, document(i, today, now));
                    trans.addBatch(tran, line(i, today, now));
                    if ((i + 1) % PAIRS_PER_TRANSACTION == 0 || i == pairs - 1) {
                        doc.executeBatch();
                        tran.executeBatch();
                        c.commit();
                        if (System.nanoTime() - reported > 1_000_000_000L) {
                            reported = System.nanoTime();
                            progress.accept(String.format("sink baseline: %,d / %,d row pairs", i + 1, pairs));
                        }
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            return new Measured(pairs, pairs / seconds, String.format("JDBC batch insert of %,d ARDoc + ARTran row pairs (every column,"
                    + " the tables' indexes) into scratch copies in the same database, %d pairs per transaction", pairs,
                    PAIRS_PER_TRANSACTION));
        } finally {
            c.rollback();
            drop(c, dialect);
        }
    }

    private static void drop(Connection c, SqlDialect dialect) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(dialect.dropScratchCopy(DOC_COPY));
            s.execute(dialect.dropScratchCopy(TRAN_COPY));
        }
        c.commit();
    }

    /** What PaymentPoster writes for a PA, with a key of its own per row. */
    private static Map<String, Object> document(int i, LocalDate today, LocalDateTime now) {
        String refNbr = String.format("B%09d", i);
        BigDecimal amount = BigDecimal.valueOf(1000 + i % 50_000, 2);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("CustId", String.format("C%05d", 1 + i % 20));
        doc.put("DocType", "PA");
        doc.put("RefNbr", refNbr);
        doc.put("BatNbr", "B00001");
        doc.put("BatSeq", i + 1);
        doc.put("CpnyID", "PTSL");
        doc.put("DocDate", today);
        doc.put("PerPost", "202601");
        doc.put("PerEnt", "202601");
        doc.put("OrigDocAmt", amount);
        doc.put("CuryOrigDocAmt", amount);
        doc.put("DocBal", amount);
        doc.put("CuryDocBal", amount);
        doc.put("ApplBatNbr", "B00001");
        doc.put("ApplBatSeq", i + 1);
        doc.put("ApplAmt", BigDecimal.ZERO);
        doc.put("CuryApplAmt", BigDecimal.ZERO);
        doc.put("BankAcct", "1010");
        doc.put("BankSub", "00-000-00");
        doc.put("CustOrdNbr", refNbr);
        doc.put("DocDesc", "PayTrace card xxxx5439");
        doc.put("DocClass", "N");
        doc.put("Rlsed", (short) 0);
        doc.put("OpenDoc", (short) 1);
        doc.put("LineCntr", 1);
        doc.put("CuryId", "USD");
        doc.put("CuryMultDiv", "M");
        doc.put("CuryRate", BigDecimal.ONE);
        doc.put("User1", "PayTrace " + refNbr);
        doc.put("User5", "TAS123");
        audit(doc, now);
        return doc;
    }

    /** What ApplicationLines writes for one 'U' line. */
    private static Map<String, Object> line(int i, LocalDate today, LocalDateTime now) {
        String refNbr = String.format("B%09d", i);
        BigDecimal amount = BigDecimal.valueOf(1000 + i % 50_000, 2);
        Map<String, Object> tran = new LinkedHashMap<>();
        tran.put("CustId", String.format("C%05d", 1 + i % 20));
        tran.put("TranType", "PA");
        tran.put("RefNbr", refNbr);
        tran.put("BatNbr", "B00001");
        tran.put("CpnyID", "PTSL");
        tran.put("LineNbr", Short.MIN_VALUE);
        tran.put("LineId", 1);
        tran.put("DrCr", "U");
        tran.put("SiteId", String.format("%010d", 10_001 + i % 100));
        tran.put("CostType", "IN");
        tran.put("TranAmt", amount);
        tran.put("CuryTranAmt", amount);
        tran.put("Acct", "1300");
        tran.put("Sub", "00-000-00");
        tran.put("PerPost", "202601");
        tran.put("PerEnt", "202601");
        tran.put("FiscYr", "2026");
        tran.put("JrnlType", "AR");
        tran.put("ExtRefNbr", refNbr);
        tran.put("TranDate", today);
        tran.put("TranDesc", "PayTrace card xxxx5439");
        tran.put("Rlsed", (short) 0);
        tran.put("CuryId", "USD");
        tran.put("CuryMultDiv", "M");
        tran.put("CuryRate", BigDecimal.ONE);
        tran.put("UnitPrice", 1.0d);
        tran.put("User1", "PostPayment:" + refNbr);
        audit(tran, now);
        return tran;
    }

    private static void audit(Map<String, Object> row, LocalDateTime now) {
        row.put("Crtd_DateTime", now);
        row.put("Crtd_Prog", "PTSL");
        row.put("Crtd_User", "PTSL");
        row.put("LUpd_DateTime", now);
        row.put("LUpd_Prog", "PTSL");
        row.put("LUpd_User", "PTSL");
    }
}
