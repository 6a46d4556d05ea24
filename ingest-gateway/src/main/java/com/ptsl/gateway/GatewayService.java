package com.ptsl.gateway;

import com.ptsl.gateway.paytrace.PayTraceClient;
import com.ptsl.gateway.poll.Checkpoint;
import com.ptsl.gateway.poll.CheckpointStore;
import com.ptsl.gateway.poll.PollLoop;
import com.ptsl.gateway.poll.PollResult;
import com.ptsl.gateway.poll.Poller;
import com.ptsl.gateway.publish.RawPublisher;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The ingest gateway as a service: polls PayTrace and publishes raw, PAN-scrubbed records to Kafka
 * (ARCHITECTURE.md §5, hop 1). Runs in-process ({@code new GatewayService(config).start()} / {@code close()}) so a
 * launcher can host it next to the other services, or from {@link GatewayMain}.
 *
 * <p>{@link #pollOnce()} runs a single poll on the caller's thread, for tests and tools that should not depend on
 * the timer; it may be used with or without {@link #start()}.
 */
public final class GatewayService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);
    private static final Duration STOP_WAIT = RawPublisher.DELIVERY_TIMEOUT.plusSeconds(45);

    private final GatewayConfig config;
    private final Clock clock;
    private final GatewayStats stats = new GatewayStats();

    // Built on first use (start or pollOnce), so constructing the service touches no network.
    private PayTraceClient payTrace;
    private RawPublisher publisher;
    private Checkpoint checkpoint;
    private Poller poller;
    private PollLoop loop;
    private Thread thread;
    private boolean closed;

    public GatewayService(GatewayConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With a clock, so tests can move "today" in the merchant's zone. */
    public GatewayService(GatewayConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates the topics if needed and starts polling on a thread of its own; a second call does nothing. */
    public synchronized GatewayService start() {
        init();
        if (thread == null) {
            loop = new PollLoop(poller, config.pollInterval(), stats);
            thread = new Thread(loop, "ingest-gateway-poller");
            thread.setDaemon(false);
            thread.start();
            LOG.info("Ingest gateway polling {} every {} ms, window {} day(s) back in {}", config.payTraceBaseUrl(),
                    config.pollInterval().toMillis(), config.lookbackDays(), config.merchantZone());
        }
        return this;
    }

    /** One poll now, on this thread; throws what the poll threw (PayTrace or Kafka failure). */
    public PollResult pollOnce() {
        Poller p;
        synchronized (this) {
            init();
            p = poller;
        }
        return p.pollOnce(); // Poller serializes polls itself, so this is safe next to the running loop
    }

    public GatewayStats stats() {
        return stats;
    }

    public GatewayConfig config() {
        return config;
    }

    /** Entries in the in-memory checkpoint (0 before the first poll). */
    public synchronized int checkpointSize() {
        return checkpoint == null ? 0 : checkpoint.size();
    }

    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive() && !closed;
    }

    /** Stops polling, waits for the current poll, flushes and closes the producer. Idempotent. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            if (loop != null) {
                loop.stop();
            }
        }
        if (running != null) {
            try {
                running.join(STOP_WAIT.toMillis());
                if (running.isAlive()) {
                    LOG.warn("Poller did not stop within {} s; interrupting it", STOP_WAIT.toSeconds());
                    running.interrupt();
                    running.join(5_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (publisher != null) {
                publisher.close();
            }
        }
        LOG.info("Ingest gateway stopped: {}", stats);
    }

    private void init() {
        if (closed) {
            throw new IllegalStateException("The gateway service is closed");
        }
        if (poller != null) {
            return;
        }
        TopicCreator.ensure(config.bootstrapServers(), Topics.all());
        payTrace = new PayTraceClient(config.payTraceBaseUrl(),
                new PayTraceClient.Credentials(config.username(), config.password(), config.integratorId()),
                Duration.ofSeconds(30), clock);
        publisher = new RawPublisher(config.bootstrapServers(), "ptsl-ingest-gateway");
        CheckpointStore store = new CheckpointStore(config.stateDir(), clock);
        checkpoint = store.load();
        poller = new Poller(payTrace, publisher, checkpoint, store, config.merchantZone(), config.lookbackDays(), clock, stats);
    }
}
