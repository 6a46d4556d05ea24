package com.ptsl.sandbox.sl.release;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs {@link ArRelease#releaseAll()} on a daemon thread at a fixed delay, the way a site schedules SL's AR
 * release; one log line per run that found batches (INFO), idle runs at DEBUG. {@link #close()} waits for a run in
 * progress, so no batch is left half-released (a run is one transaction per batch anyway).
 */
public final class ReleaseSchedule implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReleaseSchedule.class);
    private static final long CLOSE_WAIT_SECONDS = 30;

    private final ScheduledExecutorService executor;
    private final ArRelease release;

    public ReleaseSchedule(ArRelease release, Duration every) {
        this.release = Objects.requireNonNull(release, "release");
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("release interval must be positive, was " + every);
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sl-ar-release");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::runOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            List<ReleaseResult> results = release.releaseAll();
            if (results.isEmpty()) {
                log.debug("SL AR release: no balanced batches");
                return;
            }
            log.info(summary(results));
        } catch (RuntimeException e) {
            // Keep the schedule alive: the next run tries again.
            log.warn("SL AR release run failed: {}", e.toString());
        }
    }

    /**
     * "SL AR release: 3 batches, 2 released (5 documents, 4 ARAdjust, 12 GL lines), 1 refused [000105: 12123: batch
     * total ...]": the refused batches with their messages, since a refused batch (now 'S') is not tried again.
     */
    static String summary(List<ReleaseResult> results) {
        List<ReleaseResult> released = results.stream().filter(ReleaseResult::released).toList();
        List<ReleaseResult> refused = results.stream().filter(r -> !r.released()).toList();
        ReleaseCounts total = released.stream().map(ReleaseResult::counts).reduce(ReleaseCounts.NONE, ReleaseCounts::plus);
        String refusedText = refused.isEmpty() ? "" : " [" + refused.stream()
                .map(r -> r.batNbr() + ": " + r.messages().stream().map(ReleaseMessage::toString).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; ")) + "]";
        return "SL AR release: " + results.size() + " batches, " + released.size() + " released (" + total.documents()
                + " documents, " + total.adjustments() + " ARAdjust, " + total.glLines() + " GL lines), " + refused.size()
                + " refused" + refusedText;
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
