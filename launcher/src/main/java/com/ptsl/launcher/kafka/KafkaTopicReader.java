package com.ptsl.launcher.kafka;

import com.ptsl.schemas.Topic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reads whole topics the way a command-line tool should: assigned partitions, no consumer group, nothing committed,
 * {@code read_committed} (the processor writes with exactly-once transactions), from the beginning to the end offsets
 * captured when the read starts, folded to the latest value per key (a tombstone removes the key).
 *
 * <p>Every wait is bounded by the timeout: a broker that does not answer, or stops answering while a topic is read,
 * becomes a {@link KafkaAccessException} instead of a hang. Values are decoded per record, so one unreadable record is
 * reported and skipped rather than ending the read.
 */
public final class KafkaTopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);
    /** Reads shorter than this stay silent; longer ones print a progress line this often to stderr. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

    private final String bootstrap;
    private final Duration timeout;
    private final PrintWriter progress;
    private final Duration progressEvery;
    private final KafkaConsumer<String, byte[]> consumer;

    public KafkaTopicReader(String bootstrap, Duration timeout, PrintWriter progress) {
        this(bootstrap, timeout, progress, PROGRESS_EVERY);
    }

    public KafkaTopicReader(String bootstrap, Duration timeout, PrintWriter progress, Duration progressEvery) {
        this.bootstrap = bootstrap;
        this.timeout = timeout;
        this.progress = progress;
        this.progressEvery = progressEvery;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ptsl-review-cli");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Asking about a missing topic must not create it.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try {
            this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new KafkaAccessException("--bootstrap-server " + bootstrap + ": " + rootMessage(e), e);
        }
    }

    /** What a read found: the latest value per key, and where the read stopped (the end offsets at its start). */
    public record Snapshot<V>(Map<String, V> latest, Map<TopicPartition, Long> endOffsets) {
    }

    /** The topic's partitions; fails when Kafka does not answer or the topic does not exist. */
    public List<TopicPartition> partitions(Topic<?, ?> topic) {
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic.name(), timeout);
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (KafkaException e) {
            throw new KafkaAccessException("Kafka at " + bootstrap + " cannot describe topic " + topic.name() + ": " + rootMessage(e), e);
        }
        if (infos == null || infos.isEmpty()) {
            throw new KafkaAccessException("topic " + topic.name() + " does not exist on Kafka at " + bootstrap
                    + " (has the pipeline run against this cluster?)");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /** Reads the topic from its beginning to its current end and keeps the latest value of each key. */
    public <V> Snapshot<V> readLatest(Topic<String, V> topic) {
        List<TopicPartition> partitions = partitions(topic);
        Deserializer<V> values = topic.valueSerde().deserializer();
        Map<String, V> latest = new LinkedHashMap<>();
        try {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> start = consumer.beginningOffsets(partitions, timeout);
            Map<TopicPartition, Long> end = Map.copyOf(consumer.endOffsets(partitions, timeout));
            long total = sum(end) - sum(start);
            long startedAt = System.nanoTime();
            long nextProgress = startedAt + progressEvery.toNanos();
            long lastAdvanceAt = startedAt;
            long lastPosition = -1;
            long read = 0;
            Unreadable unreadable = new Unreadable(topic.name());
            while (true) {
                long position = 0;
                boolean done = true;
                for (TopicPartition tp : partitions) {
                    long p = consumer.position(tp, timeout);
                    position += p;
                    done &= p >= end.get(tp);
                }
                long now = System.nanoTime();
                if (done) {
                    break;
                }
                if (position != lastPosition) {
                    lastPosition = position;
                    lastAdvanceAt = now;
                } else if (now - lastAdvanceAt > timeout.toNanos()) {
                    throw new KafkaAccessException("Kafka at " + bootstrap + " stopped answering while " + topic.name()
                            + " was read (" + read + " of " + total + " records in " + timeout.toSeconds() + " s)");
                }
                if (now >= nextProgress) {
                    progress.printf("reading %s: %d of %d records ...%n", topic.name(), read, total);
                    progress.flush();
                    nextProgress = now + progressEvery.toNanos();
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp)) {
                        continue; // written after the read began: not part of this snapshot
                    }
                    read++;
                    fold(r, values, latest, unreadable);
                }
            }
            unreadable.report(progress);
            return new Snapshot<>(latest, end);
        } catch (TimeoutException e) {
            throw unreachable(e);
        } catch (KafkaException e) {
            throw new KafkaAccessException("reading " + topic.name() + " from Kafka at " + bootstrap + " failed: " + rootMessage(e), e);
        }
    }

    /**
     * Follows the topic from {@code from} until the latest value of {@code key} satisfies {@code done}, or {@code wait}
     * has passed. Returns the latest value seen for the key (empty when none arrived).
     */
    public <V> Optional<V> awaitLatest(Topic<String, V> topic, Map<TopicPartition, Long> from, String key, Predicate<V> done, Duration wait) {
        Deserializer<V> values = topic.valueSerde().deserializer();
        long deadline = System.nanoTime() + wait.toNanos();
        V last = null;
        try {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (!key.equals(r.key())) {
                        continue;
                    }
                    try {
                        last = r.value() == null ? null : values.deserialize(topic.name(), r.value());
                    } catch (SerializationException e) {
                        progress.printf("warning: %s partition %d offset %d (key %s) is unreadable and was skipped: %s%n",
                                topic.name(), r.partition(), r.offset(), r.key(), e.getMessage());
                        progress.flush();
                    }
                }
                if (last != null && done.test(last)) {
                    break;
                }
            }
        } catch (KafkaException e) {
            // Waiting is best effort: report what is known so far rather than failing the write that already happened.
            progress.printf("warning: following %s stopped: %s%n", topic.name(), rootMessage(e));
            progress.flush();
        }
        return Optional.ofNullable(last);
    }

    private static <V> void fold(ConsumerRecord<String, byte[]> r, Deserializer<V> values, Map<String, V> latest, Unreadable unreadable) {
        if (r.key() == null) {
            return; // every contract here is keyed; an unkeyed record belongs to nothing
        }
        if (r.value() == null) {
            latest.remove(r.key());
            return;
        }
        try {
            latest.put(r.key(), values.deserialize(r.topic(), r.value()));
        } catch (SerializationException e) {
            unreadable.add(r, e);
        }
    }

    /** Counts records that could not be decoded and reports them once, after the read. */
    private static final class Unreadable {
        private final String topic;
        private long count;
        private String first;

        Unreadable(String topic) {
            this.topic = topic;
        }

        void add(ConsumerRecord<String, byte[]> r, SerializationException e) {
            if (count++ == 0) {
                first = "partition " + r.partition() + " offset " + r.offset() + " (key " + r.key() + "): " + e.getMessage();
            }
        }

        void report(PrintWriter out) {
            if (count > 0) {
                out.printf("warning: %d record(s) of %s could not be read and were skipped; the first: %s%n", count, topic, first);
                out.flush();
            }
        }
    }

    private KafkaAccessException unreachable(Exception e) {
        return new KafkaAccessException("Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds()
                + " s: is the broker running, and is --bootstrap-server (or KAFKA_BOOTSTRAP_SERVERS) right?", e);
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    }
}
