package com.ptsl.sink.support;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DeadLetter;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.sink.kafka.Redrive;
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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The dead-letter side for tests: send raw or re-driven records to erp.commands as {@code ptsl dlq redrive} does, and
 * read what the sink published on erp.commands.dlq and payments.review, record by record from the topics' current start.
 */
public final class DeadLetterTopics implements AutoCloseable {

    /** One record as read; {@code value} null is a tombstone. */
    public record Published<V>(String key, V value, long offset) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Published<DeadLetter>> deadLetters = new ArrayList<>();
    private final List<Published<ReviewItem>> reviews = new ArrayList<>();

    public DeadLetterTopics(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The bytes the sink consumes for {@code command}: what a dead letter's payload must equal. */
    public static byte[] bytesOf(ErpCommand command) {
        return Topics.ERP_COMMANDS.valueSerde().serializer().serialize(Topics.ERP_COMMANDS.name(), command);
    }

    public static byte[] payloadOf(DeadLetter d) {
        ByteBuffer b = d.getPayload().duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** A command under an explicit key (several commands of different customers in one partition: one poll batch). */
    public void send(String key, ErpCommand command) {
        sendRaw(key, bytesOf(command));
    }

    public void sendRaw(String key, byte[] value) {
        send(new ProducerRecord<>(Topics.ERP_COMMANDS.name(), key, value));
    }

    /** What {@code ptsl dlq redrive} sends: the dead letter's payload under its key, with the re-drive header. */
    public void redrive(DeadLetter d) {
        redrive(d, false);
    }

    /** As {@link #redrive(DeadLetter)}, optionally naming the dead letter in {@link Redrive#ID_HEADER}. */
    public void redrive(DeadLetter d, boolean withId) {
        ProducerRecord<String, byte[]> r = new ProducerRecord<>(Topics.ERP_COMMANDS.name(), d.getKey().isEmpty() ? null : d.getKey(),
                payloadOf(d));
        r.headers().add(Redrive.HEADER, Integer.toString(d.getAttempts() + 1).getBytes(StandardCharsets.UTF_8));
        if (withId) {
            r.headers().add(Redrive.ID_HEADER, d.getId().getBytes(StandardCharsets.UTF_8));
        }
        send(r);
    }

    private void send(ProducerRecord<String, byte[]> r) {
        try {
            producer.send(r).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to erp.commands", e);
        }
    }

    /** Starts reading erp.commands.dlq and payments.review from their current beginning. */
    public void readFromStart() {
        List<TopicPartition> parts = new ArrayList<>();
        for (Topic<?, ?> t : List.of(Topics.COMMANDS_DLQ, Topics.PAYMENTS_REVIEW)) {
            IntStream.range(0, t.partitions()).forEach(p -> parts.add(new TopicPartition(t.name(), p)));
        }
        consumer.assign(parts);
        consumer.seekToBeginning(parts);
        deadLetters.clear();
        reviews.clear();
    }

    /** Every record of erp.commands.dlq read so far (polls once). */
    public List<Published<DeadLetter>> deadLetters() {
        poll();
        return List.copyOf(deadLetters);
    }

    public List<Published<ReviewItem>> reviews() {
        poll();
        return List.copyOf(reviews);
    }

    /** The queue as {@code ptsl dlq list} sees it: the latest record per commandId, tombstoned ones gone. */
    public Map<String, DeadLetter> openDeadLetters() {
        Map<String, DeadLetter> open = new LinkedHashMap<>();
        for (Published<DeadLetter> p : deadLetters()) {
            if (p.value() == null) {
                open.remove(p.key());
            } else {
                open.put(p.key(), p.value());
            }
        }
        return open;
    }

    /** The latest record under {@code key} on erp.commands.dlq (empty: none; a present null value: a tombstone). */
    public Optional<Published<DeadLetter>> lastDeadLetter(String key) {
        List<Published<DeadLetter>> all = deadLetters().stream().filter(p -> p.key().equals(key)).toList();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public Optional<ReviewItem> lastReview(String key) {
        List<Published<ReviewItem>> all = reviews().stream().filter(p -> p.key().equals(key)).toList();
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(all.size() - 1).value());
    }

    private void poll() {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            if (r.topic().equals(Topics.COMMANDS_DLQ.name())) {
                DeadLetter d = Topics.COMMANDS_DLQ.valueSerde().deserializer().deserialize(r.topic(), r.value());
                deadLetters.add(new Published<>(r.key(), d, r.offset()));
            } else {
                ReviewItem item = Topics.PAYMENTS_REVIEW.valueSerde().deserializer().deserialize(r.topic(), r.value());
                reviews.add(new Published<>(r.key(), item, r.offset()));
            }
        }
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
