package com.ptsl.launcher;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Nearest-rank percentiles: the smallest sample with at least p % of the samples at or below it. */
class PercentilesTest {

    @Test
    void a_thousand_samples_1_to_1000_in_any_order() {
        List<Long> samples = new ArrayList<>(LongStream.rangeClosed(1, 1000).boxed().toList());
        Collections.shuffle(samples, new java.util.Random(3));

        Percentiles p = Percentiles.of(samples);

        assertThat(p).isEqualTo(new Percentiles(1000, 500, 990, 999, 1000));
    }

    @Test
    void with_fewer_than_a_thousand_samples_p999_is_the_largest() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 10).boxed().toList());

        assertThat(p.p50()).isEqualTo(5);
        assertThat(p.p99()).isEqualTo(10);
        assertThat(p.p999()).isEqualTo(10);
        assertThat(p.max()).isEqualTo(10);
    }

    @Test
    void one_slow_sale_in_two_thousand_shows_in_p999_but_not_in_p99() {
        List<Long> samples = new ArrayList<>(Collections.nCopies(1997, 40L));
        samples.add(60L);
        samples.add(70L);
        samples.add(5_000L);

        Percentiles p = Percentiles.of(samples);

        assertThat(p.p99()).isEqualTo(40);
        assertThat(p.p999()).isEqualTo(60); // rank ceil(0.999 × 2000) = 1998
        assertThat(p.max()).isEqualTo(5_000);
    }

    @Test
    void no_samples_are_zeros_with_count_zero() {
        assertThat(Percentiles.of(List.of())).isEqualTo(new Percentiles(0, 0, 0, 0, 0));
        assertThat(Percentiles.of(List.of(7L))).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
    }
}
