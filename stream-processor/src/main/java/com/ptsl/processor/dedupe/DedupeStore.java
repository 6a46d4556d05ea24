package com.ptsl.processor.dedupe;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The store the dedupe, route and resolve stages share (one task, keyed by transaction id): transaction id to
 * {@link DedupeEntry}. Persistent (RocksDB) and changelogged, so it survives restarts and moves with its partition.
 */
public final class DedupeStore {

    public static final String NAME = "dedupe-store";

    private DedupeStore() {
    }

    public static StoreBuilder<KeyValueStore<String, DedupeEntry>> builder() {
        // No caching: every stage read-modify-write the entry of the record in hand, and the changelog
        // is written once per commit anyway under exactly-once.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), new DedupeEntrySerde());
    }
}
