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
        // Cached (PROCESSOR_CACHE_MAX_BYTES): dedupe, route and resolve read and rewrite the entry of the record in hand
        // one after the other, so the cache turns those writes into one RocksDB write and one changelog record per commit.
        // Reads see the cached value, so nothing else changes; under exactly-once the cache is flushed in the transaction.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), new DedupeEntrySerde())
                .withCachingEnabled();
    }
}
