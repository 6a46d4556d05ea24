package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.ReversalCommands;
import com.ptsl.sink.support.SlReader;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ReversePayment on any SL database: the rows read back, with every column SL's release relies on
 * (dynamics-sl.md §2-§6 and the issue-7 document table).
 */
abstract class PaymentReversalContract extends PostingFixture {

    @Test
    void aVoidOfAnUnreleasedPaymentTakesItOutOfItsBatchWhichStaysBalancedWithTheOtherPayments() throws SQLException {
        SlReader.Invoice invoice = sl.openInvoices("C00001").get(0);
        PostingOutcome kept = apply(Commands.payment("p1", "C00001", "700001", "40.00", TODAY));
        PostingOutcome voided = apply(Commands.payment("p2", "C00002", "700002", "25.00", TODAY,
                Commands.application(sl.openInvoices("C00002").get(0).refNbr(), "25.00")));
        PostingOutcome alsoKept = apply(Commands.payment("p3", "C00001", "700003", "12.50", TODAY, Commands.application(invoice.refNbr(), "12.50")));
        assertThat(voided.batNbr()).isEqualTo(kept.batNbr()).isEqualTo(alsoKept.batNbr());
        assertThat(money(sl.batch(kept.batNbr()), "CtrlTot")).isEqualByComparingTo("77.50");

        PostingOutcome outcome = apply(ReversalCommands.reverse("r2", "C00002", "700002", "25.00", TODAY));

        assertThat(outcome.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(outcome.event()).isEqualTo(PostingEvent.REMOVED_FROM_BATCH);
        assertThat(outcome.batNbr()).isEqualTo(kept.batNbr());
        assertThat(outcome.refNbr()).isEqualTo("700002");
        assertThat(outcome.documents()).containsExactly("PA/700002/" + kept.batNbr());
        assertThat(outcome.documentsWritten()).isZero();
        assertThat(outcome.amount()).isEqualByComparingTo("25.00");
        assertThat(outcome.reason()).isNull();
        assertThat(sl.paymentsWithRefNbr("700002")).isEmpty();
        assertThat(lines("PA", "700002")).isEmpty();
        Map<String, Object> batch = sl.batch(kept.batNbr());
        assertThat(batch).containsEntry("Status", "B").containsEntry("Rlsed", 0).containsEntry("EditScrnNbr", "08030");
        for (String total : List.of("CtrlTot", "CrTot", "DepositAmt", "CuryCtrlTot", "CuryCrTot", "CuryDepositAmt")) {
            assertThat(money(batch, total)).as(total).isEqualByComparingTo("52.50");
        }
        assertThat(sl.sumOrigDocAmt(kept.batNbr())).isEqualByComparingTo("52.50");
        // The other payments and their application lines are untouched.
        assertThat(sl.paymentsWithRefNbr("700001")).hasSize(1);
        assertThat(sl.paymentsWithRefNbr("700003")).hasSize(1);
        assertThat(sl.applicationLines("C00001", "700003")).hasSize(1);
        // ... and SL's release takes the re-totalled batch (no 12123) and applies only what is left in it.
        released(kept.batNbr());
        assertThat(docBal("C00001", "IN", invoice.refNbr())).isEqualByComparingTo(invoice.docBal().subtract(new BigDecimal("12.50")));
        assertThat(glNet(kept.batNbr(), "1010")).isEqualByComparingTo("52.50");
    }

    @Test
    void aVoidThatEmptiesItsBatchVoidsTheBatchAndTheNextPaymentStartsANewOne() throws SQLException {
        PostingOutcome posted = apply(Commands.payment("p1", "C00003", "700011", "30.00", TODAY,
                Commands.application(sl.openInvoices("C00003").get(0).refNbr(), "30.00")));
        String invoice = sl.openInvoices("C00003").get(0).refNbr();
        long versionBefore = invoiceVersion("C00003", invoice);

        PostingOutcome outcome = apply(ReversalCommands.reverse("r1", "C00003", "700011", "30.00", TODAY));

        assertThat(outcome.event()).isEqualTo(PostingEvent.REMOVED_FROM_BATCH);
        assertThat(outcome.reason()).contains("batch " + posted.batNbr()).contains("void");
        Map<String, Object> batch = sl.batch(posted.batNbr());
        assertThat(batch).containsEntry("Status", "V").containsEntry("Rlsed", 0);
        for (String total : List.of("CtrlTot", "CrTot", "DepositAmt", "CuryCtrlTot", "CuryCrTot", "CuryDepositAmt")) {
            assertThat(money(batch, total)).as(total).isEqualByComparingTo("0");
        }
        assertThat(count(table("ARDoc") + " WHERE BatNbr = ?", posted.batNbr())).isZero();
        // The paid invoice was touched, so the SL feed republishes its balance without waiting for a sweep.
        assertThat(invoiceVersion("C00003", invoice)).isGreaterThan(versionBefore);
        assertThat(releaseBatch(posted.batNbr()).released()).as("release leaves a voided batch alone").isFalse();
        assertThat(sl.batch(posted.batNbr())).containsEntry("Status", "V");

        PostingOutcome next = apply(Commands.payment("p2", "C00003", "700012", "10.00", TODAY));
        assertThat(next.batNbr()).as("a voided batch is never reused").isNotEqualTo(posted.batNbr());
        assertThat(sl.batch(next.batNbr())).containsEntry("Status", "B");
        assertThat(money(sl.batch(next.batNbr()), "CtrlTot")).isEqualByComparingTo("10.00");
    }

    @Test
    void aVoidOfAReleasedPaymentWritesAnNsReversalLinkedToItInAn08240Batch() throws SQLException {
        SlReader.Invoice invoice = sl.openInvoices("C00004").get(0);
        BigDecimal applied = invoice.docBal().min(new BigDecimal("20.00"));
        BigDecimal amount = applied.add(new BigDecimal("5.00"));
        PostingOutcome posted = apply(Commands.payment("p1", "C00004", "700021", amount.toPlainString(), TODAY.minusDays(2),
                Commands.application(invoice.refNbr(), applied)));
        released(posted.batNbr());
        assertThat(docBal("C00004", "IN", invoice.refNbr())).isEqualByComparingTo(invoice.docBal().subtract(applied));
        int adjustRowsBefore = sl.count("ARAdjust");

        PostingOutcome outcome = apply(ReversalCommands.reverse("ReversePayment:700021", "C00004", "700021", amount.toPlainString(), TODAY));

        assertThat(outcome.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(outcome.reason()).isNull();
        assertThat(outcome.event()).isEqualTo(PostingEvent.REVERSED);
        assertThat(outcome.batNbr()).isNotEqualTo(posted.batNbr());
        assertThat(outcome.refNbr()).isEqualTo("700021");
        assertThat(outcome.documents()).containsExactly("NS/700021/" + outcome.batNbr());
        assertThat(outcome.documentsWritten()).isEqualTo(1);
        assertThat(outcome.amount()).isEqualByComparingTo(amount);

        Map<String, Object> batch = sl.batch(outcome.batNbr());
        assertThat(batch).containsEntry("Module", "AR").containsEntry("EditScrnNbr", "08240").containsEntry("Status", "B")
                .containsEntry("Rlsed", 0).containsEntry("JrnlType", "AR").containsEntry("Crtd_Prog", "PTSL")
                .containsEntry("BankAcct", "1010").containsEntry("BankSub", "00-000-00").containsEntry("DateEnt", TODAY.atStartOfDay())
                .containsEntry("PerPost", FiscalCalendar.calendarYear().period(TODAY));
        assertThat(money(batch, "CtrlTot")).isEqualByComparingTo(amount);
        assertThat(money(batch, "CrTot")).isEqualByComparingTo(amount);
        assertThat(money(batch, "CuryCrTot")).isEqualByComparingTo(amount);
        assertThat(sl.sumOrigDocAmt(outcome.batNbr())).isEqualByComparingTo(amount);

        Map<String, Object> ns = document("NS", "700021");
        assertThat(ns).containsEntry("CustId", "C00004").containsEntry("BatNbr", outcome.batNbr()).containsEntry("BatSeq", 1)
                .containsEntry("BankAcct", "1010").containsEntry("BankSub", "00-000-00")
                .containsEntry("S4Future02", "700021").containsEntry("S4Future12", "PA")
                .containsEntry("DocDate", TODAY.atStartOfDay()).containsEntry("Rlsed", 0).containsEntry("OpenDoc", 1)
                .containsEntry("User1", "PayTrace 700021").containsEntry("CpnyID", "PTSL").containsEntry("CuryId", "USD")
                .containsEntry("PerPost", FiscalCalendar.calendarYear().period(TODAY)).containsEntry("ApplBatNbr", "");
        assertThat(money(ns, "OrigDocAmt")).isEqualByComparingTo(amount);
        assertThat(money(ns, "CuryOrigDocAmt")).isEqualByComparingTo(amount);
        assertThat(money(ns, "DocBal")).isEqualByComparingTo(amount);
        assertThat(money(ns, "CuryDocBal")).isEqualByComparingTo(amount);

        List<Map<String, Object>> nsLines = lines("NS", "700021");
        assertThat(nsLines).hasSize(1);
        assertThat(nsLines.get(0)).containsEntry("CustId", "C00004").containsEntry("BatNbr", outcome.batNbr()).containsEntry("DrCr", "D")
                .containsEntry("Acct", "1300").containsEntry("Sub", "00-000-00").containsEntry("TranType", "NS")
                .containsEntry("LineNbr", -32768).containsEntry("Rlsed", 0).containsEntry("JrnlType", "AR")
                .containsEntry("User1", "ReversePayment:700021").containsEntry("FiscYr", String.valueOf(TODAY.getYear()));
        assertThat(money(nsLines.get(0), "TranAmt")).isEqualByComparingTo(amount);
        assertThat(money(nsLines.get(0), "CuryTranAmt")).isEqualByComparingTo(amount);

        // Negating the applications is release's work: the sink leaves ARAdjust and the original PA alone.
        assertThat(sl.count("ARAdjust")).isEqualTo(adjustRowsBefore);
        assertThat(sl.paymentsWithRefNbr("700021").get(0)).containsEntry("Rlsed", 1).containsEntry("S4Future12", "");
        assertThat(SlReader.nullColumns(List.of(ns), "RefNbr")).isEmpty();
        assertThat(SlReader.nullColumns(nsLines, "RefNbr")).isEmpty();

        // SL's release accepts the NS: the invoice is open for its whole balance again, the PA is marked reversed.
        released(outcome.batNbr());
        assertThat(docBal("C00004", "IN", invoice.refNbr())).isEqualByComparingTo(invoice.docBal());
        assertThat(sl.paymentsWithRefNbr("700021").get(0)).containsEntry("S4Future12", "NS").containsEntry("S4Future11", outcome.batNbr())
                .containsEntry("OpenDoc", 0);
        assertThat(money(sl.paymentsWithRefNbr("700021").get(0), "DocBal")).isEqualByComparingTo("0");
        List<Map<String, Object>> negated = sl.rows("SELECT * FROM " + table("ARAdjust") + " WHERE AdjBatNbr = ?", outcome.batNbr());
        assertThat(negated).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("AdjgDocType", "PA").containsEntry("AdjgRefNbr", "700021").containsEntry("AdjdRefNbr", invoice.refNbr())
                    .containsEntry("S4Future12", "NS").containsEntry("S4Future11", posted.batNbr());
            assertThat(money(a, "AdjAmt")).isEqualByComparingTo(applied.negate());
        });
        assertThat(glNet(outcome.batNbr(), "1300")).as("Dr AR").isEqualByComparingTo(amount);
        assertThat(glNet(outcome.batNbr(), "1010")).as("Cr cash").isEqualByComparingTo(amount.negate());
        assertThat(apply(ReversalCommands.reverse("again", "C00004", "700021", amount.toPlainString(), TODAY)).reason())
                .contains("already reversed (released NS 700021)");
    }

