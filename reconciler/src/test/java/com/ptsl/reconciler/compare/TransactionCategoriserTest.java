package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.model.CommandType;
import com.ptsl.reconciler.model.OpenReview;
import com.ptsl.reconciler.model.PayTraceKind;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** Every category, and the precedence between them when several would apply. */
class TransactionCategoriserTest {

    private final TransactionCategoriser categoriser = new TransactionCategoriser(ZoneId.of("America/Los_Angeles"));

    private TransactionCategoriser.Verdict verdict(Facts facts) {
        return categoriser.categorise(facts.get());
    }

    private Line line(Facts facts) {
        return verdict(facts).line();
    }

    @Nested
    class Matched {

        @Test
        void aSalePostedAndAppliedAsCommandedIsMatched() {
            Line l = line(Facts.sale("700001", 2500).postPayment("C00001", 2500, "0000010001", 2500L)
                    .ledger("PostPayment:700001", "APPLIED", "C00001").document("C00001", "PA", 2500, "000101")
                    .applied("0000010001", 2500, "C00001"));
            assertThat(l.category()).isEqualTo(Category.MATCHED);
            assertThat(l.payTraceAmount()).isEqualByComparingTo("25.00");
            assertThat(l.slAmount()).isEqualByComparingTo("25.00");
            assertThat(l.custId()).isEqualTo("C00001");
            assertThat(l.slCustId()).isEqualTo("C00001");
            assertThat(l.slDocuments()).containsExactly("PA/700001/000101");
            assertThat(l.kind()).isEqualTo("SALE");
        }

        @Test
        void aDeclineWithNothingInSlIsMatched() {
            assertThat(line(Facts.of("700002", PayTraceKind.DECLINE, 112)).category()).isEqualTo(Category.MATCHED);
        }

        @Test
        void aReleasedPaymentVoidedAndReversedByAnNsIsMatched() {
            Line l = line(Facts.of("700003", PayTraceKind.VOID, 1500).postPayment("C00004", 1500, "0000040001", 1500L)
                    .command(CommandType.REVERSE_PAYMENT, null, "C00004", 1500)
                    .document("C00004", "PA", 1500, "000101").document("C00004", "NS", 1500, "000102")
                    .applied("0000040001", 1500, "C00004"));
            assertThat(l.category()).isEqualTo(Category.MATCHED);
            assertThat(l.slAmount()).isEqualByComparingTo(BigDecimal.ZERO);
        }

        @Test
        void aRefundWithItsCreditAndDebitMemoIsMatched() {
            Line l = line(Facts.refund("700004", 1000).command(CommandType.POST_REFUND, null, "C00001", 1000)
                    .document("C00001", "CM", 1000, "000103").document("C00001", "DM", 1000, "000103"));
            assertThat(l.category()).isEqualTo(Category.MATCHED);
            assertThat(l.payTraceAmount()).isEqualByComparingTo("-10.00");
            assertThat(l.slAmount()).isEqualByComparingTo("-10.00");
        }

        @Test
        void lessAppliedThanCommandedIsAcceptedWhereTheSinkSaysItCappedTheApplication() {
            Line l = line(Facts.sale("700005", 5000).postPayment("C00001", 5000, "0000010001", 5000L)
                    .ledger("PostPayment:700005", "APPLIED", "C00001", true).document("C00001", "PA", 5000, "000101")
                    .applied("0000010001", 3000, "C00001"));
            assertThat(l.category()).isEqualTo(Category.MATCHED);
        }

        @Test
        void aReviewResolutionAppliedOnTopOfTheOnAccountPostingIsMatched() {
            Line l = line(Facts.sale("700006", 4000).postPayment("C00001", 4000).applyPayment("C00001", "0000010002", 4000L)
                    .document("C00001", "PA", 4000, "000101").applied("0000010002", 4000, "C00001"));
            assertThat(l.category()).isEqualTo(Category.MATCHED);
        }
    }

    @Nested
    class PostedTwice {

        @Test
        void twoPaymentDocumentsForOneTransactionArePostedTwiceEvenWhenTheAmountAlsoDiffers() {
            Line l = line(Facts.sale("700010", 2000).postPayment("C00001", 2000).document("C00001", "PA", 2000, "000101")
                    .document("C00002", "PA", 2000, "000105"));
            assertThat(l.category()).isEqualTo(Category.POSTED_TWICE);
            assertThat(l.detail()).contains("2 payment documents", "PA/700010/000101", "PA/700010/000105");
        }
    }

    @Nested
    class Differs {

