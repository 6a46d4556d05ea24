package com.ptsl.gateway.health;

import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.paytrace.PayTraceException;
import com.ptsl.gateway.pci.PanScrubber;
import com.ptsl.gateway.poll.PublishFailedException;
import com.ptsl.service.health.Check;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Readiness "poll": the latest poll attempt succeeded, and not too long ago. A poller stuck in a poll (Kafka
 * blocking, PayTrace hanging) never records a failure, so the age limit is what catches it.
 */
public final class PollCheck implements Check {

    /** Below this, a short poll interval would turn one slow poll into a readiness flap. */
    static final Duration MIN_LIMIT = Duration.ofSeconds(5);
    private static final int MAX_REASON_LENGTH = 300;

    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Duration limit;

    public PollCheck(GatewayMetrics metrics, Clock clock, Duration pollInterval) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        Duration threeIntervals = pollInterval.multipliedBy(3);
        this.limit = threeIntervals.compareTo(MIN_LIMIT) > 0 ? threeIntervals : MIN_LIMIT;
    }

    public Duration limit() {
        return limit;
    }

    @Override
    public Result check() {
        Optional<RuntimeException> failure = metrics.lastPollFailure();
        if (failure.isPresent()) {
            return Result.failing("last poll failed: " + reason(failure.get()));
        }
        Optional<Instant> last = metrics.lastSuccessfulPoll();
        if (last.isEmpty()) {
            return Result.failing("no successful poll yet");
        }
        Duration age = Duration.between(last.get(), clock.instant());
        String detail = "last successful poll " + age.toSeconds() + " s ago (limit " + limit.toSeconds() + " s)";
        return age.compareTo(limit) > 0 ? Result.failing(detail) : Result.ok(detail);
    }

    /**
     * Our own exceptions are written to hold no credentials, tokens or card numbers; anything else is scrubbed
     * too, as a health endpoint is read by more people than the logs.
     */
    private static String reason(RuntimeException e) {
        String text = e instanceof PayTraceException || e instanceof PublishFailedException || e.getMessage() == null
                ? Objects.toString(e.getMessage(), e.getClass().getSimpleName())
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        String safe = PanScrubber.scrubText(text).text();
        return safe.length() > MAX_REASON_LENGTH ? safe.substring(0, MAX_REASON_LENGTH) + "..." : safe;
    }
}
