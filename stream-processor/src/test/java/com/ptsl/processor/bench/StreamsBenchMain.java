package com.ptsl.processor.bench;

import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the streams probe by hand against an in-process broker, as {@code ptsl bench} does (not a test):
 * {@code java -cp <test classpath> com.ptsl.processor.bench.StreamsBenchMain [events]}.
 */
public final class StreamsBenchMain {

    private StreamsBenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        Path state = Files.createTempDirectory("streams-bench-");
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1)) {
            long t0 = System.nanoTime();
            StreamsBench.Result result = StreamsBench.run(new StreamsBench.Options(kafka.bootstrapServers(), state, events),
                    line -> System.out.println("[" + java.time.LocalTime.now() + " " + String.format("%5.1f", (System.nanoTime() - t0) / 1e9) + " s] " + line));
            System.out.printf("events %d: %.0f events/s, pass-through %.0f events/s, ratio %.2f%n", result.events(),
                    result.eventsPerSecond(), result.passThroughEventsPerSecond(), result.eventsPerSecond() / result.passThroughEventsPerSecond());
            result.settings().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> System.out.println("  " + e.getKey() + " = " + e.getValue()));
        }
    }
}
