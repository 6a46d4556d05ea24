package com.ptsl.processor;

import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * The stream processor as a service: {@code new ProcessorService(config).start()} ... {@code close()}.
 * Startable in-process (the launcher runs every service in one JVM) and from {@link ProcessorMain}.
 */
public final class ProcessorService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessorConfig config;
    private final ProcessorStats stats = new ProcessorStats();
    private KafkaStreams streams;
    private boolean closed;

    public ProcessorService(ProcessorConfig config) {
        this.config = config;
    }

    /** Creates missing topics, builds the topology and starts it; returns without waiting for RUNNING. */
    public synchronized ProcessorService start() {
        if (closed) {
            throw new IllegalStateException("ProcessorService was closed; create a new one");
        }
        if (streams != null) {
            throw new IllegalStateException("ProcessorService already started");
        }
        TopicCreator.ensure(config.bootstrapServers(), Topics.all());
        Topology topology = PaymentTopology.build(config, stats);
        LOG.debug("Topology:\n{}", topology.describe());
        streams = new KafkaStreams(topology, config.streamsProperties());
        // A thread that dies (e.g. a fenced producer, a broker fault) is replaced; its task restarts from
        // the last committed transaction, so nothing is lost or done twice.
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread died; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        LOG.info("Stream processor {} started against {} (exactly_once_v2, commit every {} ms)",
                config.applicationId(), config.bootstrapServers(), config.commitInterval().toMillis());
        return this;
    }

    /** CREATED before start; then Kafka Streams' own state (REBALANCING, RUNNING, ERROR, NOT_RUNNING...). */
    public synchronized KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** Lets the caller (main) react to ERROR; call after start. */
    public synchronized void onStateChange(KafkaStreams.StateListener listener) {
        if (streams == null) {
            throw new IllegalStateException("not started");
        }
        streams.setStateListener(listener);
    }

    public ProcessorStats stats() {
        return stats;
    }

    public ProcessorConfig config() {
        return config;
    }

    /** Idempotent; waits up to 30 s for the threads to commit and leave. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (streams != null) {
            boolean clean = streams.close(CLOSE_TIMEOUT);
            LOG.info("Stream processor {} stopped{}; {}", config.applicationId(), clean ? "" : " (timed out)", stats);
        }
    }
}
