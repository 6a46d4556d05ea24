package com.ptsl.launcher.bench;

import com.ptsl.processor.bench.StreamsBench;

import java.nio.file.Path;
import java.util.function.Consumer;

/** {@link StreamsProbe} by {@code com.ptsl.processor.bench.StreamsBench} (stream-processor). */
final class StreamsBenchProbe implements StreamsProbe {

    @Override
    public Figures run(String bootstrapServers, Path stateDir, int events, Consumer<String> progress) throws Exception {
        StreamsBench.Result r = StreamsBench.run(new StreamsBench.Options(bootstrapServers, stateDir, events), progress);
        return new Figures(r.events(), r.eventsPerSecond(), r.passThroughEventsPerSecond(), r.settings());
    }
}
