package com.ptsl.processor.bench;

import com.ptsl.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts what the topology committed to its output topics, read_committed, without decoding a value: the bench's
 * "every output is committed" is these counts reaching what the workload yields.
 */
final class OutputCounter implements AutoCloseable {

    static final List<String> TOPICS = List.of(Topics.ERP_COMMANDS.name(), Topics.ERP_RESULTS.name(), Topics.PAYMENTS_REVIEW.name(),
            Topics.RAW_INVALID.name());

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> counts = new TreeMap<>();

    OutputCounter(String servers) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = TOPICS.stream()
                .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(30)).stream())
                .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        TOPICS.forEach(t -> counts.put(t, 0L));
    }

    /** Reads what has been committed since the last call. */
    void poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            counts.merge(r.topic(), 1L, Long::sum);
        }
    }

    long count(String topic) {
        return counts.getOrDefault(topic, 0L);
    }

    Map<String, Long> counts() {
        return Map.copyOf(counts);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
