package com.ptsl.launcher.bench;

import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading Kafka's ProducerPerformance and ConsumerPerformance: their printed totals, and one real run of each (a few
 * hundred records in child JVMs against an embedded broker) to hold the parsing to what kafka-tools 4.4.0 prints. What is
 * asserted is what was read, never how fast.
 */
class KafkaPerfToolsTest {

    @Test
    void the_producer_total_is_the_line_with_the_percentiles_not_a_progress_line() throws IOException {
        List<String> out = List.of(
                "7392 records sent, 3688.6 records/sec (3.80 MB/sec), 2425.7 ms avg latency, 3009.0 ms max latency.",
                "20000 records sent, 3472.825143 records/sec (3.58 MB/sec), 3047.19 ms avg latency, 3964.00 ms max latency, "
                        + "3475 ms 50th, 3880 ms 95th, 3933 ms 99th, 3959 ms 99.9th.");

        KafkaPerfTools.ProducerFigures f = KafkaPerfTools.parseProducer(out);

        assertThat(f).isEqualTo(new KafkaPerfTools.ProducerFigures(20_000, 3472.825143, 3.58, 3047.19, 3964.00, 3475, 3880, 3933, 3959));
    }

    @Test
    void the_consumer_figures_are_read_by_column_name() throws IOException {
        List<String> out = List.of(
                "start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, "
                        + "fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec",
                "2026-12-01 14:59:30:123, 2026-12-01 14:59:31:786, 20.5994, 12.3869, 20000, 12026.4582, 1048, 615, 33.4950, 32520.3252");

        KafkaPerfTools.ConsumerFigures f = KafkaPerfTools.parseConsumer(out);

        assertThat(f).isEqualTo(new KafkaPerfTools.ConsumerFigures(20_000, 12026.4582, 32520.3252, 12.3869, 1048, 615));
    }

    @Test
    void output_without_figures_is_an_error_quoting_what_was_printed() {
        assertThatThrownBy(() -> KafkaPerfTools.parseProducer(List.of("Error: topic does not exist")))
                .isInstanceOf(IOException.class).hasMessageContaining("Error: topic does not exist");
        assertThatThrownBy(() -> KafkaPerfTools.parseConsumer(List.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("(nothing)");
    }

    @Test
    void a_real_run_of_both_tools_against_an_embedded_broker_is_read() throws IOException {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1)) {
            kafka.createTopic("perf-tools-test", 3);
            KafkaPerfTools tools = new KafkaPerfTools(Duration.ofMinutes(2));
            List<String> progress = new ArrayList<>();

            KafkaPerfTools.ProducerFigures produced = tools.producer(kafka.bootstrapServers(), "perf-tools-test", 300, 256, progress::add);
            KafkaPerfTools.ConsumerFigures consumed = tools.consumer(kafka.bootstrapServers(), "perf-tools-test", 300, progress::add);

            assertThat(produced.records()).isEqualTo(300);
            assertThat(produced.recordsPerSecond()).isPositive();
            assertThat(produced.p999Ms()).isGreaterThanOrEqualTo(produced.p50Ms());
            assertThat(progress).anyMatch(line -> line.startsWith("ProducerPerformance: 300 records sent"));
            assertThat(consumed.records()).isEqualTo(300);
            assertThat(consumed.mbPerSecond()).isPositive();
        }
    }
}
