package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.sql.RowWriter;
import com.ptsl.sink.sql.dialect.SqlDialect;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.ReversalCommands;
import com.ptsl.sink.support.SlReader;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What SlWriter must do to any SL database (Debezium-style abstract suite): a subclass supplies a
 * seeded database (customers C00001.. with released open invoices, ARSetup.LastBatNbr = 000100,
 * AR account 1300, cash accounts 1010/1020 00-000-00, a calendar fiscal year); everything else here
 * is plain JDBC in the SQL both H2 and SQL Server accept.
 */
abstract class SlWriterContract extends PostingFixture {

    @Test
    void aPaymentBecomesOneBalanced08030BatchOnePaDocumentAndOneApplicationLinePerInvoice() throws SQLException {
        List<SlReader.Invoice> invoices = sl.openInvoices("C00001");
        SlReader.Invoice first = invoices.get(0);
        SlReader.Invoice second = invoices.get(1);
        BigDecimal onFirst = first.docBal().min(new BigDecimal("40.00"));
        BigDecimal onSecond = second.docBal().min(new BigDecimal("25.50"));
        BigDecimal amount = onFirst.add(onSecond).add(new BigDecimal("10.00"));
        String lastBatNbrBefore = sl.lastBatNbr();

        PostingOutcome outcome = apply(Commands.payment("cmd-1", "C00001", "700001", amount.toPlainString(), TODAY,
                Commands.application(first.refNbr(), onFirst), Commands.application(second.refNbr(), onSecond)));

        assertThat(outcome.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.refNbr()).isEqualTo("700001");
        assertThat(lastBatNbrBefore).isEqualTo("000100");
        assertThat(outcome.batNbr()).isEqualTo("000101");
        assertThat(sl.lastBatNbr()).isEqualTo("000101");

        Map<String, Object> batch = sl.batch(outcome.batNbr());
        assertThat(batch).containsEntry("Module", "AR").containsEntry("EditScrnNbr", "08030").containsEntry("JrnlType", "AR")
                .containsEntry("BatType", "N").containsEntry("Status", "B").containsEntry("Rlsed", 0)
                .containsEntry("CpnyID", "PTSL").containsEntry("BankAcct", "1010").containsEntry("BankSub", "00-000-00")
                .containsEntry("CuryId", "USD").containsEntry("CuryMultDiv", "M").containsEntry("Crtd_Prog", "PTSL")
                .containsEntry("Crtd_User", "PTSL").containsEntry("PerPost", FiscalCalendar.calendarYear().period(TODAY))
                .containsEntry("DateEnt", TODAY.atStartOfDay());
        for (String total : List.of("CtrlTot", "CrTot", "DepositAmt", "CuryCtrlTot", "CuryCrTot", "CuryDepositAmt")) {
            assertThat((BigDecimal) batch.get(total)).as(total).isEqualByComparingTo(amount);
        }
        assertThat(sl.sumOrigDocAmt(outcome.batNbr())).isEqualByComparingTo(amount);

        List<Map<String, Object>> payments = sl.paymentsWithRefNbr("700001");
        assertThat(payments).hasSize(1);
        Map<String, Object> pa = payments.get(0);
        assertThat(pa).containsEntry("CustId", "C00001").containsEntry("BatNbr", "000101").containsEntry("BatSeq", 1)
                .containsEntry("ApplBatNbr", "000101").containsEntry("ApplBatSeq", 1).containsEntry("CpnyID", "PTSL")
                .containsEntry("BankAcct", "1010").containsEntry("BankSub", "00-000-00").containsEntry("CustOrdNbr", "700001")
                .containsEntry("DocDesc", "PayTrace card xxxx5439").containsEntry("User1", "PayTrace 700001")
                .containsEntry("Rlsed", 0).containsEntry("OpenDoc", 1).containsEntry("CuryId", "USD")
                .containsEntry("DocDate", TODAY.atStartOfDay());
        assertThat((BigDecimal) pa.get("OrigDocAmt")).isEqualByComparingTo(amount);
        assertThat((BigDecimal) pa.get("DocBal")).isEqualByComparingTo(amount);
        assertThat((BigDecimal) pa.get("CuryOrigDocAmt")).isEqualByComparingTo(amount);
        assertThat((BigDecimal) pa.get("ApplAmt")).isEqualByComparingTo("10.00");
        assertThat((BigDecimal) pa.get("CuryApplAmt")).isEqualByComparingTo("10.00");
        assertThat((LocalDateTime) pa.get("Crtd_DateTime")).matches(t -> t.getSecond() == 0 && t.getNano() == 0, "rounded to the minute");

        List<Map<String, Object>> lines = sl.applicationLines("C00001", "700001");
        assertThat(lines).hasSize(2);
        assertThat(lines).extracting(l -> l.get("SiteId")).containsExactly(first.refNbr(), second.refNbr());
        assertThat(lines).extracting(l -> ((Number) l.get("LineNbr")).intValue()).containsExactly(-32768, -32767);
        assertThat(lines).allSatisfy(l -> assertThat(l).containsEntry("CostType", "IN").containsEntry("TranType", "PA")
                .containsEntry("BatNbr", "000101").containsEntry("Acct", "1300").containsEntry("Sub", "00-000-00")
                .containsEntry("JrnlType", "AR").containsEntry("ExtRefNbr", "700001").containsEntry("Rlsed", 0)
                .containsEntry("FiscYr", String.valueOf(TODAY.getYear())));
        assertThat((BigDecimal) lines.get(0).get("TranAmt")).isEqualByComparingTo(onFirst);
        assertThat((BigDecimal) lines.get(1).get("CuryTranAmt")).isEqualByComparingTo(onSecond);
    }

