package com.ptsl.launcher.scale;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the demo's waits a kill stretches, and by how much. */
class FailoverWaitsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final Duration DEPOSIT = Duration.ofSeconds(35);
    private static final Duration STALL = ScaledServices.FAILOVER_STALL;

    @Test
    void oneInstanceIsNeverKilledSoNothingChanges() {
        FailoverWaits waits = FailoverWaits.of(1, true, true, DEADLINE, DEPOSIT);

        assertThat(waits).isEqualTo(new FailoverWaits(DEADLINE, DEPOSIT, Duration.ZERO));
        assertThat(waits.stretched(DEADLINE, DEPOSIT)).isFalse();
    }

    @Test
    void waitingPaymentsAndCutOffsDuringTheTrafficOutlastTheStall() {
        FailoverWaits waits = FailoverWaits.of(2, true, true, DEADLINE, DEPOSIT);

        assertThat(waits.matchDeadline()).isEqualTo(DEADLINE.plus(STALL)).isGreaterThan(STALL);
        // a payment may wait its whole deadline and then stand still behind the kill before its deposit is compared
        assertThat(waits.depositDelay()).isEqualTo(waits.matchDeadline().plusSeconds(5).plus(STALL));
        assertThat(waits.extraOutcomeWait()).isEqualTo(STALL.plus(STALL));
        assertThat(waits.stretched(DEADLINE, DEPOSIT)).isTrue();
    }

    @Test
    void withNothingWaitingAndOnlyTheLastCutOffOnlyTheOutcomeWaitGrows() {
        FailoverWaits waits = FailoverWaits.of(2, false, false, DEADLINE, DEPOSIT);

        assertThat(waits).isEqualTo(new FailoverWaits(DEADLINE, DEPOSIT, STALL));
        assertThat(waits.stretched(DEADLINE, DEPOSIT)).isFalse();
    }
}
