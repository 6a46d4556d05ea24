package com.ptsl.gateway.silentpost;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void spacesPermitsEvenlyWithoutBurst() {
        RateLimiter limiter = new RateLimiter(5);
        long t0 = 42 * SECOND;

        assertThat(limiter.reserve(t0)).isZero();
        assertThat(limiter.reserve(t0)).isEqualTo(SECOND / 5);
        assertThat(limiter.reserve(t0)).isEqualTo(2 * SECOND / 5);
        // Idle time is not saved up: after a quiet second the next permit is immediate, the one after spaced again.
        assertThat(limiter.reserve(t0 + 3 * SECOND)).isZero();
        assertThat(limiter.reserve(t0 + 3 * SECOND)).isEqualTo(SECOND / 5);
    }
}
