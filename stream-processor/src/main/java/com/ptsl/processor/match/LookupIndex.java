package com.ptsl.processor.match;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Read side of the {@code sl.lookup} global table: which SL customers a value points at. Every
 * instance holds the whole index (it is small: a few keys per open invoice and per customer), so a
 * payment can be routed to its customer's partition before anything else is known about it.
 */
public final class LookupIndex {

    /** The global store's name; also the materialized name of the {@code sl.lookup} global table. */
    public static final String STORE = "sl-lookup";

    private final ReadOnlyKeyValueStore<String, ?> store;

    public LookupIndex(ReadOnlyKeyValueStore<String, ?> store) {
        this.store = store;
    }

    /** The customers {@code value} is indexed under; empty when none, several when ambiguous. */
    public Set<String> customers(LookupKeys.Kind kind, String value) {
        Set<String> found = new LinkedHashSet<>();
        if (value == null || value.isBlank()) {
            return found;
        }
        try (KeyValueIterator<String, ?> it = store.prefixScan(LookupKeys.prefix(kind, value), Serdes.String().serializer())) {
            while (it.hasNext()) {
                KeyValue<String, ?> entry = it.next();
                if (entry.value != null) {
                    LookupKeys.custId(entry.key).ifPresent(found::add);
                }
            }
        }
        return found;
    }
}
