package com.ptsl.launcher.review;

import com.ptsl.launcher.Main;
import com.ptsl.schemas.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Test-side plumbing for the review commands against a real broker: write records of any catalogue topic, read a
 * topic back whole (independently of the code under test), empty a topic between tests, and run {@code ptsl} in-process
 * capturing what it prints.
 */
final class KafkaFixture implements AutoCloseable {

    /** What one run of the command line did. */
    record Run(int exit, String out, String err) {
    }

    private final String bootstrap;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;

    KafkaFixture(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new ByteArraySerializer());
    }

    String bootstrap() {
        return bootstrap;
    }

    /** Writes and waits for the acks, so a command run next sees the records. */
    <V> void send(Topic<String, V> topic, Map<String, V> records) {
        try {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            records.forEach((key, value) -> acks.add(producer.send(new ProducerRecord<>(topic.name(), key,
                    value == null ? null : topic.valueSerde().serializer().serialize(topic.name(), value)))));
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot write to " + topic, e);
        }
    }

    <V> void send(Topic<String, V> topic, String key, V value) {
        send(topic, java.util.Collections.singletonMap(key, value));
    }

    /** Every record of the topic from its log start to its current end, decoded with the catalogue's serde. */
    <V> List<ConsumerRecord<String, V>> readAll(Topic<String, V> topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, V>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    V value = r.value() == null ? null : topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
                    out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), value));
                }
            }
            return out;
        }
    }

    /** Drops every record of a (delete-policy) topic, so a test sees only its own. */
    void truncate(Topic<?, ?> topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest = partitions(topic).stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> delete = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> RecordsToDelete.beforeOffset(e.getValue().offset())));
            admin.deleteRecords(delete).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot truncate " + topic, e);
        }
    }

    boolean topicExists(String name) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list topics", e);
        }
    }

    private static List<TopicPartition> partitions(Topic<?, ?> topic) {
        return IntStream.range(0, topic.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
    }

    /** {@code ptsl <args>} in this JVM, as a user runs it. */
    static Run ptsl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    /** {@code ptsl review <args> --bootstrap-server <this cluster>}. */
    Run review(String... args) {
        List<String> all = new ArrayList<>();
        all.add("review");
        all.addAll(List.of(args));
        all.add("--bootstrap-server");
        all.add(bootstrap);
        return ptsl(all.toArray(String[]::new));
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
