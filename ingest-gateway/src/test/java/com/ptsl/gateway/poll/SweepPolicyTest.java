package com.ptsl.gateway.poll;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SweepPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-02T18:00:00Z");

    private final AtomicReference<Instant> lastPush = new AtomicReference<>();
    private final SweepPolicy policy = new SweepPolicy(() -> Optional.ofNullable(lastPush.get()), Duration.ofMinutes(5),
            Duration.ofMinutes(1), 20_000);

    @Test
    void withoutHealthyPushEveryPollSweeps() {
        assertThat(policy.due(T0)).isTrue();
        policy.swept(T0, 100);
        assertThat(policy.due(T0.plusSeconds(1))).isTrue();

        lastPush.set(T0.minus(Duration.ofMinutes(5)).minusMillis(1)); // just outside the health window
        assertThat(policy.pushHealthy(T0)).isFalse();
        assertThat(policy.due(T0.plusSeconds(1))).isTrue();
    }

    @Test
    void withHealthyPushSweepsAtMostEveryInterval() {
        lastPush.set(T0);
        assertThat(policy.due(T0)).as("no sweep yet").isTrue();
        policy.swept(T0, 100);

        assertThat(policy.due(T0.plusSeconds(59))).isFalse();
        assertThat(policy.due(T0.plusSeconds(60))).isTrue();
        assertThat(policy.nextSweepAt()).contains(T0.plusSeconds(60));
    }

    @Test
    void aSweepThatReadMuchDefersTheNextOneByTheReadBudget() {
        lastPush.set(T0);
        policy.swept(T0, 150_000); // 150,000 / 20,000 per minute = 7.5 minutes

        assertThat(policy.nextSweepAt()).contains(T0.plus(Duration.ofSeconds(450)));
        lastPush.set(T0.plusSeconds(400)); // push stays healthy meanwhile
        assertThat(policy.due(T0.plusSeconds(449))).isFalse();
        assertThat(policy.due(T0.plusSeconds(450))).isTrue();
    }

    @Test
    void pushGoingQuietBringsBackTheSweepAtOnce() {
        lastPush.set(T0);
        policy.swept(T0, 100);
        assertThat(policy.due(T0.plusSeconds(30))).isFalse();

        assertThat(policy.due(T0.plus(Duration.ofMinutes(5)).plusSeconds(1))).isTrue();
    }

    @Test
    void everyPollNeverGates() {
        SweepPolicy always = SweepPolicy.everyPoll();
        always.swept(T0, Integer.MAX_VALUE);
        assertThat(always.due(T0)).isTrue();
        assertThat(always.pushHealthy(T0)).isFalse();
    }
}