    @Test
    void aSecondPaymentTheSameDayJoinsTheSameBatchAndKeepsItBalanced() throws SQLException {
        PostingOutcome one = apply(Commands.payment("cmd-1", "C00001", "700001", "100.10", TODAY));
        PostingOutcome two = apply(Commands.payment("cmd-2", "C00002", "700002", "0.20", TODAY,
                Commands.application(sl.openInvoices("C00002").get(0).refNbr(), "0.20")));

        assertThat(two.batNbr()).isEqualTo(one.batNbr());
        assertThat(sl.lastBatNbr()).isEqualTo(one.batNbr());
        assertThat(sl.paymentsWithRefNbr("700002").get(0)).containsEntry("BatSeq", 2);
        Map<String, Object> batch = sl.batch(one.batNbr());
        assertThat((BigDecimal) batch.get("CtrlTot")).isEqualByComparingTo("100.30");
        assertThat((BigDecimal) batch.get("CrTot")).isEqualByComparingTo("100.30");
        assertThat((BigDecimal) batch.get("DepositAmt")).isEqualByComparingTo("100.30");
        assertThat(sl.sumOrigDocAmt(one.batNbr())).isEqualByComparingTo("100.30");
    }

    @Test
    void anotherDayOrAnotherCashAccountStartsANewBatchNumberedFromArSetup() throws SQLException {
        PostingOutcome today = apply(Commands.payment("cmd-1", "C00001", "700001", "50.00", TODAY));
        PostingOutcome yesterday = apply(Commands.payment("cmd-2", "C00001", "700002", "60.00", TODAY.minusDays(1)));
        PostingOutcome ach = apply(Commands.payment("cmd-3", "C00001", "700003", "70.00", TODAY, PaymentMethod.ACH));

        assertThat(today.batNbr()).isEqualTo("000101");
        assertThat(yesterday.batNbr()).isEqualTo("000102");
        assertThat(ach.batNbr()).isEqualTo("000103");
        assertThat(sl.lastBatNbr()).isEqualTo("000103");
        assertThat(sl.batch("000102")).containsEntry("DateEnt", TODAY.minusDays(1).atStartOfDay())
                .containsEntry("PerPost", postingPeriod(TODAY.minusDays(1)));
        assertThat(sl.batch("000103")).containsEntry("BankAcct", "1020");
        assertThat((BigDecimal) sl.batch("000102").get("CtrlTot")).isEqualByComparingTo("60.00");
    }

    @Test
    void batchNumbersAlreadyTakenInSlAreSkipped() throws SQLException {
        try (Connection c = db.connect()) {
            RowWriter.forTable(c, SqlDialect.forJdbcUrl(db.jdbcUrl()), "Batch").insert(c, Map.of("Module", "AR", "BatNbr", "000101",
                    "EditScrnNbr", "08010", "Status", "H", "CpnyID", "PTSL"));
        }
        PostingOutcome outcome = apply(Commands.payment("cmd-1", "C00001", "700001", "50.00", TODAY));

        assertThat(outcome.batNbr()).isEqualTo("000102");
        assertThat(sl.lastBatNbr()).isEqualTo("000102");
    }

