package com.ptsl.processor.bench;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The bench's baseline: what Kafka Streams itself costs on this machine and broker. Each raw record is written to
 * one persistent (RocksDB, changelogged) store and passed on unchanged to an output topic, with exactly_once_v2 and
 * 2 stream threads; every other setting is Kafka Streams' default.
 */
final class PassThroughTopology {

    static final String STORE = "pass-through-store";
    /** Where the records go; created by the bench like the catalogue's topics, with as many partitions as the raw topic. */
    static final Topic<String, byte[]> OUTPUT_TOPIC = new Topic<>("bench.pass-through", Serdes.String(), Serdes.ByteArray(),
            Topics.RAW_TRANSACTIONS.partitions(), Map.of());

    private PassThroughTopology() {
    }

    static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(), Serdes.ByteArray()));
        builder.stream(Topics.RAW_TRANSACTIONS.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(Remember::new, Named.as("remember"), STORE)
                .to(OUTPUT_TOPIC.name(), Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    static Properties properties(String servers, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        // Only to keep Kafka 4.4 from warning about it on every start (it has no global state); the default in 5.0.
        props.put("processing.exception.handler.global.enabled", "true");
        return props;
    }

    private static final class Remember implements FixedKeyProcessor<String, byte[], byte[]> {
        private FixedKeyProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        @Override
        public void init(FixedKeyProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            store.put(record.key(), record.value());
            context.forward(record);
        }
    }
}
