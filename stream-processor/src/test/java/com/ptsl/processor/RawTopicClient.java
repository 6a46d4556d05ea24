package com.ptsl.processor;

import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/** Test helper: writes raw records the way the gateway does, and tells how far the processor has committed. */
final class RawTopicClient {

    private RawTopicClient() {
    }

    static ProducerRecord<String, byte[]> raw(PayTraceExportRecord record) {
        return new ProducerRecord<>(Topics.RAW_TRANSACTIONS.name(), record.key(), record.bytes());
    }

    static void produce(String bootstrapServers, List<ProducerRecord<String, byte[]>> records) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get(); // in order, so a duplicate or a status change arrives after the original
            }
        }
    }

    /** What SL's feed would have published: each customer, and one open invoice of 500.00 per (customer, RefNbr) pair. */
    static void produceSlFeed(String bootstrapServers, List<String> custIds, Map<String, String> invoiceCustomers) throws Exception {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Instant now = Instant.now();
        try (KafkaProducer<String, SlCustomerSnapshot> customers = new KafkaProducer<>(props, Topics.SL_CUSTOMERS.keySerde().serializer(),
                Topics.SL_CUSTOMERS.valueSerde().serializer());
             KafkaProducer<String, SlInvoiceSnapshot> invoices = new KafkaProducer<>(props, Topics.SL_INVOICES.keySerde().serializer(),
                     Topics.SL_INVOICES.valueSerde().serializer())) {
            for (String custId : custIds) {
                customers.send(new ProducerRecord<>(Topics.SL_CUSTOMERS.name(), SlKeys.customer(custId), SlCustomerSnapshot.newBuilder()
                        .setCustId(custId).setName(custId).setStatus("A").setChangeVersion(1).setCapturedAt(now).build())).get();
            }
            for (Map.Entry<String, String> e : invoiceCustomers.entrySet()) {
                BigDecimal amount = new BigDecimal("500.00");
                invoices.send(new ProducerRecord<>(Topics.SL_INVOICES.name(), SlKeys.invoice("PTSL", e.getKey()), SlInvoiceSnapshot.newBuilder()
                        .setCpnyId("PTSL").setCustId(e.getValue()).setDocType("IN").setRefNbr(e.getKey()).setOrdNbr("").setCustOrdNbr("")
                        .setDocDate(LocalDate.now()).setDueDate(null).setOrigDocAmt(amount).setDocBal(amount).setReleased(true)
                        .setOpen(true).setApplications(List.of()).setChangeVersion(1).setCapturedAt(now).build())).get();
            }
        }
    }

    /** Everything committed in the topic, read from the beginning to the last stable offset of each partition. */
    static <V> List<ConsumerRecord<String, V>> readCommitted(String bootstrapServers, Topic<String, V> topic, Duration patience)
            throws Exception {
        List<TopicPartition> partitions = IntStream.range(0, partitionCount(bootstrapServers, topic.name()))
                .mapToObj(p -> new TopicPartition(topic.name(), p)).toList();
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions); // read_committed: the last stable offsets
            await().atMost(patience).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= end.get(tp));
            });
        }
        return out;
    }

    static int partitionCount(String bootstrapServers, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    /**
     * Sum of the offsets the Streams application committed on the raw topic. Under exactly-once the input
     * offsets commit in the same transaction as the outputs: once they cover the whole input, every output
     * (and every counter update) is done.
     */
    static long committedInputOffsets(String bootstrapServers, String applicationId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get();
            return committed.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(Topics.RAW_TRANSACTIONS.name()) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset())
                    .sum();
        }
    }
}
