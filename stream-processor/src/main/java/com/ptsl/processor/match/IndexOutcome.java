package com.ptsl.processor.match;

/** What the index stages emit: a {@code sl.lookup} entry (null value = delete), or input for a customer's matcher. */
public sealed interface IndexOutcome {

    record Entry(String custId) implements IndexOutcome {
    }

    record Route(MatchInput input) implements IndexOutcome {
    }

    default boolean isEntry() {
        return this instanceof Entry;
    }

    /** The lookup value, or null for a tombstone. */
    default String lookupValue() {
        return ((Entry) this).custId();
    }

    default MatchInput input() {
        return ((Route) this).input();
    }
}
