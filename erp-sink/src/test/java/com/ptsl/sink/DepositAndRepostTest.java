package com.ptsl.sink;

import com.ptsl.schemas.avro.DeadLetter;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewStatus;
import com.ptsl.sink.deposit.DepositBatchStatus;
import com.ptsl.sink.deposit.DepositSettings;
import com.ptsl.sink.posting.GlAccount;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.DepositCommands;
import com.ptsl.sink.support.SlReader;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.ptsl.sink.support.DepositCommands.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sink on the real broker and the SL sandbox for the reconciliation commands: a re-post
 * ({@code <original>:repost-<n>}) of a payment an SL user deleted posts it again like the original, once; a CloseDeposit
 * is recorded, its mismatch reaches payments.review after the commit and is resolved by a matching correction, a replay
 * is a DUPLICATE that changes nothing, and fees without a fee account are a dead letter until the site configures one.
 */
class DepositAndRepostTest extends SinkOnBrokerTest {

    @Test
    void aRepostOfAPaymentAnSlUserDeletedPostsItAgainOnceAndItsRepeatIsADuplicate() {
        SlReader.Invoice invoice = sl.openInvoices("C00001").get(0);
        ErpCommand original = Commands.payment("PostPayment:880001", "C00001", "880001", "25.00", TODAY,
                Commands.application(invoice.refNbr(), "10.00"));
        topics.send(original);
        SinkService sink = start(config());
        awaitStatuses(original.getCommandId(), 1);
        assertThat(last(original.getCommandId()).getStatus()).isEqualTo(ResultStatus.APPLIED);

        // An SL user deletes the unreleased payment from its batch: the ledger still says APPLIED, the document is gone.
        sl.execute("DELETE FROM dbo.[ARTran] WHERE TranType = 'PA' AND RefNbr = ?", "880001");
        sl.execute("DELETE FROM dbo.[ARDoc] WHERE DocType = 'PA' AND RefNbr = ?", "880001");
        assertThat(sl.paymentsWithRefNbr("880001")).isEmpty();

        String repostId = "PostPayment:880001:repost-1";
        ErpCommand repost = ErpCommand.newBuilder(original).setCommandId(repostId).build();
        topics.send(repost);
        awaitStatuses(repostId, 1);

        ErpResult posted = last(repostId);
        assertThat(posted.getStatus()).isEqualTo(ResultStatus.APPLIED);
        assertThat(posted.getEvent()).isEqualTo("POSTED");
        assertThat(posted.getCommandType()).isEqualTo("PostPayment");
        assertThat(posted.getAmount()).isEqualByComparingTo("25.00");
        assertThat(posted.getRefNbr()).isEqualTo("880001");
        assertThat(posted.getCustId()).isEqualTo("C00001");
        assertThat(posted.getSourceTransactionId()).isEqualTo("880001");
        assertThat(posted.getDocuments()).containsExactly("PA/880001/" + posted.getBatNbr());
        assertThat(sl.paymentsWithRefNbr("880001")).singleElement().satisfies(pa -> assertThat(pa)
                .containsEntry("User1", "PayTrace 880001").containsEntry("CustId", "C00001").containsEntry("BatNbr", posted.getBatNbr()));
        assertThat(sl.applicationLines("C00001", "880001")).singleElement().satisfies(line -> assertThat(line)
                .containsEntry("SiteId", invoice.refNbr()).containsEntry("User1", repostId));
        assertThat(sl.sumOrigDocAmt(posted.getBatNbr())).isEqualByComparingTo((java.math.BigDecimal) sl.batch(posted.getBatNbr()).get("CtrlTot"));

        topics.send(repost, original);
        awaitStatuses(repostId, 2);
        awaitStatuses(original.getCommandId(), 2);

        assertThat(statuses(repostId)).containsExactly(ResultStatus.APPLIED, ResultStatus.DUPLICATE);
        assertThat(statuses(original.getCommandId())).containsExactly(ResultStatus.APPLIED, ResultStatus.DUPLICATE);
        assertThat(last(repostId).getDocuments()).isEqualTo(posted.getDocuments());
        assertThat(sl.paymentsWithRefNbr("880001")).hasSize(1);
        assertThat(sl.applicationLines("C00001", "880001")).hasSize(1);
        assertThat(sl.ledger()).extracting(r -> r.get("CommandId") + " " + r.get("Status") + " " + r.get("CommandType"))
                .containsExactly("PostPayment:880001 APPLIED PostPayment", "PostPayment:880001:repost-1 APPLIED PostPayment");
        assertThat(sink.metrics().applied()).isEqualTo(2);
        assertThat(sink.metrics().duplicates()).isEqualTo(2);
    }

