package com.ptsl.gateway.publish;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes raw PayTrace records to {@link Topics#RAW_TRANSACTIONS} (key = transaction id), settlement batches to
 * {@link Topics#RAW_BATCHES} (key = batch number) and unkeyable records to {@link Topics#RAW_INVALID}, through one
 * idempotent producer with {@code acks=all}: a record counts as written
 * only once every in-sync replica has it, and producer retries never duplicate it.
 *
 * <p>Sends return futures that complete with the broker's acknowledgement; the caller waits for them before it
 * moves its checkpoint. A send that fails before reaching the network (serialization, closed producer, metadata
 * timeout) is returned as a failed future too, so there is one error path.
 */
public final class RawPublisher implements AutoCloseable {

    /** Generous enough for a broker restart, short enough that a poll does not hang for minutes. */
    public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(30);
    /** How long a caller waits for acknowledgements: past the delivery timeout, so the producer gives up first. */
    public static final Duration ACK_WAIT = DELIVERY_TIMEOUT.plusSeconds(15);

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private KafkaClientMetrics clientMetrics; // guarded by this

    public RawPublisher(String bootstrapServers, String clientId) {
        this(producerConfig(bootstrapServers, clientId));
    }

    public RawPublisher(Map<String, Object> producerConfig) {
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis());
        // Without a broker, send() blocks for metadata up to this long; the poll then fails and backs off.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }

    /**
     * Exposes the producer's own metrics (send rate, errors, buffer, request latency) in {@code registry} until
     * {@link #close()}, which unbinds them before the producer goes. A second call does nothing.
     */
    public synchronized void bindMetrics(MeterRegistry registry) {
        if (clientMetrics == null && !closed.get()) {
            clientMetrics = new KafkaClientMetrics(producer);
            clientMetrics.bindTo(registry);
        }
    }

    /** Publishes one raw record keyed by its transaction id. */
    public CompletableFuture<RecordMetadata> publish(RawPayTraceRecord record) {
        return send(Topics.RAW_TRANSACTIONS, record.getTransactionId(), record);
    }

    /** Publishes one settlement batch keyed by its batch number. */
    public CompletableFuture<RecordMetadata> publishBatch(RawSettlementBatch batch) {
        return send(Topics.RAW_BATCHES, batch.getBatchNumber(), batch);
    }

    /** Publishes a record that cannot go to the raw topic; unkeyed, as it has no transaction id. */
    public CompletableFuture<RecordMetadata> publishInvalid(InvalidRecord record) {
        return send(Topics.RAW_INVALID, null, record);
    }

    /** Sends everything buffered now rather than after {@code linger.ms}. */
    public void flush() {
        if (!closed.get()) {
            producer.flush();
        }
    }

    private <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            byte[] keyBytes = key == null ? null : topic.keySerde().serializer().serialize(topic.name(), key);
            byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
            producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), (metadata, error) -> {
                if (error == null) {
                    acked.complete(metadata);
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** Flushes and closes; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            synchronized (this) {
                if (clientMetrics != null) {
                    clientMetrics.close();
                }
            }
            producer.close(DELIVERY_TIMEOUT);
        }
    }
}
