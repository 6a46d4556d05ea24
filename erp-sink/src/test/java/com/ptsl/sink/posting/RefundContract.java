package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.ReversalCommands;
import com.ptsl.sink.support.SlReader;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostRefund on any SL database, per refund policy: the memo (or reversal) rows read back with every column SL's
 * release relies on, and each reason a refund is refused.
 */
abstract class RefundContract extends PostingFixture {

    /** The site's refund account in these tests (configured); the ARSetup default is tested on its own. */
    static final GlAccount RETURNS = new GlAccount("4000", "00-000-00");

    SlWriter creditMemo;
    SlWriter debitMemo;
    SlWriter reversePayment;

    @BeforeEach
    void writers() {
        creditMemo = writer(SETTINGS.withRefunds(RETURNS, RefundPolicy.CREDIT_MEMO));
        debitMemo = writer(SETTINGS.withRefunds(RETURNS, RefundPolicy.DEBIT_MEMO));
        reversePayment = writer(SETTINGS.withRefunds(RETURNS, RefundPolicy.REVERSE_PAYMENT));
    }

    @Test
    void creditMemoPolicyWritesACreditMemoAndACashOutDebitMemoInOne08010Batch() throws SQLException {
        SlReader.Invoice invoice = sl.openInvoices("C00001").get(0);
        PostingOutcome paid = apply(Commands.payment("p1", "C00001", "700101", "80.00", TODAY.minusDays(5),
                Commands.application(invoice.refNbr(), invoice.docBal().min(new BigDecimal("80.00")))));
        released(paid.batNbr());

        PostingOutcome outcome = apply(creditMemo, ReversalCommands.refund("PostRefund:800101", "C00001", "800101", "700101", "30.00",
                TODAY).invoice(invoice.refNbr()).build());

        assertThat(outcome.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.event()).isEqualTo(PostingEvent.REFUNDED);
        assertThat(outcome.refNbr()).isEqualTo("800101");
        assertThat(outcome.documents()).containsExactly("CM/800101/" + outcome.batNbr(), "DM/800101/" + outcome.batNbr());
        assertThat(outcome.documentsWritten()).isEqualTo(2);
        assertThat(outcome.amount()).isEqualByComparingTo("30.00");

        Map<String, Object> batch = sl.batch(outcome.batNbr());
        assertThat(batch).containsEntry("EditScrnNbr", "08010").containsEntry("Status", "B").containsEntry("Rlsed", 0)
                .containsEntry("JrnlType", "AR").containsEntry("Crtd_Prog", "PTSL").containsEntry("BankAcct", "1010")
                .containsEntry("DateEnt", TODAY.atStartOfDay()).containsEntry("PerPost", FiscalCalendar.calendarYear().period(TODAY));
        for (String total : List.of("CtrlTot", "CrTot", "CuryCtrlTot", "CuryCrTot")) {
            assertThat(money(batch, total)).as(total).isEqualByComparingTo("60.00");
        }
        assertThat(money(batch, "DepositAmt")).as("a memo batch is no deposit").isEqualByComparingTo("0");
        assertThat(sl.sumOrigDocAmt(outcome.batNbr())).isEqualByComparingTo("60.00");

        Map<String, Object> cm = document("CM", "800101");
        assertMemo(cm, outcome.batNbr(), 1, "30.00");
        assertThat(cm).containsEntry("DocDesc", "PayTrace return inv " + invoice.refNbr());
        List<Map<String, Object>> cmLines = lines("CM", "800101");
        assertThat(cmLines).hasSize(1);
        assertThat(cmLines.get(0)).containsEntry("TranType", "CM").containsEntry("DrCr", "D").containsEntry("Acct", "4000")
                .containsEntry("Sub", "00-000-00").containsEntry("BatNbr", outcome.batNbr()).containsEntry("User1", "PostRefund:800101")
                .containsEntry("Rlsed", 0);
        assertThat(money(cmLines.get(0), "TranAmt")).isEqualByComparingTo("30.00");

        Map<String, Object> dm = document("DM", "800101");
        assertMemo(dm, outcome.batNbr(), 2, "30.00");
        assertThat(dm).containsEntry("DocDesc", "PayTrace refund card xxxx5439");
        List<Map<String, Object>> dmLines = lines("DM", "800101");
        assertThat(dmLines).hasSize(1);
        assertThat(dmLines.get(0)).containsEntry("TranType", "DM").containsEntry("DrCr", "C").containsEntry("Acct", "1010")
                .containsEntry("Sub", "00-000-00").containsEntry("BatNbr", outcome.batNbr()).containsEntry("LineNbr", -32768);
        assertThat(money(dmLines.get(0), "TranAmt")).isEqualByComparingTo("30.00");
        assertThat(money(dmLines.get(0), "CuryTranAmt")).isEqualByComparingTo("30.00");

        assertThat(SlReader.nullColumns(List.of(cm, dm), "RefNbr")).isEmpty();
        assertThat(SlReader.nullColumns(dmLines, "RefNbr")).isEmpty();
        // The payment itself is untouched.
        assertThat(sl.paymentsWithRefNbr("700101").get(0)).containsEntry("Rlsed", 1);

        // SL's release takes the batch: AR nets to 0, cash goes down by the refund, the refund account up.
        released(outcome.batNbr());
        assertThat(glNet(outcome.batNbr(), "1300")).as("AR").isEqualByComparingTo("0");
        assertThat(glNet(outcome.batNbr(), "1010")).as("card clearing").isEqualByComparingTo("-30.00");
        assertThat(glNet(outcome.batNbr(), "4000")).as("refund account").isEqualByComparingTo("30.00");
        assertThat(document("DM", "800101")).containsEntry("Rlsed", 1);
        assertThat(document("CM", "800101")).containsEntry("Rlsed", 1);
    }