    @Test
    void aMismatchIsReviewedAfterTheCommitAMatchingCorrectionResolvesItAndAReplayChangesNothing() {
        topics.send(Commands.payment("PostPayment:880101", "C00002", "880101", "30.00", TODAY),
                Commands.payment("PostPayment:880102", "C00003", "880102", "12.00", TODAY));
        SinkService sink = start(config());
        awaitStatuses("PostPayment:880101", 1);
        awaitStatuses("PostPayment:880102", 1);
        String batNbr = last("PostPayment:880101").getBatNbr();

        ErpCommand first = DepositCommands.closeDeposit("901", "aaaaaaaaaaaaaaaaaaaa", TODAY, null, null, sale("880101", "30.00"),
                sale("880102", "12.50"), sale("880103", "5.00"));
        dlq.send(DepositCommands.key("901"), first);
        awaitStatuses(first.getCommandId(), 1);

        ErpResult mismatch = last(first.getCommandId());
        assertThat(mismatch.getStatus()).isEqualTo(ResultStatus.APPLIED);
        assertThat(mismatch.getCommandType()).isEqualTo("CloseDeposit");
        assertThat(mismatch.getEvent()).isEqualTo("DEPOSIT_MISMATCH");
        assertThat(mismatch.getAmount()).isEqualByComparingTo("47.50");
        assertThat(mismatch.getDocuments()).containsExactly("Batch//" + batNbr);
        assertThat(mismatch.getCustId()).isEmpty();
        assertThat(mismatch.getSourceTransactionId()).isEqualTo("batch:901");
        assertThat(mismatch.getReason()).contains("difference -5.50");
        await().atMost(DEADLINE).until(() -> dlq.lastReview("deposit:901").isPresent()
                && reviewSent("901") == 1);
        ReviewItem open = dlq.lastReview("deposit:901").orElseThrow();
        assertThat(open.getTransactionId()).isEqualTo("deposit:901");
        assertThat(open.getReason()).isEqualTo(ReviewReason.DEPOSIT_MISMATCH);
        assertThat(open.getStatus()).isEqualTo(ReviewStatus.OPEN);
        assertThat(open.getAmount()).isEqualByComparingTo("-5.50");
        assertThat(open.getDetail()).isEqualTo("settlement batch 901: PayTrace net 47.50, SL 42.00, difference -5.50 (SL - PayTrace); "
                + "tx 880102 SALE 12.50: SL 12.00; tx 880103 SALE 5.00: not in SL");
        assertThat(sink.metrics().depositsMismatched()).isEqualTo(1);

        // The missing payment reaches SL and PayTrace corrects the batch: the new version matches.
        topics.send(Commands.payment("PostPayment:880103", "C00004", "880103", "5.00", TODAY));
        awaitStatuses("PostPayment:880103", 1);
        ErpCommand corrected = DepositCommands.closeDeposit("901", "bbbbbbbbbbbbbbbbbbbb", TODAY, null, null, sale("880101", "30.00"),
                sale("880102", "12.00"), sale("880103", "5.00"));
        dlq.send(DepositCommands.key("901"), corrected);
        awaitStatuses(corrected.getCommandId(), 1);

        assertThat(last(corrected.getCommandId()).getEvent()).isEqualTo("DEPOSIT_MATCHED");
        await().atMost(DEADLINE).until(() -> dlq.lastReview("deposit:901").map(r -> r.getStatus() == ReviewStatus.RESOLVED).orElse(false)
                && reviewSent("901") == 1);
        assertThat(dlq.lastReview("deposit:901").orElseThrow().getResolution()).contains(corrected.getCommandId());
        assertThat(sink.metrics().depositsMatched()).isEqualTo(1);
        Map<String, Object> recorded = sl.rows("SELECT * FROM dbo.[PTSL_Deposit]").get(0);
        List<Map<String, Object>> lines = sl.rows("SELECT * FROM dbo.[PTSL_DepositLine] ORDER BY TransactionId");
        assertThat(recorded).containsEntry("CommandId", corrected.getCommandId()).containsEntry("Status", "MATCHED");

        dlq.send(DepositCommands.key("901"), first);
        awaitStatuses(first.getCommandId(), 2);

        ErpResult replay = last(first.getCommandId());
        assertThat(replay.getStatus()).isEqualTo(ResultStatus.DUPLICATE);
        assertThat(replay.getEvent()).isEqualTo("DUPLICATE");
        assertThat(replay.getCommandType()).isEqualTo("CloseDeposit");
        assertThat(sl.rows("SELECT * FROM dbo.[PTSL_Deposit]")).containsExactly(recorded);
        assertThat(sl.rows("SELECT * FROM dbo.[PTSL_DepositLine] ORDER BY TransactionId")).isEqualTo(lines);
        assertThat(sink.metrics().depositsMatched() + sink.metrics().depositsMismatched()).isEqualTo(2);
        assertThat(sink.metrics().duplicates()).isEqualTo(1);
    }

