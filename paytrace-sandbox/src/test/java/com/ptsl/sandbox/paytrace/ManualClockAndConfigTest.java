package com.ptsl.sandbox.paytrace;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManualClockAndConfigTest {

    private static final Instant T0 = Instant.parse("2025-06-02T17:00:00Z");

    @Test
    void aManualClockMovesOnlyWhenToldAndOnlyForward() {
        ManualClock clock = new ManualClock(T0);
        Clock inLosAngeles = clock.withZone(SandboxConfig.DEFAULT_ZONE);

        clock.advance(Duration.ofDays(8));

        assertThat(clock.instant()).isEqualTo(T0.plus(Duration.ofDays(8)));
        assertThat(inLosAngeles.instant()).isEqualTo(clock.instant()); // a zone view shares the time
        assertThat(inLosAngeles.getZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> clock.set(T0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSettlementSettingsHaveDefaultsAndAreChecked() {
        SandboxConfig defaults = SandboxConfig.defaults();
        SandboxConfig old = new SandboxConfig(0, "u", "p", SandboxConfig.DEFAULT_ZONE, Duration.ofHours(2), 1, 200);

        assertThat(defaults.firstBatchNumber()).isEqualTo(1);
        assertThat(defaults.authorizationExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(old.firstBatchNumber()).isEqualTo(1);
        assertThat(old.authorizationExpiry()).isEqualTo(Duration.ofDays(7));
        assertThat(defaults.withFirstBatchNumber(571).withPort(9).firstBatchNumber()).isEqualTo(571);
        assertThatThrownBy(() -> defaults.withFirstBatchNumber(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withAuthorizationExpiry(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMainReadsTheSettlementEnvironment() {
        Map<String, String> env = Map.of("PAYTRACE_SANDBOX_SETTLE_SECONDS", "30", "PAYTRACE_SANDBOX_FIRST_BATCH", "571");

        assertThat(PayTraceSandboxMain.settleIntervalFrom(env)).hasValue(Duration.ofSeconds(30));
        assertThat(PayTraceSandboxMain.configFrom(env).firstBatchNumber()).isEqualTo(571);
        assertThat(PayTraceSandboxMain.settleIntervalFrom(Map.of())).isEmpty();
        assertThatThrownBy(() -> PayTraceSandboxMain.settleIntervalFrom(Map.of("PAYTRACE_SANDBOX_SETTLE_SECONDS", "0")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
