package com.ptsl.sink.support;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/** Reads what the SL feed published on sl.invoices and sl.customers, record by record, from the topics' current start. */
public final class SnapshotTopics implements AutoCloseable {

    /** One record as read; {@code value} null is a tombstone. */
    public record Published(String topic, String key, Object value, long offset, long timestamp) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Published> seen = new ArrayList<>();

    public SnapshotTopics(String bootstrap) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Creates the two topics before any feed does, with {@code cleanup.policy=compact,delete} and unlimited retention:
     * the broker refuses DeleteRecords on a compact-only topic, and the tests truncate between cases. The feed does
     * not depend on the policy.
     */
    public static void createTruncatable(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (Topic<?, ?> t : List.of(Topics.SL_INVOICES, Topics.SL_CUSTOMERS)) {
                topics.add(new NewTopic(t.name(), t.partitions(), (short) 1)
                        .configs(Map.of("cleanup.policy", "compact,delete", "retention.ms", "-1")));
            }
            admin.createTopics(topics).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the SL topics", e);
        }
    }

    /** Starts reading both topics from their current beginning; {@link #records()} then accumulates. */
    public void readFromStart() {
        List<TopicPartition> parts = new ArrayList<>();
        for (Topic<?, ?> t : List.of(Topics.SL_INVOICES, Topics.SL_CUSTOMERS)) {
            IntStream.range(0, t.partitions()).forEach(p -> parts.add(new TopicPartition(t.name(), p)));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        seen.clear();
    }

    /** Every record read so far (polls once). */
    public List<Published> records() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            Object value = null;
            if (r.value() != null) {
                value = r.topic().equals(Topics.SL_INVOICES.name())
                        ? Topics.SL_INVOICES.valueSerde().deserializer().deserialize(r.topic(), r.value())
                        : Topics.SL_CUSTOMERS.valueSerde().deserializer().deserialize(r.topic(), r.value());
            }
            seen.add(new Published(r.topic(), r.key(), value, r.offset(), r.timestamp()));
        }
        return List.copyOf(seen);
    }

    public List<Published> records(Topic<?, ?> topic) {
        return records().stream().filter(p -> p.topic().equals(topic.name())).toList();
    }

    /** The topic as a compacted table would show it: the latest value per key, tombstoned keys gone. */
    public Map<String, SlInvoiceSnapshot> invoices() {
        Map<String, SlInvoiceSnapshot> out = new LinkedHashMap<>();
        for (Published p : records(Topics.SL_INVOICES)) {
            if (p.value() == null) {
                out.remove(p.key());
            } else {
                out.put(p.key(), (SlInvoiceSnapshot) p.value());
            }
        }
        return out;
    }

    public Map<String, SlCustomerSnapshot> customers() {
        Map<String, SlCustomerSnapshot> out = new LinkedHashMap<>();
        for (Published p : records(Topics.SL_CUSTOMERS)) {
            if (p.value() == null) {
                out.remove(p.key());
            } else {
                out.put(p.key(), (SlCustomerSnapshot) p.value());
            }
        }
        return out;
    }

    /** The last record under {@code key}, if any. */
    public Optional<Published> last(Topic<?, ?> topic, String key) {
        List<Published> all = records(topic).stream().filter(p -> p.key().equals(key)).toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    @Override
    public void close() {
        consumer.close();
    }
}
