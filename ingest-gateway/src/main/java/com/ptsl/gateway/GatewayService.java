package com.ptsl.gateway;

import com.ptsl.gateway.batch.BatchPoller;
import com.ptsl.gateway.health.KafkaCheck;
import com.ptsl.gateway.health.PollCheck;
import com.ptsl.gateway.paytrace.PayTraceClient;
import com.ptsl.gateway.poll.Checkpoint;
import com.ptsl.gateway.poll.CheckpointStore;
import com.ptsl.gateway.poll.PollLoop;
import com.ptsl.gateway.poll.PollResult;
import com.ptsl.gateway.poll.Poller;
import com.ptsl.gateway.poll.SweepPolicy;
import com.ptsl.gateway.publish.RawPublisher;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.service.admin.AdminServer;
import com.ptsl.service.health.Check;
import com.ptsl.service.health.Readiness;
import com.ptsl.service.metrics.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The ingest gateway as a service: polls PayTrace and publishes raw, PAN-scrubbed transaction records and
 * settlement batches to Kafka (ARCHITECTURE.md §5, hop 1). Runs in-process ({@code new GatewayService(config).start()} / {@code close()}) so a
 * launcher can host it next to the other services, or from {@link GatewayMain}.
 *
 * <p>{@link #start()} also opens the admin endpoints ({@code /health/live}, {@code /health/ready} with the checks
 * "poll" and "kafka", and "push" when the push receivers are on, {@code /metrics}) and, when a push secret is
 * configured, the push receivers on a server of their own ({@link #pushUrl()}). {@link #pollOnce()} runs a single poll on the caller's thread, for tests
 * and tools that should not depend on the timer; it may be used with or without {@link #start()}.
 */
public final class GatewayService implements AutoCloseable {

    public static final String SERVICE = "ingest-gateway";
    private static final String CLIENT_ID = "ptsl-ingest-gateway";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayService.class);
    private static final Duration STOP_WAIT = RawPublisher.DELIVERY_TIMEOUT.plusSeconds(45);

    private final GatewayConfig config;
    private final Clock clock;
    private final ServiceMetrics serviceMetrics = new ServiceMetrics();
    private final GatewayMetrics metrics;
    private final Readiness readiness = new Readiness(SERVICE);

    // Built on first use (start or pollOnce), so constructing the service touches no network.
    private PayTraceClient payTrace;
    private RawPublisher publisher;
    private volatile KafkaCheck kafkaCheck;
    private Checkpoint checkpoint;
    private Poller poller;
    private PollLoop loop;
    private Thread thread;
    private AdminServer admin;
    private PushReceivers push;
    private boolean closed;

    public GatewayService(GatewayConfig config) {
        this(config, Clock.systemUTC());
    }

    /** With a clock, so tests can move "today" in the merchant's zone. */
    public GatewayService(GatewayConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new GatewayMetrics(serviceMetrics.registry(), clock, config.merchantZone());
        readiness.add("poll", new PollCheck(metrics, clock, config.pollInterval()));
        readiness.add("kafka", this::checkKafka);
        if (config.push().enabled()) {
            readiness.add("push", this::checkPush);
        }
    }

    /**
     * Creates the topics if needed, opens the admin endpoints and starts polling on a thread of its own; a second
     * call does nothing.
     */
    public synchronized GatewayService start() {
        init();
        if (admin == null) {
            admin = AdminServer.start(config.admin(), readiness, serviceMetrics);
        }
        if (push == null && config.push().enabled()) {
            Poller p = poller;
            push = PushReceivers.start(config.push(), config.bootstrapServers(), payTrace, p::publishedElsewhere,
                    metrics, clock);
        }
        if (thread == null) {
            loop = new PollLoop(poller, config.pollInterval());
            thread = new Thread(loop, "ingest-gateway-poller");
            thread.setDaemon(false);
            thread.start();
            LOG.info("Ingest gateway polling {} every {} ms, window {} day(s) back in {}, up to {} re-reads by id per "
                            + "poll, settlement batches {}, push receivers {}", config.payTraceBaseUrl(),
                    config.pollInterval().toMillis(), config.lookbackDays(), config.merchantZone(),
                    config.followUpsPerPoll(), config.batchPolling() ? "on" : "off",
                    push == null ? "off (no GATEWAY_PUSH_SECRET)" : "on " + push.url() + " (window export at most every "
                            + config.sweepInterval().toMillis() + " ms while push is healthy)");
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

    public GatewayMetrics metrics() {
        return metrics;
    }

    public Readiness readiness() {
        return readiness;
    }

    /**
     * {@code http://host:port} of the push receivers ({@code POST /v1/push/transactions}, {@code /v1/push/silent-post});
     * null before {@link #start()} and when they are off (no {@code GATEWAY_PUSH_SECRET}).
     */
    public synchronized String pushUrl() {
        return push == null ? null : push.url();
    }

    /** {@code http://host:port} of the admin endpoints; null before {@link #start()}. */
    public synchronized String adminUrl() {
        return admin == null ? null : admin.url();
    }

    public GatewayConfig config() {
        return config;
    }

    /** Entries in the in-memory checkpoint (0 before the first poll). */
    public synchronized int checkpointSize() {
        return checkpoint == null ? 0 : checkpoint.size();
    }

    /** Open (not terminal) transactions in the in-memory checkpoint (0 before the first poll). */
    public synchronized int openTransactions() {
        return checkpoint == null ? 0 : checkpoint.openCount();
    }

    public synchronized boolean isRunning() {
        return thread != null && thread.isAlive() && !closed;
    }

    /**
     * Stops the push receivers (answering what waits for Kafka), stops polling, waits for the current poll, flushes
     * and closes the producer, then the admin endpoints (last, so a final scrape still sees the counts). Idempotent.
     */
    @Override
    public void close() {
        Thread running;
        PushReceivers receivers;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            receivers = push;
            if (loop != null) {
                loop.stop();
            }
        }
        if (receivers != null) {
            receivers.close();
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
            if (kafkaCheck != null) {
                kafkaCheck.close();
            }
            if (admin != null) {
                admin.close();
            }
            serviceMetrics.close();
        }
        LOG.info("Ingest gateway stopped: {}", metrics);
    }

    private Check.Result checkPush() {
        PushReceivers receivers;
        synchronized (this) {
            receivers = push;
        }
        return receivers == null ? Check.Result.failing("push receivers not started yet") : receivers.check();
    }

    private Check.Result checkKafka() {
        KafkaCheck check = kafkaCheck;
        return check == null ? Check.Result.failing("not connected to Kafka yet: the gateway has not started") : check.check();
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
                Duration.ofSeconds(30), clock, metrics);
        publisher = new RawPublisher(config.bootstrapServers(), CLIENT_ID);
        publisher.bindMetrics(serviceMetrics.registry());
        kafkaCheck = new KafkaCheck(config.bootstrapServers(), CLIENT_ID + "-health", serviceMetrics.registry());
        CheckpointStore store = new CheckpointStore(config.stateDir(), clock);
        checkpoint = store.load();
        BatchPoller batches = config.batchPolling() ? new BatchPoller(payTrace, publisher, checkpoint, metrics) : null;
        // Without push receivers nothing can make push healthy, so every poll sweeps, as before.
        SweepPolicy sweeps = config.push().enabled()
                ? new SweepPolicy(metrics::lastPushAccepted, config.pushHealthyFor(), config.sweepInterval(),
                        config.sweepReadBudgetPerMinute())
                : SweepPolicy.everyPoll();
        poller = new Poller(payTrace, batches, publisher, checkpoint, store, config.merchantZone(), config.lookbackDays(),
                config.followUpsPerPoll(), sweeps, clock, metrics);
    }
}
