package com.ptsl.launcher.bench;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The stages of {@code ptsl bench}, in the order they run; {@code --only} names them. */
public enum BenchStage {
    /** Kafka's ProducerPerformance (and ConsumerPerformance) against the ingestion broker. */
    RAW_PRODUCER("raw-producer"),
    /** Signed pushes through the gateway to the same broker. */
    PUSH_INGEST("push-ingest"),
    /** The stream processor's probe on a broker of its own. */
    STREAMS_EOS("streams-eos"),
    /** The erp-sink's probe on a broker and SL sandbox of its own. */
    SINK("sink"),
    /** Push receipt to SL commit on the whole pipeline at fixed rates. */
    E2E("e2e");

    private final String id;

    BenchStage(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses {@code --only}'s comma-separated names; throws naming the unknown one and the known ones. */
    public static Set<BenchStage> parse(String names) {
        Set<BenchStage> out = EnumSet.noneOf(BenchStage.class);
        for (String raw : names.split(",")) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            BenchStage stage = Arrays.stream(values()).filter(s -> s.id.equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown stage '" + raw.strip() + "'; stages: " + ids()));
            out.add(stage);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no stage named; stages: " + ids());
        }
        return out;
    }

    public static String ids() {
        return Arrays.stream(values()).map(BenchStage::id).collect(Collectors.joining(", "));
    }
}
