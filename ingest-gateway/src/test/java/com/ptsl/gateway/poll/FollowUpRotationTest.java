package com.ptsl.gateway.poll;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class FollowUpRotationTest {

    private static TreeSet<String> ids(String... ids) {
        TreeSet<String> set = new TreeSet<>(Ids.ASCENDING);
        set.addAll(List.of(ids));
        return set;
    }

    private static List<String> readAll(FollowUpRotation rotation, TreeSet<String> candidates, int limit) {
        List<String> picked = rotation.next(candidates, limit);
        picked.forEach(rotation::read);
        return picked;
    }

    @Test
    void readsEveryIdInTurnAtMostLimitPerPoll() {
        FollowUpRotation rotation = new FollowUpRotation();
        TreeSet<String> open = ids("5", "40", "300", "1000", "20000");

        assertThat(readAll(rotation, open, 2)).containsExactly("5", "40");
        assertThat(readAll(rotation, open, 2)).containsExactly("300", "1000");
        assertThat(readAll(rotation, open, 2)).containsExactly("20000", "5"); // wraps around
        assertThat(readAll(rotation, open, 2)).containsExactly("40", "300");
    }

    @Test
    void continuesAfterTheLastReadIdEvenWhenItIsGone() {
        FollowUpRotation rotation = new FollowUpRotation();
        assertThat(readAll(rotation, ids("1", "2", "3", "4"), 2)).containsExactly("1", "2");

        // 2 turned terminal, 7 is new
        assertThat(readAll(rotation, ids("1", "3", "4", "7"), 2)).containsExactly("3", "4");
        assertThat(readAll(rotation, ids("1", "3", "4", "7"), 2)).containsExactly("7", "1");
    }

    @Test
    void neverPicksAnIdTwiceInOnePoll() {
        FollowUpRotation rotation = new FollowUpRotation();
        readAll(rotation, ids("1", "2", "3"), 1);

        assertThat(rotation.next(ids("1", "2", "3"), 10)).containsExactly("2", "3", "1");
    }

    @Test
    void anIdNotReadIsOfferedFirstNextTime() {
        FollowUpRotation rotation = new FollowUpRotation();
        List<String> picked = rotation.next(ids("1", "2", "3"), 2);
        rotation.read(picked.get(0)); // the read of "2" failed

        assertThat(rotation.next(ids("1", "2", "3"), 2)).containsExactly("2", "3");
    }

    @Test
    void aLimitOfZeroReadsNothing() {
        assertThat(new FollowUpRotation().next(ids("1"), 0)).isEmpty();
        assertThat(new FollowUpRotation().next(ids(), 5)).isEmpty();
    }
}
