package com.ptsl.launcher.bench;

import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The two stages measured by the services' own probes, each on a fresh broker (and, for the sink, a fresh seeded SL
 * sandbox), so neither sees the other's topics, state or rows.
 */
final class ProbeStages {

    private ProbeStages() {
    }

    static List<BenchRow> streams(StreamsProbe probe, int events, Path dir, BenchProgress progress) {
        try {
            progress.line("starting Kafka (embedded KRaft, 1 broker) for the Streams probe");
            StreamsProbe.Figures f;
            try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1, dir.resolve("kafka"))) {
                f = probe.run(kafka.bootstrapServers(), dir.resolve("streams-state"), events, progress::line);
            }
            String note = String.format(Locale.US, "%,d raw events, parse -> dedupe -> classify -> match -> command, exactly_once_v2; "
                            + "baseline = EOS pass-through with one persistent store; %s; settings: %s", f.events(),
                    Targets.atLeast(String.format(Locale.US, "%,.0f events/s", Targets.STREAMS_EVENTS_PER_SECOND), f.eventsPerSecond(),
                            Targets.STREAMS_EVENTS_PER_SECOND), settings(f.settings()));
            return List.of(BenchRow.measured("streams-eos", f.eventsPerSecond(), "events/s", f.passThroughEventsPerSecond(), note));
        } catch (Exception | LinkageError e) {
            interrupted(e);
            return List.of(BenchRow.failed("streams-eos", "events/s", Failures.reason(e)));
        }
    }

    static List<BenchRow> sink(SinkProbe probe, int commands, Path dir, BenchProgress progress) {
        try {
            progress.line("starting Kafka (embedded KRaft, 1 broker) and a seeded SL sandbox (H2 in memory) for the sink probe");
            SinkProbe.Figures f;
            SeedSpec seed = SeedSpec.defaults();
            try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1, dir.resolve("kafka"));
                 SlSandbox sl = SlSandbox.inMemory("bench_sink_" + ProcessHandle.current().pid()).seed(seed)) {
                f = probe.run(new SinkProbe.Target(kafka.bootstrapServers(), sl.jdbcUrl(), sl.user(), sl.password(), seed.cpnyId()),
                        commands, progress::line);
            }
            List<BenchRow> rows = new ArrayList<>();
            rows.add(BenchRow.measured("sink", f.commandsPerSecond(), "commands/s", f.baselinePaymentsPerSecond(), String.format(Locale.US,
                    "%,d commands into the SL sandbox, exactly-once (offsets in SQL); baseline = %s; %s", f.commands(),
                    f.baselineDescription(), Targets.atLeast(String.format(Locale.US, "%,.0f commands/s", Targets.SINK_COMMANDS_PER_SECOND),
                            f.commandsPerSecond(), Targets.SINK_COMMANDS_PER_SECOND))));
            rows.add(BenchRow.measured("sink-first-fifth", f.firstFifthPerSecond(), "commands/s", f.baselinePaymentsPerSecond(),
                    "the first fifth of the commands, beside the JDBC batch insert baseline"));
            rows.add(BenchRow.measured("sink-last-fifth", f.lastFifthPerSecond(), "commands/s", f.firstFifthPerSecond(),
                    "the last fifth, beside the first: a ratio near 1 = flat as the day's batch grows"));
            return rows;
        } catch (Exception | LinkageError e) {
            interrupted(e);
            String reason = Failures.reason(e);
            return List.of(BenchRow.failed("sink", "commands/s", reason), BenchRow.failed("sink-first-fifth", "commands/s", reason),
                    BenchRow.failed("sink-last-fifth", "commands/s", reason));
        }
    }

    /** The processor's settings that decide its throughput (the probe reports many more; a row stays readable). */
    private static final List<String> SHOWN = List.of("processor.num.stream.threads", "processor.commit.interval.ms",
            "processor.statestore.cache.max.bytes", "processor.consumer.max.poll.records", "processor.producer.batch.size",
            "processor.producer.linger.ms", "processor.cpu.process.us.per.event", "baseline.cpu.process.us.per.event");

    private static String settings(Map<String, String> settings) {
        return settings.isEmpty() ? "(none reported)" : new TreeMap<>(settings).entrySet().stream()
                .filter(e -> SHOWN.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static void interrupted(Throwable e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }
}
