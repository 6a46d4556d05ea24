package com.ptsl.gateway.health;

import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.paytrace.MutableClock;
import com.ptsl.gateway.paytrace.PayTraceUnavailableException;
import com.ptsl.gateway.poll.SyntheticPan;
import com.ptsl.service.health.Check;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class PollCheckTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry(), clock, ZoneId.of("UTC"));

    @Test
    void failsUntilTheFirstSuccessfulPoll() {
        PollCheck check = new PollCheck(metrics, clock, Duration.ofSeconds(1));

        assertThat(check.check()).isEqualTo(Check.Result.failing("no successful poll yet"));

        metrics.pollSucceeded(Duration.ofMillis(30));
        assertThat(check.check().ok()).isTrue();
        assertThat(check.check().detail()).isEqualTo("last successful poll 0 s ago (limit 5 s)");
    }

    @Test
    void failsWhileTheLatestAttemptFailedAndRecoversWithTheNextSuccess() {
        PollCheck check = new PollCheck(metrics, clock, Duration.ofSeconds(1));
        metrics.pollSucceeded(Duration.ofMillis(30));

        metrics.pollFailed(Duration.ofMillis(30),
                new PayTraceUnavailableException("PayTrace answered HTTP 503 to oauth/token", 503, null));
        assertThat(check.check()).isEqualTo(Check.Result.failing("last poll failed: PayTrace answered HTTP 503 to oauth/token"));

        metrics.pollSucceeded(Duration.ofMillis(30));
        assertThat(check.check().ok()).isTrue();
    }

    @Test
    void failsWhenTheLastSuccessIsOlderThanThreeIntervalsButNeverBelowFiveSeconds() {
        PollCheck fast = new PollCheck(metrics, clock, Duration.ofMillis(100));
        PollCheck slow = new PollCheck(metrics, clock, Duration.ofSeconds(10));
        assertThat(fast.limit()).isEqualTo(Duration.ofSeconds(5));
        assertThat(slow.limit()).isEqualTo(Duration.ofSeconds(30));
        metrics.pollSucceeded(Duration.ofMillis(30));

        clock.advance(Duration.ofSeconds(5));
        assertThat(fast.check().ok()).isTrue();
        clock.advance(Duration.ofSeconds(37));
        assertThat(fast.check()).isEqualTo(Check.Result.failing("last successful poll 42 s ago (limit 5 s)"));
        assertThat(slow.check()).isEqualTo(Check.Result.failing("last successful poll 42 s ago (limit 30 s)"));
    }

    @Test
    void aFailureReasonNeverShowsACardNumber() {
        String pan = SyntheticPan.of(4242L);
        PollCheck check = new PollCheck(metrics, clock, Duration.ofSeconds(1));

        metrics.pollFailed(Duration.ofMillis(30), new IllegalStateException("cannot save record of card " + pan));

        assertThat(check.check().detail())
                .startsWith("last poll failed: IllegalStateException: cannot save record of card ")
                .doesNotContain(pan)
                .endsWith(pan.substring(pan.length() - 4));
    }
}
