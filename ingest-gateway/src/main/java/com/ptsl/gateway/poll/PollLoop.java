package com.ptsl.gateway.poll;

import com.ptsl.gateway.paytrace.PayTraceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Poller#pollOnce()} every interval until stopped. A failed poll (PayTrace 429/5xx/refusal, Kafka not
 * acknowledging, disk full) is logged and retried after an exponential backoff capped at {@link #MAX_BACKOFF};
 * the loop itself never ends on an exception, and the checkpoint never moves past unacknowledged records because
 * {@link Poller} only records acknowledged ones. {@link Poller} counts the failures itself, so a poll cut short by
 * shutdown still counts as failed even though it is not logged.
 */
public final class PollLoop implements Runnable {

    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);

    private final Poller poller;
    private final Duration interval;
    private final Backoff backoff;
    private final CountDownLatch stopped = new CountDownLatch(1);

    public PollLoop(Poller poller, Duration interval) {
        this.poller = poller;
        this.interval = interval;
        Duration initial = interval.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : interval;
        this.backoff = new Backoff(initial, MAX_BACKOFF);
    }

    @Override
    public void run() {
        while (!isStopped()) {
            Duration pause;
            try {
                poller.pollOnce();
                backoff.reset();
                pause = interval;
            } catch (Exception e) {
                if (isStopped()) {
                    break; // a poll cut short by shutdown is not an error worth reporting
                }
                pause = backoff.next();
                logFailure(e, pause);
            }
            if (sleep(pause)) {
                break;
            }
        }
        LOG.info("Poll loop stopped");
    }

    /** Ends the loop after the current poll; does not wait. */
    public void stop() {
        stopped.countDown();
    }

    public boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /** Waits {@code pause} or until stopped; true if stopped. */
    private boolean sleep(Duration pause) {
        try {
            return stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static void logFailure(Exception e, Duration pause) {
        if (e instanceof PayTraceException || e instanceof PublishFailedException) {
            // Expected outages: one line, no stack trace. Messages hold no secrets or card numbers.
            LOG.warn("Poll failed, retrying in {} ms: {}", pause.toMillis(), e.getMessage());
        } else {
            LOG.warn("Poll failed unexpectedly, retrying in {} ms", pause.toMillis(), e);
        }
    }
}
