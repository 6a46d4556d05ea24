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
        checkpoint.published("1", "pending", MON);

        assertThat(checkpoint.isPublished("1", "pending")).isTrue();
        assertThat(checkpoint.isPublished("1", "settled")).isFalse();
        assertThat(checkpoint.isPublished("2", "pending")).isFalse();

        checkpoint.published("1", "settled", TUE);

        assertThat(checkpoint.isPublished("1", "settled")).isTrue();
        assertThat(checkpoint.isPublished("1", "pending")).isFalse();
    }

    @Test
    void prunesEntriesLastSeenBeforeTheWindow() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("old", "a", MON);
        checkpoint.published("kept-by-sighting", "b", MON);
        checkpoint.published("new", "c", TUE);
        checkpoint.invalidPublished("bad-old", MON);
        checkpoint.invalidPublished("bad-new", WED);
        checkpoint.seen("kept-by-sighting", TUE);

        int pruned = checkpoint.pruneBefore(TUE);

        assertThat(pruned).isEqualTo(2);
        assertThat(checkpoint.transactions()).containsOnlyKeys("kept-by-sighting", "new");
        assertThat(checkpoint.invalidFingerprints()).containsOnlyKeys("bad-new");
        assertThat(checkpoint.size()).isEqualTo(3);
    }

    @Test
    void lastSeenNeverMovesBackwards() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.published("1", "a", WED);
        checkpoint.seen("1", MON);
        checkpoint.published("1", "b", TUE);

        assertThat(checkpoint.entry("1")).contains(new Checkpoint.Entry("b", WED));
    }

    @Test
    void seeingAnUnknownTransactionAddsNothing() {
        Checkpoint checkpoint = new Checkpoint();
        checkpoint.seen("1", MON);
        checkpoint.invalidSeen("fp", MON);

        assertThat(checkpoint.size()).isZero();
    }

    @Test
    void reportsAChangeOnlyWhenSomethingChanged() {
        Checkpoint checkpoint = new Checkpoint();
        assertThat(checkpoint.takeChanged()).isFalse();

        checkpoint.published("1", "a", TUE);
        assertThat(checkpoint.takeChanged()).isTrue();
        assertThat(checkpoint.takeChanged()).isFalse();

        checkpoint.seen("1", TUE);          // same day: nothing to save
        checkpoint.pruneBefore(MON);        // nothing that old
        assertThat(checkpoint.takeChanged()).isFalse();

        checkpoint.seen("1", WED);
        assertThat(checkpoint.takeChanged()).isTrue();
    }
}
