package com.ptsl.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.poll.PollResult;
import com.ptsl.gateway.poll.SyntheticPan;
import com.ptsl.gateway.push.PushEndpoint;
import com.ptsl.gateway.push.PushOutcome;
import com.ptsl.gateway.push.PushSignature;
import com.ptsl.gateway.record.ExportedRecord;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The signed push receiver over real HTTP against a real broker: 202 only once the records are committed, every
 * refusal answered as specified with nothing published, the records identical to what the poller makes of the
 * same transaction.
 */
class PushReceiversIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final AtomicLong NEXT_ID_RANGE = new AtomicLong(600_000_000L);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private PayTraceSandbox sandbox;
    private TrafficGenerator traffic;
    private long fakeIds; // ids pushed that PayTrace never made: a partner's records need not be in the sandbox
    private GatewayService gateway;
    private PushClient client;

    @BeforeEach
    void startSandbox() {
        long range = NEXT_ID_RANGE.getAndAdd(1_000_000L);
        fakeIds = range + 900_000L;
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(range));
        traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(), sandbox.config().password(), 7L);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        sandbox.close();
    }

    @Test
    void aSignedPushIsPublishedOnceCommittedAndThePollerSeesTheSameRecord() throws Exception {
        start(Map.of());
        TrafficGenerator.SaleMade sale = traffic.makeSale(sale(1));
        ObjectNode exported = PushIT.byId(sandbox, sale.transactionId());
        String id = Long.toString(sale.transactionId());

        HttpResponse<String> response = client.push(Json.compact(exported));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(Json.parse(response.body()).get("accepted").asInt()).isEqualTo(1);
        List<RawPayTraceRecord> records = PushIT.raw(kafka.bootstrapServers(), Set.of(id)).get(id);
        ExportedRecord expected = ExportedRecord.of(exported);
        assertThat(records).singleElement().satisfies(raw -> {
            assertThat(raw.getSource()).isEqualTo(RecordSource.PUSH);
            assertThat(raw.getJson()).isEqualTo(expected.json());
            assertThat(raw.getFingerprint()).isEqualTo(expected.fingerprint());
        });

        // The window export returns the same record: same fingerprint, so the poller skips it as unchanged.
        PollResult poll = gateway.pollOnce();
        assertThat(poll.swept()).isTrue();
        assertThat(poll.publishedTransactionIds()).doesNotContain(id);
        assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of(id)).get(id)).hasSize(1);

        // An array: every record in one transaction.
        List<TrafficGenerator.SaleMade> more = List.of(traffic.makeSale(sale(2)), traffic.makeSale(sale(3)),
                traffic.makeSale(sale(4)));
        String array = more.stream().map(s -> Json.compact(PushIT.byId(sandbox, s.transactionId())))
                .collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> batch = client.push(array);
        assertThat(batch.statusCode()).isEqualTo(202);
        assertThat(batch.body()).isEqualTo("{\"accepted\":3}");
        Set<String> moreIds = more.stream().map(s -> Long.toString(s.transactionId())).collect(Collectors.toSet());
        assertThat(PushIT.raw(kafka.bootstrapServers(), moreIds)).hasSize(3)
                .allSatisfy((k, v) -> assertThat(v).singleElement().extracting(RawPayTraceRecord::getSource)
                        .isEqualTo(RecordSource.PUSH));

        GatewayMetrics metrics = gateway.metrics();
        assertThat(metrics.recordsPublished(RecordSource.PUSH)).isEqualTo(4);
        assertThat(metrics.pushRequests(PushEndpoint.TRANSACTIONS, PushOutcome.ACCEPTED)).isEqualTo(2);
        assertThat(metrics.lastPushAccepted()).isPresent();
        assertThat(gateway.readiness().evaluate().checks().get("push").ok()).isTrue();
    }

    @Test
    void thePreviousSecretIsAcceptedNextToTheCurrentOneDuringARotation() {
        start(Map.of("GATEWAY_PUSH_SECRET_PREVIOUS", PushIT.PREVIOUS_SECRET));
        long now = Clock.systemUTC().instant().getEpochSecond();
        String previousId = Long.toString(fakeIds++);
        String strangerId = Long.toString(fakeIds++);

        HttpResponse<String> withPrevious = client.push(record(previousId).getBytes(StandardCharsets.UTF_8),
                PushIT.PREVIOUS_SECRET, now);
        HttpResponse<String> withUnknown = client.push(record(strangerId).getBytes(StandardCharsets.UTF_8),
                "some-other-secret-0123456789", now);

        assertThat(withPrevious.statusCode()).isEqualTo(202);
        assertThat(withUnknown.statusCode()).isEqualTo(401);
        assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of(previousId, strangerId))).containsOnlyKeys(previousId);
    }

    @Test
    void everyRefusalNamesItsCauseAndPublishesNothing() throws Exception {
        start(Map.of("GATEWAY_PUSH_MAX_BODY_BYTES", "4096", "GATEWAY_PUSH_MAX_EVENTS", "5"));
        Set<String> refusedIds = new HashSet<>();
        long now = Clock.systemUTC().instant().getEpochSecond();
        List<String> problems = new ArrayList<>();

        String id = next(refusedIds);
        byte[] body = record(id).getBytes(StandardCharsets.UTF_8);
        expect(problems, "wrong media type", client.send("/v1/push/transactions", "text/plain", body,
                client.signatureFor(body)), 415, "Content-Type must be application/json");
        expect(problems, "no media type", client.send("/v1/push/transactions", null, body, client.signatureFor(body)),
                415, "Content-Type must be application/json");

        byte[] big = record(next(refusedIds), "x".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        expect(problems, "Content-Length over the limit", client.send("/v1/push/transactions", "application/json", big,
                client.signatureFor(big)), 413, "body over 4096 bytes");
        HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create(client.baseUrl() + "/v1/push/transactions"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
        expect(problems, "chunked body over the limit", client.send(chunked, "application/json", client.signatureFor(big)),
                413, "body over 4096 bytes");

        String six = java.util.stream.IntStream.range(0, 6).mapToObj(i -> record(next(refusedIds)))
                .collect(Collectors.joining(",", "[", "]"));
        expect(problems, "too many events", client.push(six), 413, "6 events in one request, at most 5");

        byte[] unsigned = record(next(refusedIds)).getBytes(StandardCharsets.UTF_8);
        expect(problems, "unsigned", client.send("/v1/push/transactions", "application/json", unsigned, Map.of()), 401,
                "missing X-PTSL-Timestamp header");
        expect(problems, "timestamp without signature", client.send("/v1/push/transactions", "application/json",
                unsigned, Map.of(PushSignature.TIMESTAMP_HEADER, Long.toString(now))), 401, "missing X-PTSL-Signature");
        expect(problems, "wrong secret", client.push(unsigned, "not-the-secret-0123456789", now), 401, "does not match");
        expect(problems, "stale", client.push(unsigned, PushIT.SECRET, now - 301), 401, "stale or replayed");
        expect(problems, "from the future", client.push(unsigned, PushIT.SECRET, now + 400), 401, "stale or replayed");
        byte[] tampered = record(next(refusedIds)).getBytes(StandardCharsets.UTF_8);
        Map<String, String> signedOriginal = client.signatureFor(tampered);
        byte[] changed = new String(tampered, StandardCharsets.UTF_8).replace("12.5", "99.5").getBytes(StandardCharsets.UTF_8);
        expect(problems, "body changed after signing", client.send("/v1/push/transactions", "application/json", changed,
                signedOriginal), 401, "does not match");

        expect(problems, "not JSON", client.push("[" + record(next(refusedIds)) + ",{\"transaction_id\":"), 400,
                "body is not valid JSON (line 1");
        String fourth = "[" + record(next(refusedIds)) + "," + record(next(refusedIds)) + "," + record(next(refusedIds))
                + ",{\"amount\":3.00}," + record(next(refusedIds)) + "]";
        expect(problems, "a record without id", client.push(fourth), 400, "events[3].transaction_id is missing");
        expect(problems, "an element that is no object", client.push("[" + record(next(refusedIds)) + ",42]"), 400,
                "events[1] is not a JSON object");
        expect(problems, "null id", client.push("{\"transaction_id\":null,\"amount\":1.00}"), 400,
                "transaction_id is null");
        expect(problems, "a JSON string", client.push("\"" + next(refusedIds) + "\""), 400,
                "body must be a JSON object (one transaction record) or an array of them");
        expect(problems, "trailing content", client.push(record(next(refusedIds)) + " " + record(next(refusedIds))), 400,
                "body is not valid JSON");
        expect(problems, "a repeated field", client.push("{\"transaction_id\":" + next(refusedIds)
                + ",\"transaction_id\":1}"), 400, "repeats a field name");
        expect(problems, "empty array", client.push("[]"), 400, "events is an empty array");
        expect(problems, "unknown path", client.send("/v1/push/other", "application/json", body, Map.of()), 404,
                "no such endpoint");

        assertThat(problems).as("answers that were not as specified").isEmpty();
        assertThat(PushIT.raw(kafka.bootstrapServers(), refusedIds)).as("records of refused requests").isEmpty();
        GatewayMetrics metrics = gateway.metrics();
        assertThat(metrics.recordsPublished(RecordSource.PUSH)).isZero();
        assertThat(metrics.pushRequests(PushEndpoint.TRANSACTIONS, PushOutcome.UNSUPPORTED_MEDIA_TYPE)).isEqualTo(2);
        assertThat(metrics.pushRequests(PushEndpoint.TRANSACTIONS, PushOutcome.TOO_LARGE)).isEqualTo(3);
        assertThat(metrics.pushRequests(PushEndpoint.TRANSACTIONS, PushOutcome.UNAUTHORIZED)).isEqualTo(6);
        assertThat(metrics.pushRequests(PushEndpoint.TRANSACTIONS, PushOutcome.BAD_REQUEST)).isEqualTo(8);
        assertThat(metrics.pushRequests(PushEndpoint.TRANSACTIONS, PushOutcome.ACCEPTED)).isZero();

        // The reader does see pushed records: their absence above means something.
        String control = Long.toString(fakeIds++);
        assertThat(client.push(record(control)).statusCode()).isEqualTo(202);
        assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of(control))).containsOnlyKeys(control);
    }

    @Test
    void overloadIsAnswered503WithRetryAfterInsteadOfQueueing() throws Exception {
        start(Map.of("GATEWAY_PUSH_MAX_IN_FLIGHT", "1"));
        String heldId = Long.toString(fakeIds++);
        String refusedId = Long.toString(fakeIds++);
        byte[] heldBody = record(heldId).getBytes(StandardCharsets.UTF_8);
        URI push = URI.create(client.baseUrl());

        // A sender that has sent its headers and part of its body: its request is in flight until the rest comes.
        try (Socket slow = new Socket(push.getHost(), push.getPort())) {
            OutputStream out = slow.getOutputStream();
            StringBuilder head = new StringBuilder("POST /v1/push/transactions HTTP/1.1\r\nHost: " + push.getHost()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + heldBody.length + "\r\n");
            client.signatureFor(heldBody).forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(heldBody, 0, 10);
            out.flush();
            await().atMost(DEADLINE).until(() -> gateway.metrics().pushInFlight() == 1);

            HttpResponse<String> refused = client.push(record(refusedId));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
            assertThat(refused.body()).contains("more than 1 push requests in flight");
            out.write(heldBody, 10, heldBody.length - 10);
            out.flush();
            slow.setSoTimeout(30_000);
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(slow.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).isEqualTo("HTTP/1.1 202 Accepted");
        }
        await().atMost(DEADLINE).until(() -> gateway.metrics().pushInFlight() == 0);
        assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of(heldId, refusedId))).containsOnlyKeys(heldId);
        assertThat(gateway.metrics().pushRequests(PushEndpoint.TRANSACTIONS, PushOutcome.OVERLOADED)).isEqualTo(1);
    }

    @Test
    void aRecordKafkaCouldNeverStoreIsRefusedWith413NotRetried() {
        start(Map.of());
        String id = Long.toString(fakeIds++);

        HttpResponse<String> response = client.push(record(id, "x".repeat(1_010_000)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("the record is over 1000000 bytes as a Kafka record");
        assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of(id))).isEmpty();
    }

    @Test
    void aSecondProducerWithTheSameTransactionalIdFencesTheWriterWhoseRequestIsRefused() {
        String transactionalId = "gateway-push-fenced-" + fakeIds;
        start(Map.of("GATEWAY_PUSH_TRANSACTIONAL_ID", transactionalId));
        String before = Long.toString(fakeIds++);
        String fenced = Long.toString(fakeIds++);
        String after = Long.toString(fakeIds++);
        assertThat(client.push(record(before)).statusCode()).isEqualTo(202);

        // A second gateway configured with the same id (the mistake GATEWAY_PUSH_TRANSACTIONAL_ID warns about).
        Map<String, Object> impostor = new java.util.HashMap<>(com.ptsl.gateway.push.PushWriter.producerConfig(
                kafka.bootstrapServers(), "impostor", transactionalId, Duration.ofSeconds(10)));
        try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> other =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(impostor,
                             new org.apache.kafka.common.serialization.ByteArraySerializer(),
                             new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            other.initTransactions();

            HttpResponse<String> refused = client.push(record(fenced));

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).contains("fenced by another producer with transactional.id " + transactionalId);
        }
        // The writer builds a new producer (fencing the other in turn) and accepts again.
        await().atMost(DEADLINE).until(() -> client.push(record(after)).statusCode() == 202);
        assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of(before, fenced, after))).containsOnlyKeys(before, after);
    }

    @Test
    void aCardNumberInAPushedRecordNeverReachesTheTopic() throws Exception {
        start(Map.of());
        String pan = SyntheticPan.of(System.nanoTime());
        String dashed = pan.substring(0, 4) + "-" + pan.substring(4, 8) + "-" + pan.substring(8, 12) + "-" + pan.substring(12);
        String id = Long.toString(fakeIds++);
        String body = "{\"transaction_id\":" + id + ",\"amount\":12.50,\"description\":\"card " + pan + "\","
                + "\"invoice_id\":\"" + dashed + "\",\"credit_card\":{\"masked_number\":\"" + pan + "\"}}";

        assertThat(client.push(body).statusCode()).isEqualTo(202);

        List<ConsumerRecord<byte[], byte[]>> records = TopicReader.readAll(kafka.bootstrapServers(),
                Topics.RAW_TRANSACTIONS.name()).stream()
                .filter(r -> id.equals(new String(r.key(), StandardCharsets.UTF_8))).toList();
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(new String(r.value(), StandardCharsets.ISO_8859_1)).doesNotContain(pan).doesNotContain(dashed);
            RawPayTraceRecord raw = Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize(r.topic(), r.value());
            assertThat(raw.getPansScrubbed()).isEqualTo(3);
            JsonNode json = Json.parse(raw.getJson());
            assertThat(json.get("description").asText()).isEqualTo("card ************" + pan.substring(12));
            assertThat(json.get("invoice_id").asText()).isEqualTo("****-****-****-" + pan.substring(12));
            assertThat(json.get("amount").toString()).isEqualTo("12.50");
        });
        assertThat(gateway.metrics().pansScrubbed()).isEqualTo(3);
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private void start(Map<String, String> extra) {
        gateway = new GatewayService(GatewayIT.config(kafka, sandbox, tmp.resolve("gateway"), PushIT.pushEnv(extra))
                .withAdmin(com.ptsl.service.admin.AdminConfig.ephemeral())).start();
        client = new PushClient(gateway.pushUrl(), PushIT.SECRET, Clock.systemUTC());
        await().atMost(DEADLINE).until(() -> gateway.metrics().polls() >= 1
                && gateway.readiness().evaluate().checks().get("push").ok());
    }

    private String next(Set<String> ids) {
        String id = Long.toString(fakeIds++);
        ids.add(id);
        return id;
    }

    private static String record(String id) {
        return record(id, "pushed");
    }

    private static String record(String id, String description) {
        return "{\"transaction_id\":" + id + ",\"transaction_type\":\"SALE\",\"amount\":12.5,\"description\":\""
                + description + "\",\"status_code\":\"Y\",\"status_message\":\"Pending Settlement\"}";
    }

    private static void expect(List<String> problems, String what, HttpResponse<String> response, int status,
                               String message) {
        String error = "";
        try {
            error = Json.parse(response.body()).path("error").asText("");
        } catch (IOException e) {
            problems.add(what + ": body is not JSON: " + response.body());
        }
        if (response.statusCode() != status || !error.contains(message)) {
            problems.add(what + ": expected " + status + " '" + message + "', got " + response.statusCode() + " "
                    + response.body());
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            problems.add(what + ": answer is not JSON: " + response.headers().firstValue("Content-Type"));
        }
    }

    private static TrafficGenerator.SaleRequest sale(int i) {
        return new TrafficGenerator.SaleRequest(new BigDecimal(20 + i + ".00"), "INV" + (2000 + i), "C00001", "");
    }
}
