package com.ptsl.processor;

import com.ptsl.processor.errors.KeepBytesDeserializationHandler;
import com.ptsl.processor.health.StreamsHealth;
import com.ptsl.processor.health.StreamsHealth.LocalThread;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.service.admin.AdminServer;
import com.ptsl.service.health.Check;
import com.ptsl.service.health.Readiness;
import com.ptsl.service.metrics.ServiceMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stream processor as a service: {@code new ProcessorService(config).start()} ... {@code close()}.
 * Startable in-process (the launcher runs every service in one JVM) and from {@link ProcessorMain}.
 * It owns its meters, its readiness checks ("streams", "threads") and its admin server.
 */
public final class ProcessorService implements AutoCloseable {

    public static final String SERVICE = "stream-processor";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessorConfig config;
    private final ServiceMetrics serviceMetrics = new ServiceMetrics();
    private final ProcessorMetrics metrics = new ProcessorMetrics(serviceMetrics.registry());
    private final Readiness readiness = new Readiness(SERVICE);
    private final List<KafkaStreams.StateListener> stateListeners = new CopyOnWriteArrayList<>();
    // Volatile, not guarded by the monitor: readiness checks run on HTTP threads and must not wait out a 30 s close().
    private volatile KafkaStreams streams;
    private volatile String lastThreadFailure;
    private volatile AdminServer admin;
    private boolean closed;

    public ProcessorService(ProcessorConfig config) {
        this.config = config;
        readiness.add("streams", check(StreamsHealth::streams));
        readiness.add("threads", check(StreamsHealth::threads));
    }

    /** The Kafka Streams properties as the service runs them: the config's, plus the meters for the deserialization handler. */
    public static Properties streamsProperties(ProcessorConfig config, ProcessorMetrics metrics) {
        Properties props = config.streamsProperties();
        props.put(KeepBytesDeserializationHandler.METRICS_CONFIG, metrics);
        return props;
    }

    /**
     * Starts the admin server, creates missing topics, builds the topology and starts it; returns without
     * waiting for RUNNING. The admin server comes first so that a slow or failing start is visible on /health/ready.
     */
    public synchronized ProcessorService start() {
        if (closed) {
            throw new IllegalStateException("ProcessorService was closed; create a new one");
        }
        if (admin != null) {
            throw new IllegalStateException("ProcessorService already started");
        }
        admin = AdminServer.start(config.admin(), readiness, serviceMetrics);
        try {
            TopicCreator.ensure(config.bootstrapServers(), Topics.all());
            Topology topology = PaymentTopology.build(config, metrics);
            LOG.debug("Topology:\n{}", topology.describe());
            KafkaStreams created = new KafkaStreams(topology, streamsProperties(config, metrics));
            // A thread that dies (e.g. a fenced producer, a broker fault) is replaced; its task restarts from
            // the last committed transaction, so nothing is lost or done twice. Its cause is kept for /health/ready.
            created.setUncaughtExceptionHandler(e -> {
                lastThreadFailure = StreamsHealth.describe(Thread.currentThread().getName(), Instant.now(), e);
                LOG.error("Stream thread died; replacing it", e);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            // Kafka takes one listener, and only before start; this one fans out to listeners added at any time.
            created.setStateListener((now, before) -> stateListeners.forEach(l -> l.onChange(now, before)));
            serviceMetrics.bind(new KafkaStreamsMetrics(created));
            streams = created;
            created.start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("Stream processor {} started against {} (exactly_once_v2, commit every {} ms); admin on {}",
                config.applicationId(), config.bootstrapServers(), config.commitInterval().toMillis(), admin.url());
        return this;
    }

    /** CREATED before start; then Kafka Streams' own state (REBALANCING, RUNNING, ERROR, NOT_RUNNING...). */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.CREATED : current.state();
    }

    /** Lets the caller (main) react to state changes such as ERROR; may be called before or after start. */
    public void onStateChange(KafkaStreams.StateListener listener) {
        stateListeners.add(listener);
    }

    /** The business meters; they are also on {@code /metrics}. */
    public ProcessorMetrics metrics() {
        return metrics;
    }

    /** Every meter of this service, as {@code /metrics} serves them. */
    public ServiceMetrics serviceMetrics() {
        return serviceMetrics;
    }

    /** What {@code /health/ready} evaluates; still answers after {@link #close()}. */
    public Readiness readiness() {
        return readiness;
    }

    /** {@code http://host:port} of the admin endpoints once start() is under way; null before. */
    public String adminUrl() {
        AdminServer server = admin;
        return server == null ? null : server.url();
    }

    public ProcessorConfig config() {
        return config;
    }

    /** Idempotent; waits up to 30 s for the threads to commit and leave, then stops the admin server. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        KafkaStreams current = streams;
        if (current != null) {
            boolean clean = current.close(CLOSE_TIMEOUT);
            LOG.info("Stream processor {} stopped{}; {}", config.applicationId(), clean ? "" : " (timed out)", metrics);
        }
        serviceMetrics.close();
        if (admin != null) {
            admin.close();
        }
    }

    private Check check(StreamsDecision decision) {
        return () -> {
            KafkaStreams current = streams;
            if (current == null) {
                return decision.apply(KafkaStreams.State.CREATED, List.of(), lastThreadFailure);
            }
            KafkaStreams.State state = current.state();
            List<LocalThread> threads = current.metadataForLocalThreads().stream()
                    .map(t -> new LocalThread(t.threadName(), t.threadState())).toList();
            return decision.apply(state, threads, lastThreadFailure);
        };
    }

    @FunctionalInterface
    private interface StreamsDecision {
        Check.Result apply(KafkaStreams.State state, List<LocalThread> threads, String lastFailure);
    }
}
