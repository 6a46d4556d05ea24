package com.ptsl.sandbox.sl.release;

import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.sandbox.sl.SlValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.ptsl.sandbox.sl.release.SinkRows.payment;
import static com.ptsl.sandbox.sl.release.SinkRows.pays;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The pp_08400 emulation on the batches the erp-sink writes, checked column by column after release. */
class ArReleaseTest {

    private SlSandbox sl;
    private SinkRows sink;
    private Db db;

    @BeforeEach
    void seed() {
        sl = SlSandbox.inMemory("release-" + UUID.randomUUID().toString().substring(0, 8))
                .seed(SeedSpec.defaults().withCustomers(3).withInvoicesPerCustomer(3));
        sink = new SinkRows(sl);
        db = new Db(sl);
    }

    @AfterEach
    void close() {
        sl.close();
    }

    @Test
    void aPaymentBatchBecomesApplicationsGlLinesAndClosedInvoices() throws SQLException {
        OpenInvoice a = invoice("C00001", 0);
        OpenInvoice b = invoice("C00001", 1);
        OpenInvoice c = invoice("C00002", 0);
        BigDecimal partial = half(b.docBal());
        BigDecimal pa1 = a.docBal().add(partial).add(new BigDecimal("10.00"));
        BigDecimal bal1 = currBal("C00001");
        BigDecimal bal2 = currBal("C00002");
        String bat = sink.paymentBatch(
                payment("C00001", "TX1001", pa1.toPlainString(), pays(a.refNbr(), a.docBal().toPlainString()),
                        pays(b.refNbr(), partial.toPlainString())),
                payment("C00002", "TX1002", c.docBal().toPlainString(), pays(c.refNbr(), c.docBal().toPlainString())));

        ReleaseResult result = sl.release(bat);

        assertThat(result.released()).as(result.messages().toString()).isTrue();
        assertThat(result.status()).isEqualTo("U");
        // PA1: Dr cash, Cr two invoices, Cr unapplied; PA2: Dr cash, Cr one invoice.
        assertThat(result.counts()).isEqualTo(new ReleaseCounts(2, 3, 6));

        List<Map<String, Object>> adjustments = db.rows("SELECT * FROM dbo.ARAdjust WHERE AdjBatNbr = ? ORDER BY RecordID", bat);
        assertThat(adjustments).hasSize(3);
        assertThat(adjustments.get(0))
                .containsEntry("CUSTID", "C00001").containsEntry("ADJDDOCTYPE", "IN").containsEntry("ADJDREFNBR", a.refNbr())
                .containsEntry("ADJGDOCTYPE", "PA").containsEntry("ADJGREFNBR", "TX1001").containsEntry("ADJBATNBR", bat)
                .containsEntry("ADJAMT", a.docBal()).containsEntry("CURYADJDAMT", a.docBal()).containsEntry("CURYADJGAMT", a.docBal())
                .containsEntry("ADJDISCAMT", money("0")).containsEntry("CURYADJDCURYID", "USD")
                .containsEntry("CURYADJDMULTDIV", "M").containsEntry("CURYADJDRATE", money("1"))
                .containsEntry("ADJGPERPOST", sink.perPost).containsEntry("PERAPPL", sink.perPost)
                .containsEntry("S4FUTURE11", "").containsEntry("S4FUTURE12", "").containsEntry("CRTD_PROG", "08400");
        assertThat(adjustments.get(0).get("ADJGDOCDATE").toString()).startsWith(sink.today.toString());
        assertThat(adjustments.get(0).get("DATEAPPL").toString()).startsWith(sink.today.toString());
        assertThat(adjustments).extracting(r -> r.get("ADJDREFNBR"), r -> r.get("ADJAMT"))
                .containsExactly(tuple(a.refNbr(), a.docBal()), tuple(b.refNbr(), partial), tuple(c.refNbr(), c.docBal()));

        assertThat(db.row("SELECT COUNT(*) AS N FROM dbo.ARTran WHERE BatNbr = ?", bat)).containsEntry("N", 0L);
        assertThat(sl.queries().applicationLines("PA")).isEmpty();

        assertThat(doc("IN", a.refNbr())).containsEntry("DOCBAL", money("0")).containsEntry("CURYDOCBAL", money("0"))
                .containsEntry("OPENDOC", 0L).containsEntry("PERCLOSED", sink.perPost);
        assertThat(doc("IN", b.refNbr())).containsEntry("DOCBAL", b.docBal().subtract(partial)).containsEntry("OPENDOC", 1L)
                .containsEntry("PERCLOSED", "");
        assertThat(doc("PA", "TX1001")).containsEntry("DOCBAL", money("10.00")).containsEntry("CURYDOCBAL", money("10.00"))
                .containsEntry("OPENDOC", 1L).containsEntry("APPLAMT", money("0")).containsEntry("CURYAPPLAMT", money("0"))
                .containsEntry("APPLBATNBR", "").containsEntry("RLSED", 1L).containsEntry("PERPOST", sink.perPost)
                .containsEntry("PERCLOSED", "").containsEntry("ORIGDOCAMT", pa1);
        assertThat(doc("PA", "TX1002")).containsEntry("DOCBAL", money("0")).containsEntry("OPENDOC", 0L)
                .containsEntry("PERCLOSED", sink.perPost);
        assertThat(sl.openInvoices()).extracting(OpenInvoice::refNbr).doesNotContain(a.refNbr(), c.refNbr()).contains(b.refNbr());

        BigDecimal total = pa1.add(c.docBal());
        List<Map<String, Object>> gl = db.rows("SELECT * FROM dbo.GLTran WHERE Module = 'AR' AND BatNbr = ? ORDER BY LineNbr", bat);
        assertThat(gl).hasSize(6);
        for (int i = 0; i < gl.size(); i++) {
            Map<String, Object> line = gl.get(i);
            assertThat(line).containsEntry("LINENBR", (long) Short.MIN_VALUE + i).containsEntry("POSTED", "U")
                    .containsEntry("RLSED", 1L).containsEntry("PERPOST", sink.perPost).containsEntry("PERENT", sink.perPost)
                    .containsEntry("FISCYR", sink.perPost.substring(0, 4)).containsEntry("LEDGERID", "0000")
                    .containsEntry("BALANCETYPE", "A").containsEntry("BASECURYID", "USD").containsEntry("CPNYID", "PTSL")
                    .containsEntry("JRNLTYPE", "AR").containsEntry("TRANTYPE", "PA").containsEntry("CRTD_PROG", "08400");
            assertThat(((BigDecimal) line.get("DRAMT")).signum() == 0).as("one side only: " + line)
                    .isNotEqualTo(((BigDecimal) line.get("CRAMT")).signum() == 0);
            assertThat(line.get("ID")).isEqualTo("TX1001".equals(line.get("REFNBR")) ? "C00001" : "C00002");
        }
        assertThat(glByAccount(bat)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "1010/DR", total, "1010/CR", money("0"), "1300/DR", money("0"), "1300/CR", total));

