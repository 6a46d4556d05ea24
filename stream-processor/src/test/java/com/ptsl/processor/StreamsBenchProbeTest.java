package com.ptsl.processor;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.processor.bench.StreamsBench;
import com.ptsl.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streams probe of {@code ptsl bench} on a small workload: it measures the real topology to the end (every output
 * the workload yields, and nothing else, is committed) and the baseline, and says what it ran with. Figures are
 * never asserted: a benchmark's speed is not a test.
 */
class StreamsBenchProbeTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    @TempDir
    Path stateDir;

    @Test
    void measuresTheTopologyUntilEveryOutputIsCommittedAndThePassThroughBesideIt() throws Exception {
        List<String> progress = new ArrayList<>();

        StreamsBench.Result result = StreamsBench.run(new StreamsBench.Options(kafka.bootstrapServers(), stateDir, 1_200), progress::add);

        assertThat(result.events()).isEqualTo(1_200);
        assertThat(result.eventsPerSecond()).isPositive().isFinite();
        assertThat(result.passThroughEventsPerSecond()).isPositive().isFinite();
        var settings = result.settings();
        // The processor runs as this environment would run it in production (unset: the defaults).
        ProcessorConfig production = ProcessorConfig.fromEnv(System.getenv());
        assertThat(settings).containsEntry("processor.processing.guarantee", "exactly_once_v2")
                .containsEntry("baseline.processing.guarantee", "exactly_once_v2")
                .containsEntry("baseline.num.stream.threads", "2")
                .containsEntry("processor.num.stream.threads", Integer.toString(production.tuning().streamThreads()))
                .containsEntry("processor.commit.interval.ms", Long.toString(production.commitInterval().toMillis()))
                .containsEntry("processor.match.deadline.ms", Long.toString(production.match().deadline().toMillis()))
                .containsKeys("processor.producer.batch.size", "processor.producer.linger.ms", "processor.consumer.max.poll.records",
                        "processor.statestore.cache.max.bytes", "workload.invoice_sale", "workload.duplicate");

        // Exactly what the workload yields, read back from the topics after the probe finished.
        long commands = RawTopicClient.readCommitted(kafka.bootstrapServers(), Topics.ERP_COMMANDS, Duration.ofSeconds(60)).size();
        long results = RawTopicClient.readCommitted(kafka.bootstrapServers(), Topics.ERP_RESULTS, Duration.ofSeconds(60)).size();
        assertThat(commands).isEqualTo(Long.parseLong(settings.get("processor.expected.erp.commands")));
        assertThat(results).isEqualTo(Long.parseLong(settings.get("processor.expected.erp.results")));
        assertThat(RawTopicClient.readCommitted(kafka.bootstrapServers(), Topics.RAW_INVALID, Duration.ofSeconds(60))).isEmpty();
        assertThat(RawTopicClient.readCommitted(kafka.bootstrapServers(), Topics.PAYMENTS_REVIEW, Duration.ofSeconds(60)))
                .as("payments on account raise review items").isNotEmpty();
        assertThat(progress).anyMatch(line -> line.contains("pass-through"));
        assertThat(stateDir.resolve("processor")).doesNotExist();
    }
}