        @Test
        void anAmountChangedInSlDiffers() {
            Line l = line(Facts.sale("700020", 4000).postPayment("C00002", 4000).document("C00002", "PA", 4500, "000101"));
            assertThat(l.category()).isEqualTo(Category.DIFFERS);
            assertThat(l.detail()).contains("SL holds 45.00", "40.00");
            assertThat(l.difference()).isEqualByComparingTo("5.00");
        }

        @Test
        void aDocumentOfAnotherCustomerDiffers() {
            Line l = line(Facts.sale("700021", 4000).postPayment("C00002", 4000).document("C00009", "PA", 4000, "000101"));
            assertThat(l.category()).isEqualTo(Category.DIFFERS);
            assertThat(l.detail()).contains("customer C00009", "posted to customer C00002");
        }

        @Test
        void aPaymentAppliedToAnotherCustomersInvoiceDiffersAndTheDetailNamesBothInvoices() {
            Line l = line(Facts.sale("700022", 3500).postPayment("C00006", 3500, "0000060001", 3500L)
                    .document("C00006", "PA", 3500, "000104").applied("0000070001", 3500, "C00007"));
            assertThat(l.category()).isEqualTo(Category.DIFFERS);
            assertThat(l.detail()).contains("0000070001 of customer C00007", "0000060001: the integration applied 35.00, SL applies nothing");
        }

        @Test
        void anUnreleasedLineMovedToAnotherCustomersInvoiceNamesThatCustomerFromTheLookUp() {
            InvoiceOwners owners = (docType, refNbr) -> refNbr.equals("0000090001") ? "C00009" : "";
            Line l = new TransactionCategoriser(ZoneId.of("America/Los_Angeles"), owners).categorise(Facts.sale("700026", 3500)
                    .postPayment("C00006", 3500, "0000060001", 3500L).document("C00006", "PA", 3500, "000104")
                    .applied("0000090001", 3500, "").get()).line();
            assertThat(l.category()).isEqualTo(Category.DIFFERS);
            assertThat(l.detail()).contains("invoice 0000090001 of customer C00009 (the payment is C00006's)");
        }

        @Test
        void aPaymentVoidedInPayTraceButStillInSlIsAMissingReversalThatRedriveCanSend() {
            TransactionCategoriser.Verdict v = verdict(Facts.of("700023", PayTraceKind.VOID, 2000).postPayment("C00001", 2000)
                    .command(CommandType.REVERSE_PAYMENT, null, "C00001", 2000).document("C00001", "PA", 2000, "000101"));
            assertThat(v.line().category()).isEqualTo(Category.DIFFERS);
            assertThat(v.line().detail()).contains("voided it", "the reversal is missing");
            assertThat(v.redrive()).isNotNull();
            assertThat(v.redrive().originalCommandId()).isEqualTo("ReversePayment:700023");
        }

        @Test
        void anAmountDifferenceIsReportedAsDiffersNotAsTheDeadLetterItAlsoHas() {
            Line l = line(Facts.sale("700024", 4000).postPayment("C00002", 4000).applyPayment("C00002", "0000020001", 1000L)
                    .ledger("ApplyPayment:700024", "REJECTED", "C00002").deadLetter("ApplyPayment:700024", "payment is already released")
                    .document("C00002", "PA", 3900, "000101"));
            assertThat(l.category()).isEqualTo(Category.DIFFERS);
            assertThat(l.detail()).contains("dead letter");
        }

        @Test
        void anAmountDifferenceIsNotARedrive() {
            assertThat(verdict(Facts.sale("700025", 4000).postPayment("C00002", 4000).document("C00002", "PA", 4500, "000101")).redrive())
                    .isNull();
        }
    }

    @Nested
    class MissingInSl {

        @Test
        void aPaymentTheLedgerAppliedWhoseDocumentIsGoneIsMissingAndSaysSo() {
            TransactionCategoriser.Verdict v = verdict(Facts.sale("700030", 2000).postPayment("C00005", 2000, "0000050001", 2000L)
                    .ledger("PostPayment:700030", "APPLIED", "C00005"));
            assertThat(v.line().category()).isEqualTo(Category.MISSING_IN_SL);
            assertThat(v.line().detail()).contains("the ledger says PostPayment:700030 was applied at", "the document is gone from SL");
            assertThat(v.line().custId()).isEqualTo("C00005");
            assertThat(v.redrive().originalCommandId()).isEqualTo("PostPayment:700030");
            assertThat(v.redrive().ledger()).hasSize(1);
        }

        @Test
        void aCommandTheSinkHasNotAppliedYetIsMissing() {
            Line l = line(Facts.sale("700031", 2000).postPayment("C00005", 2000));
            assertThat(l.category()).isEqualTo(Category.MISSING_IN_SL);
            assertThat(l.detail()).contains("no ledger row");
        }

