package com.ptsl.gateway.poll;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class CheckpointTest {

    private static final LocalDate MON = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUE = MON.plusDays(1);
    private static final LocalDate WED = MON.plusDays(2);

    @Test
    void knowsOnlyTheLastPublishedFingerprintOfATransaction() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("1", "pending", MON, true);

        assertThat(checkpoint.isPublished("1", "pending")).isTrue();
        assertThat(checkpoint.isPublished("1", "settled")).isFalse();
        assertThat(checkpoint.isPublished("2", "pending")).isFalse();

        checkpoint.published("1", "settled", TUE, false);

        assertThat(checkpoint.isPublished("1", "settled")).isTrue();
        assertThat(checkpoint.isPublished("1", "pending")).isFalse();
        assertThat(checkpoint.entry("1")).contains(new Checkpoint.Entry("settled", TUE, false));
    }

    @Test
    void prunesEntriesLastSeenBeforeTheWindow() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("old", "a", MON, false);
        checkpoint.published("kept-by-sighting", "b", MON, false);
        checkpoint.published("new", "c", TUE, false);
        checkpoint.invalidPublished("bad-old", MON);
        checkpoint.invalidPublished("bad-new", WED);
        checkpoint.batchPublished("570", "s0", "f0", MON);
        checkpoint.batchPublished("571", "s1", "f1", TUE);
        checkpoint.seen("kept-by-sighting", TUE, false);

        int pruned = checkpoint.pruneBefore(TUE);

        assertThat(pruned).isEqualTo(3);
        assertThat(checkpoint.transactions()).containsOnlyKeys("kept-by-sighting", "new");
        assertThat(checkpoint.invalidFingerprints()).containsOnlyKeys("bad-new");
        assertThat(checkpoint.batches()).containsOnlyKeys("571");
        assertThat(checkpoint.size()).isEqualTo(4);
    }

    @Test
    void anOpenTransactionOutlivesTheWindowUntilARereadShowsItTerminal() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("392483000", "pending", MON, true);
        checkpoint.published("392483001", "declined", MON, false);

        assertThat(checkpoint.pruneBefore(WED)).isEqualTo(1);
        assertThat(checkpoint.openIds()).containsExactly("392483000");

        checkpoint.followedUp("392483000", "pending", true); // re-read, unchanged, still open
        assertThat(checkpoint.pruneBefore(WED)).isZero();

        checkpoint.followedUp("392483000", "voided", false);
        assertThat(checkpoint.entry("392483000")).contains(new Checkpoint.Entry("voided", MON, false));
        assertThat(checkpoint.openIds()).isEmpty();
        assertThat(checkpoint.pruneBefore(WED)).isEqualTo(1);
        assertThat(checkpoint.size()).isZero();
    }

    @Test
    void anUnchangedSightingCanCloseATransaction() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("1", "f", MON, true);
        checkpoint.takeChanged();

        checkpoint.seen("1", MON, false);

        assertThat(checkpoint.takeChanged()).isTrue();
        assertThat(checkpoint.openCount()).isZero();
    }

    @Test
    void givesUpTheOldestOpenTransactionsPastTheCountBound() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("30", "a", TUE, true);
        checkpoint.published("20", "b", MON, true);
        checkpoint.published("10", "c", TUE, true);
        checkpoint.published("5", "d", WED, false);

        assertThat(checkpoint.giveUpOpen(WED, 1, 45)).containsExactly("20", "10");

        assertThat(checkpoint.openIds()).containsExactly("30");
        assertThat(checkpoint.pruneBefore(WED)).isEqualTo(2); // given up and outside the window: gone
        assertThat(checkpoint.transactions()).containsOnlyKeys("5", "30");
    }

    @Test
    void givesUpOpenTransactionsThatLeftTheWindowTooLongAgo() {
        Checkpoint checkpoint = new Checkpoint();
        LocalDate firstDay = LocalDate.of(2026, 12, 31);
        checkpoint.published("1", "a", firstDay.minusDays(46), true);
        checkpoint.published("2", "b", firstDay.minusDays(45), true);

        assertThat(checkpoint.giveUpOpen(firstDay, Checkpoint.MAX_OPEN, 45)).containsExactly("1");
        assertThat(checkpoint.openIds()).containsExactly("2");
        assertThat(checkpoint.giveUpOpen(firstDay, Checkpoint.MAX_OPEN, 45)).isEmpty();
    }

    @Test
    void listsOpenIdsInNumericOrder() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("1000", "a", MON, true);
        checkpoint.published("999", "b", MON, true);
        checkpoint.published("abc", "c", MON, true);

        assertThat(checkpoint.openIds()).containsExactly("999", "abc", "1000");
    }

    @Test
    void stoppingToFollowIsAChangeOnlyForAnOpenTransaction() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("1", "a", MON, true);
        checkpoint.published("2", "b", MON, false);
        checkpoint.takeChanged();

        checkpoint.stopFollowing("2");
        checkpoint.stopFollowing("unknown");
        assertThat(checkpoint.takeChanged()).isFalse();

        checkpoint.stopFollowing("1");
        assertThat(checkpoint.takeChanged()).isTrue();
        assertThat(checkpoint.openCount()).isZero();
    }

    @Test
    void knowsABatchBySummaryFingerprint() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.batchPublished("571", "summary-1", "record-1", MON);

        assertThat(checkpoint.isBatchPublished("571", "summary-1")).isTrue();
        assertThat(checkpoint.isBatchPublished("571", "summary-2")).isFalse();
        assertThat(checkpoint.isBatchPublished("572", "summary-1")).isFalse();

        checkpoint.batchSeen("571", WED);
        checkpoint.batchPublished("571", "summary-2", "record-2", TUE);
        assertThat(checkpoint.batch("571")).contains(new Checkpoint.BatchEntry("summary-2", "record-2", WED));
    }

    @Test
    void lastSeenNeverMovesBackwards() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("1", "a", WED, false);
        checkpoint.seen("1", MON, false);
        checkpoint.published("1", "b", TUE, false);

        assertThat(checkpoint.entry("1")).contains(new Checkpoint.Entry("b", WED, false));
    }

    @Test
    void seeingAnUnknownTransactionAddsNothing() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.seen("1", MON, true);
        checkpoint.followedUp("1", "f", true);
        checkpoint.invalidSeen("fp", MON);
        checkpoint.batchSeen("571", MON);

        assertThat(checkpoint.size()).isZero();
    }

    @Test
    void reportsAChangeOnlyWhenSomethingChanged() {
        Checkpoint checkpoint = new Checkpoint();
        assertThat(checkpoint.takeChanged()).isFalse();

        checkpoint.published("1", "a", TUE, true);
        assertThat(checkpoint.takeChanged()).isTrue();
        assertThat(checkpoint.takeChanged()).isFalse();

        checkpoint.seen("1", TUE, true);          // same day, same state: nothing to save
        checkpoint.followedUp("1", "a", true);    // re-read, unchanged
        checkpoint.pruneBefore(MON);              // nothing that old
        checkpoint.giveUpOpen(TUE, 10, 45);       // within both bounds
        assertThat(checkpoint.takeChanged()).isFalse();

        checkpoint.seen("1", WED, true);
        assertThat(checkpoint.takeChanged()).isTrue();
    }
}
