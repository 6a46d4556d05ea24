package com.ptsl.reconciler.log;

import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.PayTraceKind;
import com.ptsl.reconciler.model.TransactionFacts;
import com.ptsl.reconciler.support.PayTraceRecords;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reconciler's own reading of PayTrace records: final state by fold, and the cash that state means. */
class TransactionFoldTest {

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final LocalDateTime AT = LocalDateTime.of(2025, 3, 14, 16, 6, 30);
    private static final Instant FROM = AT.atZone(ZONE).toInstant().minusSeconds(3600);
    private static final Instant TO = FROM.plusSeconds(86_400);

    private final Evidence evidence = new Evidence();
    private final TransactionFold fold = new TransactionFold(evidence, FROM, TO, ZONE);
    private long offset;

    private TransactionFacts fold(String json, long timestamp) {
        return fold.fold(PayTraceRecordParser.parse(json), timestamp, offset++, timestamp >= FROM.toEpochMilli() && timestamp < TO.toEpochMilli());
    }

    private long inWindow(int seconds) {
        return FROM.toEpochMilli() + seconds * 1000L;
    }

    @Test
    void anApprovedSalePendingSettlementBringsInItsAmount() {
        TransactionFacts f = fold(PayTraceRecords.sale(100001, "110.00", "Y", AT), inWindow(1));
        assertThat(f.kind()).isEqualTo(PayTraceKind.SALE);
        assertThat(f.expectedCents()).isEqualTo(11_000);
        assertThat(f.day()).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(f.inWindow()).isTrue();
        assertThat(f.settlementBatch()).isNull();
    }

    @Test
    void aSettledSaleNamesItsBatchAndKeepsItsAmount() {
        fold(PayTraceRecords.sale(100002, "12.30", "Y", AT), inWindow(1));
        TransactionFacts f = fold(PayTraceRecords.sale(100002, "12.30", "GB571", AT), inWindow(2));
        assertThat(f.kind()).isEqualTo(PayTraceKind.SALE);
        assertThat(f.expectedCents()).isEqualTo(1_230);
        assertThat(f.settlementBatch()).isEqualTo("571");
    }

    @Test
    void aDeclineMovesNoCash() {
        TransactionFacts f = fold(PayTraceRecords.declined(100003, "1.12", AT), inWindow(1));
        assertThat(f.kind()).isEqualTo(PayTraceKind.DECLINE);
        assertThat(f.expectedCents()).isZero();
    }

    @Test
    void aDeclineByResponseCodeMovesNoCashWhateverTheStatusSays() {
        String json = PayTraceRecords.sale(100013, "5.00", "Y", AT).replace("\"customer_id\":\"\"", "\"customer_id\":\"\",\"response_code\":102");
        TransactionFacts f = fold(json, inWindow(1));
        assertThat(f.kind()).isEqualTo(PayTraceKind.DECLINE);
        assertThat(f.expectedCents()).isZero();
    }

    @Test
    void anAuthorizationOnlyMovesNoCashUntilCaptured() {
        TransactionFacts auth = fold(PayTraceRecords.authorizationOnly(100004, "80.00", AT), inWindow(1));
        assertThat(auth.kind()).isEqualTo(PayTraceKind.AUTHORIZATION);
        assertThat(auth.expectedCents()).isZero();

        TransactionFacts captured = fold(PayTraceRecords.capturedAuthorization(100004, "75.00", "Y", AT), inWindow(2));
        assertThat(captured.kind()).isEqualTo(PayTraceKind.CAPTURE);
        assertThat(captured.expectedCents()).as("the captured amount, not the authorized one").isEqualTo(7_500);
    }

    @Test
    void anExpiredAuthorizationMovesNoCash() {
        String json = PayTraceRecords.record(100014, "AUTHORIZATION", "80.00", "N", "Authorization Expired", "  NO  MATCH - Approved and completed",
                "Match", AT, null);
        TransactionFacts f = fold(json, inWindow(1));
        assertThat(f.kind()).isEqualTo(PayTraceKind.AUTHORIZATION_EXPIRED);
        assertThat(f.expectedCents()).isZero();
    }

    @Test
    void aSaleVoidedAfterItWasApprovedEndsWithNoCash() {
        fold(PayTraceRecords.sale(100005, "20.00", "Y", AT), inWindow(1));
        TransactionFacts f = fold(PayTraceRecords.voidedSale(100005, "20.00", AT), inWindow(2));
        assertThat(f.kind()).isEqualTo(PayTraceKind.VOID);
        assertThat(f.expectedCents()).isZero();
    }