        @Test
        void anApprovedSaleNobodyCommandedIsMissing() {
            TransactionCategoriser.Verdict v = verdict(Facts.sale("700032", 2000));
            assertThat(v.line().category()).isEqualTo(Category.MISSING_IN_SL);
            assertThat(v.line().detail()).contains("no command was sent");
            assertThat(v.redrive()).as("nothing on erp.commands to send again").isNull();
        }

        @Test
        void aRefundWithoutItsMemosIsMissingAndRedrivesThePostRefund() {
            TransactionCategoriser.Verdict v = verdict(Facts.refund("700033", 1000).command(CommandType.POST_REFUND, null, "C00001", 1000));
            assertThat(v.line().category()).isEqualTo(Category.MISSING_IN_SL);
            assertThat(v.redrive().originalCommandId()).isEqualTo("PostRefund:700033");
        }

        @Test
        void aMissingPaymentWithADeadLetterIsOpenDlq() {
            Line l = line(Facts.sale("700034", 2000).postPayment("NOBODY", 2000).ledger("PostPayment:700034", "REJECTED", "NOBODY")
                    .deadLetter("PostPayment:700034", "unknown customer 'NOBODY': no SL Customer row"));
            assertThat(l.category()).isEqualTo(Category.OPEN_DLQ);
            assertThat(l.detail()).contains("unknown customer 'NOBODY'");
        }

        @Test
        void aMissingPaymentWithAnOpenReviewItemAndNoCommandIsOpenReview() {
            Line l = line(Facts.sale("700035", 5000).review("UNKNOWN_CUSTOMER", OpenReview.NOTHING_POSTED));
            assertThat(l.category()).isEqualTo(Category.OPEN_REVIEW);
            assertThat(l.category().variance()).isFalse();
        }

        @Test
        void aMissingPaymentWithAnOpenReviewItemButACommandIsStillMissing() {
            Line l = line(Facts.sale("700036", 5000).review("UNMATCHED", 5000).postPayment("C00001", 5000)
                    .ledger("PostPayment:700036", "APPLIED", "C00001"));
            assertThat(l.category()).isEqualTo(Category.MISSING_IN_SL);
        }
    }

    @Nested
    class OpenDlq {

        @Test
        void aPostedPaymentWhoseLaterCommandIsInTheDeadLetterQueueIsOpenDlq() {
            Line l = line(Facts.sale("700040", 4000).postPayment("C00002", 4000).document("C00002", "PA", 4000, "000101")
                    .applyPayment("C00002", "0000020001", 1000L).ledger("ApplyPayment:700040", "REJECTED", "C00002")
                    .deadLetter("ApplyPayment:700040", "payment 700040 is already released"));
            assertThat(l.category()).isEqualTo(Category.OPEN_DLQ);
            assertThat(l.category().variance()).isTrue();
        }

        @Test
        void aDeadLetterOutranksAnOpenReviewItem() {
            Line l = line(Facts.sale("700041", 4000).postPayment("C00002", 4000).document("C00002", "PA", 4000, "000101")
                    .review("UNMATCHED", 4000).deadLetter("ApplyPayment:700041", "refused"));
            assertThat(l.category()).isEqualTo(Category.OPEN_DLQ);
        }
    }

    @Nested
    class OpenReviewItems {

        @Test
        void aPaymentPostedOnAccountWithAnOpenReviewItemIsOpenReview() {
            Line l = line(Facts.sale("700050", 3000).postPayment("C00003", 3000).document("C00003", "PA", 3000, "000101")
                    .review("UNMATCHED", 3000));
            assertThat(l.category()).isEqualTo(Category.OPEN_REVIEW);
            assertThat(l.detail()).contains("30.00 on account");
        }

        @Test
        void anOpenReviewItemOfAFullyAppliedPaymentIsNoLongerWhatSlShowsSoItIsMatched() {
            Line l = line(Facts.sale("700051", 3000).postPayment("C00003", 3000, "0000030001", 3000L)
                    .document("C00003", "PA", 3000, "000101").applied("0000030001", 3000, "C00003").review("UNMATCHED", 3000));
            assertThat(l.category()).isEqualTo(Category.MATCHED);
        }
    }

    @Test
    void aTransactionIsInExactlyOneCategoryAndItsLineNamesItsSettlementBatch() {
        Facts facts = Facts.sale("700060", 2500).postPayment("C00001", 2500).document("C00001", "PA", 2500, "000101");
        facts.get().depositBatch("9");
        Line l = line(facts);
        assertThat(l.settlementBatch()).isEqualTo("9");
        assertThat(l.day()).isEqualTo(Facts.DAY);
    }
}
