package com.ptsl.sink.support;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.Topics;
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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Test-side Kafka plumbing: produce commands, read results, truncate topics between tests, read end offsets. */
public final class KafkaTopics implements AutoCloseable {

    private final String bootstrap;
    private final Admin admin;
    private final KafkaProducer<String, ErpCommand> producer;
    private final KafkaConsumer<String, ErpResult> results;
    private final List<ErpResult> seen = new ArrayList<>();

    public KafkaTopics(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), Topics.ERP_COMMANDS.keySerde().serializer(),
                Topics.ERP_COMMANDS.valueSerde().serializer());
        this.results = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                Topics.ERP_RESULTS.keySerde().deserializer(), Topics.ERP_RESULTS.valueSerde().deserializer());
    }

    /** Bytes that are not an ErpCommand, keyed like one: a poison pill. */
    public void sendRaw(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(Topics.ERP_COMMANDS.name(), key, value));
            raw.flush();
        }
    }

    public void send(ErpCommand... commands) {
        for (ErpCommand c : commands) {
            producer.send(new ProducerRecord<>(Topics.ERP_COMMANDS.name(), c.getCustId(), c));
        }
        producer.flush();
    }

    /** Drops every record of the topic (the log start moves to the end), so a test sees only its own. */
    public void truncate(Topic<?, ?> topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest = partitions(topic).stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
            admin.deleteRecords(delete).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot truncate " + topic, e);
        }
    }

    /** Per partition, the offset the next record will get. */
    public Map<Integer, Long> endOffsets(Topic<?, ?> topic) {
        try {
            Map<TopicPartition, OffsetSpec> latest = partitions(topic).stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            Map<Integer, Long> out = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp.partition(), info.offset()));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read end offsets of " + topic, e);
        }
    }

    /** Starts reading erp.results from its current beginning; {@link #results()} then accumulates. */
    public void readResultsFromStart() {
        List<TopicPartition> parts = partitions(Topics.ERP_RESULTS);
        results.assign(parts);
        results.seekToBeginning(parts);
        seen.clear();
    }

    /** All results read so far (polls once). */
    public List<ErpResult> results() {
        for (ConsumerRecord<String, ErpResult> r : results.poll(Duration.ofMillis(200))) {
            seen.add(r.value());
        }
        return List.copyOf(seen);
    }

    private List<TopicPartition> partitions(Topic<?, ?> topic) {
        return IntStream.range(0, topic.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
    }

    public String bootstrap() {
        return bootstrap;
    }

    @Override
    public void close() {
        producer.close();
        results.close();
        admin.close();
    }
}
