package com.ptsl.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.TransactionExport;
import com.ptsl.gateway.poll.Checkpoint;
import com.ptsl.gateway.poll.CheckpointStore;
import com.ptsl.gateway.poll.Poller;
import com.ptsl.gateway.poll.WindowOnlyExport;
import com.ptsl.gateway.publish.RawPublisher;
import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.service.admin.AdminClient;
import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.metrics.Scrape;
import com.ptsl.service.metrics.ServiceMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's admin endpoints over real HTTP, with the PayTrace sandbox and a real broker behind it: what
 * {@code /metrics} and {@code /health/ready} say must match what the gateway did.
 */
class GatewayAdminEndpointsIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final AtomicLong NEXT_ID_RANGE = new AtomicLong(700_000_000L);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private PayTraceSandbox sandbox;
    private TrafficGenerator traffic;

    @BeforeEach
    void startSandbox() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(NEXT_ID_RANGE.getAndAdd(1_000_000L)));
        traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(), sandbox.config().password(),
                List.of(new TrafficGenerator.Target("C00001", "INV0001", new BigDecimal("500.00"))), 17L);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void metricsCountWhatWasPublishedAndReadinessFollowsAPayTraceOutage() throws Exception {
        Set<String> ids = traffic.makeSales(5).stream()
                .map(s -> Long.toString(s.transactionId())).collect(Collectors.toSet());

        try (GatewayService gateway = new GatewayService(config(500).withAdmin(AdminConfig.ephemeral())).start()) {
            String admin = gateway.adminUrl();
            assertThat(admin).startsWith("http://127.0.0.1:");
            await().atMost(DEADLINE).until(() -> gateway.metrics().recordsPublished() == 5 && gateway.metrics().polls() >= 2);

            Scrape metrics = scrape(admin, null);
            assertThat(metrics.value("ptsl_gateway_records_published_total", "source", "POLL")).isEqualTo(5.0);
            assertThat(metrics.value("ptsl_gateway_records_republished_total")).isZero();
            assertThat(metrics.value("ptsl_gateway_records_invalid_total")).isZero();
            assertThat(metrics.value("ptsl_gateway_pans_scrubbed_total")).isZero(); // exports carry masked numbers only
            assertThat(metrics.value("ptsl_gateway_records_read_total")).isGreaterThanOrEqualTo(10.0);
            assertThat(metrics.value("ptsl_gateway_records_unchanged_total")).isGreaterThanOrEqualTo(5.0);
            assertThat(metrics.value("ptsl_gateway_polls_total", "outcome", "ok")).isGreaterThanOrEqualTo(2.0);
            assertThat(metrics.value("ptsl_gateway_polls_total", "outcome", "failed")).isZero();
            assertThat(metrics.value("ptsl_gateway_poll_duration_seconds_count")).isGreaterThanOrEqualTo(2.0);
            assertThat(metrics.value("ptsl_gateway_paytrace_calls_total", "endpoint", "export_by_date_range", "outcome", "ok"))
                    .isGreaterThanOrEqualTo(2.0);
            assertThat(metrics.value("ptsl_gateway_paytrace_calls_total", "endpoint", "oauth_token", "outcome", "ok"))
                    .isEqualTo(1.0); // the token is cached
            assertThat(metrics.value("ptsl_gateway_last_successful_poll_age_seconds")).isFinite().isNotNegative();
            assertThat(metrics.value("ptsl_gateway_newest_record_age_seconds")).isFinite().isNotNegative();
            assertThat(metrics.samples("kafka_producer_record_send_total"))
                    .anySatisfy(s -> assertThat(s.labels()).containsEntry("client_id", "ptsl-ingest-gateway"));
            assertThat(metrics.value("ptsl_service_ready")).isEqualTo(1.0);
            assertThat(metrics.samples()).allSatisfy(s -> assertThat(s.labels().values()).doesNotContainAnyElementsOf(ids));

            JsonNode ready = getJson(admin, "/health/ready", 200);
            assertThat(ready.path("service").asText()).isEqualTo("ingest-gateway");
            assertThat(ready.path("status").asText()).isEqualTo("UP");
            assertThat(ready.path("checks").path("poll").path("status").asText()).isEqualTo("UP");
            assertThat(ready.path("checks").path("kafka").path("status").asText()).isEqualTo("UP");
            assertThat(getJson(admin, "/health/live", 200).path("status").asText()).isEqualTo("UP");

            sandbox.faults().failNext(503, 1_000_000); // every call from now on, token requests included
            AtomicReference<JsonNode> down = new AtomicReference<>();
            await().atMost(DEADLINE).until(() -> {
                AdminClient.Answer response = get(admin, "/health/ready", null);
                down.set(response.json());
                return response.status() == 503;
            });
            assertThat(down.get().path("status").asText()).isEqualTo("DOWN");
            assertThat(down.get().path("checks").path("poll").path("status").asText()).isEqualTo("DOWN");
            assertThat(down.get().path("checks").path("poll").path("detail").asText())
                    .startsWith("last poll failed: ").contains("HTTP 503")
                    .doesNotContain(sandbox.config().password());
            assertThat(down.get().path("checks").path("kafka").path("status").asText()).isEqualTo("UP");
            assertThat(getJson(admin, "/health/live", 200).path("status").asText()).isEqualTo("UP");

            Scrape failing = scrape(admin, null);
            assertThat(failing.samples("ptsl_gateway_paytrace_calls_total", "outcome", "5xx").stream()
                    .mapToDouble(Scrape.Sample::value).sum()).isGreaterThanOrEqualTo(1.0);
            assertThat(failing.value("ptsl_gateway_polls_total", "outcome", "failed")).isGreaterThanOrEqualTo(1.0);
            assertThat(failing.value("ptsl_gateway_records_published_total", "source", "POLL")).isEqualTo(5.0);
            assertThat(failing.value("ptsl_service_ready")).isZero();

            sandbox.faults().clear();
            await().atMost(Duration.ofSeconds(60)).until(() -> get(admin, "/health/ready", null).status() == 200);
            assertThat(gateway.metrics().recordsPublished()).isEqualTo(5);
        }
    }

    @Test
    void readinessNamesKafkaWhileTheBrokerIsDown() throws Exception {
        assumeThat(kafka.cluster()).isInstanceOf(EmbeddedKafkaCluster.class);
        traffic.makeSales(1);

        try (GatewayService gateway = new GatewayService(config(500).withAdmin(AdminConfig.ephemeral())).start()) {
            String admin = gateway.adminUrl();
            await().atMost(DEADLINE).until(() -> get(admin, "/health/ready", null).status() == 200);

            kafka.embedded().stopBroker(0);
            try {
                AtomicReference<JsonNode> down = new AtomicReference<>();
                await().atMost(DEADLINE).until(() -> {
                    AdminClient.Answer response = get(admin, "/health/ready", null);
                    down.set(response.json());
                    return response.status() == 503;
                });
                assertThat(down.get().path("checks").path("kafka").path("status").asText()).isEqualTo("DOWN");
                assertThat(down.get().path("checks").path("kafka").path("detail").asText())
                        .startsWith("Kafka did not answer describeCluster within 2 s: ");
                assertThat(getJson(admin, "/health/live", 200).path("status").asText()).isEqualTo("UP");
            } finally {
                kafka.embedded().restartBroker(0);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> get(admin, "/health/ready", null).status() == 200);
        }
    }

    @Test
    void metricsAndReadinessWantTheAdminTokenButLivenessDoesNot() throws Exception {
        String token = "admin-" + UUID.randomUUID();
        try (GatewayService gateway = new GatewayService(config(500).withAdmin(new AdminConfig("127.0.0.1", 0, token))).start()) {
            String admin = gateway.adminUrl();

            assertThat(get(admin, "/metrics", null).status()).isEqualTo(401);
            assertThat(get(admin, "/metrics", "wrong-" + token).status()).isEqualTo(401);
            assertThat(get(admin, "/health/ready", "wrong-" + token).status()).isEqualTo(401);
            AdminClient.Answer metrics = get(admin, "/metrics", token);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(Scrape.parse(metrics.body()).samples("ptsl_gateway_polls_total")).hasSize(2);
            assertThat(get(admin, "/health/live", null).status()).isEqualTo(200);
            await().atMost(DEADLINE).until(() -> get(admin, "/health/ready", token).status() == 200);
        }
    }

    @Test
    void aChangedRecordCountsAsPublishedAndRepublished() {
        long id = NEXT_ID_RANGE.getAndAdd(1_000_000L);
        AtomicReference<String> status = new AtomicReference<>("Y");
        TransactionExport export = WindowOnlyExport.of((from, to) -> List.of(record(id, status.get()), record(id + 1, "Y")));
        ServiceMetrics service = new ServiceMetrics();
        GatewayMetrics metrics = new GatewayMetrics(service.registry(), Clock.systemUTC(), ZoneId.of("America/Los_Angeles"));
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all());

        try (service; RawPublisher publisher = new RawPublisher(kafka.bootstrapServers(), "gateway-republish-test")) {
            Poller poller = new Poller(export, publisher, new Checkpoint(), new CheckpointStore(tmp.resolve("state")),
                    ZoneId.of("America/Los_Angeles"), 1, Clock.systemUTC(), metrics);
            poller.pollOnce();
            status.set("GB571"); // settled: same transaction, new content
            poller.pollOnce();
            poller.pollOnce();

            Scrape text = Scrape.parse(service.scrape());
            assertThat(text.value("ptsl_gateway_records_read_total")).isEqualTo(6.0);
            assertThat(text.value("ptsl_gateway_records_published_total", "source", "POLL")).isEqualTo(3.0);
            assertThat(text.value("ptsl_gateway_records_republished_total")).isEqualTo(1.0);
            assertThat(text.value("ptsl_gateway_records_unchanged_total")).isEqualTo(3.0);
            assertThat(text.value("ptsl_gateway_polls_total", "outcome", "ok")).isEqualTo(3.0);
            assertThat(metrics.recordsRepublished()).isEqualTo(1);
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static ObjectNode record(long id, String statusCode) {
        ObjectNode record = Json.object();
        record.put("transaction_id", id);
        record.put("amount", new BigDecimal("12.30"));
        record.put("status_code", statusCode);
        record.putObject("created").put("at", "3/2/2026 9:15:00 AM");
        return record;
    }

    private GatewayConfig config(int pollIntervalMs) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PAYTRACE_BASE_URL", sandbox.baseUrl());
        env.put("PAYTRACE_USERNAME", sandbox.config().username());
        env.put("PAYTRACE_PASSWORD", sandbox.config().password());
        env.put("PAYTRACE_MERCHANT_ZONE", sandbox.config().merchantZone().getId());
        env.put("GATEWAY_POLL_INTERVAL_MS", Integer.toString(pollIntervalMs));
        env.put("GATEWAY_STATE_DIR", tmp.resolve("gateway-" + UUID.randomUUID()).toString());
        return GatewayConfig.fromEnv(env);
    }

    private static Scrape scrape(String admin, String token) throws IOException, InterruptedException {
        return new AdminClient(token).scrape(admin);
    }

    private static JsonNode getJson(String admin, String path, int expectedStatus) throws IOException, InterruptedException {
        AdminClient.Answer answer = get(admin, path, null);
        assertThat(answer.status()).as(admin + path + " " + answer.body()).isEqualTo(expectedStatus);
        return answer.json();
    }

    private static AdminClient.Answer get(String admin, String path, String token) throws IOException, InterruptedException {
        return new AdminClient(token).get(admin, path);
    }
}
