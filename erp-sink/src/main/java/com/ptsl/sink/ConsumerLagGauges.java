package com.ptsl.sink;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ptsl_sink_consumer_lag_records{partition}}: one gauge per owned partition of erp.commands, present
 * only while this instance owns it, so a scrape of several instances sums to the group's lag without
 * stale series. The value is computed on the consumer thread after each poll (KafkaConsumer is not
 * thread-safe, so never from a scrape); it reads 0 until the first fetch of the partition told its end.
 */
final class ConsumerLagGauges {

    private record Lag(AtomicLong records, Gauge gauge) {
    }

    private final MeterRegistry registry;
    private final Map<TopicPartition, Lag> owned = new ConcurrentHashMap<>();

    ConsumerLagGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void assigned(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            owned.computeIfAbsent(tp, this::register);
        }
    }

    void released(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            Lag lag = owned.remove(tp);
            if (lag != null) {
                registry.remove(lag.gauge());
            }
        }
    }

    /** After a poll: records between each owned partition's position and its end (last stable offset under read_committed). */
    void update(Consumer<?, ?> consumer) {
        for (Map.Entry<TopicPartition, Lag> e : owned.entrySet()) {
            OptionalLong records = consumer.currentLag(e.getKey());
            if (records.isPresent()) {
                e.getValue().records().set(records.getAsLong());
            }
        }
    }

    /** The partitions with a gauge, e.g. for tests. */
    int size() {
        return owned.size();
    }

    private Lag register(TopicPartition tp) {
        AtomicLong records = new AtomicLong();
        Gauge gauge = Gauge.builder("ptsl.sink.consumer.lag.records", records, AtomicLong::get)
                .description("records of erp.commands between this consumer's position and the partition's end, per owned partition")
                .tag("partition", Integer.toString(tp.partition()))
                .strongReference(true)
                .register(registry);
        return new Lag(records, gauge);
    }
}
