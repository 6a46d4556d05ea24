package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import com.ptsl.sink.deposit.DepositBatchStatus;
import com.ptsl.sink.deposit.DepositReview;
import com.ptsl.sink.deposit.DepositReviewOutbox;
import com.ptsl.sink.deposit.DepositSettings;
import com.ptsl.sink.kafka.DepositReviewRecords;
import com.ptsl.sink.sql.IntegrationTables;
import com.ptsl.sink.sql.dialect.SqlDialect;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.DepositCommands;
import com.ptsl.sink.support.ReversalCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import static com.ptsl.sink.support.DepositCommands.refund;
import static com.ptsl.sink.support.DepositCommands.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CloseDeposit on any SL database: a settlement batch recorded against the SL documents of its transactions
 * (PTSL_Deposit and its lines), a mismatch named transaction by transaction, corrections, fees, and the configured
 * batch status applied only to the integration's unreleased batches. Nothing SL's feed reads ever changes.
 */
abstract class CloseDepositContract extends PostingFixture {

    static final GlAccount FEES = new GlAccount("6100", "00-000-00");
    static final PostingSettings WITH_REFUNDS = SETTINGS.withRefunds(new GlAccount("4100", "00-000-00"), RefundPolicy.CREDIT_MEMO);

    SlWriter keep;