    @Test
    void a103AutoVoidMovesNoCash() {
        TransactionFacts byText = fold(PayTraceRecords.autoVoidedSale(100006, "20.00", AT), inWindow(1));
        assertThat(byText.kind()).isEqualTo(PayTraceKind.AUTO_VOID);
        assertThat(byText.expectedCents()).isZero();

        String withCode = PayTraceRecords.sale(100016, "20.00", "Y", AT).replace("\"customer_id\":\"\"", "\"customer_id\":\"\",\"response_code\":103");
        TransactionFacts byCode = fold(withCode, inWindow(1));
        assertThat(byCode.kind()).isEqualTo(PayTraceKind.AUTO_VOID);
        assertThat(byCode.expectedCents()).isZero();
    }

    @Test
    void aRefundPaysOutItsAmountWhicheverSignPayTracePrints() {
        TransactionFacts positive = fold(PayTraceRecords.refund(100007, "10.00", "Y", AT, 100001), inWindow(1));
        assertThat(positive.kind()).isEqualTo(PayTraceKind.REFUND);
        assertThat(positive.expectedCents()).isEqualTo(-1_000);

        TransactionFacts negative = fold(PayTraceRecords.refund(100008, "-10.00", "GB572", AT, 100001), inWindow(1));
        assertThat(negative.expectedCents()).isEqualTo(-1_000);
        assertThat(negative.settlementBatch()).isEqualTo("572");
    }

    @Test
    void aVoidedRefundPaysOutNothing() {
        fold(PayTraceRecords.refund(100009, "10.00", "Y", AT, 100001), inWindow(1));
        TransactionFacts f = fold(PayTraceRecords.record(100009, "REFUND", "10.00", "N", "Voided", "", "", AT, 100001L), inWindow(2));
        assertThat(f.kind()).isEqualTo(PayTraceKind.VOID);
        assertThat(f.expectedCents()).isZero();
    }

    @Test
    void theLatestSnapshotByRecordTimeWinsEvenWhenItArrivesAtALowerOffset() {
        fold(PayTraceRecords.voidedSale(100010, "20.00", AT), inWindow(5));
        TransactionFacts f = fold(PayTraceRecords.sale(100010, "20.00", "Y", AT), inWindow(4));
        assertThat(f.kind()).as("the record stamped earlier does not replace the later one").isEqualTo(PayTraceKind.VOID);
    }

    @Test
    void atTheSameTimestampTheHigherOffsetWins() {
        fold(PayTraceRecords.sale(100011, "20.00", "Y", AT), inWindow(5));
        TransactionFacts f = fold(PayTraceRecords.voidedSale(100011, "20.00", AT), inWindow(5));
        assertThat(f.kind()).isEqualTo(PayTraceKind.VOID);
    }

    @Test
    void aTransactionIsInTheWindowWhenAnyOfItsRecordsIsAndItsStateIsTheLatestReadEvenAfterTheWindow() {
        TransactionFacts before = fold(PayTraceRecords.sale(100012, "20.00", "Y", AT), FROM.toEpochMilli() - 1);
        assertThat(before.inWindow()).isFalse();
        fold(PayTraceRecords.sale(100012, "20.00", "GB573", AT), inWindow(10));
        TransactionFacts after = fold(PayTraceRecords.voidedSale(100012, "20.00", AT), TO.toEpochMilli() + 5);
        assertThat(after.inWindow()).isTrue();
        assertThat(after.kind()).as("folded to its state now, because SL is read now").isEqualTo(PayTraceKind.VOID);
    }

    @Test
    void exportAmountsWithoutTrailingZerosAreExactCents() {
        assertThat(PayTraceRecordParser.parse(PayTraceRecords.sale(1, "110.00", "Y", AT)).amountCents()).isEqualTo(11_000);
        assertThat(PayTraceRecordParser.parse(PayTraceRecords.sale(1, "12.30", "Y", AT)).amountCents()).isEqualTo(1_230);
        assertThat(PayTraceRecordParser.parse(PayTraceRecords.sale(1, "0.10", "Y", AT)).amountCents()).isEqualTo(10);
    }

    @Test
    void aRecordWhoseAmountHasMoreThanTwoDecimalsIsUnreadableNotRounded() {
        String json = PayTraceRecords.sale(1, "1.00", "Y", AT).replace("\"amount\":1", "\"amount\":1.005");
        assertThatThrownBy(() -> PayTraceRecordParser.parse(json)).hasMessageContaining("amount has more than 2 decimal places");
    }

    @Test
    void aRecordWithoutTransactionIdIsUnreadable() {
        assertThatThrownBy(() -> PayTraceRecordParser.parse("{\"amount\": 1}")).hasMessageContaining("transaction_id is missing");
    }
}
