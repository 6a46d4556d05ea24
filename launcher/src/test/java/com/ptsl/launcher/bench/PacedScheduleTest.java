package com.ptsl.launcher.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixed-rate schedule's arithmetic (no clock involved: due times are computed from a given start). */
class PacedScheduleTest {

    @Test
    void events_are_due_at_start_plus_i_over_rate_with_no_drift() {
        PacedSchedule s = new PacedSchedule(1_000L, 500, 15);

        assertThat(s.events()).isEqualTo(7_500);
        assertThat(s.dueNanos(0)).isEqualTo(1_000L);
        assertThat(s.dueNanos(1)).isEqualTo(1_000L + 2_000_000L);
        assertThat(s.dueNanos(7_499)).isEqualTo(1_000L + 7_499L * 2_000_000L);
    }

    @Test
    void a_rate_that_does_not_divide_a_second_stays_on_the_absolute_schedule() {
        PacedSchedule s = new PacedSchedule(0, 3, 10);

        assertThat(s.events()).isEqualTo(30);
        assertThat(s.dueNanos(1)).isEqualTo(333_333_333L);
        assertThat(s.dueNanos(3)).isEqualTo(1_000_000_000L); // not 3 × 333,333,333
        assertThat(s.dueNanos(29)).isEqualTo(9_666_666_666L);
    }

    @Test
    void every_event_has_exactly_one_sender_and_each_sender_goes_in_due_order() {
        PacedSchedule s = new PacedSchedule(0, 100, 10.01); // 1,001 events: senders get 251, 250, 250, 250
        List<Integer> all = new ArrayList<>();
        for (int sender = 0; sender < 4; sender++) {
            int[] owned = s.ownedBy(sender, 4);
            assertThat(owned).isSorted();
            assertThat(owned[0]).isEqualTo(sender);
            for (int i : owned) {
                all.add(i);
            }
        }
        Collections.sort(all);
        assertThat(all).hasSize(1_001).doesNotHaveDuplicates();
        assertThat(all.get(0)).isZero();
        assertThat(all.get(1_000)).isEqualTo(1_000);
        assertThat(s.ownedBy(0, 4)).hasSize(251);
        assertThatThrownBy(() -> s.ownedBy(4, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_achieved_rate_counts_intervals_between_the_first_due_time_and_the_last_send() {
        assertThat(PacedSchedule.achievedRate(501, 0, 1_000_000_000L)).isEqualTo(500.0);
        // Sent late: the same sales over 1.25 s are 400/s.
        assertThat(PacedSchedule.achievedRate(501, 0, 1_250_000_000L)).isEqualTo(400.0);
        assertThat(PacedSchedule.achievedRate(1, 0, 0)).isEqualTo(1.0);
    }

    @Test
    void a_rate_or_duration_that_is_not_positive_is_refused() {
        assertThatThrownBy(() -> new PacedSchedule(0, 0, 10)).hasMessageContaining("rate must be positive");
        assertThatThrownBy(() -> new PacedSchedule(0, 100, -1)).hasMessageContaining("seconds must be positive");
        assertThatThrownBy(() -> new PacedSchedule(0, 100, 1).dueNanos(100)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
