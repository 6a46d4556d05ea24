package com.ptsl.schemas;

import org.apache.kafka.common.serialization.Serde;

import java.util.Map;

/**
 * A topic of the pipeline: its name, the serdes of its key and value, and how it is created.
 * Every module reads and writes topics only through {@link Topics}, so a contract lives in one place.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, Map<String, String> configs) {

    public Topic {
        configs = Map.copyOf(configs);
    }

    @Override
    public String toString() {
        return name;
    }
}
