package com.ptsl.processor.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The settings a Streams throughput figure depends on, as the application really runs with them: Kafka Streams'
 * own values and the producer's and main consumer's after Streams' overrides and the clients' defaults.
 */
final class BenchSettings {

    private static final List<String> STREAMS = List.of(
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
            StreamsConfig.NUM_STREAM_THREADS_CONFIG,
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
            StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
            StreamsConfig.BUFFERED_RECORDS_PER_PARTITION_CONFIG,
            StreamsConfig.MAX_TASK_IDLE_MS_CONFIG,
            StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG);
    private static final List<String> PRODUCER = List.of(
            ProducerConfig.BATCH_SIZE_CONFIG,
            ProducerConfig.LINGER_MS_CONFIG,
            ProducerConfig.COMPRESSION_TYPE_CONFIG,
            ProducerConfig.ACKS_CONFIG,
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION,
            ProducerConfig.BUFFER_MEMORY_CONFIG);
    private static final List<String> CONSUMER = List.of(
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            ConsumerConfig.FETCH_MIN_BYTES_CONFIG,
            ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG);

    private BenchSettings() {
    }

    static Map<String, String> of(Properties props, String prefix) {
        StreamsConfig streams = new StreamsConfig(props);
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : STREAMS) {
            // StreamsConfig resolves defaults itself, e.g. a 100 ms commit interval under exactly-once.
            out.put(prefix + name, String.valueOf(streams.values().get(name)));
        }
        Map<String, Object> producer = new HashMap<>(streams.getProducerConfigs("bench"));
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        ProducerConfig effectiveProducer = new ProducerConfig(producer);
        for (String name : PRODUCER) {
            out.put(prefix + "producer." + name, String.valueOf(effectiveProducer.values().get(name)));
        }
        Map<String, Object> consumer = new HashMap<>(streams.getMainConsumerConfigs("bench", "bench", 0));
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer.keySet().removeIf(k -> !ConsumerConfig.configNames().contains(k));
        ConsumerConfig effectiveConsumer = new ConsumerConfig(consumer);
        for (String name : CONSUMER) {
            out.put(prefix + "consumer." + name, String.valueOf(effectiveConsumer.values().get(name)));
        }
        return out;
    }
}