    @Test
    void anUnknownCustomerIsRejectedAndNothingIsWritten() throws SQLException {
        int batches = sl.count("Batch");
        int docs = sl.count("ARDoc");
        int trans = sl.count("ARTran");

        PostingOutcome outcome = apply(Commands.payment("cmd-1", "C99999", "700001", "50.00", TODAY,
                Commands.application("0000010001", "50.00")));

        assertThat(outcome.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(outcome.reason()).contains("unknown customer").contains("C99999");
        assertThat(sl.count("Batch")).isEqualTo(batches);
        assertThat(sl.count("ARDoc")).isEqualTo(docs);
        assertThat(sl.count("ARTran")).isEqualTo(trans);
        assertThat(sl.lastBatNbr()).isEqualTo("000100");
    }

    @Test
    void permanentProblemsAreRejectedWithAReasonNamingThem() throws SQLException {
        sl.execute("UPDATE " + sl.dialect().table("Customer") + " SET Status = 'I' WHERE CustId = ?", "C00003");
        SlReader.Invoice unreleased = sl.openInvoices("C00004").get(0);
        sl.execute("UPDATE " + sl.dialect().table("ARDoc") + " SET Rlsed = 0 WHERE CustId = ? AND DocType = 'IN' AND RefNbr = ?",
                "C00004", unreleased.refNbr());
        String otherCustomersInvoice = sl.openInvoices("C00006").get(0).refNbr();

        assertThat(apply(Commands.payment("c1", "C00003", "700001", "5.00", TODAY)).reason())
                .contains("inactive").contains("C00003");
        assertThat(apply(Commands.payment("c2", "C00001", "12345678901", "5.00", TODAY)).reason())
                .contains("12345678901").contains("RefNbr");
        assertThat(apply(Commands.payment("c3", "C00005", "700003", "5.00", TODAY, Commands.application(otherCustomersInvoice, "5.00")))
                .reason()).contains(otherCustomersInvoice).contains("does not exist for customer C00005");
        assertThat(apply(Commands.payment("c4", "C00004", "700004", "5.00", TODAY, Commands.application(unreleased.refNbr(), "5.00")))
                .reason()).contains(unreleased.refNbr()).contains("not released");
        assertThat(apply(Commands.payment("c5", "C00001", "700005", "5.00", TODAY,
                Commands.application(sl.openInvoices("C00001").get(0).refNbr(), "6.00"))).reason())
                .contains("exceeds the payment amount");
        assertThat(sl.payments()).isEmpty();
        assertThat(sl.count("Batch")).isEqualTo(countSeededBatches());
    }

    @Test
    void aPaymentIsNeverPostedTwiceUnderTheSameRefNbr() throws SQLException {
        apply(Commands.payment("cmd-1", "C00001", "700001", "50.00", TODAY));
        PostingOutcome again = apply(Commands.payment("cmd-other-id", "C00002", "700001", "50.00", TODAY));

        assertThat(again.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(again.reason()).contains("700001").contains("already exists");
        assertThat(sl.paymentsWithRefNbr("700001")).hasSize(1);
    }

    @Test
    void anApplicationBeyondTheInvoiceBalanceIsCappedAndTheRestStaysOnAccount() throws SQLException {
        SlReader.Invoice invoice = sl.openInvoices("C00007").get(0);
        BigDecimal over = invoice.docBal().add(new BigDecimal("50.00"));

        PostingOutcome first = apply(Commands.payment("cmd-1", "C00007", "700001", over.toPlainString(), TODAY,
                Commands.application(invoice.refNbr(), over)));
        // The invoice is now fully spoken for by an unreleased 'U' line: a second payment cannot apply to it at all.
        PostingOutcome second = apply(Commands.payment("cmd-2", "C00007", "700002", "30.00", TODAY,
                Commands.application(invoice.refNbr(), "30.00")));

        assertThat(first.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(first.reason()).contains("capped").contains(invoice.refNbr()).contains("50.00 left unapplied");
        assertThat((BigDecimal) sl.applicationLines("C00007", "700001").get(0).get("TranAmt")).isEqualByComparingTo(invoice.docBal());
        assertThat((BigDecimal) sl.paymentsWithRefNbr("700001").get(0).get("ApplAmt")).isEqualByComparingTo("50.00");

        assertThat(second.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(second.reason()).contains("capped").contains("applied 0.00 of 30.00");
        assertThat(sl.applicationLines("C00007", "700002")).isEmpty();
        assertThat((BigDecimal) sl.paymentsWithRefNbr("700002").get(0).get("ApplAmt")).isEqualByComparingTo("30.00");
        BigDecimal appliedToInvoice = sl.rows("SELECT COALESCE(SUM(TranAmt), 0) AS T FROM " + sl.dialect().table("ARTran")
                + " WHERE SiteId = ? AND DrCr = 'U'", invoice.refNbr()).stream().map(r -> (BigDecimal) r.get("T")).findFirst().orElseThrow();
        assertThat(appliedToInvoice).isEqualByComparingTo(invoice.docBal());
    }

    @Test
    void everyRowTheSinkInsertsHasEveryColumnFilled() throws SQLException {
        SlReader.Invoice invoice = sl.openInvoices("C00008").get(0);
        apply(Commands.payment("cmd-1", "C00008", "700001", "12.34", TODAY, Commands.application(invoice.refNbr(), "12.34")));
        apply(Commands.payment("cmd-2", "C00009", "700002", "56.78", TODAY.minusDays(3)));

        for (String table : List.of("Batch", "ARDoc", "ARTran")) {
            List<Map<String, Object>> rows = sl.writtenBy(table, "PTSL");
            assertThat(rows).as(table).isNotEmpty();
            assertThat(SlReader.nullColumns(rows, table.equals("Batch") ? "BatNbr" : "RefNbr")).as(table).isEmpty();
            // SL's empty values, not NULLs: a column the sink did not name is blank, 0 or 1900-01-01.
            assertThat(rows).allSatisfy(r -> assertThat(r.get("S4Future07")).isEqualTo(LocalDate.of(1900, 1, 1).atStartOfDay()));
            assertThat(rows).allSatisfy(r -> assertThat(r.get("User6")).isEqualTo(""));
        }
        assertThat(sl.writtenBy("ARDoc", "PTSL")).hasSize(2);
        assertThat(sl.writtenBy("ARTran", "PTSL")).hasSize(1);
        assertThat(sl.writtenBy("Batch", "PTSL")).hasSize(2);
    }

    @Test
    void aStaleDecisionIsCaughtTwoPaymentsEachApplyingTheWholeBalanceTheSecondIsCappedWithAReason() throws SQLException {
        SlReader.Invoice invoice = sl.openInvoices("C00011").get(0);
        String whole = invoice.docBal().toPlainString();

        // Both decided on the same view of the invoice: its whole balance is available.
        PostingOutcome first = apply(Commands.payment("cmd-1", "C00011", "700001", whole, TODAY, Commands.application(invoice.refNbr(), whole)));
        PostingOutcome second = apply(Commands.payment("cmd-2", "C00011", "700002", whole, TODAY, Commands.application(invoice.refNbr(), whole)));

        assertThat(first.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(first.reason()).isNull();
        assertThat(second.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(second.reason()).contains("capped").contains("invoice IN " + invoice.refNbr())
                .contains("applied 0.00 of " + whole).contains(whole + " left unapplied on account");
        assertThat(sl.applicationLines("C00011", "700002")).isEmpty();
        assertThat((BigDecimal) sl.paymentsWithRefNbr("700002").get(0).get("ApplAmt")).isEqualByComparingTo(whole);
        assertThat(pendingOn(invoice.refNbr())).as("the invoice is never over-applied").isEqualByComparingTo(whole);
    }

    @Test
    void applyPaymentSpendsUnappliedCashOfAnUnreleasedPaymentWithoutChangingTheBatchTotal() throws SQLException {
        List<SlReader.Invoice> invoices = sl.openInvoices("C00012");
        SlReader.Invoice first = invoices.get(0);
        SlReader.Invoice second = invoices.get(1);
        BigDecimal onFirst = first.docBal().min(new BigDecimal("20.00"));
        BigDecimal onSecond = second.docBal().min(new BigDecimal("15.00"));
        BigDecimal amount = onFirst.add(onSecond).add(new BigDecimal("30.00"));
        PostingOutcome posted = apply(Commands.payment("post-1", "C00012", "710001", amount.toPlainString(), TODAY,
                Commands.application(first.refNbr(), onFirst)));
        BigDecimal ctrlTotBefore = (BigDecimal) sl.batch(posted.batNbr()).get("CtrlTot");

        PostingOutcome applied = apply(Commands.applyPayment("apply-1", "C00012", "710001", Commands.application(second.refNbr(), onSecond)));

        assertThat(applied.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(applied.reason()).isNull();
        assertThat(applied.batNbr()).isEqualTo(posted.batNbr());
        assertThat(applied.refNbr()).isEqualTo("710001");
        assertThat(applied.documentsWritten()).isZero();
        List<Map<String, Object>> lines = sl.applicationLines("C00012", "710001");
        assertThat(lines).hasSize(2);
        assertThat(lines).extracting(l -> l.get("SiteId")).containsExactly(first.refNbr(), second.refNbr());
        assertThat(lines).extracting(l -> ((Number) l.get("LineNbr")).intValue()).containsExactly(-32768, -32767);
        assertThat(lines).extracting(l -> ((Number) l.get("LineId")).intValue()).containsExactly(1, 2);
        assertThat(lines).extracting(l -> l.get("User1")).containsExactly("post-1", "apply-1");
        assertThat(lines.get(1)).containsEntry("CostType", "IN").containsEntry("TranType", "PA").containsEntry("BatNbr", posted.batNbr())
                .containsEntry("Acct", "1300").containsEntry("JrnlType", "AR").containsEntry("ExtRefNbr", "710001").containsEntry("Rlsed", 0)
                .containsEntry("PerPost", lines.get(0).get("PerPost")).containsEntry("DrCr", "U");
        assertThat((BigDecimal) lines.get(1).get("TranAmt")).isEqualByComparingTo(onSecond);
        Map<String, Object> pa = sl.paymentsWithRefNbr("710001").get(0);
        assertThat((BigDecimal) pa.get("ApplAmt")).isEqualByComparingTo("30.00");
        assertThat((BigDecimal) pa.get("CuryApplAmt")).isEqualByComparingTo("30.00");
        assertThat((BigDecimal) pa.get("OrigDocAmt")).isEqualByComparingTo(amount);
        assertThat(pa).containsEntry("LineCntr", 2);
        assertThat((BigDecimal) sl.batch(posted.batNbr()).get("CtrlTot")).as("document total unchanged").isEqualByComparingTo(ctrlTotBefore);
        assertThat(sl.sumOrigDocAmt(posted.batNbr())).isEqualByComparingTo(ctrlTotBefore);
        assertThat(SlReader.nullColumns(sl.writtenBy("ARTran", "PTSL"), "RefNbr")).isEmpty();
    }

    @Test
    void applyPaymentIsCappedByEachInvoicesBalanceAndByTheCashLeftOnThePayment() throws SQLException {
        List<SlReader.Invoice> invoices = sl.openInvoices("C00013");
        SlReader.Invoice small = invoices.stream().min(java.util.Comparator.comparing(SlReader.Invoice::docBal)).orElseThrow();
        SlReader.Invoice other = invoices.stream().filter(i -> !i.refNbr().equals(small.refNbr())).findFirst().orElseThrow();
        BigDecimal cash = small.docBal().add(new BigDecimal("10.00"));
        apply(Commands.payment("post-1", "C00013", "720001", cash.toPlainString(), TODAY));

        // More than the small invoice holds, then more than the cash left: both are cut, nothing is lost.
        PostingOutcome outcome = apply(Commands.applyPayment("apply-1", "C00013", "720001",
                Commands.application(small.refNbr(), small.docBal().add(new BigDecimal("5.00"))),
                Commands.application(other.refNbr(), new BigDecimal("25.00"))));

        assertThat(outcome.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(outcome.reason()).contains("capped")
                .contains("invoice IN " + small.refNbr() + ": applied " + small.docBal() + " of ")
                .contains("(available balance " + small.docBal() + ")")
                .contains("invoice IN " + other.refNbr() + ": applied 10.00 of 25.00 requested (unapplied cash left on the payment 10.00)");
        List<Map<String, Object>> lines = sl.applicationLines("C00013", "720001");
        assertThat(lines).extracting(l -> (BigDecimal) l.get("TranAmt")).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(small.docBal(), new BigDecimal("10.00"));
        assertThat((BigDecimal) sl.paymentsWithRefNbr("720001").get(0).get("ApplAmt")).isEqualByComparingTo("0.00");
        assertThat(sl.paymentsWithRefNbr("720001").get(0)).containsEntry("LineCntr", 2);
    }

    @Test
    void applyPaymentIsRejectedWhenThereIsNothingItMayApply() throws SQLException {
        SlReader.Invoice invoice = sl.openInvoices("C00014").get(0);
        apply(Commands.payment("post-1", "C00014", "730001", "40.00", TODAY));
        apply(Commands.payment("post-2", "C00014", "730002", "5.00", TODAY, Commands.application(invoice.refNbr(), "5.00")));
        apply(Commands.payment("post-3", "C00014", "730003", "9.00", TODAY));
        sl.execute("UPDATE " + sl.dialect().table("ARDoc") + " SET Rlsed = 1 WHERE DocType = 'PA' AND RefNbr = ?", "730003");

        assertThat(apply(Commands.applyPayment("a1", "C00014", "739999", Commands.application(invoice.refNbr(), "1.00"))).reason())
                .contains("unknown payment 739999");
        assertThat(apply(Commands.applyPayment("a2", "C00015", "730001", Commands.application(invoice.refNbr(), "1.00"))).reason())
                .contains("payment 730001 belongs to customer C00014, not C00015");
        assertThat(apply(Commands.applyPayment("a3", "C00014", "730002", Commands.application(invoice.refNbr(), "1.00"))).reason())
                .contains("payment 730002 has no unapplied cash left");
        PostingOutcome released = apply(Commands.applyPayment("a4", "C00014", "730003", Commands.application(invoice.refNbr(), "1.00")));
        assertThat(released.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(released.reason()).isEqualTo("payment 730003 is already released; apply its unapplied cash in SL (screen 08.030)");
        assertThat(apply(Commands.applyPayment("a5", "C00014", "730001", Commands.application("0000099999", "1.00"))).reason())
                .contains("does not exist for customer C00014");
        sl.execute("UPDATE " + sl.dialect().table("ARDoc") + " SET DocBal = 0 WHERE DocType = 'IN' AND RefNbr = ?", invoice.refNbr());
        assertThat(apply(Commands.applyPayment("a6", "C00014", "730001", Commands.application(invoice.refNbr(), "1.00"))).reason())
                .contains("nothing applied from payment 730001").contains("applied 0.00 of 1.00");
        assertThat(apply(Commands.applyPayment("a7", "C00014", "730001")).reason()).contains("lists no invoices");

        assertThat(sl.applicationLines("C00014", "730001")).isEmpty();
        assertThat((BigDecimal) sl.paymentsWithRefNbr("730001").get(0).get("ApplAmt")).isEqualByComparingTo("40.00");
    }

    @Test
    void applyPaymentToAPaymentKeyedInSlIsRejected() throws SQLException {
        SlReader.Invoice invoice = sl.openInvoices("C00016").get(0);
        PostingOutcome posted = apply(Commands.payment("post-1", "C00016", "740001", "40.00", TODAY));
        // An SL user's batch: same rows, but not created by this integration.
        sl.execute("UPDATE " + sl.dialect().table("Batch") + " SET Crtd_Prog = '08030' WHERE Module = 'AR' AND BatNbr = ?", posted.batNbr());

        PostingOutcome outcome = apply(Commands.applyPayment("a1", "C00016", "740001", Commands.application(invoice.refNbr(), "1.00")));

        assertThat(outcome.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(outcome.reason()).contains("this integration did not create").contains("08.030");
    }

    @Test
    void theOutcomeOfAPostingNamesItsEventDocumentAndAmount() throws SQLException {
        PostingOutcome posted = apply(Commands.payment("cmd-1", "C00017", "750001", "21.00", TODAY));
        PostingOutcome applied = apply(Commands.applyPayment("a1", "C00017", "750001",
                Commands.application(sl.openInvoices("C00017").get(0).refNbr(), "1.00")));

        assertThat(posted.event()).isEqualTo(PostingEvent.POSTED);
        assertThat(posted.documents()).containsExactly("PA/750001/" + posted.batNbr());
        assertThat(posted.amount()).isEqualByComparingTo("21.00");
        assertThat(applied.event()).isEqualTo(PostingEvent.CASH_APPLIED);
        assertThat(applied.documents()).containsExactly("PA/750001/" + posted.batNbr());
        assertThat(applied.amount()).isEqualByComparingTo("1.00");
        PostingOutcome unsupported = apply(com.ptsl.schemas.avro.ErpCommand.newBuilder(Commands.payment("x", "C00017", "750002", "1.00", TODAY))
                .setPayload(com.ptsl.schemas.avro.Application.newBuilder().setInvoiceRefNbr("1").setAmount(new BigDecimal("1.00")).build())
                .build());
        assertThat(unsupported.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(unsupported.reason()).contains("command type Application is not supported");
    }

    @Test
    void aCardPaymentDepositsToTheClearingAccountOfTheMostSpecificGlRule() throws SQLException {
        addAccount("1015", "Amex clearing");
        addAccount("1016", "Merchant 2 clearing");
        SlWriter ruled = writer(SETTINGS.withGlRules(GlRules.parse("CARD:AMEX:*=1015/00-000-00; CARD:*:merchant2=1016/00-000-00")));

        PostingOutcome amex = apply(ruled, ReversalCommands.cardPayment("c1", "C00001", "760001", "10.00", TODAY, "AMEX", "merchant1"));
        PostingOutcome visaOnMerchant2 = apply(ruled, ReversalCommands.cardPayment("c2", "C00002", "760002", "11.00", TODAY, "VISA", "MERCHANT2"));
        PostingOutcome amexOnMerchant2 = apply(ruled, ReversalCommands.cardPayment("c3", "C00003", "760003", "12.00", TODAY, "amex", "merchant2"));
        PostingOutcome unknownCard = apply(ruled, ReversalCommands.cardPayment("c4", "C00004", "760004", "13.00", TODAY, "", ""));
        PostingOutcome ach = apply(ruled, Commands.payment("c5", "C00005", "760005", "14.00", TODAY, PaymentMethod.ACH));

        assertThat(sl.paymentsWithRefNbr("760001").get(0)).containsEntry("BankAcct", "1015").containsEntry("BankSub", "00-000-00");
        assertThat(sl.batch(amex.batNbr())).containsEntry("BankAcct", "1015");
        assertThat(sl.paymentsWithRefNbr("760002").get(0)).containsEntry("BankAcct", "1016");
        assertThat(sl.paymentsWithRefNbr("760003").get(0)).as("a named merchant outweighs a named card type").containsEntry("BankAcct", "1016");
        assertThat(amexOnMerchant2.batNbr()).isEqualTo(visaOnMerchant2.batNbr());
        assertThat(sl.paymentsWithRefNbr("760004").get(0)).containsEntry("BankAcct", "1010");
        assertThat(sl.paymentsWithRefNbr("760005").get(0)).containsEntry("BankAcct", "1020");
        assertThat(List.of(amex.batNbr(), visaOnMerchant2.batNbr(), unknownCard.batNbr(), ach.batNbr())).doesNotHaveDuplicates();
        released(amex.batNbr());
        assertThat(glNet(amex.batNbr(), "1015")).as("release debits the rule's account").isEqualByComparingTo("10.00");
    }

    @Test
    void aGlRuleNamingAnAccountSlDoesNotHaveFailsTheSetupCheckNamingTheRuleAndNothingIsPosted() throws SQLException {
        SlWriter ruled = writer(SETTINGS.withGlRules(GlRules.parse("CARD:AMEX:*=1099/00-000-00")));
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> ruled.verifySetup(c)).isInstanceOf(SlSetupException.class)
                    .hasMessageContaining("CARD:AMEX:*=1099/00-000-00").hasMessageContaining("SL_GL_RULES")
                    .hasMessageContaining("account 1099").hasMessageContaining("Account table does not have");
        }
        // The check also guards the first command: a setup error is thrown (the poll batch is retried), never a REJECTED.
        assertThatThrownBy(() -> apply(ruled, Commands.payment("c1", "C00001", "770001", "10.00", TODAY)))
                .isInstanceOf(SlSetupException.class).hasMessageContaining("CARD:AMEX:*=1099/00-000-00");
        assertThat(sl.payments()).isEmpty();
        assertThat(sl.count("Batch")).isEqualTo(countSeededBatches());
    }

    @Test
    void theSetupCheckNamesAnInactiveAccountAMissingSubaccountAndABadRefundAccount() throws SQLException {
        sl.execute("UPDATE " + sl.dialect().table("Account") + " SET Active = 0 WHERE Acct = '1020'");
        assertSetupFails(SETTINGS, "ACH:*:*=1020/00-000-00", "SL_ACH_CASH_ACCT", "inactive");
        sl.execute("UPDATE " + sl.dialect().table("Account") + " SET Active = 1 WHERE Acct = '1020'");

        assertSetupFails(SETTINGS.withGlRules(GlRules.parse("CARD:*:m9=1010/99-999-99")), "CARD:*:M9=1010/99-999-99",
                "subaccount 99-999-99", "SubAcct table does not have");
        assertSetupFails(SETTINGS.withRefunds(new GlAccount("4999", "00-000-00"), RefundPolicy.DEBIT_MEMO), "refund account 4999/00-000-00",
                "SL_REFUND_ACCT", "account 4999");
        sl.execute("UPDATE " + sl.dialect().table("ARSetup") + " SET RfndAcct = '4998', RfndSub = '00-000-00'");
        assertSetupFails(SETTINGS, "refund account 4998/00-000-00", "ARSetup.RfndAcct", "account 4998");

        sl.execute("UPDATE " + sl.dialect().table("ARSetup") + " SET RfndAcct = '4000'");
        try (Connection c = db.connect()) {
            assertThat(writer(SETTINGS.withGlRules(GlRules.parse("CARD:VISA:*=1010/00-000-00"))).verifySetup(c)).isEmpty();
        }
    }

    @Test
    void aPaymentDatedInAClosedPeriodPostsToTheFirstOpenPeriodInABatchOfItsOwn() throws SQLException {
        String thisPeriod = String.format("%04d%02d", TODAY.getYear(), TODAY.getMonthValue());
        String nextPeriod = String.format("%04d%02d", TODAY.plusMonths(1).getYear(), TODAY.plusMonths(1).getMonthValue());
        PostingOutcome before = apply(Commands.payment("cmd-1", "C00018", "780001", "10.00", TODAY));
        sl.execute("UPDATE " + sl.dialect().table("GLSetup") + " SET LastClosePerNbr = ?", thisPeriod);

        PostingOutcome after = apply(Commands.payment("cmd-2", "C00019", "780002", "20.00", TODAY,
                Commands.application(sl.openInvoices("C00019").get(0).refNbr(), "20.00")));

        assertThat(sl.batch(before.batNbr())).containsEntry("PerPost", thisPeriod);
        assertThat(after.batNbr()).as("the open batch of a period now closed is not reused").isNotEqualTo(before.batNbr());
        assertThat(sl.batch(after.batNbr())).containsEntry("PerPost", nextPeriod).containsEntry("DateEnt", TODAY.atStartOfDay());
        assertThat(sl.paymentsWithRefNbr("780002").get(0)).containsEntry("PerPost", nextPeriod).containsEntry("DocDate", TODAY.atStartOfDay());
        assertThat(sl.applicationLines("C00019", "780002").get(0)).containsEntry("PerPost", nextPeriod)
                .containsEntry("FiscYr", nextPeriod.substring(0, 4));
        released(after.batNbr());
        assertThat(releaseBatch(before.batNbr()).released()).as("release refuses the closed period").isFalse();
    }

    private void assertSetupFails(PostingSettings settings, String... messageParts) throws SQLException {
        try (Connection c = db.connect()) {
            var failure = assertThatThrownBy(() -> writer(settings).verifySetup(c)).isInstanceOf(SlSetupException.class);
            for (String part : messageParts) {
                failure.hasMessageContaining(part);
            }
        }
    }

    private BigDecimal pendingOn(String invoiceRefNbr) {
        return (BigDecimal) sl.rows("SELECT COALESCE(SUM(TranAmt), 0) AS T FROM " + sl.dialect().table("ARTran")
                + " WHERE SiteId = ? AND DrCr = 'U'", invoiceRefNbr).get(0).get("T");
    }

    private int countSeededBatches() {
        return ((Number) sl.rows("SELECT COUNT(*) AS N FROM " + sl.dialect().table("Batch") + " WHERE Crtd_Prog <> 'PTSL'")
                .get(0).get("N")).intValue();
    }
}
