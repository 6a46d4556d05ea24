package com.ptsl.launcher.kafka;

import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;

/** Where Kafka is and how long to wait for it; shared by the review subcommands. */
public final class KafkaOptions {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
            defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-" + DEFAULT_BOOTSTRAP + "}",
            description = "Kafka broker(s) to talk to, comma separated. Default: the environment variable "
                    + "KAFKA_BOOTSTRAP_SERVERS when set, else " + DEFAULT_BOOTSTRAP + " (now: ${DEFAULT-VALUE}).")
    public String bootstrapServers;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to wait for Kafka to answer before giving up (default: ${DEFAULT-VALUE}).")
    public int timeoutSeconds;

    public Duration timeout() {
        return Duration.ofSeconds(Math.max(1, timeoutSeconds));
    }

    public KafkaTopicReader reader(PrintWriter progress) {
        return new KafkaTopicReader(bootstrapServers, timeout(), progress);
    }
}
