package com.ptsl.sink.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.DeadLetter;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.service.health.Check;
import com.ptsl.sink.SinkConfig;
import com.ptsl.sink.SinkService;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.KafkaTopics;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbound webhook against a real HTTP server (the JDK's) and the real broker: signed JSON that verifies with the
 * secret, a retried 5xx delivered once, a permanent 4xx and exhausted retries in erp.results.webhook.dlq, the consumer
 * offset committed only after delivery or dead-lettering.
 */
class WebhookNotifierTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String SECRET = "whsec-test-3f9a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaTopics topics;
    private static KafkaProducer<String, ErpResult> producer;

    /** What the server was sent. */
    record Received(Map<String, String> headers, byte[] body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** The server's answer: status, and optionally headers. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Answer> responder = r -> Answer.of(200);
    private WebhookNotifier notifier;
    private Thread thread;
    private WebhookMetrics metrics;
    private WebhookSettings settings;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void createTopics() {
        TopicCreator.ensure(kafka.bootstrapServers(), List.of(Topics.ERP_COMMANDS, Topics.ERP_RESULTS, Topics.WEBHOOK_DLQ));
        topics = new KafkaTopics(kafka.bootstrapServers());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), Topics.ERP_RESULTS.keySerde().serializer(), Topics.ERP_RESULTS.valueSerde().serializer());
    }

    @AfterAll
    static void closeClients() {
        producer.close();
        topics.close();
    }

    @BeforeEach
    void startServer() throws IOException {
        topics.truncate(Topics.ERP_RESULTS);
        topics.truncate(Topics.WEBHOOK_DLQ);
        topics.truncate(Topics.ERP_COMMANDS);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
        settings = WebhookSettings.DISABLED.withTarget(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"), SECRET)
                .withRetries(5, Duration.ofMillis(50), Duration.ofMillis(200))
                .withGroupId("webhook-test-" + UUID.randomUUID());
        metrics = new WebhookMetrics(new SimpleMeterRegistry());
    }

    @AfterEach
    void stopAll() throws Exception {
        if (notifier != null) {
            notifier.stop();
            thread.join(30_000);
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
        server.stop(0);
    }

    @Test
    void eachResultIsPostedAsSignedJsonThatVerifiesWithTheSecret() throws Exception {
        ErpResult result = result("PostPayment:901", "901", new BigDecimal("25.00"));
        send(result);
        startNotifier();

        await().atMost(DEADLINE).until(() -> received.size() == 1 && metrics.deliveredCount() == 1);
        Received r = received.get(0);
        String timestamp = r.header(WebhookSignature.TIMESTAMP_HEADER);
        assertThat(Long.parseLong(timestamp)).isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);
        assertThat(r.header(WebhookSignature.SIGNATURE_HEADER)).isEqualTo("sha256=" + hmac(SECRET, timestamp + "." + utf8(r.body())));
        assertThat(r.header(WebhookSignature.SIGNATURE_HEADER)).isNotEqualTo("sha256=" + hmac("another", timestamp + "." + utf8(r.body())));
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("X-PTSL-Delivery")).startsWith(Topics.ERP_RESULTS.name() + "-");

        JsonNode json = r.json();
        assertThat(json.get("commandId").asText()).isEqualTo("PostPayment:901");
        assertThat(json.get("status").asText()).isEqualTo("APPLIED");
        assertThat(json.get("event").asText()).isEqualTo("POSTED");
        assertThat(json.get("amount").isTextual()).as("money as a string").isTrue();
        assertThat(json.get("amount").asText()).isEqualTo("25.00");
        assertThat(json.get("documents").get(0).asText()).isEqualTo("PA/901/000101");
        assertThat(json.get("reason").isNull()).isTrue();
        assertThat(Instant.parse(json.get("processedAt").asText())).isEqualTo(result.getProcessedAt());
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).as("named and ordered like the Avro record")
                .isEqualTo(ErpResult.getClassSchema().getFields().stream().map(org.apache.avro.Schema.Field::name).toList());
        awaitCommittedToEnd();
        assertThat(notifier.readiness().ok()).isTrue();
        assertThat(notifier.readiness().detail()).contains("1 delivered").doesNotContain(SECRET);
    }

    @Test
    void aServerErrorThenSuccessIsDeliveredOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        responder = r -> calls.incrementAndGet() == 1 ? new Answer(500, Map.of(), "try later") : Answer.of(200);
        send(result("PostPayment:902", "902", new BigDecimal("3.10")));
        startNotifier();

        await().atMost(DEADLINE).until(() -> metrics.deliveredCount() == 1);
        awaitCommittedToEnd();
        assertThat(received).hasSize(2);
        assertThat(received.get(1).body()).isEqualTo(received.get(0).body());
        assertThat(received.get(1).header("X-PTSL-Delivery")).isEqualTo(received.get(0).header("X-PTSL-Delivery"));
        assertThat(metrics.retriedCount()).isEqualTo(1);
        assertThat(metrics.deadLetteredCount()).isZero();
        assertThat(dlq()).isEmpty();
    }

    @Test
    void aPermanentRefusalGoesToTheWebhookDlqAtOnceAndTheNextResultIsStillDelivered() throws Exception {
        responder = r -> utf8(r.body()).contains("PostPayment:903") ? new Answer(400, Map.of(), "{\"error\":\"unknown order\"}")
                : Answer.of(200);
        ErpResult refused = result("PostPayment:903", "903", new BigDecimal("8.00"));
        send(refused);
        send(result("PostPayment:904", "904", new BigDecimal("9.00")));
        startNotifier();

        await().atMost(DEADLINE).until(() -> metrics.deliveredCount() == 1 && metrics.deadLetteredCount() == 1);
        awaitCommittedToEnd();
        assertThat(received.stream().filter(r -> utf8(r.body()).contains("PostPayment:903"))).as("no retry of a 4xx").hasSize(1);
        assertThat(dlq()).singleElement().satisfies(d -> {
            assertThat(d.getId()).isEqualTo("PostPayment:903");
            assertThat(d.getPayloadType()).isEqualTo("ErpResult");
            assertThat(d.getSourceTopic()).isEqualTo(Topics.ERP_RESULTS.name());
            assertThat(d.getAttempts()).isEqualTo(1);
            assertThat(d.getReason()).contains("HTTP 400").contains("unknown order");
            assertThat(d.getCustId()).isEqualTo("C00001");
            assertThat(d.getSourceTransactionId()).isEqualTo("903");
            assertThat(Topics.ERP_RESULTS.valueSerde().deserializer().deserialize(Topics.ERP_RESULTS.name(), bytes(d.getPayload())))
                    .isEqualTo(refused);
        });
    }

    @Test
    void retriesUpToTheMaximumThenTheDlqHonouringRetryAfter() throws Exception {
        settings = settings.withRetries(3, Duration.ofMillis(20), Duration.ofMillis(100));
        AtomicInteger calls = new AtomicInteger();
        responder = r -> calls.incrementAndGet() == 1 ? new Answer(429, Map.of("Retry-After", "0"), "") : new Answer(503, Map.of(), "");
        send(result("PostPayment:905", "905", new BigDecimal("1.00")));
        startNotifier();

        await().atMost(DEADLINE).until(() -> metrics.deadLetteredCount() == 1);
        awaitCommittedToEnd();
        assertThat(received).hasSize(3);
        assertThat(metrics.retriedCount()).isEqualTo(2);
        assertThat(dlq()).singleElement().satisfies(d -> {
            assertThat(d.getAttempts()).isEqualTo(3);
            assertThat(d.getReason()).contains("after 3 attempts").contains("HTTP 503");
            assertThat(d.getLastFailedAt()).isAfterOrEqualTo(d.getFirstFailedAt());
        });
    }

    @Test
    void theSinkStartsTheWebhookWhenItsUrlIsSetAndDeliversWhatItPosted() throws Exception {
        H2SlSandboxDatabase db = H2SlSandboxDatabase.seeded();
        closing.add(db);
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SINK_GROUP_ID", "sink-webhook-" + UUID.randomUUID());
        env.put("SL_JDBC_URL", db.jdbcUrl());
        env.put("SL_DB_USER", db.user());
        env.put("SL_DB_PASSWORD", db.password());
        env.put("ADMIN_PORT", "0");
        env.put("SINK_FEED_ENABLED", "false");
        env.put("SINK_WEBHOOK_URL", settings.url().toString());
        env.put("SINK_WEBHOOK_SECRET", SECRET);
        env.put("SINK_WEBHOOK_GROUP_ID", settings.groupId());
        SinkConfig config = SinkConfig.fromEnv(env);
        assertThat(config.toString()).doesNotContain(SECRET);
        SinkService sink = new SinkService(config).start();
        closing.add(0, sink);
        topics.send(Commands.payment("PostPayment:906", "C00004", "906", "12.34", LocalDate.now()));

        await().atMost(DEADLINE).until(() -> sink.webhookMetrics().deliveredCount() == 1);
        JsonNode json = received.get(0).json();
        assertThat(json.get("commandId").asText()).isEqualTo("PostPayment:906");
        assertThat(json.get("status").asText()).isEqualTo("APPLIED");
        assertThat(json.get("amount").asText()).isEqualTo("12.34");
        assertThat(json.get("documents").get(0).asText()).startsWith("PA/906/");
        Map<String, Check.Result> checks = sink.readiness().evaluate().checks();
        assertThat(checks).containsKey("webhook");
        assertThat(checks.get("webhook").ok()).isTrue();
    }

    private void startNotifier() {
        notifier = new WebhookNotifier(kafka.bootstrapServers(), settings, metrics, null, Clock.systemUTC());
        thread = new Thread(notifier, "webhook-test");
        thread.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
        Received r = new Received(headers, exchange.getRequestBody().readAllBytes());
        received.add(r);
        Answer a = responder.apply(r);
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static ErpResult result(String commandId, String tx, BigDecimal amount) {
        Instant now = Instant.now();
        return ErpResult.newBuilder().setCommandId(commandId).setStatus(ResultStatus.APPLIED).setReason(null).setCustId("C00001")
                .setSourceTransactionId(tx).setBatNbr("000101").setRefNbr(tx).setSourceReceivedAt(now.minusSeconds(1))
                .setProcessedAt(now).setEvent("POSTED").setCommandType("PostPayment").setAmount(amount)
                .setDocuments(new ArrayList<>(List.of("PA/" + tx + "/000101"))).build();
    }

    private static void send(ErpResult r) throws Exception {
        producer.send(new ProducerRecord<>(Topics.ERP_RESULTS.name(), r.getCommandId(), r)).get();
    }

    /** The group's committed offsets reach the end of erp.results wherever it has records: nothing left to deliver or retry. */
    private void awaitCommittedToEnd() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < Topics.ERP_RESULTS.partitions(); p++) {
                earliest.put(new TopicPartition(Topics.ERP_RESULTS.name(), p), OffsetSpec.earliest());
                latest.put(new TopicPartition(Topics.ERP_RESULTS.name(), p), OffsetSpec.latest());
            }
            var start = admin.listOffsets(earliest).all().get();
            var end = admin.listOffsets(latest).all().get();
            await().atMost(DEADLINE).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(settings.groupId())
                        .partitionsToOffsetAndMetadata().get();
                end.forEach((tp, info) -> {
                    if (info.offset() > start.get(tp).offset()) {
                        OffsetAndMetadata c = committed.get(tp);
                        assertThat(c).as("committed offset of " + tp).isNotNull();
                        assertThat(c.offset()).as("committed offset of " + tp).isEqualTo(info.offset());
                    }
                });
            });
        }
    }

    private List<DeadLetter> dlq() {
        List<TopicPartition> parts = IntStream.range(0, Topics.WEBHOOK_DLQ.partitions())
                .mapToObj(p -> new TopicPartition(Topics.WEBHOOK_DLQ.name(), p)).toList();
        try (KafkaConsumer<String, DeadLetter> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), Topics.WEBHOOK_DLQ.keySerde().deserializer(),
                Topics.WEBHOOK_DLQ.valueSerde().deserializer())) {
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<DeadLetter> out = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (parts.stream().anyMatch(p -> c.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> r : c.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
            return out;
        }
    }

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