        assertThat(db.row("SELECT Status, Rlsed, CrTot, DrTot, CuryCrTot, CuryDrTot, LedgerID, BalanceType, BaseCuryID"
                + " FROM dbo.Batch WHERE Module = 'AR' AND BatNbr = ?", bat))
                .containsEntry("STATUS", "U").containsEntry("RLSED", 1L).containsEntry("CRTOT", total).containsEntry("DRTOT", total)
                .containsEntry("CURYCRTOT", total).containsEntry("CURYDRTOT", total).containsEntry("LEDGERID", "0000")
                .containsEntry("BALANCETYPE", "A").containsEntry("BASECURYID", "USD");
        assertThat(currBal("C00001")).isEqualTo(bal1.subtract(pa1));
        assertThat(currBal("C00002")).isEqualTo(bal2.subtract(c.docBal()));
    }

    @Test
    void aCreditMemoAndCashOutDebitMemoPostTheRefundJournal() throws SQLException {
        BigDecimal balance = currBal("C00001");
        String bat = sink.refundBatch("C00001", "RF2001", "25.00");

        ReleaseResult result = sl.release(bat);

        assertThat(result.released()).as(result.messages().toString()).isTrue();
        assertThat(result.counts()).isEqualTo(new ReleaseCounts(2, 0, 4));
        // CM: Cr AR / Dr refund account; DM: Dr AR / Cr cash. AR nets to 0, cash -25, sales returns +25.
        assertThat(glByAccount(bat)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "1300/DR", money("25.00"), "1300/CR", money("25.00"), "1010/DR", money("0"), "1010/CR", money("25.00"),
                "4100/DR", money("25.00"), "4100/CR", money("0")));
        for (String type : List.of("CM", "DM")) {
            assertThat(doc(type, "RF2001")).containsEntry("RLSED", 1L).containsEntry("DOCBAL", money("25.00"))
                    .containsEntry("OPENDOC", 1L).containsEntry("PERPOST", sink.perPost).containsEntry("PERCLOSED", "");
        }
        assertThat(db.rows("SELECT Rlsed, AcctDist, PerPost FROM dbo.ARTran WHERE BatNbr = ?", bat)).hasSize(2)
                .allSatisfy(l -> assertThat(l).containsEntry("RLSED", 1L).containsEntry("ACCTDIST", 1L)
                        .containsEntry("PERPOST", sink.perPost));
        assertThat(db.row("SELECT Status, CrTot, DrTot FROM dbo.Batch WHERE Module = 'AR' AND BatNbr = ?", bat))
                .containsEntry("STATUS", "U").containsEntry("CRTOT", money("50.00")).containsEntry("DRTOT", money("50.00"));
        assertThat(currBal("C00001")).isEqualTo(balance);
        assertThat(db.row("SELECT COUNT(*) AS N FROM dbo.ARAdjust")).containsEntry("N", 0L);
    }

    @Test
    void anNsReversalNegatesTheApplicationsAndReopensTheInvoices() throws SQLException {
        OpenInvoice a = invoice("C00001", 0);
        OpenInvoice b = invoice("C00001", 1);
        BigDecimal partial = half(b.docBal());
        BigDecimal amount = a.docBal().add(partial).add(new BigDecimal("5.00"));
        BigDecimal balance = currBal("C00001");
        String paBatch = sink.paymentBatch(payment("C00001", "TX3001", amount.toPlainString(),
                pays(a.refNbr(), a.docBal().toPlainString()), pays(b.refNbr(), partial.toPlainString())));
        assertThat(sl.release(paBatch).released()).isTrue();
        String nsBatch = sink.reversalBatch("C00001", "TX3001");

        ReleaseResult result = sl.release(nsBatch);

        assertThat(result.released()).as(result.messages().toString()).isTrue();
        assertThat(result.counts()).isEqualTo(new ReleaseCounts(1, 2, 2));
        List<Map<String, Object>> negated = db.rows("SELECT * FROM dbo.ARAdjust WHERE AdjBatNbr = ? ORDER BY RecordID", nsBatch);
        assertThat(negated).extracting(r -> r.get("ADJDREFNBR"), r -> r.get("ADJAMT"), r -> r.get("CURYADJDAMT"), r -> r.get("CURYADJGAMT"))
                .containsExactly(tuple(a.refNbr(), a.docBal().negate(), a.docBal().negate(), a.docBal().negate()),
                        tuple(b.refNbr(), partial.negate(), partial.negate(), partial.negate()));
        assertThat(negated).allSatisfy(r -> assertThat(r).containsEntry("S4FUTURE11", paBatch).containsEntry("S4FUTURE12", "NS")
                .containsEntry("ADJGDOCTYPE", "PA").containsEntry("ADJGREFNBR", "TX3001").containsEntry("ADJDDOCTYPE", "IN")
                .containsEntry("CUSTID", "C00001").containsEntry("PERAPPL", sink.perPost).containsEntry("CRTD_PROG", "08400"));
        // The original applications are untouched: SL keeps both rows, the sum is 0.
        assertThat(db.amount("SELECT SUM(AdjAmt) FROM dbo.ARAdjust WHERE AdjgRefNbr = 'TX3001'")).isEqualTo(money("0"));

        assertThat(doc("IN", a.refNbr())).containsEntry("DOCBAL", a.docBal()).containsEntry("OPENDOC", 1L).containsEntry("PERCLOSED", "");
        assertThat(doc("IN", b.refNbr())).containsEntry("DOCBAL", b.docBal()).containsEntry("OPENDOC", 1L).containsEntry("PERCLOSED", "");
        assertThat(doc("PA", "TX3001")).containsEntry("DOCBAL", money("0")).containsEntry("OPENDOC", 0L)
                .containsEntry("S4FUTURE02", "TX3001").containsEntry("S4FUTURE11", nsBatch).containsEntry("S4FUTURE12", "NS");
        assertThat(doc("NS", "TX3001")).containsEntry("RLSED", 1L).containsEntry("DOCBAL", money("0")).containsEntry("OPENDOC", 0L);
        assertThat(glByAccount(nsBatch)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "1300/DR", amount, "1300/CR", money("0"), "1010/DR", money("0"), "1010/CR", amount));
        assertThat(currBal("C00001")).isEqualTo(balance);
        assertThat(sl.openInvoices()).extracting(OpenInvoice::refNbr).contains(a.refNbr(), b.refNbr());

        // A second reversal of the same payment is refused, and changes nothing but its own batch's status.
        String again = sink.reversalBatch("C00001", "TX3001");
        assertRefusedUnchanged(again, 90009);
    }

    @Test
    void anUnbalancedBatchIsRefusedWith12123() throws SQLException {
        String bat = simplePaymentBatch("TX4001");
        sink.update("UPDATE dbo.Batch SET CrTot = CrTot + 1, CuryCrTot = CuryCrTot + 1 WHERE BatNbr = ?", bat);
        assertRefusedUnchanged(bat, 12123);
    }

    @Test
    void aPaymentOfAnUnreleasedInvoiceIsRefusedWith12306() throws SQLException {
        sink.invoiceBatch("H", "C00001", "0000099001", "300.00");
        String bat = sink.paymentBatch(payment("C00001", "TX4002", "300.00", pays("0000099001", "300.00")));
        assertRefusedUnchanged(bat, 12306);
    }

    @Test
    void aBlankCashAccountIsRefusedWith6928() throws SQLException {
        String bat = simplePaymentBatch("TX4003");
        sink.update("UPDATE dbo.ARDoc SET BankAcct = ' ' WHERE BatNbr = ?", bat);
        assertRefusedUnchanged(bat, 6928);
    }

    @Test
    void aBlankSubaccountOnAnApplicationLineIsRefusedWith6929() throws SQLException {
        String bat = simplePaymentBatch("TX4004");
        sink.update("UPDATE dbo.ARTran SET Sub = ' ' WHERE BatNbr = ?", bat);
        assertRefusedUnchanged(bat, 6929);
    }

    @Test
    void anAccountSlDoesNotHaveIsRefusedWith6928() throws SQLException {
        String bat = sink.refundBatch("C00001", "RF4005", "12.00");
        sink.update("UPDATE dbo.ARTran SET Acct = '9999' WHERE BatNbr = ? AND TranType = 'CM'", bat);
        assertRefusedUnchanged(bat, 6928);
    }

    @Test
    void aBatchInAClosedPeriodIsRefused() throws SQLException {
        String bat = simplePaymentBatch("TX4006");
        String closed = (String) db.row("SELECT LastClosePerNbr FROM dbo.GLSetup").get("LASTCLOSEPERNBR");
        sink.update("UPDATE dbo.Batch SET PerPost = ? WHERE BatNbr = ?", closed, bat);
        ReleaseResult result = assertRefusedUnchanged(bat, SlMessages.CLOSED_PERIOD);
        assertThat(result.messages()).singleElement().satisfies(m -> assertThat(m.invented()).isTrue());
    }

    @Test
    void aBatchWithAReleasedDocumentIsRefusedWith12008() throws SQLException {
        String bat = simplePaymentBatch("TX4007");
        sink.update("UPDATE dbo.ARDoc SET Rlsed = 1 WHERE BatNbr = ?", bat);
        assertRefusedUnchanged(bat, 12008);
    }

    @Test
    void aWrongUnappliedAmountUnbalancesTheGlAndIsRefusedWith8888() throws SQLException {
        String bat = simplePaymentBatch("TX4008");
        sink.update("UPDATE dbo.ARDoc SET ApplAmt = ApplAmt + 5, CuryApplAmt = CuryApplAmt + 5 WHERE BatNbr = ?", bat);
        assertRefusedUnchanged(bat, 8888);
    }

    @Test
    void anUnknownCustomerIsRefusedWith12347() throws SQLException {
        String bat = sink.paymentBatch(payment("C99999", "TX4009", "40.00"));
        assertRefusedUnchanged(bat, 12347);
    }

    @Test
    void applyingMoreThanAnInvoiceOwesIsRefused() throws SQLException {
        OpenInvoice a = invoice("C00001", 0);
        BigDecimal most = a.docBal().multiply(new BigDecimal("0.6")).setScale(2, RoundingMode.UP);
        String bat = sink.paymentBatch(payment("C00001", "TX4010", most.toPlainString(), pays(a.refNbr(), most.toPlainString())),
                payment("C00001", "TX4011", most.toPlainString(), pays(a.refNbr(), most.toPlainString())));
        assertRefusedUnchanged(bat, SlMessages.OVER_APPLIED_DOC);
    }

    @Test
    void aSuspendedBatchIsReleasedOnceFixed() throws SQLException {
        String bat = simplePaymentBatch("TX4012");
        sink.update("UPDATE dbo.Batch SET CrTot = 1, CuryCrTot = 1 WHERE BatNbr = ?", bat);
        assertThat(sl.release(bat).status()).isEqualTo("S");
        assertThat(sl.releaseAll()).as("S batches wait for a user").isEmpty();

        sink.update("UPDATE dbo.Batch SET CrTot = CtrlTot, CuryCrTot = CuryCtrlTot WHERE BatNbr = ?", bat);

        assertThat(sl.release(bat).released()).isTrue();
        assertThat(sl.queries().batch("AR", bat).orElseThrow().status()).isEqualTo("U");
    }

    @Test
    void aReleasedBatchIsNotReleasedTwiceAndKeepsItsStatus() throws SQLException {
        String bat = simplePaymentBatch("TX4013");
        assertThat(sl.release(bat).released()).isTrue();
        Map<String, List<String>> before = db.snapshot();

        ReleaseResult again = sl.release(bat);

        assertThat(again.released()).isFalse();
        assertThat(again.messageNumbers()).containsExactly(12008);
        assertThat(again.status()).isEqualTo("U");
        assertThat(db.snapshot()).isEqualTo(before);
    }

    @Test
    void releaseAllTakesBalancedBatchesOldestFirstAndLeavesHeldOnesAlone() throws SQLException {
        String invoices = sink.invoiceBatch("B", "C00002", "0000099002", "120.00");
        String held = sink.invoiceBatch("H", "C00003", "0000099003", "80.00");
        String payments = sink.paymentBatch(payment("C00002", "TX5001", "120.00", pays("0000099002", "120.00")));

        List<ReleaseResult> results = sl.releaseAll();

        assertThat(results).extracting(ReleaseResult::batNbr).containsExactly(invoices, payments);
        assertThat(results).allSatisfy(r -> assertThat(r.released()).as(r.messages().toString()).isTrue());
        // The invoice was released (Dr AR / Cr sales) before the payment that closes it.
        assertThat(doc("IN", "0000099002")).containsEntry("RLSED", 1L).containsEntry("DOCBAL", money("0")).containsEntry("OPENDOC", 0L);
        assertThat(glByAccount(invoices)).containsEntry("1300/DR", money("120.00")).containsEntry("4000/CR", money("120.00"));
        assertThat(sl.queries().batch("AR", held).orElseThrow().status()).isEqualTo("H");
        assertThat(doc("IN", "0000099003")).containsEntry("RLSED", 0L);
        assertThat(sl.release(held).messageNumbers()).containsExactly(SlMessages.NOT_RELEASABLE_STATUS);
        assertThat(sl.queries().batch("AR", held).orElseThrow().status()).isEqualTo("H");
    }

    @Test
    void aScheduleReleasesBatchesAsTheyArrive() throws Exception {
        AutoCloseable schedule = sl.releaseEvery(Duration.ofMillis(50));
        try {
            String bat = simplePaymentBatch("TX6001");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> "U".equals(sl.queries().batch("AR", bat).orElseThrow().status()));
        } finally {
            schedule.close();
        }
        // Closed: nothing releases batches any more.
        String later = simplePaymentBatch("TX6002");
        assertThat(sl.queries().batch("AR", later).orElseThrow().status()).isEqualTo("B");
    }

    @Test
    void anUnknownBatchIsACallerError() {
        assertThatThrownBy(() -> sl.release("999999")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("999999");
    }

    @Test
    void theRunSummaryCountsWhatWasReleasedAndRefused() {
        String line = ReleaseSchedule.summary(List.of(
                ReleaseResult.released("000101", "U", new ReleaseCounts(2, 3, 6)),
                ReleaseResult.refused("000102", "S", List.of(SlMessages.sl(12123, "x"), SlMessages.sl(6928, "y")))));
        assertThat(line).isEqualTo("SL AR release: 2 batches, 1 released (2 documents, 3 ARAdjust, 6 GL lines), 1 refused"
                + " [000102: 12123: x, 6928: y]");
    }

    // ---- helpers

    /** A one-payment batch paying half of C00001's first invoice and leaving 1.00 unapplied. */
    private String simplePaymentBatch(String refNbr) throws SQLException {
        OpenInvoice a = invoice("C00001", 0);
        BigDecimal applied = half(a.docBal());
        return sink.paymentBatch(payment("C00001", refNbr, applied.add(BigDecimal.ONE).toPlainString(),
                pays(a.refNbr(), applied.toPlainString())));
    }

    /** Refused with {@code number}, Status 'S', and every other column of every table as it was. */
    private ReleaseResult assertRefusedUnchanged(String batNbr, int number) throws SQLException {
        Map<String, List<String>> before = db.snapshot("BATCH.STATUS");

        ReleaseResult result = sl.release(batNbr);

        assertThat(result.released()).isFalse();
        assertThat(result.messageNumbers()).as(result.messages().toString()).containsExactly(number);
        assertThat(result.status()).isEqualTo("S");
        assertThat(result.counts()).isEqualTo(ReleaseCounts.NONE);
        assertThat(db.snapshot("BATCH.STATUS")).isEqualTo(before);
        assertThat(sl.queries().batch("AR", batNbr).orElseThrow().status()).isEqualTo("S");
        return result;
    }

    private OpenInvoice invoice(String custId, int index) {
        return sl.openInvoices().stream().filter(i -> i.custId().equals(custId)).toList().get(index);
    }

    private Map<String, Object> doc(String docType, String refNbr) throws SQLException {
        return db.row("SELECT * FROM dbo.ARDoc WHERE DocType = ? AND RefNbr = ?", docType, refNbr);
    }

    private BigDecimal currBal(String custId) throws SQLException {
        return db.amount("SELECT CurrBal FROM dbo.AR_Balances WHERE CustID = ?", custId);
    }

    /** "Acct/DR" and "Acct/CR" totals of one batch's GL lines. */
    private Map<String, BigDecimal> glByAccount(String batNbr) throws SQLException {
        Map<String, BigDecimal> out = new java.util.HashMap<>();
        for (Map<String, Object> r : db.rows("SELECT Acct, SUM(DrAmt) AS DR, SUM(CrAmt) AS CR FROM dbo.GLTran"
                + " WHERE Module = 'AR' AND BatNbr = ? GROUP BY Acct", batNbr)) {
            out.put(r.get("ACCT") + "/DR", (BigDecimal) r.get("DR"));
            out.put(r.get("ACCT") + "/CR", (BigDecimal) r.get("CR"));
        }
        return out;
    }

    private static BigDecimal half(BigDecimal amount) {
        return amount.divide(BigDecimal.valueOf(2), 2, RoundingMode.DOWN);
    }

    private static BigDecimal money(String amount) {
        return SlValues.money(new BigDecimal(amount));
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}
