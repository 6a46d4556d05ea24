package com.ptsl.processor;

import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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
