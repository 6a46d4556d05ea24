package com.ptsl.sink.feed;

import com.ptsl.schemas.Topic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The feed's own producer: idempotent, acks=all, not transactional. Snapshots are whole states keyed for
 * compaction, so a record sent twice changes nothing; what matters is that the high-water mark only moves
 * after every record of the cycle was acknowledged, which {@link #send} waits for.
 */
final class SnapshotPublisher implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    /** One record: a value of the topic's type, or null for a tombstone. */
    record Outgoing(Topic<String, ?> topic, String key, Object value) {
    }

    private final Producer<String, byte[]> producer;

    SnapshotPublisher(String bootstrapServers, String clientId) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ACK_TIMEOUT.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends everything and returns once all of it is acknowledged; throws if anything is not. */
    void send(List<Outgoing> records) throws InterruptedException {
        if (records.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
        for (Outgoing r : records) {
            acks.add(producer.send(new ProducerRecord<>(r.topic().name(), r.key(), serialize(r))));
        }
        producer.flush();
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("snapshots not acknowledged by Kafka: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("snapshots not acknowledged by Kafka within " + ACK_TIMEOUT.toSeconds() + " s", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static byte[] serialize(Outgoing r) {
        if (r.value() == null) {
            return null;
        }
        Topic<String, Object> topic = (Topic<String, Object>) r.topic();
        return topic.valueSerde().serializer().serialize(topic.name(), r.value());
    }

    /** For binding its client metrics. */
    Producer<?, ?> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
