package com.ptsl.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.fingerprint.Fingerprint;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.pci.PanScrubber;
import com.ptsl.gateway.paytrace.TransactionExport;
import com.ptsl.gateway.poll.Checkpoint;
import com.ptsl.gateway.poll.CheckpointStore;
import com.ptsl.gateway.poll.PollResult;
import com.ptsl.gateway.poll.Poller;
import com.ptsl.gateway.poll.SyntheticPan;
import com.ptsl.gateway.poll.WindowOnlyExport;
import com.ptsl.gateway.publish.RawPublisher;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TestCards;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway end to end: PayTrace sandbox over HTTP → gateway → a real Kafka broker. */
class GatewayIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    /** The Luhn-valid cards TrafficGenerator charges; none may ever reach a topic. */
    private static final List<String> GENERATOR_CARDS = TestCards.ALL;

    /** Each test gets its own sandbox and id range, so it can pick its own records out of the shared topic. */
    private static final AtomicLong NEXT_ID_RANGE = new AtomicLong(500_000_000L);

    @TempDir
    Path tmp;

    private PayTraceSandbox sandbox;
    private TrafficGenerator traffic;

    @BeforeEach
    void startSandbox() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(NEXT_ID_RANGE.getAndAdd(1_000_000L)));
        traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(), sandbox.config().password(),
                List.of(new TrafficGenerator.Target("C00001", "INV0001", new BigDecimal("500.00")),
                        new TrafficGenerator.Target("C00002", "INV0007", new BigDecimal("80.00"))), 42L);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void publishesEachSaleOnceAndRepublishesOnlyWhenTheCheckpointIsLost() throws Exception {
        List<TrafficGenerator.SaleMade> sales = traffic.makeSales(5);
        Set<String> ids = idsOf(sales);
        Path stateDir = tmp.resolve("gateway");

        try (GatewayService gateway = new GatewayService(config(stateDir, 1000))) {
            PollResult first = gateway.pollOnce();

            assertThat(first.published()).isEqualTo(5);
            assertThat(first.publishedTransactionIds()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(stateDir.resolve(CheckpointStore.FILE_NAME)).exists();

            List<ConsumerRecord<byte[], byte[]>> records = rawRecordsOf(ids);
            assertThat(records).hasSize(5);
            Map<String, BigDecimal> amounts = sales.stream()
                    .collect(Collectors.toMap(s -> Long.toString(s.transactionId()), TrafficGenerator.SaleMade::amount));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                RawPayTraceRecord raw = decode(record);
                String key = new String(record.key(), StandardCharsets.UTF_8);
                assertThat(raw.getTransactionId()).isEqualTo(key);
                assertThat(raw.getSource()).isEqualTo(RecordSource.POLL);
                JsonNode json = Json.parse(raw.getJson());
                assertThat(json.get("transaction_id").asText()).isEqualTo(key);
                assertThat(json.fieldNames()).toIterable().contains("transaction_id", "credit_card", "transaction_type",
                        "amount", "invoice_id", "customer_reference_id", "status_code", "created", "settled");
                assertThat(json.get("amount").decimalValue()).isEqualByComparingTo(amounts.get(key));
                assertThat(raw.getFingerprint()).matches("[0-9a-f]{64}").isEqualTo(Fingerprint.of(json));
                assertThat(raw.getPansScrubbed()).isZero(); // PayTrace exports only masked numbers
                assertNoCardNumberIn(record);
            }

            long end = TopicReader.endOffsetSum(kafka.bootstrapServers(), Topics.RAW_TRANSACTIONS.name());
            PollResult second = gateway.pollOnce();

            assertThat(second.published()).isZero();
            assertThat(second.unchanged()).isEqualTo(5);
            assertThat(TopicReader.endOffsetSum(kafka.bootstrapServers(), Topics.RAW_TRANSACTIONS.name())).isEqualTo(end);
            assertThat(gateway.metrics().recordsPublished()).isEqualTo(5);
            assertThat(gateway.metrics().unchangedSkipped()).isEqualTo(5);
            assertThat(gateway.metrics().recordsRead()).isEqualTo(10);
            assertThat(gateway.metrics().polls()).isEqualTo(2);
            assertThat(gateway.metrics().lastSuccessfulPoll()).isPresent();
        }

        try (GatewayService restarted = new GatewayService(config(stateDir, 1000))) {
            PollResult afterRestart = restarted.pollOnce();

            assertThat(afterRestart.published()).isZero();
            assertThat(afterRestart.unchanged()).isEqualTo(5);
        }

        // Checkpoint lost: the window is published again (at-least-once); the stream processor dedupes.
        deleteRecursively(stateDir);
        try (GatewayService amnesiac = new GatewayService(config(stateDir, 1000))) {
            assertThat(amnesiac.pollOnce().published()).isEqualTo(5);
        }
        Map<String, List<String>> fingerprintsById = rawRecordsOf(ids).stream()
                .map(GatewayIntegrationTest::decode)
                .collect(Collectors.groupingBy(RawPayTraceRecord::getTransactionId,
                        Collectors.mapping(RawPayTraceRecord::getFingerprint, Collectors.toList())));
        assertThat(fingerprintsById).hasSize(5);
        fingerprintsById.values().forEach(fps -> assertThat(fps).hasSize(2).containsOnly(fps.get(0)));
    }

    @Test
    @SuppressWarnings("try") // close() inside try-with-resources on purpose: closing twice must be harmless
    void aRunningGatewayRecoversFromServerErrorsAndExpiredTokens() {
        List<TrafficGenerator.SaleMade> before = traffic.makeSales(3);
        sandbox.faults().failNext(503, 2);

        try (GatewayService gateway = new GatewayService(config(tmp.resolve("gateway"), 100)).start()) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> rawRecordsOf(idsOf(before)).size() == 3);
            assertThat(gateway.metrics().pollErrors()).isGreaterThanOrEqualTo(2);
            assertThat(sandbox.faults().pendingFailures()).isZero();
            assertThat(gateway.isRunning()).isTrue();

            long errorsBeforeExpiry = gateway.metrics().pollErrors();
            sandbox.faults().expireAllTokens();
            List<TrafficGenerator.SaleMade> after = traffic.makeSales(2);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> rawRecordsOf(idsOf(after)).size() == 2);
            // The expired token was replaced inside the client: no poll failed because of it.
            assertThat(gateway.metrics().pollErrors()).isEqualTo(errorsBeforeExpiry);
            assertThat(gateway.metrics().recordsPublished()).isEqualTo(5);
            assertThat(rawRecordsOf(idsOf(before))).hasSize(3); // nothing published twice meanwhile

            gateway.close();
            assertThat(gateway.isRunning()).isFalse();
        }
        TopicReader.readAll(kafka.bootstrapServers(), Topics.RAW_TRANSACTIONS.name())
                .forEach(GatewayIntegrationTest::assertNoCardNumberIn);
    }

    @Test
    void aRecordWithoutTransactionIdGoesToTheInvalidTopicOnceAndScrubbed() throws Exception {
        String pan = SyntheticPan.of(System.nanoTime());
        String marker = "record-without-an-id"; // no digits: a long digit run here could itself be masked
        ObjectNode noId = parseObject("{\"amount\":12.30,\"description\":\"" + marker + " card " + pan + "\"}");
        ObjectNode withId = parseObject("{\"transaction_id\":" + NEXT_ID_RANGE.getAndAdd(1_000_000L)
                + ",\"amount\":5.00,\"description\":\"paid by " + pan + "\"}");
        TransactionExport export = WindowOnlyExport.of((from, to) -> List.of(noId.deepCopy(), withId.deepCopy()));
        ZoneId zone = ZoneId.of("America/Los_Angeles");
        GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry(), Clock.systemUTC(), zone);
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all());

        try (RawPublisher publisher = new RawPublisher(kafka.bootstrapServers(), "gateway-invalid-test")) {
            Poller poller = new Poller(export, publisher, new Checkpoint(), new CheckpointStore(tmp.resolve("state")),
                    zone, 1, Clock.systemUTC(), metrics);

            PollResult first = poller.pollOnce();
            PollResult second = poller.pollOnce();

            assertThat(first.invalid()).isEqualTo(1);
            assertThat(first.published()).isEqualTo(1);
            assertThat(first.pansScrubbed()).isEqualTo(2);
            assertThat(second.invalid()).isZero();
            assertThat(second.published()).isZero();
            assertThat(second.unchanged()).isEqualTo(2);
            assertThat(metrics.invalid()).isEqualTo(1);
            assertThat(metrics.pansScrubbed()).isEqualTo(2);
        }

        List<InvalidRecord> invalid = TopicReader.readAll(kafka.bootstrapServers(), Topics.RAW_INVALID.name()).stream()
                .peek(r -> assertThat(new String(r.value(), StandardCharsets.ISO_8859_1)).doesNotContain(pan))
                .map(r -> Topics.RAW_INVALID.valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .filter(r -> StandardCharsets.UTF_8.decode(r.getValue().duplicate()).toString().contains(marker))
                .toList();
        assertThat(invalid).singleElement().satisfies(r -> {
            assertThat(r.getSourceTopic()).isEqualTo("paytrace.export");
            assertThat(r.getSourcePartition()).isEqualTo(-1);
            assertThat(r.getSourceOffset()).isEqualTo(-1L);
            assertThat(r.getStage()).isEqualTo("gateway");
            assertThat(r.getReason()).contains("transaction_id");
            assertThat(r.getKey()).isNull();
            JsonNode json = Json.parse(StandardCharsets.UTF_8.decode(r.getValue().duplicate()).toString());
            assertThat(json.get("description").asText()).isEqualTo(marker + " card ************" + pan.substring(12));
            assertThat(json.get("amount").toString()).isEqualTo("12.30");
        });
        String withIdKey = withId.get("transaction_id").asText();
        assertThat(rawRecordsOf(Set.of(withIdKey))).singleElement().satisfies(r -> {
            RawPayTraceRecord raw = decode(r);
            assertThat(raw.getPansScrubbed()).isEqualTo(1);
            assertThat(raw.getJson()).doesNotContain(pan).contains("************" + pan.substring(12));
            assertThat(new String(r.value(), StandardCharsets.ISO_8859_1)).doesNotContain(pan);
        });
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private GatewayConfig config(Path stateDir, int pollIntervalMs) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PAYTRACE_BASE_URL", sandbox.baseUrl());
        env.put("PAYTRACE_USERNAME", sandbox.config().username());
        env.put("PAYTRACE_PASSWORD", sandbox.config().password());
        env.put("PAYTRACE_INTEGRATOR_ID", "PTSLTEST01");
        env.put("PAYTRACE_MERCHANT_ZONE", sandbox.config().merchantZone().getId());
        env.put("GATEWAY_POLL_INTERVAL_MS", Integer.toString(pollIntervalMs));
        env.put("GATEWAY_LOOKBACK_DAYS", "1");
        env.put("GATEWAY_STATE_DIR", stateDir.toString());
        return GatewayConfig.fromEnv(env);
    }

    private static Set<String> idsOf(List<TrafficGenerator.SaleMade> sales) {
        return sales.stream().map(s -> Long.toString(s.transactionId())).collect(Collectors.toSet());
    }

    private static List<ConsumerRecord<byte[], byte[]>> rawRecordsOf(Set<String> ids) {
        return TopicReader.readAll(kafka.bootstrapServers(), Topics.RAW_TRANSACTIONS.name()).stream()
                .filter(r -> ids.contains(new String(r.key(), StandardCharsets.UTF_8)))
                .toList();
    }

    private static RawPayTraceRecord decode(ConsumerRecord<byte[], byte[]> record) {
        return Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize(record.topic(), record.value());
    }

    /** Neither the raw bytes nor the JSON may hold a full card number. */
    private static void assertNoCardNumberIn(ConsumerRecord<byte[], byte[]> record) {
        String bytes = new String(record.value(), StandardCharsets.ISO_8859_1);
        GENERATOR_CARDS.forEach(card -> assertThat(bytes).doesNotContain(card));
        assertThat(PanScrubber.scrubText(decode(record).getJson()).pansScrubbed()).isZero();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static ObjectNode parseObject(String json) throws IOException {
        return (ObjectNode) Json.parse(json);
    }
}
