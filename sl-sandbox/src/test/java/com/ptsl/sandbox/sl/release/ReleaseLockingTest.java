package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.sandbox.sl.SlValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.ptsl.sandbox.sl.release.SinkRows.payment;
import static com.ptsl.sandbox.sl.release.SinkRows.pays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Release against a writer that is adding a document to the batch (the erp-sink holds the batch row while it posts):
 * release waits for the batch row and then sees the document, instead of refusing the batch for a total it read
 * half-way (12123) or releasing it without the new payment.
 */
class ReleaseLockingTest {

    private SlSandbox sl;

    @BeforeEach
    void seed() {
        sl = SlSandbox.inMemory("release-lock-" + UUID.randomUUID().toString().substring(0, 8))
                .seed(SeedSpec.defaults().withCustomers(1).withInvoicesPerCustomer(1));
    }

    @AfterEach
    void close() {
        sl.close();
    }

    @Test
    void releaseWaitsForAWriterHoldingTheBatchAndIncludesItsDocument() throws Exception {
        OpenInvoice invoice = sl.openInvoices().get(0);
        BigDecimal half = invoice.docBal().divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
        SinkRows sink = new SinkRows(sl);
        String bat = sink.paymentBatch(payment("C00001", "TX7001", half.toPlainString(), pays(invoice.refNbr(), half.toPlainString())));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection writer = sl.connect()) {
            writer.setAutoCommit(false);
            try (PreparedStatement ps = writer.prepareStatement("SELECT BatNbr FROM dbo.Batch WHERE Module = 'AR' AND BatNbr = ? FOR UPDATE")) {
                ps.setString(1, bat);
                ps.executeQuery().close();
            }
            addUnappliedPayment(writer, bat, "TX7002", new BigDecimal("7.00"));

            Future<ReleaseResult> release = pool.submit(() -> sl.release(bat));
            await().atMost(Duration.ofSeconds(5)).until(() -> blockedSessions() > 0);
            writer.commit();

            ReleaseResult result = release.get(10, TimeUnit.SECONDS);
            assertThat(result.released()).as(result.messages().toString()).isTrue();
            assertThat(result.counts().documents()).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sl.queries().documents("PA")).extracting(d -> d.refNbr(), d -> d.rlsed())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("TX7001", 1), org.assertj.core.groups.Tuple.tuple("TX7002", 1));
    }

    /**
     * The other order: release holds the batch row and a writer looking for an open batch (the sink's
     * DepositBatches.findOpen, SELECT ... FOR UPDATE) waits; once release commits, H2 re-checks the row and the writer
     * no longer finds the batch open, so it cannot add a payment to a released batch.
     */
    @Test
    void aWriterWaitingForTheBatchNoLongerFindsItOpenOnceReleased() throws Exception {
        OpenInvoice invoice = sl.openInvoices().get(0);
        String bat = new SinkRows(sl).paymentBatch(payment("C00001", "TX7101", "10.00", pays(invoice.refNbr(), "10.00")));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection releasing = sl.connect()) {
            releasing.setAutoCommit(false);
            try (PreparedStatement ps = releasing.prepareStatement(
                    "UPDATE dbo.Batch SET Status = 'U', Rlsed = 1 WHERE Module = 'AR' AND BatNbr = ?")) {
                ps.setString(1, bat);
                ps.executeUpdate();
            }
            Future<Integer> openBatches = pool.submit(() -> {
                try (Connection sinkSide = sl.connect()) {
                    sinkSide.setAutoCommit(false);
                    try (PreparedStatement ps = sinkSide.prepareStatement("SELECT TOP 1 BatNbr FROM dbo.Batch WHERE Module = 'AR'"
                            + " AND EditScrnNbr = '08030' AND Rlsed = 0 AND Status = 'B' ORDER BY BatNbr FOR UPDATE");
                         ResultSet rs = ps.executeQuery()) {
                        int n = 0;
                        while (rs.next()) {
                            n++;
                        }
                        sinkSide.rollback();
                        return n;
                    }
                }
            });
            await().atMost(Duration.ofSeconds(5)).until(() -> blockedSessions() > 0);
            releasing.commit();
            assertThat(openBatches.get(10, TimeUnit.SECONDS)).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the sink's PaymentPoster does inside its transaction: one more PA, and the batch re-totalled. */
    private static void addUnappliedPayment(Connection c, String bat, String refNbr, BigDecimal amount) throws SQLException {
        try (SlRowWriter w = new SlRowWriter(c)) {
            w.into("ARDoc").set("CustId", "C00001").set("DocType", "PA").set("RefNbr", refNbr).set("BatNbr", bat).set("BatSeq", 2)
                    .set("CpnyID", "PTSL").set("DocDate", java.time.LocalDate.now()).set("PerPost", SlValues.period(java.time.LocalDate.now()))
                    .set("OrigDocAmt", amount).set("CuryOrigDocAmt", amount).set("DocBal", amount).set("CuryDocBal", amount)
                    .set("ApplAmt", amount).set("CuryApplAmt", amount).set("ApplBatNbr", bat).set("BankAcct", SinkRows.CASH)
                    .set("BankSub", SinkRows.SUB).set("OpenDoc", 1).set("CuryId", "USD").set("CuryMultDiv", "M").set("CuryRate", 1.0)
                    .insert();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE dbo.Batch SET CrTot = CrTot + ?, CuryCrTot = CuryCrTot + ?,"
                + " CtrlTot = CtrlTot + ?, CuryCtrlTot = CuryCtrlTot + ? WHERE Module = 'AR' AND BatNbr = ?")) {
            for (int i = 1; i <= 4; i++) {
                ps.setDouble(i, amount.doubleValue());
            }
            ps.setString(5, bat);
            ps.executeUpdate();
        }
    }

    private int blockedSessions() throws SQLException {
        try (Connection c = sl.connect();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