    @Test
    void creditMemoPolicyTakesTheRefundAccountFromArSetupWhenNoneIsConfigured() throws SQLException {
        sl.execute("UPDATE " + table("ARSetup") + " SET RfndAcct = '4900', RfndSub = '00-000-00'");

        PostingOutcome outcome = apply(writer(SETTINGS), ReversalCommands.refund("f1", "C00002", "800201", "", "12.00", TODAY).build());

        assertThat(outcome.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(lines("CM", "800201").get(0)).containsEntry("Acct", "4900").containsEntry("DrCr", "D");
        assertThat(document("CM", "800201")).containsEntry("DocDesc", "PayTrace return 800201").containsEntry("User2", "");
    }

    @Test
    void creditMemoPolicyWithoutAnyRefundAccountRejectsTheRefundNamingBothPlaces() throws SQLException {
        sl.execute("UPDATE " + table("ARSetup") + " SET RfndAcct = ' ', RfndSub = ' '");
        SlWriter noAccount = writer(SETTINGS);
        try (var c = db.connect()) {
            assertThat(noAccount.verifySetup(c)).singleElement().asString().contains("CREDIT_MEMO").contains("SL_REFUND_ACCT")
                    .contains("ARSetup.RfndAcct");
        }

        PostingOutcome outcome = apply(noAccount, ReversalCommands.refund("f1", "C00002", "800202", "", "12.00", TODAY).build());

        assertThat(outcome.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(outcome.reason()).contains("SL_REFUND_ACCT").contains("ARSetup.RfndAcct");
        assertThat(documents("DM", "800202")).isEmpty();
    }

    @Test
    void debitMemoPolicyWritesOnlyTheCashOutDebitMemoAndRefundsOfTheDayShareTheBatch() throws SQLException {
        PostingOutcome paid = apply(Commands.payment("p1", "C00003", "700301", "50.00", TODAY.minusDays(3)));
        released(paid.batNbr());

        PostingOutcome first = apply(debitMemo, ReversalCommands.refund("f1", "C00003", "800301", "700301", "20.00", TODAY).build());
        PostingOutcome second = apply(debitMemo, ReversalCommands.refund("f2", "C00003", "800302", "700301", "30.00", TODAY).full().build());

        assertThat(first.event()).isEqualTo(PostingEvent.REFUNDED);
        assertThat(first.documents()).containsExactly("DM/800301/" + first.batNbr());
        assertThat(first.documentsWritten()).isEqualTo(1);
        assertThat(documents("CM", "800301")).isEmpty();
        assertThat(second.batNbr()).isEqualTo(first.batNbr());
        assertMemo(document("DM", "800301"), first.batNbr(), 1, "20.00");
        assertMemo(document("DM", "800302"), first.batNbr(), 2, "30.00");
        assertThat(document("DM", "800302")).containsEntry("User2", "Refund of PA 700301");
        assertThat(lines("DM", "800302").get(0)).containsEntry("DrCr", "C").containsEntry("Acct", "1010");
        Map<String, Object> batch = sl.batch(first.batNbr());
        assertThat(batch).containsEntry("EditScrnNbr", "08010");
        assertThat(money(batch, "CtrlTot")).isEqualByComparingTo("50.00");
        assertThat(money(batch, "CrTot")).isEqualByComparingTo("50.00");
        released(first.batNbr());
        assertThat(glNet(first.batNbr(), "1300")).as("the customer owes the refund again").isEqualByComparingTo("50.00");
        assertThat(glNet(first.batNbr(), "1010")).isEqualByComparingTo("-50.00");

        // The payment is refunded in full now: a third refund would take back more than it paid.
        PostingOutcome third = apply(debitMemo, ReversalCommands.refund("f3", "C00003", "800303", "700301", "0.01", TODAY).build());
        assertThat(third.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(third.reason()).contains("more than payment 700301 paid").contains("50.00").contains("already refunded");
    }

    @Test
    void reversePaymentPolicyReversesAReleasedPaymentRefundedInFullWithAnNs() throws SQLException {
        SlReader.Invoice invoice = sl.openInvoices("C00004").get(0);
        BigDecimal amount = invoice.docBal().min(new BigDecimal("45.00"));
        PostingOutcome paid = apply(Commands.payment("p1", "C00004", "700401", amount.toPlainString(), TODAY.minusDays(4),
                Commands.application(invoice.refNbr(), amount)));
        released(paid.batNbr());

        PostingOutcome outcome = apply(reversePayment, ReversalCommands.refund("PostRefund:800401", "C00004", "800401", "700401",
                amount.toPlainString(), TODAY).full().build());

        assertThat(outcome.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(outcome.event()).isEqualTo(PostingEvent.REVERSED);
        assertThat(outcome.documents()).containsExactly("NS/700401/" + outcome.batNbr());
        assertThat(sl.batch(outcome.batNbr())).containsEntry("EditScrnNbr", "08240");
        Map<String, Object> ns = document("NS", "700401");
        assertThat(ns).containsEntry("S4Future02", "700401").containsEntry("S4Future12", "PA").containsEntry("BankAcct", "1010")
                .containsEntry("DocDesc", "PayTrace refund 800401");
        assertThat(money(ns, "OrigDocAmt")).isEqualByComparingTo(amount);
        assertThat(lines("NS", "700401").get(0)).containsEntry("DrCr", "D").containsEntry("Acct", "1300")
                .containsEntry("User1", "PostRefund:800401");
        assertThat(documents("DM", "800401")).isEmpty();
        assertThat(documents("CM", "800401")).isEmpty();
        released(outcome.batNbr());
        assertThat(docBal("C00004", "IN", invoice.refNbr())).as("the refunded invoice is open again").isEqualByComparingTo(invoice.docBal());

        PostingOutcome again = apply(reversePayment, ReversalCommands.refund("f2", "C00004", "800402", "700401", "1.00", TODAY).build());
        assertThat(again.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(again.reason()).contains("nothing left to refund").contains("already reversed");
    }

    @Test
    void reversePaymentPolicyTakesAnUnreleasedPaymentRefundedInFullOutOfItsBatch() throws SQLException {
        PostingOutcome paid = apply(Commands.payment("p1", "C00005", "700501", "19.99", TODAY));
        apply(Commands.payment("p2", "C00006", "700502", "5.01", TODAY));

        PostingOutcome outcome = apply(reversePayment, ReversalCommands.refund("f1", "C00005", "800501", "700501", "19.99", TODAY).build());

        assertThat(outcome.event()).isEqualTo(PostingEvent.REMOVED_FROM_BATCH);
        assertThat(outcome.batNbr()).isEqualTo(paid.batNbr());
        assertThat(sl.paymentsWithRefNbr("700501")).isEmpty();
        assertThat(money(sl.batch(paid.batNbr()), "CtrlTot")).isEqualByComparingTo("5.01");
        assertThat(sl.batch(paid.batNbr())).containsEntry("Status", "B");
    }

    @Test
    void reversePaymentPolicyFallsBackToADebitMemoForAPartialOrUnlinkedRefund() throws SQLException {
        PostingOutcome paid = apply(Commands.payment("p1", "C00007", "700601", "40.00", TODAY.minusDays(2)));
        released(paid.batNbr());

        PostingOutcome partial = apply(reversePayment, ReversalCommands.refund("f1", "C00007", "800601", "700601", "10.00", TODAY).build());
        // The rest of the payment: "full" with the earlier refund, but no longer the whole payment, so again a DM.
        PostingOutcome rest = apply(reversePayment, ReversalCommands.refund("f2", "C00007", "800602", "700601", "30.00", TODAY).full().build());
        PostingOutcome keyed = apply(reversePayment, ReversalCommands.refund("f3", "C00007", "800603", "", "7.00", TODAY).build());

        assertThat(List.of(partial, rest, keyed)).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo(ResultStatus.APPLIED);
            assertThat(o.event()).isEqualTo(PostingEvent.REFUNDED);
            assertThat(o.documents()).singleElement().asString().startsWith("DM/");
        });
        assertThat(documents("NS", "700601")).isEmpty();
        assertThat(document("DM", "800603")).containsEntry("User2", "");
        assertThat(sl.paymentsWithRefNbr("700601").get(0)).containsEntry("Rlsed", 1);
    }

    @Test
    void theClearingAccountOfARefundComesFromTheGlRulesForItsCardTypeAndMerchant() throws SQLException {
        addAccount("1015", "Amex clearing");
        SlWriter amex = writer(SETTINGS.withRefunds(RETURNS, RefundPolicy.DEBIT_MEMO)
                .withGlRules(GlRules.parse("CARD:AMEX:*=1015/00-000-00")));

        PostingOutcome onAmex = apply(amex, ReversalCommands.refund("f1", "C00008", "800701", "", "9.00", TODAY).card("amex", "").build());
        PostingOutcome onVisa = apply(amex, ReversalCommands.refund("f2", "C00008", "800702", "", "8.00", TODAY).card("VISA", "").build());

        assertThat(lines("DM", "800701").get(0)).containsEntry("Acct", "1015");
        assertThat(sl.batch(onAmex.batNbr())).containsEntry("BankAcct", "1015");
        assertThat(lines("DM", "800702").get(0)).containsEntry("Acct", "1010");
        assertThat(onVisa.batNbr()).as("one memo batch per clearing account").isNotEqualTo(onAmex.batNbr());
        released(onAmex.batNbr());
        assertThat(glNet(onAmex.batNbr(), "1015")).isEqualByComparingTo("-9.00");
    }

    @Test
    void aRefundIsRejectedWithItsReasonAndWritesNothing() throws SQLException {
        PostingOutcome paid = apply(Commands.payment("p1", "C00009", "700801", "25.00", TODAY.minusDays(1)));
        released(paid.batNbr());
        apply(creditMemo, ReversalCommands.refund("f-ok", "C00009", "800800", "700801", "5.00", TODAY).build());
        sl.execute("UPDATE " + table("Customer") + " SET Status = 'I' WHERE CustId = 'C00010'");
        int docs = sl.count("ARDoc");
        int trans = sl.count("ARTran");
        int batches = sl.count("Batch");

        assertThat(reject("C99999", "800801", "700801", "5.00")).contains("unknown customer").contains("C99999");
        assertThat(reject("C00010", "800802", "", "5.00")).contains("inactive").contains("C00010");
        assertThat(reject("C00009", "800803", "700801", "0.00")).contains("refund amount must be positive");
        assertThat(reject("C00009", "800804", "700801", "-1.00")).contains("refund amount must be positive");
        assertThat(reject("C00009", "800805", "799999", "5.00")).contains("not in SL").contains("799999");
        assertThat(reject("C00011", "800806", "700801", "5.00")).contains("700801 belongs to customer C00009, not C00011");
        assertThat(reject("C00009", "800807", "700801", "20.01")).contains("more than payment 700801 paid")
                .contains("25.00").contains("5.00 is already refunded");
        assertThat(reject("C00009", "800800", "700801", "1.00")).contains("refund memo with RefNbr 800800 already exists");
        assertThat(reject("C00009", "12345678901", "700801", "1.00")).contains("12345678901").contains("RefNbr");

        assertThat(sl.count("ARDoc")).isEqualTo(docs);
        assertThat(sl.count("ARTran")).isEqualTo(trans);
        assertThat(sl.count("Batch")).isEqualTo(batches);
    }

    private String reject(String custId, String refundTx, String originalTx, String amount) throws SQLException {
        PostingOutcome outcome = apply(creditMemo, ReversalCommands.refund("x-" + refundTx + "-" + custId + amount, custId, refundTx,
                originalTx, amount, TODAY).build());
        assertThat(outcome.status()).as(outcome.reason()).isEqualTo(ResultStatus.REJECTED);
        assertThat(outcome.event()).isEqualTo(PostingEvent.REJECTED);
        assertThat(outcome.documents()).isEmpty();
        return outcome.reason();
    }

    /** What CM and DM of a refund have in common: AR on BankAcct, positive amounts, unreleased, marked with the refund id. */
    private void assertMemo(Map<String, Object> doc, String batNbr, int batSeq, String amount) {
        String refNbr = (String) doc.get("RefNbr");
        assertThat(doc).containsEntry("BatNbr", batNbr).containsEntry("BatSeq", batSeq).containsEntry("BankAcct", "1300")
                .containsEntry("BankSub", "00-000-00").containsEntry("Rlsed", 0).containsEntry("OpenDoc", 1)
                .containsEntry("User1", "PayTrace " + refNbr).containsEntry("CustOrdNbr", refNbr).containsEntry("CpnyID", "PTSL")
                .containsEntry("DocDate", TODAY.atStartOfDay()).containsEntry("CuryId", "USD").containsEntry("DocClass", "N")
                .containsEntry("PerPost", FiscalCalendar.calendarYear().period(TODAY));
        for (String column : List.of("OrigDocAmt", "CuryOrigDocAmt", "DocBal", "CuryDocBal")) {
            assertThat(money(doc, column)).as(column).isEqualByComparingTo(amount);
        }
    }
}
