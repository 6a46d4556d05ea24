package com.ptsl.sink.feed;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Builds {@link PublishedSnapshots} by reading sl.invoices and sl.customers from their beginning to their
 * current end, with a plain assigned consumer (no group, nothing committed).
 *
 * <p>Why the topics themselves: they are the only true record of what consumers see, including what a previous
 * run (or another SL database) left there, and being compacted they hold about one record per live key, so
 * the read is bounded by the size of SL's open set rather than by history. Keeping a copy in SL instead would
 * double every write and could still disagree with the topic after a crash between the two.
 */
final class PublishedTopicsReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final String bootstrapServers;
    private final Duration timeout;

    PublishedTopicsReader(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    /** @param stopping checked between polls, so that stopping the sink does not wait for a slow read */
    PublishedSnapshots read(BooleanSupplier stopping) {
        PublishedSnapshots published = new PublishedSnapshots();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "erp-sink-feed-replay",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000), new StringDeserializer(), new ByteArrayDeserializer())) {
            Deserializer<SlInvoiceSnapshot> invoices = Topics.SL_INVOICES.valueSerde().deserializer();
            Deserializer<SlCustomerSnapshot> customers = Topics.SL_CUSTOMERS.valueSerde().deserializer();
            List<TopicPartition> partitions = new ArrayList<>();
            partitions.addAll(partitionsOf(consumer, Topics.SL_INVOICES));
            partitions.addAll(partitionsOf(consumer, Topics.SL_CUSTOMERS));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (stopping.getAsBoolean()) {
                    throw new IllegalStateException("stopped while reading " + Topics.SL_INVOICES + " and " + Topics.SL_CUSTOMERS);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.SL_INVOICES + " and " + Topics.SL_CUSTOMERS
                            + " to their end within " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(POLL)) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.topic().equals(Topics.SL_INVOICES.name())) {
                        invoice(published, invoices, r);
                    } else {
                        customer(published, customers, r);
                    }
                }
            }
        }
        return published;
    }

    private static void invoice(PublishedSnapshots published, Deserializer<SlInvoiceSnapshot> d, ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            published.invoice(r.key(), null);
            return;
        }
        try {
            published.invoice(r.key(), d.deserialize(r.topic(), r.value()));
        } catch (RuntimeException e) {
            published.unreadableInvoice(r.key());
        }
    }

    private static void customer(PublishedSnapshots published, Deserializer<SlCustomerSnapshot> d, ConsumerRecord<String, byte[]> r) {
        if (r.value() == null) {
            published.customer(r.key(), null);
            return;
        }
        try {
            published.customer(r.key(), d.deserialize(r.topic(), r.value()));
        } catch (RuntimeException e) {
            published.unreadableCustomer(r.key());
        }
    }

    private List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, Topic<?, ?> topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions (not created yet?)");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
