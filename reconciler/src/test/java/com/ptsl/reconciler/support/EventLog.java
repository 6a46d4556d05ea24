package com.ptsl.reconciler.support;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Writes records to the pipeline's topics through their catalogue serdes, and reads back what was appended since a point. */
public final class EventLog implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;

    public EventLog(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    /** Sends and waits for the broker's acknowledgement, so record order is the order of the calls. */
    public <K, V> void send(Topic<K, V> topic, K key, V value) {
        byte[] k = topic.keySerde().serializer().serialize(topic.name(), key);
        byte[] v = topic.valueSerde().serializer().serialize(topic.name(), value);
        try {
            producer.send(new ProducerRecord<>(topic.name(), k, v)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write to " + topic.name(), e);
        }
    }

    public void command(ErpCommand command) {
        send(Topics.ERP_COMMANDS, command.getCustId(), command);
    }

    public Map<TopicPartition, Long> endOffsets(Topic<?, ?> topic) {
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic.name()).forEach(p -> parts.add(new TopicPartition(topic.name(), p.partition())));
            return c.endOffsets(parts);
        }
    }

    /** Every command appended to erp.commands after {@code since} (its end offsets then), with its record key. */
    public List<Keyed> commandsSince(Map<TopicPartition, Long> since) {
        List<Keyed> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = consumer()) {
            Map<TopicPartition, Long> end = c.endOffsets(since.keySet());
            c.assign(since.keySet());
            since.forEach(c::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (since.keySet().stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(new Keyed(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                                Topics.ERP_COMMANDS.valueSerde().deserializer().deserialize(r.topic(), r.value())));
                    }
                }
            }
        }
        return out;
    }

    /** A command and the key it was written under. */
    public record Keyed(String key, ErpCommand command) {
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
