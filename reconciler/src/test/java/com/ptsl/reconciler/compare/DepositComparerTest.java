package com.ptsl.reconciler.compare;

import com.ptsl.reconciler.model.DepositRecord;
import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.OpenReview;
import com.ptsl.reconciler.model.SettlementBatch;
import com.ptsl.reconciler.model.SlDocument;
import com.ptsl.reconciler.model.TransactionFacts;
import com.ptsl.reconciler.model.PayTraceKind;
import com.ptsl.reconciler.report.Category;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A settlement batch against what SL holds for its transactions and against the deposit the sink recorded. */
class DepositComparerTest {

    private final Evidence evidence = new Evidence();
    private final TransactionCategoriser categoriser = new TransactionCategoriser(ZoneId.of("America/Los_Angeles"));

    private void member(String tx, long cents, long slCents) {
        TransactionFacts f = evidence.transaction(tx);
        f.offer(1, 0, cents < 0 ? PayTraceKind.REFUND : PayTraceKind.SALE, Math.abs(cents), cents, Facts.DAY, "7");
        f.markInWindow();
        if (slCents > 0) {
            f.addDocument(new SlDocument("C00001", "PA", tx, "000101", slCents, (int) Facts.DAY.toEpochDay(), true, "U"));
        } else if (slCents < 0) {
            f.addDocument(new SlDocument("C00001", "DM", tx, "000103", -slCents, (int) Facts.DAY.toEpochDay(), false, "B"));
        }
    }

    private SettlementBatch batch(long net) {
        SettlementBatch b = new SettlementBatch("7", net, 0, 0, Facts.DAY, List.of(new SettlementBatch.Member("1", false, 2500),
                new SettlementBatch.Member("2", false, 4000), new SettlementBatch.Member("3", true, 1000)));
        evidence.putBatch(b);
        return b;
    }

    private DepositComparer.Result compare(SettlementBatch b) {
        return DepositComparer.compare(b, evidence, f -> categoriser.categorise(f).line().category());
    }

    @Test
    void aBatchSlHoldsToTheCentAndTheSinkRecordedIsMatched() {
        member("1", 2500, 2500);
        member("2", 4000, 4000);
        member("3", -1000, -1000);
        SettlementBatch b = batch(5500);
        evidence.putDeposit(new DepositRecord("7", "CloseDeposit:7:abc", 5500, 5500, "MATCHED", "000101,000103", 3, 1));
        DepositComparer.Result r = compare(b);
        assertThat(r.line().category()).isEqualTo(Category.MATCHED);
        assertThat(r.line().transactionId()).isNull();
        assertThat(r.line().settlementBatch()).isEqualTo("7");
        assertThat(r.line().slDocuments()).containsExactly("Batch//000101", "Batch//000103");
        assertThat(r.total().payTraceAmount()).isEqualByComparingTo("55.00");
        assertThat(r.total().varianceLines()).isZero();
    }

    @Test
    void aDifferenceNamesTheTransactionsThatExplainIt() {
        member("1", 2500, 0);
        member("2", 4000, 3900);
        member("3", -1000, -1000);
        SettlementBatch b = batch(5500);
        evidence.putDeposit(new DepositRecord("7", "CloseDeposit:7:abc", 5500, 2900, "MISMATCH", "000101", 3, 1));
        DepositComparer.Result r = compare(b);
        assertThat(r.line().category()).isEqualTo(Category.DEPOSIT_MISMATCH);
        assertThat(r.line().detail()).contains("tx 1 SALE 25.00: not in SL", "tx 2 SALE 40.00: SL 39.00", "difference -26.00");
        assertThat(r.total().varianceLines()).as("two member lines and the batch line").isEqualTo(3);
    }

    @Test
    void aBatchTheSinkHasNotRecordedIsAMismatchSayingSo() {
        member("1", 2500, 2500);
        member("2", 4000, 4000);
        member("3", -1000, -1000);
        DepositComparer.Result r = compare(batch(5500));
        assertThat(r.line().category()).isEqualTo(Category.DEPOSIT_MISMATCH);
        assertThat(r.line().detail()).startsWith("not recorded in SL").contains("no CloseDeposit command");
    }

    @Test
    void whatOpenReviewItemsExplainIsReportedButIsNoVariance() {
        member("1", 2500, 0);
        evidence.known("1").review(new OpenReview("UNKNOWN_CUSTOMER", "", OpenReview.NOTHING_POSTED, 1));
        member("2", 4000, 4000);
        member("3", -1000, -1000);
        SettlementBatch b = batch(5500);
        evidence.putDeposit(new DepositRecord("7", "CloseDeposit:7:abc", 5500, 3000, "MISMATCH", "000101", 3, 1));
        DepositComparer.Result r = compare(b);
        assertThat(r.line().category()).isEqualTo(Category.OPEN_REVIEW);
        assertThat(r.line().detail()).contains("explained by open review items", "tx 1 SALE 25.00: not in SL");
        assertThat(r.total().varianceLines()).isZero();
    }

    @Test
    void aCorrectionOfTheBatchTheSinkHasNotRecordedYetIsAMismatch() {
        member("1", 2500, 2500);
        member("2", 4000, 4000);
        member("3", -1000, -1000);
        SettlementBatch b = batch(5500);
        evidence.putDeposit(new DepositRecord("7", "CloseDeposit:7:abc", 6500, 5500, "MISMATCH", "000101", 3, 1));
        assertThat(compare(b).line().detail()).contains("with net 65.00", "says 55.00");
    }
}