    @BeforeEach
    void integrationTables() throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            IntegrationTables.ensure(c, dialect);
        }
        keep = writer(DepositSettings.DEFAULT);
    }

    SlWriter writer(DepositSettings deposits) {
        return new SlWriter(dialect, WITH_REFUNDS, deposits);
    }

    @Test
    void aBatchWhosePaymentsAreAllInSlIsMatchedAndNothingTheFeedReadsChanges() throws SQLException {
        PostingOutcome first = apply(keep, Commands.payment("PostPayment:700101", "C00001", "700101", "20.00", TODAY));
        PostingOutcome second = apply(keep, Commands.payment("PostPayment:700102", "C00002", "700102", "15.50", TODAY));
        assertThat(second.batNbr()).isEqualTo(first.batNbr());
        Map<String, Object> feedBefore = feedVersions();
        int documentsBefore = count(table("ARDoc"));

        ErpCommand close = DepositCommands.closeDeposit("571", "a1b2c3d4e5f60718", TODAY, null, null,
                sale("700101", "20.00"), sale("700102", "15.50"));
        PostingOutcome outcome = apply(keep, close);

        assertThat(outcome.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(outcome.event()).isEqualTo(PostingEvent.DEPOSIT_MATCHED);
        assertThat(outcome.amount()).isEqualByComparingTo("35.50");
        assertThat(outcome.documents()).containsExactly("Batch//" + first.batNbr());
        assertThat(outcome.batNbr()).as("a deposit may span batches: they are in documents").isNull();
        assertThat(outcome.refNbr()).as("never a payment's RefNbr: the feed looks commands up by it").isNull();
        assertThat(outcome.documentsWritten()).isZero();
        assertThat(outcome.reason()).isNull();

        Map<String, Object> row = deposit("571");
        assertThat(row).containsEntry("CommandId", "CloseDeposit:571:a1b2c3d4e5f6").containsEntry("Status", "MATCHED")
                .containsEntry("SlBatches", first.batNbr()).containsEntry("TransactionCount", 2).containsEntry("ReviewSent", 1)
                .containsEntry("DepositDate", TODAY.atStartOfDay()).containsEntry("FeeAmount", null).containsEntry("FeeAcct", null);
        assertThat(money(row, "NetAmount")).isEqualByComparingTo("35.50");
        assertThat(money(row, "SalesAmount")).isEqualByComparingTo("35.50");
        assertThat(money(row, "RefundAmount")).isEqualByComparingTo("0.00");
        assertThat(money(row, "SlAmount")).isEqualByComparingTo("35.50");
        assertThat(money(row, "Difference")).isEqualByComparingTo("0.00");
        assertThat(lines("571")).extracting(l -> l.get("TransactionId") + " " + l.get("Kind") + " " + l.get("Amount") + " "
                + l.get("SlAmount") + " " + l.get("Documents"))
                .containsExactly("700101 SALE 20.00 20.00 PA/700101/" + first.batNbr(), "700102 SALE 15.50 15.50 PA/700102/" + first.batNbr());
        assertThat(sl.batch(first.batNbr())).as("SL_DEPOSIT_BATCH_STATUS=KEEP").containsEntry("Status", "B");
        try (Connection c = db.connect()) {
            assertThat(new DepositReviewOutbox(dialect).unsent(c, 10)).as("a match raises nothing").isEmpty();
        }

        assertThat(feedVersions()).as("ARDoc, ARTran, ARAdjust and Customer row versions").isEqualTo(feedBefore);
        assertThat(count(table("ARDoc"))).isEqualTo(documentsBefore);
    }

    @Test
    void aMismatchNamesTheDifferenceAndEveryTransactionThatExplainsIt() throws SQLException {
        PostingOutcome posted = apply(keep, Commands.payment("PostPayment:700201", "C00001", "700201", "20.00", TODAY));
        apply(keep, Commands.payment("PostPayment:700203", "C00003", "700203", "9.00", TODAY));

        PostingOutcome outcome = apply(keep, DepositCommands.closeDeposit("572", "0123456789abcdef", TODAY, null, null,
                sale("700201", "20.00"), sale("700202", "12.34"), sale("700203", "10.00")));

        assertThat(outcome.status()).isEqualTo(ResultStatus.APPLIED);
        assertThat(outcome.event()).isEqualTo(PostingEvent.DEPOSIT_MISMATCH);
        assertThat(outcome.amount()).isEqualByComparingTo("42.34");
        assertThat(outcome.reason()).contains("SL holds 29.00, PayTrace's net is 42.34 (difference -13.34)").contains("deposit:572");
        Map<String, Object> row = deposit("572");
        assertThat(row).containsEntry("Status", "MISMATCH").containsEntry("ReviewSent", 0).containsEntry("TransactionCount", 3);
        assertThat(money(row, "SlAmount")).isEqualByComparingTo("29.00");
        assertThat(money(row, "Difference")).isEqualByComparingTo("-13.34");
        assertThat(lines("572")).filteredOn(l -> l.get("TransactionId").equals("700202")).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("Documents", null).containsEntry("SlAmount", new BigDecimal("0.00")));

        DepositReviewOutbox outbox = new DepositReviewOutbox(dialect);
        try (Connection c = db.connect()) {
            List<DepositReview> unsent = outbox.unsent(c, 10);
            assertThat(unsent).singleElement().satisfies(r -> {
                assertThat(r.open()).isTrue();
                assertThat(r.detail()).isEqualTo("settlement batch 572: PayTrace net 42.34, SL 29.00, difference -13.34 (SL - PayTrace); "
                        + "tx 700202 SALE 12.34: not in SL; tx 700203 SALE 10.00: SL 9.00");
                ReviewItem item = DepositReviewRecords.reviewItem(r);
                assertThat(item.getTransactionId()).isEqualTo("deposit:572");
                assertThat(item.getReason()).isEqualTo(ReviewReason.DEPOSIT_MISMATCH);
                assertThat(item.getStatus()).isEqualTo(ReviewStatus.OPEN);
                assertThat(item.getAmount()).isEqualByComparingTo("-13.34");
                assertThat(item.getDetail()).isEqualTo(r.detail());
                assertThat(item.getJson()).contains("\"batchNumber\":\"572\"").contains("\"transactionId\":\"700203\"")
                        .contains("PA/700203/" + posted.batNbr()).doesNotContain("700201");
                assertThat(DepositReviewRecords.of(r).key()).isEqualTo("deposit:572");
            });
            outbox.markSent(c, unsent);
            assertThat(outbox.unsent(c, 10)).isEmpty();
        }
        assertThat(deposit("572")).containsEntry("ReviewSent", 1);
    }

    @Test
    void aSummaryThatDoesNotAddUpIsAMismatchEvenWhenEveryTransactionIsInSl() throws SQLException {
        apply(keep, Commands.payment("PostPayment:700251", "C00001", "700251", "20.00", TODAY));

        PostingOutcome outcome = apply(keep, DepositCommands.closeDeposit("575", "5555555555555555", TODAY, "25.00", null,
                sale("700251", "20.00")));

        assertThat(outcome.event()).isEqualTo(PostingEvent.DEPOSIT_MISMATCH);
        try (Connection c = db.connect()) {
            assertThat(new DepositReviewOutbox(dialect).unsent(c, 10)).singleElement().satisfies(r -> assertThat(r.detail())
                    .isEqualTo("settlement batch 575: PayTrace net 25.00, SL 20.00, difference -5.00 (SL - PayTrace); "
                            + "PayTrace's 1 transactions total 20.00, its net is 25.00"));
        }
    }

    @Test
    void aRefundInTheBatchCountsItsCashOutDebitMemoAndNotTheCreditMemo() throws SQLException {
        PostingOutcome earlier = apply(keep, Commands.payment("PostPayment:700301", "C00001", "700301", "80.00", TODAY.minusDays(5)));
        released(earlier.batNbr());
        PostingOutcome refunded = apply(keep, ReversalCommands.refund("PostRefund:800301", "C00001", "800301", "700301", "30.00", TODAY)
                .build());
        assertThat(refunded.documents()).containsExactly("CM/800301/" + refunded.batNbr(), "DM/800301/" + refunded.batNbr());
        PostingOutcome sale = apply(keep, Commands.payment("PostPayment:700302", "C00002", "700302", "50.00", TODAY));

        PostingOutcome outcome = apply(keep, DepositCommands.closeDeposit("573", "fedcba9876543210", TODAY, null, null,
                sale("700302", "50.00"), refund("800301", "30.00")));

        assertThat(outcome.event()).isEqualTo(PostingEvent.DEPOSIT_MATCHED);
        assertThat(outcome.amount()).isEqualByComparingTo("20.00");
        assertThat(outcome.documents()).containsExactlyInAnyOrder("Batch//" + sale.batNbr(), "Batch//" + refunded.batNbr());
        Map<String, Object> row = deposit("573");
        assertThat(money(row, "SlAmount")).isEqualByComparingTo("20.00");
        assertThat(money(row, "SalesAmount")).isEqualByComparingTo("50.00");
        assertThat(money(row, "RefundAmount")).isEqualByComparingTo("30.00");
        assertThat(lines("573")).filteredOn(l -> l.get("Kind").equals("REFUND")).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("Documents", "DM/800301/" + refunded.batNbr())
                        .containsEntry("SlAmount", new BigDecimal("30.00")));
    }

    @Test
    void aVoidedSaleHoldsNothingInSl() throws SQLException {
        PostingOutcome paid = apply(keep, Commands.payment("PostPayment:700351", "C00001", "700351", "40.00", TODAY.minusDays(3)));
        released(paid.batNbr());
        PostingOutcome voided = apply(keep, ReversalCommands.reverse("ReversePayment:700351", "C00001", "700351", "40.00", TODAY));
        assertThat(voided.event()).isEqualTo(PostingEvent.REVERSED);

        PostingOutcome outcome = apply(keep, DepositCommands.closeDeposit("576", "7777777777777777", TODAY, null, null,
                sale("700351", "40.00")));

        assertThat(outcome.event()).isEqualTo(PostingEvent.DEPOSIT_MISMATCH);
        assertThat(lines("576")).singleElement().satisfies(l -> assertThat(l)
                .containsEntry("Documents", "PA/700351/" + paid.batNbr() + ";NS/700351/" + voided.batNbr())
                .containsEntry("SlAmount", new BigDecimal("0.00")));
        try (Connection c = db.connect()) {
            assertThat(new DepositReviewOutbox(dialect).unsent(c, 10)).singleElement()
                    .satisfies(r -> assertThat(r.detail()).endsWith("; tx 700351 SALE 40.00: SL 0.00"));
        }
    }

    @Test
    void holdAndReadyChangeOnlyTheIntegrationsUnreleasedBatchesInBOrH() throws SQLException {
        String released = apply(keep, Commands.payment("PostPayment:700401", "C00001", "700401", "10.00", TODAY.minusDays(4))).batNbr();
        released(released);
        String suspended = apply(keep, Commands.payment("PostPayment:700402", "C00002", "700402", "11.00", TODAY.minusDays(3))).batNbr();
        sl.execute("UPDATE " + table("Batch") + " SET Status = 'S' WHERE Module = 'AR' AND BatNbr = ?", suspended);
        String foreign = apply(keep, Commands.payment("PostPayment:700403", "C00003", "700403", "12.00", TODAY.minusDays(2))).batNbr();
        sl.execute("UPDATE " + table("Batch") + " SET Crtd_Prog = '08030' WHERE Module = 'AR' AND BatNbr = ?", foreign);
        String open = apply(keep, Commands.payment("PostPayment:700404", "C00004", "700404", "13.00", TODAY)).batNbr();
        String memos = apply(keep, ReversalCommands.refund("PostRefund:800401", "C00001", "800401", "700401", "4.00", TODAY).build())
                .batNbr();
        String releasedStatus = (String) sl.batch(released).get("Status");
        assertThat(List.of(released, suspended, foreign, open, memos)).doesNotHaveDuplicates();

        ErpCommand close = DepositCommands.closeDeposit("574", "1111111111111111", TODAY, null, null, sale("700401", "10.00"),
                sale("700402", "11.00"), sale("700403", "12.00"), sale("700404", "13.00"), refund("800401", "4.00"));
        PostingOutcome held = apply(writer(new DepositSettings(DepositBatchStatus.HOLD, null)), close);

        assertThat(held.event()).isEqualTo(PostingEvent.DEPOSIT_MATCHED);
        assertThat(held.reason()).isEqualTo("batch status set on " + String.join(",", sorted(open, memos)));
        assertThat(deposit("574").get("SlBatches")).isEqualTo(String.join(",", sorted(released, suspended, foreign, open, memos)));
        assertThat(sl.batch(open)).containsEntry("Status", "H").containsEntry("LUpd_Prog", "PTSL");
        assertThat(sl.batch(memos)).containsEntry("Status", "H");
        assertThat(sl.batch(released)).containsEntry("Status", releasedStatus).containsEntry("Rlsed", 1);
        assertThat(sl.batch(suspended)).containsEntry("Status", "S");
        assertThat(sl.batch(foreign)).containsEntry("Status", "B");

        // A held deposit takes no more payments: the day's next one opens a batch of its own.
        String next = apply(keep, Commands.payment("PostPayment:700405", "C00005", "700405", "14.00", TODAY)).batNbr();
        assertThat(next).isNotEqualTo(open);

        PostingOutcome ready = apply(writer(new DepositSettings(DepositBatchStatus.READY, null)),
                DepositCommands.closeDeposit("574", "2222222222222222", TODAY, null, null, sale("700401", "10.00"),
                        sale("700402", "11.00"), sale("700403", "12.00"), sale("700404", "13.00"), refund("800401", "4.00")));

        assertThat(ready.reason()).startsWith("correction").endsWith("batch status set on " + String.join(",", sorted(open, memos)));
        assertThat(sl.batch(open)).containsEntry("Status", "B");
        assertThat(sl.batch(memos)).containsEntry("Status", "B");
        assertThat(sl.batch(suspended)).containsEntry("Status", "S");
        assertThat(sl.batch(released)).containsEntry("Status", releasedStatus);
        assertThat(sl.batch(next)).as("not one of the deposit's batches").containsEntry("Status", "B");
    }

    @Test
    void feesAreRecordedWithTheConfiguredAccountAndNeverPosted() throws SQLException {
        apply(keep, Commands.payment("PostPayment:700501", "C00001", "700501", "100.00", TODAY));
        int glLines = count(table("GLTran"));
        int documents = count(table("ARDoc"));

        PostingOutcome outcome = apply(writer(new DepositSettings(DepositBatchStatus.KEEP, FEES)),
                DepositCommands.closeDeposit("577", "abababababababab", TODAY, null, "2.95", sale("700501", "100.00")));

        assertThat(outcome.event()).isEqualTo(PostingEvent.DEPOSIT_MATCHED);
        assertThat(deposit("577")).containsEntry("FeeAmount", new BigDecimal("2.95")).containsEntry("FeeAcct", "6100")
                .containsEntry("FeeSub", "00-000-00");
        assertThat(count(table("GLTran"))).isEqualTo(glLines);
        assertThat(count(table("ARDoc"))).isEqualTo(documents);
    }

    @Test
    void feesWithoutAFeeAccountAreRefusedNamingTheVariableButNoFeesNeedNone() throws SQLException {
        apply(keep, Commands.payment("PostPayment:700601", "C00001", "700601", "100.00", TODAY));

        PostingOutcome refused = apply(keep, DepositCommands.closeDeposit("578", "cdcdcdcdcdcdcdcd", TODAY, null, "2.95",
                sale("700601", "100.00")));

        assertThat(refused.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(refused.reason()).isEqualTo("settlement batch 578 reports fees of 2.95 but no fee account is configured: "
                + "set SL_DEPOSIT_FEE_ACCT and SL_DEPOSIT_FEE_SUB, then re-drive it");
        assertThat(count(table(SqlDialect.DEPOSIT_TABLE))).isZero();

        assertThat(apply(keep, DepositCommands.closeDeposit("578", "efefefefefefefef", TODAY, null, "0.00", sale("700601", "100.00")))
                .event()).isEqualTo(PostingEvent.DEPOSIT_MATCHED);
        assertThat(deposit("578")).containsEntry("FeeAmount", new BigDecimal("0.00")).containsEntry("FeeAcct", null);
        assertThat(apply(keep, DepositCommands.closeDeposit("579", "9999999999999999", TODAY, null, null, sale("700601", "100.00")))
                .event()).isEqualTo(PostingEvent.DEPOSIT_MATCHED);
        assertThat(deposit("579")).containsEntry("FeeAmount", null);
    }

    @Test
    void aFeeAccountSlDoesNotHaveStopsTheSinkAtSetup() throws SQLException {
        SlWriter wrong = writer(new DepositSettings(DepositBatchStatus.KEEP, new GlAccount("6199", "00-000-00")));
        try (Connection c = db.connect()) {
            assertThatThrownBy(() -> wrong.verifySetup(c)).isInstanceOf(SlSetupException.class)
                    .hasMessageContaining("SL_DEPOSIT_FEE_ACCT").hasMessageContaining("6199");
            assertThat(writer(new DepositSettings(DepositBatchStatus.KEEP, FEES)).verifySetup(c)).isEmpty();
        }
    }

    @Test
    void aCorrectionReplacesTheLinesAndResolvesTheMismatchOnce() throws SQLException {
        apply(keep, Commands.payment("PostPayment:700701", "C00001", "700701", "20.00", TODAY));
        apply(keep, Commands.payment("PostPayment:700703", "C00003", "700703", "7.00", TODAY));
        DepositReviewOutbox outbox = new DepositReviewOutbox(dialect);

        assertThat(apply(keep, DepositCommands.closeDeposit("580", "aaaaaaaaaaaaaaaa", TODAY, null, null, sale("700701", "20.00"),
                sale("700702", "5.00"))).event()).isEqualTo(PostingEvent.DEPOSIT_MISMATCH);
        try (Connection c = db.connect()) {
            outbox.markSent(c, outbox.unsent(c, 10));
        }

        PostingOutcome corrected = apply(keep, DepositCommands.closeDeposit("580", "bbbbbbbbbbbbbbbb", TODAY, null, null,
                sale("700701", "20.00")));

        assertThat(corrected.event()).isEqualTo(PostingEvent.DEPOSIT_MATCHED);
        assertThat(corrected.reason()).isEqualTo("correction: replaces the batch's earlier version");
        assertThat(deposit("580")).containsEntry("CommandId", "CloseDeposit:580:bbbbbbbbbbbb").containsEntry("TransactionCount", 1)
                .containsEntry("ReviewSent", 0);
        assertThat(lines("580")).extracting(l -> l.get("TransactionId")).containsExactly("700701");
        try (Connection c = db.connect()) {
            List<DepositReview> resolved = outbox.unsent(c, 10);
            assertThat(resolved).singleElement().satisfies(r -> {
                assertThat(r.open()).isFalse();
                assertThat(r.detail()).isEqualTo("settlement batch 580: PayTrace net 20.00, SL 20.00: matched");
                ReviewItem item = DepositReviewRecords.reviewItem(r);
                assertThat(item.getStatus()).isEqualTo(ReviewStatus.RESOLVED);
                assertThat(item.getResolution()).contains("CloseDeposit:580:bbbbbbbbbbbb");
            });
            outbox.markSent(c, resolved);
        }

        assertThat(apply(keep, DepositCommands.closeDeposit("580", "cccccccccccccccc", TODAY, null, null, sale("700701", "20.00"),
                sale("700703", "7.00"))).event()).isEqualTo(PostingEvent.DEPOSIT_MATCHED);
        assertThat(lines("580")).extracting(l -> l.get("TransactionId")).containsExactly("700701", "700703");
        assertThat(deposit("580")).as("matched after matched: nothing to say").containsEntry("ReviewSent", 1);
        try (Connection c = db.connect()) {
            assertThat(outbox.unsent(c, 10)).isEmpty();
        }
    }

    @Test
    void aResolutionStillUnsentIsNotSwallowedByTheNextMatchedCorrection() throws SQLException {
        apply(keep, Commands.payment("PostPayment:700801", "C00001", "700801", "20.00", TODAY));
        apply(keep, DepositCommands.closeDeposit("581", "aaaaaaaaaaaaaaaa", TODAY, "21.00", null, sale("700801", "20.00")));
        apply(keep, DepositCommands.closeDeposit("581", "bbbbbbbbbbbbbbbb", TODAY, null, null, sale("700801", "20.00")));
        apply(keep, DepositCommands.closeDeposit("581", "cccccccccccccccc", TODAY, null, null, sale("700801", "20.00")));

        try (Connection c = db.connect()) {
            assertThat(new DepositReviewOutbox(dialect).unsent(c, 10)).singleElement().satisfies(r -> {
                assertThat(r.open()).isFalse();
                assertThat(r.deposit().commandId()).isEqualTo("CloseDeposit:581:cccccccccccc");
            });
        }
    }

    @Test
    void aTransactionListedTwiceIsRefused() throws SQLException {
        PostingOutcome refused = apply(keep, DepositCommands.closeDeposit("582", "dddddddddddddddd", TODAY, null, null,
                sale("700901", "1.00"), sale("700901", "1.00")));

        assertThat(refused.status()).isEqualTo(ResultStatus.REJECTED);
        assertThat(refused.reason()).isEqualTo("settlement batch 582 lists transaction 700901 twice");
    }

    private Map<String, Object> deposit(String batchNumber) {
        List<Map<String, Object>> rows = sl.rows("SELECT * FROM " + table(SqlDialect.DEPOSIT_TABLE) + " WHERE BatchNumber = ?", batchNumber);
        assertThat(rows).as("PTSL_Deposit %s", batchNumber).hasSize(1);
        return rows.get(0);
    }

    private List<Map<String, Object>> lines(String batchNumber) {
        return sl.rows("SELECT * FROM " + table(SqlDialect.DEPOSIT_LINE_TABLE) + " WHERE BatchNumber = ? ORDER BY TransactionId", batchNumber);
    }

    /** The row versions the SL feed follows (ChangeScan): unchanged means the feed has nothing to publish. */
    private Map<String, Object> feedVersions() {
        Map<String, Object> out = new java.util.TreeMap<>();
        for (String t : List.of("ARDoc", "ARTran", "ARAdjust", "Customer")) {
            out.put(t, sl.rows("SELECT MAX(" + dialect.rowVersion("x") + ") AS V FROM " + table(t) + " x").get(0).get("V"));
        }
        return out;
    }

    private static List<String> sorted(String... batNbrs) {
        return java.util.Arrays.stream(batNbrs).sorted().toList();
    }
}
