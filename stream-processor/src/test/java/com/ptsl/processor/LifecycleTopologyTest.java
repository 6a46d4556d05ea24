package com.ptsl.processor;

import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.command.StatusEvent;
import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.schemas.avro.ReversePayment;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static com.ptsl.processor.PayTraceExportRecord.authorization;
import static com.ptsl.processor.PayTraceExportRecord.keyedRefund;
import static com.ptsl.processor.PayTraceExportRecord.refund;
import static com.ptsl.processor.PayTraceExportRecord.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every card transaction kind through the whole topology, as chains of the records the sandbox exports for
 * one transaction's life: what SL is told to do (commands), what other systems are told (status results) and
 * what a person must look at (review items).
 */
class LifecycleTopologyTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** 03:00 UTC on 12 April is still 11 April in Los Angeles, the default merchant zone. */
    private static final Instant VOIDED_AT = Instant.parse("2015-04-12T03:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyFixture f;

    @BeforeEach
    void start() {
        start(PostOn.CAPTURE);
    }

    private void start(PostOn postOn) {
        if (f != null) {
            f.close();
        }
        ProcessorConfig config = ProcessorConfig.defaults().withApplicationId("lifecycle-test").withStateDir(stateDir).withPostOn(postOn);
        f = new TopologyFixture(config.withMatch(config.match().withDeadline(DEADLINE)));
        f.customer("C00001");
        f.customer("C00002");
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** A sale of customer C00001 paying invoice {@code invoice} (or naming none when ""). */
    private static PayTraceExportRecord payment(long id, String amount, String invoice) {
        return sale(id).amount(amount).invoice(invoice).customerReference("C00001");
    }

    private static Application app(String ref, String amount) {
        return new Application(ref, "IN", new BigDecimal(amount));
    }

    private List<ErpCommand> commands() {
        return f.commands.readValuesToList();
    }

    private static <T> T payload(ErpCommand c, Class<T> type) {
        assertThat(c.getPayload()).isInstanceOf(type);
        return type.cast(c.getPayload());
    }

    // ---- void ----

    @Test
    void aSaleVoidedWhileItWaitsForItsInvoicePostsNothingAndSaysSo() {
        f.send(payment(1, "50.00", "0000010099"));
        assertThat(f.commands.isEmpty()).as("waits for 0000010099").isTrue();

        f.send(payment(1, "50.00", "0000010099").voided());
        f.invoice("C00001", "0000010099", "50.00").send();
        f.advance(DEADLINE.plusSeconds(2));

        assertThat(f.commands.isEmpty()).isTrue();
        ErpResult status = f.results.readValue();
        assertThat(status.getCommandId()).isEqualTo("Status:1:VOIDED_UNPOSTED");
        assertThat(status.getStatus()).isEqualTo(ResultStatus.NOT_POSTED);
        assertThat(status.getEvent()).isEqualTo("VOIDED_UNPOSTED");
        assertThat(status.getCustId()).isEqualTo("C00001");
        assertThat(status.getTransactionKind()).isEqualTo("VOIDED");
        assertThat(status.getAmount()).isEqualTo(new BigDecimal("50.00"));
        assertThat(status.getSourceTransactionId()).isEqualTo("1");
        assertThat(status.getProcessedAt()).isNotNull();
        assertThat(f.results.isEmpty()).isTrue();
        assertThat(f.metrics.statusEvents(StatusEvent.VOIDED_UNPOSTED)).isEqualTo(1);
    }

    @Test
    void aSaleVoidedAfterItPostedIsReversedAndItsInvoiceCanBePaidAgain() {
        f.invoice("C00001", "0000010001", "100.00").send();
        f.send(payment(2, "100.00", "0000010001"));
        ErpCommand posted = commands().get(0);

        f.send(payment(2, "100.00", "0000010001").voided().receivedAt(VOIDED_AT));

        List<ErpCommand> out = commands();
        assertThat(out).extracting(ErpCommand::getCommandId).containsExactly("ReversePayment:2");
        assertThat(out.get(0).getCustId()).isEqualTo("C00001");
        ReversePayment reverse = payload(out.get(0), ReversePayment.class);
        assertThat(reverse.getTransactionId()).isEqualTo("2");
        assertThat(reverse.getAmount()).isEqualTo(new BigDecimal("100.00"));
        assertThat(reverse.getDocDate()).as("the void's date in the merchant's zone").isEqualTo(LocalDate.of(2015, 4, 11));
        assertThat(reverse.getReason()).isEqualTo("VOID");
        assertThat(reverse.getPaymentCommandId()).isEqualTo(posted.getCommandId()).isEqualTo("PostPayment:2");
        assertThat(f.results.isEmpty()).as("something was posted, so the sink reports the reversal").isTrue();

        f.send(payment(3, "100.00", "0000010001"));
        assertThat(payload(commands().get(0), PostPayment.class).getApplications())
                .as("the voided payment's reservation was given back").containsExactly(app("0000010001", "100.00"));
        assertThat(f.review.isEmpty()).isTrue();
        assertThat(f.metrics.commandsEmitted("ReversePayment")).isEqualTo(1);
    }

    @Test
    void aVoidAfterSlShowsThePaymentGivesTheBalanceBackUntilSlShowsItGone() {
        f.invoice("C00001", "0000010001", "100.00").send();
        f.send(payment(4, "100.00", "0000010001"));
        f.invoice("C00001", "0000010001", "100.00").applied("4", "100.00").send(); // SL holds the 'U' line now
        commands();

        f.send(payment(4, "100.00", "0000010001").voided());
        f.send(payment(5, "60.00", "0000010001"));
        // The sink removed payment 4 from its batch; SL now shows payment 5's line only.
        f.invoice("C00001", "0000010001", "100.00").applied("5", "60.00").send();
        f.send(payment(6, "60.00", "0000010001"));

        List<ErpCommand> out = commands();
        assertThat(out).extracting(ErpCommand::getCommandId).containsExactly("ReversePayment:4", "PostPayment:5", "PostPayment:6");
        assertThat(payload(out.get(1), PostPayment.class).getApplications()).containsExactly(app("0000010001", "60.00"));
        assertThat(payload(out.get(2), PostPayment.class).getApplications())
                .as("40 left once SL shows 5's 60 and no more of 4").containsExactly(app("0000010001", "40.00"));
    }

    @Test
    void aVoidedPaymentWithAnOpenReviewClosesTheItem() {
        f.send(payment(7, "12.34", "")); // nothing matches: on account, UNMATCHED
        assertThat(f.review.readValue().getReason()).isEqualTo(ReviewReason.UNMATCHED);
        commands();

        f.send(payment(7, "12.34", "").voided());

        assertThat(commands()).extracting(ErpCommand::getCommandId).containsExactly("ReversePayment:7");
        ReviewItem closed = f.review.readValue();
        assertThat(closed.getStatus()).isEqualTo(ReviewStatus.RESOLVED);
        assertThat(closed.getResolution()).contains("voided in PayTrace", "ReversePayment:7");
    }

    @Test
    void aVoidOfAPaymentWaitingForItsCustomerDropsItAndClosesItsReview() {
        f.send(sale(8).invoice("NOBODY").customerReference(""));
        f.advance(DEADLINE.plusSeconds(1));
        assertThat(f.review.readValue().getReason()).isEqualTo(ReviewReason.UNKNOWN_CUSTOMER);

        f.send(sale(8).invoice("NOBODY").customerReference("").voided());

        assertThat(f.commands.isEmpty()).isTrue();
        ReviewItem closed = f.review.readValue();
        assertThat(closed.getStatus()).isEqualTo(ReviewStatus.RESOLVED);
        assertThat(f.results.readValue().getCommandId()).isEqualTo("Status:8:VOIDED_UNPOSTED");
    }

    @Test
    void aLateCopyOfAVoidedSalesPendingRecordPostsNothing() {
        f.send(payment(9, "20.00", "").voided()); // the void polled first
        f.send(payment(9, "20.00", ""));            // an older poll's copy, still Y

        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(f.results.readValuesToList()).extracting(ErpResult::getCommandId).containsExactly("Status:9:VOIDED_UNPOSTED");
    }

    // ---- authorization and capture ----

    @Test
    void anAuthorizationThenAPartialCapturePostsTheCapturedAmount() {
        f.invoice("C00001", "0000010001", "100.00").send();
        PayTraceExportRecord auth = authorization(10).amount("100.00").invoice("0000010001").maskedCard("401200******5439")
                .createdBy("merchant-east");
        f.send(auth);
        assertThat(f.commands.isEmpty()).as("an authorization moves no money").isTrue();
        ErpResult authorized = f.results.readValue();
        assertThat(authorized.getCommandId()).isEqualTo("Status:10:AUTHORIZED");
        assertThat(authorized.getTransactionKind()).isEqualTo("AUTHORIZED");
        assertThat(authorized.getReason()).isNull();

        f.send(auth.captured("60.00"));

        ErpCommand command = commands().get(0);
        assertThat(command.getCommandId()).isEqualTo("PostPayment:10");
        PostPayment p = payload(command, PostPayment.class);
        assertThat(p.getAmount()).isEqualTo(new BigDecimal("60.00"));
        assertThat(p.getApplications()).containsExactly(app("0000010001", "60.00"));
        assertThat(p.getCardType()).as("from the BIN include_bin shows").isEqualTo("VISA");
        assertThat(p.getMerchantAccount()).isEqualTo("merchant-east");
        assertThat(p.getMaskedAccount()).isEqualTo("************5439");

        f.send(auth.captured("60.00").settledIn(580));
        assertThat(f.commands.isEmpty()).as("settling posts nothing again").isTrue();
        assertThat(f.metrics.classifiedAs(TransactionKind.CAPTURE_SETTLED)).isEqualTo(1);
    }

    @Test
    void anAuthorizationThenAVoidPostsNothingAndReportsBoth() {
        PayTraceExportRecord auth = authorization(11).amount("75.00");
        f.send(auth);
        f.send(auth.voided());

        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(f.results.readValuesToList()).extracting(ErpResult::getCommandId, ErpResult::getEvent, ErpResult::getTransactionKind)
                .containsExactly(tuple("Status:11:AUTHORIZED", "AUTHORIZED", "AUTHORIZED"),
                        tuple("Status:11:VOIDED_UNPOSTED", "VOIDED_UNPOSTED", "VOIDED"));
    }

    @Test
    void aCapturedThenVoidedAuthorizationIsReversed() {
        PayTraceExportRecord auth = authorization(12).amount("75.00").invoice("");
        f.send(auth);
        f.send(auth.captured("70.00"));
        f.send(auth.captured("70.00").voided());

        assertThat(commands()).extracting(ErpCommand::getCommandId).containsExactly("PostPayment:12", "ReversePayment:12");
    }

    @Test
    void anExpiredAuthorizationIsReportedNotPosted() {
        f.send(authorization(13));
        f.send(authorization(13).expired());

        assertThat(f.commands.isEmpty()).isTrue();
        List<ErpResult> results = f.results.readValuesToList();
        assertThat(results).extracting(ErpResult::getCommandId).containsExactly("Status:13:AUTHORIZED", "Status:13:VOIDED_UNPOSTED");
        assertThat(results.get(1).getTransactionKind()).isEqualTo("AUTHORIZATION_EXPIRED");
        assertThat(results.get(1).getReason()).contains("expired");
    }

    // ---- 103, decline, unknown ----

    @Test
    void anAutoVoidAndADeclinePostNothingAndProduceStatusEvents() {
        f.send(payment(14, "30.00", "").autoVoided());
        f.send(payment(15, "1.12", "").declined());

        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(f.review.isEmpty()).isTrue();
        List<ErpResult> results = f.results.readValuesToList();
        assertThat(results).extracting(ErpResult::getCommandId, ErpResult::getEvent, ErpResult::getStatus)
                .containsExactly(tuple("Status:14:AUTO_VOIDED", "AUTO_VOIDED", ResultStatus.NOT_POSTED),
                        tuple("Status:15:DECLINED", "DECLINED", ResultStatus.NOT_POSTED));
        assertThat(results.get(0).getReason()).contains("103");
        assertThat(results.get(1).getReason()).isEqualTo("DECLINE - Do not honor");
        assertThat(results.get(1).getAmount()).isEqualTo(new BigDecimal("1.12"));
        assertThat(results.get(1).getCustId()).isEmpty();
        assertThat(f.metrics.statusEvents(StatusEvent.AUTO_VOIDED)).isEqualTo(1);
        assertThat(f.metrics.statusEvents(StatusEvent.DECLINED)).isEqualTo(1);
    }

    @Test
    void anUnknownRecordIsCountedReportedAndSentToReview() {
        f.send(sale(16).type("STR/FWD"));

        assertThat(f.commands.isEmpty()).isTrue();
        ErpResult status = f.results.readValue();
        assertThat(status.getCommandId()).isEqualTo("Status:16:UNKNOWN");
        assertThat(status.getReason()).contains("STR/FWD");
        ReviewItem item = f.review.readValue();
        assertThat(item.getReason()).isEqualTo(ReviewReason.UNKNOWN_KIND);
        assertThat(item.getStatus()).isEqualTo(ReviewStatus.OPEN);
        assertThat(item.getDetail()).contains("STR/FWD", "nothing was posted");
        assertThat(f.metrics.classifiedAs(TransactionKind.UNKNOWN)).isEqualTo(1);
        assertThat(f.metrics.reviewItems(ReviewReason.UNKNOWN_KIND)).isEqualTo(1);
        assertThat(f.metrics.statusEvents(StatusEvent.UNKNOWN)).isEqualTo(1);
    }

    // ---- refunds ----

    @Test
    void aSaleSettledThenRefundedInTwoPartsPostsTwoRefundsTheSecondOneFull() {
        f.invoice("C00001", "0000010001", "100.00").send();
        PayTraceExportRecord sale = payment(20, "100.00", "0000010001").maskedCard("550000******0004");
        f.send(sale);
        f.send(sale.settledIn(600));
        f.send(refund(21, 20).amount("40.00").invoice("0000010001").maskedCard("550000******0004"));
        f.send(refund(21, 20).amount("40.00").invoice("0000010001").maskedCard("550000******0004").settledIn(601));
        f.send(refund(22, 20).amount("60.00").invoice("0000010001").maskedCard("550000******0004"));

        List<ErpCommand> out = commands();
        assertThat(out).extracting(ErpCommand::getCommandId).containsExactly("PostPayment:20", "PostRefund:21", "PostRefund:22");
        assertThat(out).extracting(ErpCommand::getCustId).containsOnly("C00001");
        PostRefund first = payload(out.get(1), PostRefund.class);
        assertThat(first.getTransactionId()).isEqualTo("21");
        assertThat(first.getOriginalTransactionId()).isEqualTo("20");
        assertThat(first.getAmount()).isEqualTo(new BigDecimal("40.00"));
        assertThat(first.getInvoiceRefNbr()).isEqualTo("0000010001");
        assertThat(first.getFullRefund()).isFalse();
        assertThat(first.getCardType()).isEqualTo("MASTERCARD");
        assertThat(first.getMaskedAccount()).isEqualTo("************0004");
        assertThat(first.getMerchantAccount()).isEqualTo("sandbox123");
        assertThat(first.getDocDate()).isEqualTo(LocalDate.of(2015, 4, 10));
        PostRefund second = payload(out.get(2), PostRefund.class);
        assertThat(second.getAmount()).isEqualTo(new BigDecimal("60.00"));
        assertThat(second.getFullRefund()).as("40 + 60 = the whole 100").isTrue();
        assertThat(f.review.isEmpty()).isTrue();
        assertThat(f.metrics.commandsEmitted("PostRefund")).isEqualTo(2);
    }

    @Test
    void aRefundOverWhatIsLeftOfTheOriginalIsPostedAndRaisesAmountMismatch() {
        f.send(payment(23, "100.00", ""));
        f.review.readValuesToList(); // UNMATCHED: on account
        f.send(refund(24, 23).amount("80.00"));
        f.send(refund(25, 23).amount("30.00"));

        List<ErpCommand> out = commands();
        assertThat(out).extracting(ErpCommand::getCommandId).containsExactly("PostPayment:23", "PostRefund:24", "PostRefund:25");
        assertThat(payload(out.get(2), PostRefund.class).getAmount()).isEqualTo(new BigDecimal("30.00"));
        assertThat(payload(out.get(2), PostRefund.class).getFullRefund()).isTrue();
        ReviewItem item = f.review.readValue();
        assertThat(item.getTransactionId()).isEqualTo("25");
        assertThat(item.getReason()).isEqualTo(ReviewReason.AMOUNT_MISMATCH);
        assertThat(item.getDetail()).contains("30.00", "20.00 left");
    }

    @Test
    void aVoidedRefundIsReversedAndNoLongerCountsAgainstTheOriginal() {
        f.send(payment(26, "100.00", ""));
        f.send(refund(27, 26).amount("40.00"));
        f.send(refund(27, 26).amount("40.00").voided());
        f.send(refund(28, 26).amount("100.00"));

        List<ErpCommand> out = commands();
        assertThat(out).extracting(ErpCommand::getCommandId)
                .containsExactly("PostPayment:26", "PostRefund:27", "ReversePayment:27", "PostRefund:28");
        ReversePayment reverse = payload(out.get(2), ReversePayment.class);
        assertThat(reverse.getAmount()).isEqualTo(new BigDecimal("40.00"));
        assertThat(reverse.getPaymentCommandId()).isEqualTo("PostRefund:27");
        assertThat(payload(out.get(3), PostRefund.class).getFullRefund()).isTrue();
        assertThat(f.review.readValuesToList()).extracting(ReviewItem::getReason).doesNotContain(ReviewReason.AMOUNT_MISMATCH);
    }

    @Test
    void aRefundWhoseOriginalArrivesLaterPostsAfterIt() {
        f.send(refund(30, 29).amount("25.00"));
        f.advance(Duration.ofSeconds(5));
        assertThat(f.commands.isEmpty()).as("its original is not known yet").isTrue();

        f.send(payment(29, "25.00", ""));
        f.advance(Duration.ofSeconds(1)); // the resolve stage retries on its punctuator

        List<ErpCommand> out = commands();
        assertThat(out).extracting(ErpCommand::getCommandId).containsExactly("PostPayment:29", "PostRefund:30");
        assertThat(payload(out.get(1), PostRefund.class).getFullRefund()).isTrue();
        assertThat(out.get(1).getHeldMs()).isGreaterThanOrEqualTo(5_000);
    }

    @Test
    void aRefundWhoseOriginalNeverArrivesGoesToReviewAtTheDeadlineWithNothingPosted() {
        f.send(refund(31, 999_999).amount("25.00"));
        f.advance(DEADLINE.minusSeconds(2));
        assertThat(f.review.isEmpty()).isTrue();

        f.advance(Duration.ofSeconds(3));
        f.advance(DEADLINE); // no second item

        assertThat(f.commands.isEmpty()).isTrue();
        List<ReviewItem> items = f.review.readValuesToList();
        assertThat(items).extracting(ReviewItem::getTransactionId, ReviewItem::getReason, ReviewItem::getStatus)
                .containsExactly(tuple("31", ReviewReason.UNLINKED_REFUND, ReviewStatus.OPEN));
        assertThat(items.get(0).getDetail()).contains("999999", "nothing was posted");
        assertThat(items.get(0).getPostedOnAccount()).isNull();
        assertThat(f.metrics.reviewItems(ReviewReason.UNLINKED_REFUND)).isEqualTo(1);
    }

    @Test
    void aKeyedRefundIsPostedForTheCustomerItNamesWithoutAnOriginal() {
        f.send(keyedRefund(32).amount("15.00").invoice("").customerReference("C00002"));
        f.send(keyedRefund(32).amount("15.00").invoice("").customerReference("C00002").settledIn(610));

        List<ErpCommand> out = commands();
        assertThat(out).extracting(ErpCommand::getCommandId).containsExactly("PostRefund:32");
        assertThat(out.get(0).getCustId()).isEqualTo("C00002");
        PostRefund r = payload(out.get(0), PostRefund.class);
        assertThat(r.getOriginalTransactionId()).isEmpty();
        assertThat(r.getFullRefund()).isFalse();
        assertThat(r.getInvoiceRefNbr()).isEmpty();
    }

    @Test
    void aKeyedRefundOfNobodyGoesToReviewAsAnUnknownCustomer() {
        f.send(keyedRefund(33).amount("15.00").invoice("").customerReference("NOBODY"));
        f.advance(DEADLINE.plusSeconds(1));

        assertThat(f.commands.isEmpty()).isTrue();
        assertThat(f.review.readValue().getReason()).isEqualTo(ReviewReason.UNKNOWN_CUSTOMER);
    }

    @Test
    void aRefundOfAPaymentStillWaitingForItsInvoicePostsThePaymentFirst() {
        f.send(payment(34, "50.00", "0000010077"));
        assertThat(f.commands.isEmpty()).isTrue();

        f.send(refund(35, 34).amount("50.00"));

        assertThat(commands()).extracting(ErpCommand::getCommandId).containsExactly("PostPayment:34", "PostRefund:35");
    }

    // ---- post-on, replays ----

    @Test
    void postOnSettlementPostsOnlyWhatSettled() {
        start(PostOn.SETTLEMENT);
        f.invoice("C00001", "0000010001", "100.00").send();
        PayTraceExportRecord sale = payment(40, "100.00", "0000010001");
        f.send(sale);
        assertThat(f.commands.isEmpty()).as("pending settlement: not yet").isTrue();
        f.send(sale.settledIn(700));
        f.send(refund(41, 40).amount("10.00"));
        assertThat(commands()).extracting(ErpCommand::getCommandId).containsExactly("PostPayment:40");
        f.send(refund(41, 40).amount("10.00").settledIn(701));
        PayTraceExportRecord voided = payment(42, "5.00", "");
        f.send(voided);
        f.send(voided.voided());

        assertThat(commands()).extracting(ErpCommand::getCommandId).containsExactly("PostRefund:41");
        assertThat(f.results.readValuesToList()).extracting(ErpResult::getCommandId).containsExactly("Status:42:VOIDED_UNPOSTED");
    }

    @Test
    void replayingEveryRecordAddsNothingAndAFreshRunBuildsTheSameCommands(@TempDir Path otherStateDir) {
        f.invoice("C00001", "0000010001", "100.00").send();
        List<PayTraceExportRecord> history = new ArrayList<>(List.of(
                payment(50, "100.00", "0000010001"), payment(50, "100.00", "0000010001").settledIn(800),
                refund(51, 50).amount("30.00"), refund(51, 50).amount("30.00").settledIn(801),
                payment(52, "20.00", ""), payment(52, "20.00", "").voided(),
                authorization(53).amount("40.00").invoice(""), authorization(53).amount("40.00").invoice("").captured("35.00"),
                payment(54, "9.00", "").autoVoided(), payment(55, "1.12", "").declined(),
                keyedRefund(56).amount("5.00").invoice(""), sale(57).type("STR/FWD")));
        history.forEach(f::send);
        List<ErpCommand> first = commands();
        List<ErpResult> firstResults = f.results.readValuesToList();
        assertThat(first).extracting(ErpCommand::getCommandId).containsExactly("PostPayment:50", "PostRefund:51", "PostPayment:52",
                "ReversePayment:52", "PostPayment:53", "PostRefund:56");
        f.review.readValuesToList();

        history.forEach(f::send);
        f.advance(DEADLINE.plusSeconds(1));

        assertThat(f.commands.isEmpty()).as("the same records again: no new command").isTrue();
        assertThat(f.results.readValuesToList()).extracting(ErpResult::getCommandId).isEmpty();
        assertThat(f.review.isEmpty()).isTrue();

        f.close();
        ProcessorConfig config = ProcessorConfig.defaults().withApplicationId("lifecycle-test-2").withStateDir(otherStateDir);
        f = new TopologyFixture(config.withMatch(config.match().withDeadline(DEADLINE)));
        f.customer("C00001");
        f.invoice("C00001", "0000010001", "100.00").send();
        history.forEach(f::send);
        List<ErpCommand> again = commands();
        assertThat(again).extracting(ErpCommand::getCommandId).isEqualTo(first.stream().map(ErpCommand::getCommandId).toList());
        assertThat(again).extracting(ErpCommand::getPayload).isEqualTo(first.stream().map(ErpCommand::getPayload).toList());
        assertThat(f.results.readValuesToList()).extracting(ErpResult::getCommandId)
                .isEqualTo(firstResults.stream().map(ErpResult::getCommandId).toList());
    }
}
