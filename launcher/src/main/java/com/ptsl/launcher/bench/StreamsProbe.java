package com.ptsl.launcher.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The stream processor's own throughput probe, called on a broker of its own: the real topology with
 * {@code exactly_once_v2} over {@code events} raw records, and its baseline, a trivial {@code exactly_once_v2} pass-through
 * with one persistent store over the same records. {@link StreamsBenchProbe} calls
 * {@code com.ptsl.processor.bench.StreamsBench}.
 */
@FunctionalInterface
public interface StreamsProbe {

    /** What the probe measured (the fields of {@code StreamsBench.Result}). */
    record Figures(int events, double eventsPerSecond, double passThroughEventsPerSecond, Map<String, String> settings) {
        public Figures {
            settings = Map.copyOf(settings);
        }
    }

    Figures run(String bootstrapServers, Path stateDir, int events, Consumer<String> progress) throws Exception;
}
