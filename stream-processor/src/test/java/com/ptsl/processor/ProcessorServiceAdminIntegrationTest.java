package com.ptsl.processor;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.service.admin.AdminClient;
import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.health.Readiness;
import com.ptsl.service.metrics.Scrape;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.ptsl.processor.PayTraceExportRecord.sale;
import static com.ptsl.processor.RawTopicClient.committedInputOffsets;
import static com.ptsl.processor.RawTopicClient.produce;
import static com.ptsl.processor.RawTopicClient.produceSlFeed;
import static com.ptsl.processor.RawTopicClient.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The service's admin endpoints over real HTTP, against a real KRaft broker: readiness follows Kafka Streams, /metrics counts. */
class ProcessorServiceAdminIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AdminClient ADMIN = new AdminClient(null);

    @TempDir
    Path stateDir;

    @Test
    void readyWhenRunningAndMetricsShowWhatWentThrough() throws Exception {
        ProcessorConfig config = ProcessorConfig.defaults()
                .withBootstrapServers(kafka.bootstrapServers())
                .withApplicationId("processor-admin-it")
                .withStateDir(stateDir)
                .withAdmin(AdminConfig.ephemeral());
        int k = 5;
        List<ProducerRecord<String, byte[]>> sales = IntStream.rangeClosed(1, k)
                .mapToObj(i -> raw(sale(920000 + i).customerReference("C0000" + i).invoice("INV000" + i).amount(i + ".25"))).toList();

        ProcessorService service = new ProcessorService(config);
        assertThat(service.readiness().evaluate().problems()).contains("streams: Kafka Streams is CREATED");
        try {
            service.start();
            String admin = service.adminUrl();
            await().atMost(PATIENCE).untilAsserted(() -> {
                AdminClient.Answer ready = ADMIN.readiness(admin);
                assertThat(ready.status()).as(ready.body()).isEqualTo(200);
                JsonNode checks = ready.json().get("checks");
                assertThat(checks.at("/streams/status").asText()).isEqualTo("UP");
                assertThat(checks.at("/streams/detail").asText()).isEqualTo("RUNNING, " + config.tuning().streamThreads() + " stream threads");
                assertThat(checks.at("/threads/status").asText()).isEqualTo("UP");
            });

            produceSlFeed(kafka.bootstrapServers(), IntStream.rangeClosed(1, k).mapToObj(i -> "C0000" + i).toList(),
                    IntStream.rangeClosed(1, k).boxed().collect(Collectors.toMap(i -> "INV000" + i, i -> "C0000" + i)));
            produce(kafka.bootstrapServers(), sales);
            await().atMost(PATIENCE).until(() -> committedInputOffsets(kafka.bootstrapServers(), config.applicationId()) == k);
            // The commands come from the matcher, one repartition topic further on.
            await().atMost(PATIENCE).until(() -> service.metrics().commandsEmitted() == k);

            String scrape = ADMIN.metricsText(admin);
            Scrape metrics = Scrape.parse(scrape);
            assertThat(metrics.value("ptsl_processor_records_in_total")).isEqualTo(k);
            assertThat(metrics.value("ptsl_processor_commands_total", "type", "PostPayment")).isEqualTo(k);
            assertThat(metrics.value("ptsl_processor_transactions_total", "kind", "SALE_APPROVED")).isEqualTo(k);
            // Registered up front, so the zeros are there to alert on and graph.
            assertThat(metrics.value("ptsl_processor_transactions_total", "kind", "DECLINED")).isZero();
            assertThat(metrics.value("ptsl_processor_duplicates_dropped_total")).isZero();
            assertThat(metrics.value("ptsl_processor_invalid_records_total", "stage", "parse")).isZero();
            assertThat(metrics.value("ptsl_processor_invalid_records_total", "stage", "deserialize")).isZero();
            assertThat(metrics.value("ptsl_processor_review_items_total", "reason", "UNKNOWN_CUSTOMER")).isZero();
            assertThat(metrics.value("ptsl_processor_already_posted_total")).isZero();
            assertThat(metrics.value("ptsl_processor_dedupe_entries_expired_total")).isZero();
            for (String outcome : List.of("emitted", "unchanged", "invalid")) {
                assertThat(metrics.value("ptsl_processor_deposits_total", "outcome", outcome)).as(outcome).isZero();
            }
            assertThat(metrics.value("ptsl_processor_commands_total", "type", "CloseDeposit")).isZero();
            assertThat(metrics.value("ptsl_service_ready")).isEqualTo(1);
            assertThat(scrape).contains("# HELP ptsl_processor_records_in_total Raw PayTrace records read");
            assertThat(scrape).containsPattern("(?m)^kafka_stream_\\w+\\{");
            // The endpoint and the launcher's accessors read the same meters.
            assertThat(service.metrics().commandsEmitted()).isEqualTo(k);
        } finally {
            service.close();
        }

        Readiness.Report after = service.readiness().evaluate();
        assertThat(after.ready()).isFalse();
        assertThat(after.problems()).contains("streams: Kafka Streams is NOT_RUNNING", "threads: stream threads stopped (Kafka Streams is NOT_RUNNING)");
        assertThatThrownBy(() -> ADMIN.get(service.adminUrl(), "/health/live")).isInstanceOf(IOException.class);
    }
}
