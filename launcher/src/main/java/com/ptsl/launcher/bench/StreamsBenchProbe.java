package com.ptsl.launcher.bench;

import java.nio.file.Path;
import java.util.function.Consumer;

/** {@link StreamsProbe} by {@code com.ptsl.processor.bench.StreamsBench} (stream-processor). */
final class StreamsBenchProbe implements StreamsProbe {

    @Override
    public Figures run(String bootstrapServers, Path stateDir, int events, Consumer<String> progress) throws Exception {
        // lead: call StreamsBench.run(...) here, once stream-processor has it:
        //   com.ptsl.processor.bench.StreamsBench.Result r = com.ptsl.processor.bench.StreamsBench.run(
        //           new com.ptsl.processor.bench.StreamsBench.Options(bootstrapServers, stateDir, events), progress);
        //   return new Figures(r.events(), r.eventsPerSecond(), r.passThroughEventsPerSecond(), r.settings());
        throw new UnsupportedOperationException("StreamsBench is not in this build of stream-processor yet");
    }
}
