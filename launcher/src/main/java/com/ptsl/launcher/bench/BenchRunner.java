package com.ptsl.launcher.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the chosen stages in order, each group on fresh infrastructure, and returns every row; a stage that fails is a
 * row with its reason and the run carries on with the next.
 */
final class BenchRunner implements BenchCommand.Stages {

    private final StreamsProbe streams;
    private final SinkProbe sink;

    BenchRunner() {
        this(new StreamsBenchProbe(), new SinkBenchProbe());
    }

    BenchRunner(StreamsProbe streams, SinkProbe sink) {
        this.streams = streams;
        this.sink = sink;
    }

    @Override
    public List<BenchRow> run(Set<BenchStage> stages, BenchSizes sizes, Path dataDir, BenchProgress progress) {
        quietServices();
        List<BenchStage> order = List.copyOf(stages); // an EnumSet iterates in declaration order, the run's order
        List<BenchRow> rows = new ArrayList<>();
        if (stages.contains(BenchStage.RAW_PRODUCER) || stages.contains(BenchStage.PUSH_INGEST)) {
            rows.addAll(IngestStages.run(stages, sizes, dataDir.resolve("ingest"), order, progress));
        }
        if (stages.contains(BenchStage.STREAMS_EOS)) {
            progress.stage(order.indexOf(BenchStage.STREAMS_EOS) + 1, BenchStage.STREAMS_EOS.id());
            rows.addAll(ProbeStages.streams(streams, sizes.streamsEvents(), dataDir.resolve("streams"), progress));
        }
        if (stages.contains(BenchStage.SINK)) {
            progress.stage(order.indexOf(BenchStage.SINK) + 1, BenchStage.SINK.id());
            rows.addAll(ProbeStages.sink(sink, sizes.sinkCommands(), dataDir.resolve("sink"), progress));
        }
        if (stages.contains(BenchStage.E2E)) {
            progress.stage(order.indexOf(BenchStage.E2E) + 1, BenchStage.E2E.id());
            rows.addAll(E2eStage.run(sizes, dataDir.resolve("e2e"), progress));
        }
        return rows;
    }

    /**
     * The services narrate start-up and shutdown at INFO; in a benchmark's console only their warnings matter (Main quiets
     * Kafka's and Jetty's loggers already). Set before any of their loggers exists, and only where nobody chose a level.
     */
    private static void quietServices() {
        for (String logger : new String[] {"com.ptsl", "io.javalin", "org.apache.kafka", "kafka", "state.change.logger", "org.eclipse.jetty"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, logger.startsWith("com.ptsl") || logger.startsWith("io.javalin") ? "warn" : "error");
            }
        }
    }
}