    @Test
    void feesWithoutAFeeAccountAreADeadLetterNamingTheVariableAndARedriveAfterTheFixRecordsThem() {
        topics.send(Commands.payment("PostPayment:880201", "C00005", "880201", "40.00", TODAY));
        SinkService before = start(config());
        awaitStatuses("PostPayment:880201", 1);
        ErpCommand close = DepositCommands.closeDeposit("902", "cccccccccccccccccccc", TODAY, null, "1.20", sale("880201", "40.00"));
        dlq.send(DepositCommands.key("902"), close);

        await().atMost(DEADLINE).until(() -> dlq.openDeadLetters().containsKey(close.getCommandId()));
        DeadLetter dead = dlq.openDeadLetters().get(close.getCommandId());
        assertThat(dead.getReason()).contains("SL_DEPOSIT_FEE_ACCT").contains("1.20");
        assertThat(dead.getCommandType()).isEqualTo("CloseDeposit");
        assertThat(dead.getKey()).isEqualTo("deposit:902");
        assertThat(dead.getSourceTransactionId()).isEqualTo("batch:902");
        assertThat(last(close.getCommandId()).getStatus()).isEqualTo(ResultStatus.REJECTED);
        assertThat(last(close.getCommandId()).getAmount()).isEqualByComparingTo("40.00");
        assertThat(sl.rows("SELECT * FROM dbo.[PTSL_Deposit]")).isEmpty();
        assertThat(before.metrics().depositsMatched() + before.metrics().depositsMismatched()).isZero();
        before.close();

        SinkService after = start(config().withDeposits(new DepositSettings(DepositBatchStatus.HOLD, new GlAccount("6100", "00-000-00"))));
        dlq.redrive(dead);

        await().atMost(DEADLINE).until(() -> statuses(close.getCommandId()).size() == 2);
        ErpResult applied = last(close.getCommandId());
        assertThat(applied.getStatus()).isEqualTo(ResultStatus.APPLIED);
        assertThat(applied.getEvent()).isEqualTo("DEPOSIT_MATCHED");
        assertThat(sl.rows("SELECT * FROM dbo.[PTSL_Deposit]")).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("FeeAmount", new java.math.BigDecimal("1.20")).containsEntry("FeeAcct", "6100"));
        assertThat(sl.batch(last("PostPayment:880201").getBatNbr())).as("SL_DEPOSIT_BATCH_STATUS=H").containsEntry("Status", "H");
        await().atMost(DEADLINE).until(() -> !dlq.openDeadLetters().containsKey(close.getCommandId()));
        assertThat(after.metrics().depositsMatched()).isEqualTo(1);
    }

    private int reviewSent(String batchNumber) {
        List<Map<String, Object>> rows = sl.rows("SELECT ReviewSent FROM dbo.[PTSL_Deposit] WHERE BatchNumber = ?", batchNumber);
        return rows.isEmpty() ? -1 : (Integer) rows.get(0).get("ReviewSent");
    }
}
