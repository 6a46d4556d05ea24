package com.ptsl.sandbox.paytrace.settlement;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs cut-offs at a fixed interval of real time on one daemon thread, for a demo that wants batches without a
 * daily wait (a real PayTrace account settles once a day). The cut-off's time itself comes from the sandbox clock.
 */
public final class SettlementSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SettlementSchedule.class);

    private final SettlementRun run;
    private ScheduledExecutorService executor; // guarded by this

    public SettlementSchedule(SettlementRun run) {
        this.run = run;
    }

    /** Starts (or restarts with the new interval) the schedule; the first cut-off comes one interval from now. */
    public synchronized void start(Duration every) {
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("the settlement interval must be positive, was " + every);
        }
        stop();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "paytrace-sandbox-settlement");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1, every.toMillis());
        executor.scheduleAtFixedRate(this::settleOnce, millis, millis, TimeUnit.MILLISECONDS);
        LOG.info("PayTrace sandbox settles every {}", every);
    }

    public synchronized boolean running() {
        return executor != null;
    }

    /** Idempotent; a cut-off already running finishes. */
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A failed cut-off is logged, and the next one still comes (an exception would cancel the schedule). */
    private void settleOnce() {
        try {
            SettlementResult result = run.settleNow();
            if (result.batch().isPresent() || !result.expiredAuthorizationIds().isEmpty()) {
                LOG.info("PayTrace sandbox cut-off: batch {}, {} settled, {} authorizations expired",
                        result.batchNumber().isPresent() ? result.batchNumber().getAsInt() : "-",
                        result.settledTransactionIds().size(), result.expiredAuthorizationIds().size());
            }
        } catch (RuntimeException e) {
            LOG.error("PayTrace sandbox cut-off failed", e);
        }
    }
}