    @Test
    void reversalsOfTheSameDayAndCashAccountShareOneBatch() throws SQLException {
        PostingOutcome one = apply(Commands.payment("p1", "C00005", "700031", "11.00", TODAY));
        PostingOutcome two = apply(Commands.payment("p2", "C00006", "700032", "22.00", TODAY));
        released(one.batNbr());

        PostingOutcome first = apply(ReversalCommands.reverse("r1", "C00005", "700031", "11.00", TODAY));
        PostingOutcome second = apply(ReversalCommands.reverse("r2", "C00006", "700032", "22.00", TODAY));

        assertThat(second.batNbr()).isEqualTo(first.batNbr());
        assertThat(document("NS", "700032")).containsEntry("BatSeq", 2);
        assertThat(money(sl.batch(first.batNbr()), "CtrlTot")).isEqualByComparingTo("33.00");
        assertThat(money(sl.batch(first.batNbr()), "CrTot")).isEqualByComparingTo("33.00");
        assertThat(two.batNbr()).isEqualTo(one.batNbr());
    }

    @Test
    void aReversalIsRejectedWithItsReasonAndWritesNothing() throws SQLException {
        apply(Commands.payment("p1", "C00007", "700041", "50.00", TODAY));
        PostingOutcome released = apply(Commands.payment("p2", "C00008", "700042", "60.00", TODAY.minusDays(1)));
        released(released.batNbr());
        apply(ReversalCommands.reverse("r-ok", "C00008", "700042", "60.00", TODAY));
        int docs = sl.count("ARDoc");
        int trans = sl.count("ARTran");
        int batches = sl.count("Batch");

        assertThat(apply(ReversalCommands.reverse("r1", "C00007", "799999", "50.00", TODAY)).reason())
                .contains("no payment PA 799999 in SL").contains("never posted").contains("deleted");
        assertThat(apply(ReversalCommands.reverse("r2", "C00007", "700041", "49.99", TODAY)).reason())
                .contains("49.99").contains("50.00").contains("700041");
        assertThat(apply(ReversalCommands.reverse("r3", "C00009", "700041", "50.00", TODAY)).reason())
                .contains("payment 700041 belongs to customer C00007, not C00009");
        PostingOutcome twice = apply(ReversalCommands.reverse("r4", "C00008", "700042", "60.00", TODAY));
        assertThat(twice.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(twice.event()).isEqualTo(PostingEvent.REJECTED);
        assertThat(twice.reason()).contains("700042").contains("already reversed");
        assertThat(apply(ReversalCommands.reverse("r5", "C00007", "12345678901", "50.00", TODAY)).reason()).contains("not an SL RefNbr");

        assertThat(sl.count("ARDoc")).isEqualTo(docs);
        assertThat(sl.count("ARTran")).isEqualTo(trans);
        assertThat(sl.count("Batch")).isEqualTo(batches);
    }

    @Test
    void aPaymentWhoseReleasedNsMarkedItReversedCannotBeReversedAgain() throws SQLException {
        PostingOutcome posted = apply(Commands.payment("p1", "C00010", "700051", "15.00", TODAY));
        released(posted.batNbr());
        // What the release of an NS leaves on the original (pp_08400CreateTransRev).
        sl.execute("UPDATE " + table("ARDoc") + " SET S4Future02 = '700051', S4Future11 = '000999', S4Future12 = 'NS', DocBal = 0"
                + " WHERE DocType = 'PA' AND RefNbr = '700051'");

        PostingOutcome outcome = apply(ReversalCommands.reverse("r1", "C00010", "700051", "15.00", TODAY));

        assertThat(outcome.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(outcome.reason()).contains("already reversed").contains("released NS");
        assertThat(documents("NS", "700051")).isEmpty();
    }

    @Test
    void aPaymentAnSlUserKeyedWithTheSameNumberIsNotTheIntegrationsToReverse() throws SQLException {
        apply(Commands.payment("p1", "C00011", "700061", "15.00", TODAY));
        sl.execute("UPDATE " + table("ARDoc") + " SET User1 = 'keyed in 08.030' WHERE DocType = 'PA' AND RefNbr = '700061'");

        PostingOutcome outcome = apply(ReversalCommands.reverse("r1", "C00011", "700061", "15.00", TODAY));

        assertThat(outcome.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(outcome.reason()).contains("not posted by this integration").contains("reverse it in SL");
        assertThat(sl.paymentsWithRefNbr("700061")).hasSize(1);
    }

    @Test
    void aPaymentInABatchAnSlUserSuspendedIsStillRemovedButOneInAVoidedBatchIsNot() throws SQLException {
        PostingOutcome suspended = apply(Commands.payment("p1", "C00012", "700071", "15.00", TODAY));
        apply(Commands.payment("p2", "C00013", "700072", "16.00", TODAY));
        sl.execute("UPDATE " + table("Batch") + " SET Status = 'S' WHERE Module = 'AR' AND BatNbr = ?", suspended.batNbr());

        PostingOutcome removed = apply(ReversalCommands.reverse("r1", "C00012", "700071", "15.00", TODAY));
        assertThat(removed.event()).isEqualTo(PostingEvent.REMOVED_FROM_BATCH);
        assertThat(sl.batch(suspended.batNbr())).containsEntry("Status", "S");
        assertThat(money(sl.batch(suspended.batNbr()), "CtrlTot")).isEqualByComparingTo("16.00");

        sl.execute("UPDATE " + table("Batch") + " SET Status = 'I' WHERE Module = 'AR' AND BatNbr = ?", suspended.batNbr());
        PostingOutcome refused = apply(ReversalCommands.reverse("r2", "C00013", "700072", "16.00", TODAY));
        assertThat(refused.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(refused.reason()).contains("status 'I'");
        assertThat(sl.paymentsWithRefNbr("700072")).hasSize(1);
    }

    private long invoiceVersion(String custId, String refNbr) {
        return ((Number) sl.rows("SELECT " + dialect.rowVersion("d") + " AS V FROM " + table("ARDoc") + " d WHERE d.CustId = ?"
                + " AND d.DocType = 'IN' AND d.RefNbr = ?", custId, refNbr).get(0).get("V")).longValue();
    }
}
