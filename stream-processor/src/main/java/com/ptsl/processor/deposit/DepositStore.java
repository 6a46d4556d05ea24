package com.ptsl.processor.deposit;

import com.ptsl.processor.match.JsonSerde;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The deposit stage's store: settlement batch number to {@link DepositEntry} (the latest version, which version was
 * sent, when it was first seen). Persistent and changelogged. Entries are never deleted: there is one per settlement
 * batch (about one a day), and forgetting one would send its CloseDeposit again after a re-poll or replay.
 */
public final class DepositStore {

    public static final String NAME = "deposit-batches";

    private DepositStore() {
    }

    public static StoreBuilder<KeyValueStore<String, DepositEntry>> builder() {
        // No caching, like the other stores: the punctuator reads back what process() wrote at once.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME), Serdes.String(), serde());
    }

    /** JSON, like the matcher's own store values: internal, readable, tolerant of added fields. */
    static Serde<DepositEntry> serde() {
        return new JsonSerde<>(DepositEntry.class);
    }
}
