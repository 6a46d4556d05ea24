package com.ptsl.launcher.bench;

import java.util.Locale;

/** The targets, reported beside the figures (never asserted: a benchmark reports, it does not fail a build). */
final class Targets {

    /** Push ingestion against Kafka's raw producer at the same record size, same broker. */
    static final double PUSH_RATIO = 0.7;
    /** Streams through the whole topology with exactly_once_v2, events/s. */
    static final double STREAMS_EVENTS_PER_SECOND = 20_000;
    /** erp-sink into the SL sandbox with exactly-once on, commands/s. */
    static final double SINK_COMMANDS_PER_SECOND = 5_000;
    /** End to end, push receipt to SL commit, p99 at {@link #E2E_GOAL_RATE} events/s, ms (strictly below). */
    static final double E2E_P99_MS = 500;
    static final int E2E_GOAL_RATE = 500;

    private Targets() {
    }

    static String atLeast(String what, Double value, double target) {
        return String.format(Locale.US, "target >= %s: %s", what, value != null && value >= target ? "met" : "NOT met");
    }
}
