package com.ptsl.processor;

import com.ptsl.processor.match.MatchStrategy;
import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.ResolutionAction;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static com.ptsl.processor.PayTraceExportRecord.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** How payments find their invoices: one spec per strategy and per awkward case, driven without a broker. */
class MatchingTopologyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path stateDir;

    private TopologyFixture f;

    @BeforeEach
    void start() {
        ProcessorConfig config = ProcessorConfig.defaults().withApplicationId("matching-test").withStateDir(stateDir);
        f = new TopologyFixture(config.withMatch(config.match().withDeadline(DEADLINE)));
        f.customer("C00001");
        f.customer("C00002", "vault-2");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private long lastHeldMs;

    private PostPayment onlyPayment(String expectedCustId) {
        List<KeyValue<String, ErpCommand>> out = f.commands.readKeyValuesToList();
        assertThat(out).hasSize(1);
        lastHeldMs = out.get(0).value.getHeldMs();
        assertThat(out.get(0).key).isEqualTo(expectedCustId);
        assertThat(out.get(0).value.getCustId()).isEqualTo(expectedCustId);
        return (PostPayment) out.get(0).value.getPayload();
    }

    private static Application app(String ref, String amount) {
        return new Application(ref, "IN", new BigDecimal(amount));
    }

    /** A sale that names nothing but what the test sets. */
    private static PayTraceExportRecord payment(long id, String amount) {
        return sale(id).amount(amount).invoice("").customerReference("");
    }

    @Test
    void invoiceIdWithoutLeadingZerosFindsTheInvoiceAndItsCustomer() {
        f.invoice("C00001", "0000010001", "250.00").send();
        f.send(payment(1, "100.00").invoice("10001"));

        PostPayment p = onlyPayment("C00001");
        assertThat(p.getApplications()).containsExactly(app("0000010001", "100.00"));
        assertThat(p.getMatchStrategy()).isEqualTo(MatchStrategy.INVOICE_ID.name());
        assertThat(f.review.isEmpty()).as("a partial payment leaves the balance open, nobody needs to look").isTrue();
        assertThat(lastHeldMs).as("decided at once: inside the one-second objective").isZero();
        assertThat(f.metrics.matched(MatchStrategy.INVOICE_ID)).isEqualTo(1);
    }

    @Test
    void salesOrderNumberInInvoiceIdFindsTheInvoiceItBilled() {
        f.invoice("C00001", "0000010001", "250.00").order("SO100234").send();
        f.send(payment(2, "250.00").invoice("so100234"));

        PostPayment p = onlyPayment("C00001");
        assertThat(p.getApplications()).containsExactly(app("0000010001", "250.00"));
        assertThat(p.getMatchStrategy()).isEqualTo(MatchStrategy.ORDER_NUMBER.name());
    }

    @Test
    void customerReferenceThatIsAPurchaseOrderFindsTheInvoice() {
        // PayTrace's own documented example: customer_reference_id "PO123456" is a PO, not an SL customer.
        f.invoice("C00002", "0000010005", "80.00").po("PO123456").send();
        f.send(payment(3, "80.00").customerReference("PO123456"));

        PostPayment p = onlyPayment("C00002");
        assertThat(p.getApplications()).containsExactly(app("0000010005", "80.00"));
        assertThat(p.getMatchStrategy()).isEqualTo(MatchStrategy.CUSTOMER_PO.name());
    }

    @Test
    void severalInvoicesListedArePaidOldestFirst() {
        f.invoice("C00001", "0000010009", "50.00").dated(LocalDate.of(2026, 1, 9)).send();
        f.invoice("C00001", "0000010003", "70.00").dated(LocalDate.of(2026, 1, 3)).send();
        f.send(payment(4, "100.00").invoice("0000010009, 0000010003"));

        PostPayment p = onlyPayment("C00001");
        assertThat(p.getApplications()).containsExactly(app("0000010003", "70.00"), app("0000010009", "30.00"));
        assertThat(p.getMatchStrategy()).isEqualTo(MatchStrategy.INVOICE_LIST.name());
    }

    @Test
    void invoiceNumberOnlyInTheDescriptionIsFound() {
        f.invoice("C00001", "0000010011", "40.00").send();
        f.send(payment(5, "40.00").set("description", "\"Payment for invoice #10011, thanks\""));

        assertThat(onlyPayment("C00001").getApplications()).containsExactly(app("0000010011", "40.00"));
    }

    @Test
    void customerOnlyWithTheExactOpenAmountOfOneInvoicePaysThatInvoice() {
        f.invoice("C00001", "0000010001", "60.00").send();
        f.invoice("C00001", "0000010002", "75.25").send();
        f.send(payment(6, "75.25").customerReference("c00001"));

        PostPayment p = onlyPayment("C00001");
        assertThat(p.getApplications()).containsExactly(app("0000010002", "75.25"));
        assertThat(p.getMatchStrategy()).isEqualTo(MatchStrategy.EXACT_AMOUNT.name());
    }

    @Test
    void vaultCustomerWithTwoInvoicesOfTheSameAmountPostsOnAccountForAPersonToChoose() {
        f.invoice("C00002", "0000010001", "60.00").send();
        f.invoice("C00002", "0000010002", "60.00").send();
        f.send(payment(7, "60.00").vaultCustomer("vault-2"));

        PostPayment p = onlyPayment("C00002");
        assertThat(p.getApplications()).isEmpty();
        assertThat(p.getMatchStrategy()).isEqualTo(MatchStrategy.ON_ACCOUNT.name());
        ReviewItem item = f.review.readValue();
        assertThat(item.getReason()).isEqualTo(ReviewReason.AMBIGUOUS_AMOUNT);
        assertThat(item.getStatus()).isEqualTo(ReviewStatus.OPEN);
        assertThat(item.getCustId()).isEqualTo("C00002");
        assertThat(item.getPostedOnAccount()).isEqualTo(new BigDecimal("60.00"));
        assertThat(item.getCandidates()).extracting(c -> c.getRefNbr()).containsExactly("0000010001", "0000010002");
        assertThat(item.getDecision()).contains("--apply", "--on-account");
    }

    @Test
    void knownCustomerNamingNothingThatMatchesIsCashOnAccountWithAReviewItem() {
        f.invoice("C00001", "0000010001", "60.00").send();
        f.send(payment(8, "12.34").customerReference("C00001"));

        assertThat(onlyPayment("C00001").getApplications()).isEmpty();
        ReviewItem item = f.review.readValue();
        assertThat(item.getReason()).isEqualTo(ReviewReason.UNMATCHED);
        assertThat(item.getCandidates()).extracting(c -> c.getRefNbr()).containsExactly("0000010001");
    }

    @Test
    void overpaymentAppliesTheBalanceAndLeavesTheRestOnAccountForReview() {
        f.invoice("C00001", "0000010001", "90.00").send();
        f.invoice("C00001", "0000010002", "15.00").send();
        f.send(payment(9, "100.00").invoice("0000010001"));

        assertThat(onlyPayment("C00001").getApplications()).containsExactly(app("0000010001", "90.00"));
        ReviewItem item = f.review.readValue();
        assertThat(item.getReason()).isEqualTo(ReviewReason.OVERPAYMENT);
        assertThat(item.getPostedOnAccount()).isEqualTo(new BigDecimal("10.00"));
        assertThat(item.getDetail()).contains("0000010001 (available 90.00)", "10.00");
        assertThat(item.getCandidates()).extracting(c -> c.getRefNbr()).containsExactly("0000010002");
    }

    @Test
    void paymentBeforeItsInvoiceWaitsAndMatchesWhenTheInvoiceArrives() {
        f.send(payment(10, "300.00").invoice("SO555001"));
        f.advance(Duration.ofSeconds(5));
        assertThat(f.commands.isEmpty()).as("nothing knows SO555001 yet").isTrue();

        f.invoice("C00002", "0000010077", "300.00").order("SO555001").send();
        f.advance(Duration.ofSeconds(1)); // the resolve stage retries on its punctuator

        PostPayment p = onlyPayment("C00002");
        assertThat(p.getApplications()).containsExactly(app("0000010077", "300.00"));
        assertThat(f.review.isEmpty()).isTrue();
        assertThat(lastHeldMs).as("held for its invoice: outside the one-second objective").isGreaterThanOrEqualTo(5_000);
    }

    @Test
    void knownCustomerWaitsForTheNamedInvoiceWhichArrivesLater() {
        f.send(payment(11, "20.00").customerReference("C00001").invoice("0000010099"));
        assertThat(f.commands.isEmpty()).isTrue();

        f.invoice("C00001", "0000010099", "20.00").send();

        assertThat(onlyPayment("C00001").getApplications()).containsExactly(app("0000010099", "20.00"));
        assertThat(f.metrics.waited(ProcessorMetrics.WaitStage.INVOICE)).isEqualTo(1);
    }

    @Test
    void anUnreleasedInvoiceIsWaitedForUntilSlReleasesIt() {
        f.invoice("C00001", "0000010020", "20.00").unreleased().send();
        f.send(payment(12, "20.00").invoice("0000010020"));
        assertThat(f.commands.isEmpty()).as("SL refuses applications to unreleased invoices (12306)").isTrue();

        f.invoice("C00001", "0000010020", "20.00").send();

        assertThat(onlyPayment("C00001").getApplications()).containsExactly(app("0000010020", "20.00"));
    }

    @Test
    void whenTheDeadlinePassesAWaitingPaymentPostsOnAccountAndRaisesAReviewItem() {
        f.send(payment(13, "20.00").customerReference("C00001").invoice("0000019999"));
        f.advance(DEADLINE.minusSeconds(2));
        assertThat(f.commands.isEmpty()).isTrue();

        f.advance(Duration.ofSeconds(3));

        PostPayment p = onlyPayment("C00001");
        assertThat(p.getApplications()).isEmpty();
        assertThat(p.getMatchStrategy()).isEqualTo(MatchStrategy.ON_ACCOUNT.name());
        ReviewItem item = f.review.readValue();
        assertThat(item.getReason()).isEqualTo(ReviewReason.DEADLINE_PASSED);
        assertThat(item.getDetail()).contains("0000019999");
        assertThat(item.getPostedOnAccount()).isEqualTo(new BigDecimal("20.00"));
    }

    @Test
    void twoQuickPaymentsNeverBothSpendOneInvoiceBalance() {
        f.invoice("C00001", "0000010001", "100.00").send();
        f.send(payment(14, "60.00").invoice("0000010001"));
        f.send(payment(15, "60.00").invoice("0000010001")); // before SL shows the first one

        List<ErpCommand> out = f.commands.readValuesToList();
        assertThat(out).extracting(c -> ((PostPayment) c.getPayload()).getApplications())
                .containsExactly(List.of(app("0000010001", "60.00")), List.of(app("0000010001", "40.00")));
        ReviewItem item = f.review.readValue();
        assertThat(item.getTransactionId()).isEqualTo("15");
        assertThat(item.getReason()).isEqualTo(ReviewReason.OVERPAYMENT);
        assertThat(item.getPostedOnAccount()).isEqualTo(new BigDecimal("20.00"));
    }

    @Test
    void reservationsGiveWayToWhatSlShowsSoNothingIsCountedTwice() {
        f.invoice("C00001", "0000010001", "100.00").send();
        f.send(payment(16, "60.00").invoice("0000010001"));
        // The feed now shows the first payment's 'U' line: the reservation is dropped, the balance stays 40.
        f.invoice("C00001", "0000010001", "100.00").applied("16", "60.00").send();
        f.send(payment(17, "40.00").invoice("0000010001"));

        assertThat(f.commands.readValuesToList()).extracting(c -> ((PostPayment) c.getPayload()).getApplications())
                .containsExactly(List.of(app("0000010001", "60.00")), List.of(app("0000010001", "40.00")));
        assertThat(f.review.isEmpty()).isTrue();
    }

    @Test
    void reservationsSlNeverShowsExpireOneByOneAfterTheirTtl() {
        Duration ttl = f.config.match().reservationTtl();
        f.invoice("C00001", "0000010001", "100.00").send();
        f.send(payment(40, "60.00").invoice("0000010001"));
        f.advance(ttl.dividedBy(2));
        f.send(payment(41, "30.00").invoice("0000010001"));
        f.advance(ttl.dividedBy(2).plusSeconds(2)); // the first reservation is past its TTL, the second is not

        f.send(payment(42, "70.00").invoice("0000010001"));
        assertThat(f.metrics.reservationsExpired()).isEqualTo(1);
        f.advance(ttl.dividedBy(2));
        f.send(payment(43, "30.00").invoice("0000010001"));

        assertThat(f.commands.readValuesToList()).extracting(c -> ((PostPayment) c.getPayload()).getApplications())
                .containsExactly(List.of(app("0000010001", "60.00")), List.of(app("0000010001", "30.00")),
                        List.of(app("0000010001", "70.00")), List.of(app("0000010001", "30.00")));
        assertThat(f.metrics.reservationsExpired()).isEqualTo(2);
        assertThat(f.review.isEmpty()).as("each found the balance the expired reservations gave back").isTrue();
    }

    @Test
    void anUnknownCustomerIsResolvedByAPersonAndPostsOnceWhateverTheRetries() {
        f.send(payment(18, "55.00").invoice("LOST-INVOICE"));
        f.advance(DEADLINE.plusSeconds(1));
        ReviewItem open = f.review.readValue();
        assertThat(open.getReason()).isEqualTo(ReviewReason.UNKNOWN_CUSTOMER);
        assertThat(f.commands.isEmpty()).isTrue();
        f.invoice("C00002", "0000010031", "70.00").send();

        f.resolve("18", ResolutionAction.APPLY, "C00002", "10031");
        f.resolve("18", ResolutionAction.APPLY, "C00002", "10031"); // resolved twice

        List<ErpCommand> out = f.commands.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).getCommandId()).isEqualTo("PostPayment:18");
        PostPayment p = (PostPayment) out.get(0).getPayload();
        assertThat(p.getApplications()).containsExactly(app("0000010031", "55.00"));
        assertThat(p.getMatchStrategy()).isEqualTo(MatchStrategy.REVIEW_RESOLUTION.name());
        ReviewItem closed = f.review.readValue();
        assertThat(closed.getStatus()).isEqualTo(ReviewStatus.RESOLVED);
        assertThat(closed.getResolution()).contains("applied to 10031", "tester");
        assertThat(f.review.isEmpty()).isTrue();
    }

    @Test
    void anOverpaymentResolvedByApplyingTheRestToAnotherInvoiceBecomesOneApplyPayment() {
        f.invoice("C00001", "0000010001", "90.00").send();
        f.invoice("C00001", "0000010002", "15.00").send();
        f.send(payment(19, "100.00").invoice("0000010001"));
        f.commands.readValuesToList();
        f.review.readValue();

        f.resolve("19", ResolutionAction.APPLY, "C00001", "0000010002");
        f.resolve("19", ResolutionAction.APPLY, "C00001", "0000010002");

        List<ErpCommand> out = f.commands.readValuesToList();
        assertThat(out).extracting(ErpCommand::getCommandId).containsExactly("ApplyPayment:19");
        ApplyPayment apply = (ApplyPayment) out.get(0).getPayload();
        assertThat(apply.getApplications()).containsExactly(app("0000010002", "10.00"));
        List<ReviewItem> items = f.review.readValuesToList();
        assertThat(items).extracting(ReviewItem::getStatus, ReviewItem::getPostedOnAccount)
                .containsExactly(tuple(ReviewStatus.RESOLVED, new BigDecimal("0.00")));
        assertThat(f.metrics.resolutions(ResolutionAction.APPLY, false)).as("the second one found the item closed").isEqualTo(1);
    }

    @Test
    void amountsAPersonGivesArePaidFirstAndTheRestGoesOldestFirst() {
        f.invoice("C00001", "0000010001", "50.00").dated(LocalDate.of(2026, 1, 1)).send();
        f.invoice("C00001", "0000010002", "50.00").dated(LocalDate.of(2026, 1, 2)).send();
        f.invoice("C00001", "0000010003", "50.00").dated(LocalDate.of(2026, 1, 3)).send();
        f.send(payment(22, "90.00").invoice("NO-SUCH-DOC"));
        f.advance(DEADLINE.plusSeconds(1));
        f.review.readValue();

        f.resolveWithAmounts("22", ResolutionAction.APPLY, "C00001", List.of("10003", "10002", "10001"),
                Arrays.asList(new BigDecimal("20.00"), null, null));

        PostPayment p = onlyPayment("C00001");
        assertThat(p.getApplications()).containsExactly(app("0000010003", "20.00"), app("0000010001", "50.00"), app("0000010002", "20.00"));
    }

    @Test
    void anIgnoredUnknownPaymentIsClosedAndNeverPosted() {
        f.send(payment(20, "5.00").invoice("NOBODY"));
        f.advance(DEADLINE.plusSeconds(1));
        f.review.readValue();

        f.resolve("20", ResolutionAction.IGNORE, null);
        f.send(payment(20, "5.00").invoice("NOBODY").settledIn(77)); // settles later: still not posted

        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(f.review.readValue().getStatus()).isEqualTo(ReviewStatus.RESOLVED);
    }

    @Test
    void aClosedInvoiceIsForgottenAndItsCustomerStaysResolvable() {
        f.invoice("C00001", "0000010001", "10.00").send();
        f.closeInvoice("0000010001");
        f.send(payment(21, "10.00").invoice("0000010001"));
        assertThat(f.commands.isEmpty()).as("nothing open is called 0000010001 any more").isTrue();

        f.advance(DEADLINE.plusSeconds(2));

        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(f.review.readValue().getReason()).isEqualTo(ReviewReason.UNKNOWN_CUSTOMER);
    }
}
