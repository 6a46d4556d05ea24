package com.ptsl.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.PayTraceCallObserver.Endpoint;
import com.ptsl.gateway.push.PushEndpoint;
import com.ptsl.gateway.push.PushOutcome;
import com.ptsl.gateway.record.ExportedRecord;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Silent Post over real HTTP: never trusted, confirmed with export/by_id on the sandbox before anything is
 * published, rate-limited and coalesced.
 */
class SilentPostIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final AtomicLong NEXT_ID_RANGE = new AtomicLong(700_000_000L);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    private PayTraceSandbox sandbox;
    private TrafficGenerator traffic;
    private long unknownIds; // never made by the sandbox
    private GatewayService gateway;
    private PushClient client;

    @BeforeEach
    void startSandbox() {
        long range = NEXT_ID_RANGE.getAndAdd(1_000_000L);
        unknownIds = range + 900_000L;
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(range));
        traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(), sandbox.config().password(), 8L);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        sandbox.close();
    }

    @Test
    void aSilentPostForATransactionPayTraceDoesNotKnowPublishesNothing() throws Exception {
        start(Map.of());
        String unknown = Long.toString(unknownIds++);

        HttpResponse<String> response = client.silentPost("ORDERID~1|TRANSACTIONID~" + unknown
                + "|APPCODE~TAS123|APPMSG~  NO  MATCH|AVSRESPONSE~No Match|CSCRESPONSE~Match|EMAIL~a@example.com|");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(Json.parse(response.body()).get("confirmation").asText()).isEqualTo("queued");
        await().atMost(DEADLINE).until(() -> gateway.metrics().silentPostsUnknown() == 1);
        assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of(unknown))).isEmpty();
        assertThat(gateway.metrics().recordsPublished(RecordSource.SILENT_POST)).isZero();
        assertThat(gateway.metrics().silentPostsPublished()).isZero();
        assertThat(gateway.metrics().lastPushAccepted()).as("an unconfirmed post does not make push healthy").isEmpty();
    }

    @Test
    void aConfirmedSilentPostPublishesPayTracesRecordNotThePostOnce() {
        start(Map.of());
        TrafficGenerator.SaleMade sale = traffic.makeSale(sale(1));
        String id = Long.toString(sale.transactionId());

        // The post claims another amount and approval; only its TRANSACTIONID is used.
        HttpResponse<String> response = client.silentPost("ORDERID~9|TRANSACTIONID~" + id
                + "|APPCODE~FORGED|APPMSG~APPROVED|AMOUNT~99999.00|EMAIL~a@example.com|");

        assertThat(response.statusCode()).isEqualTo(202);
        await().atMost(DEADLINE).until(() -> gateway.metrics().silentPostsPublished() == 1);
        ExportedRecord expected = ExportedRecord.of(PushIT.byId(sandbox, sale.transactionId()));
        List<RawPayTraceRecord> records = PushIT.raw(kafka.bootstrapServers(), Set.of(id)).get(id);
        assertThat(records).singleElement().satisfies(raw -> {
            assertThat(raw.getSource()).isEqualTo(RecordSource.SILENT_POST);
            assertThat(raw.getJson()).isEqualTo(expected.json()).doesNotContain("FORGED").doesNotContain("99999");
            assertThat(raw.getFingerprint()).isEqualTo(expected.fingerprint());
        });
        assertThat(gateway.metrics().recordsPublished(RecordSource.SILENT_POST)).isEqualTo(1);
        assertThat(gateway.metrics().lastPushAccepted()).isPresent();
    }

    @Test
    void postsOfOneTransactionWhileItWaitsAreOneConfirmation() {
        // One confirmation a second: the first post takes the permit, so the others of the second id arrive while
        // its confirmation waits for the next one.
        start(Map.of("GATEWAY_SILENT_POST_CONFIRMS_PER_S", "1"));
        TrafficGenerator.SaleMade sale = traffic.makeSale(sale(2));
        String id = Long.toString(sale.transactionId());
        long byIdBefore = gateway.metrics().payTraceCalls(Endpoint.EXPORT_BY_ID);
        int posts = 10;

        assertThat(client.silentPost("TRANSACTIONID~" + unknownIds++ + "|").statusCode()).isEqualTo(202);
        List<String> confirmations = new ArrayList<>();
        for (int i = 0; i < posts; i++) {
            HttpResponse<String> response = client.silentPost("ORDERID~" + i + "|TRANSACTIONID~" + id + "|");
            assertThat(response.statusCode()).isEqualTo(202);
            confirmations.add(jsonField(response, "confirmation"));
        }

        await().atMost(DEADLINE).until(() -> gateway.metrics().silentPostConfirmations() == 2);
        assertThat(confirmations.get(0)).isEqualTo("queued");
        assertThat(confirmations.subList(1, posts)).containsOnly("already queued");
        assertThat(gateway.metrics().silentPostsCoalesced()).isEqualTo(posts - 1);
        assertThat(gateway.metrics().payTraceCalls(Endpoint.EXPORT_BY_ID) - byIdBefore)
                .as("export/by_id calls: one per distinct transaction").isEqualTo(2);
        assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of(id)).get(id)).singleElement()
                .extracting(RawPayTraceRecord::getSource).isEqualTo(RecordSource.SILENT_POST);
    }

    @Test
    void everyRefusalNamesItsCauseAndAFullQueueAsksToRetry() {
        start(Map.of("GATEWAY_SILENT_POST_CONFIRMS_PER_S", "1", "GATEWAY_SILENT_POST_QUEUE", "1"));
        List<String> problems = new ArrayList<>();
        String path = "/v1/push/silent-post";

        expect(problems, "JSON instead of a form", client.send(path, "application/json",
                "{\"parmList\":\"TRANSACTIONID~1|\"}".getBytes(StandardCharsets.UTF_8), Map.of()), 415,
                "Content-Type must be application/x-www-form-urlencoded");
        expect(problems, "no parmList", client.send(path, "application/x-www-form-urlencoded",
                "other=1".getBytes(StandardCharsets.UTF_8), Map.of()), 400, "parmList is missing");
        expect(problems, "no TRANSACTIONID", client.silentPost("ORDERID~1|CUSTOMERID~C00001|"), 400,
                "parmList has no TRANSACTIONID");
        expect(problems, "TRANSACTIONID not an integer", client.silentPost("TRANSACTIONID~12ab|"), 400,
                "parmList TRANSACTIONID is not a positive integer");
        expect(problems, "bad form encoding", client.send(path, "application/x-www-form-urlencoded",
                "parmList=%zz".getBytes(StandardCharsets.UTF_8), Map.of()), 400, "not valid form encoding");
        expect(problems, "too large", client.send(path, "application/x-www-form-urlencoded",
                ("parmList=TRANSACTIONID~1|NOTE~" + "x".repeat(17_000)).getBytes(StandardCharsets.UTF_8), Map.of()), 413,
                "body over 16384 bytes");
        assertThat(problems).isEmpty();
        assertThat(gateway.metrics().silentPostConfirmations()).isZero();

        // One waiting at most, one confirmation a second: the second or third distinct post finds the queue full.
        HttpResponse<String> full = null;
        for (int i = 0; i < 4 && full == null; i++) {
            HttpResponse<String> response = client.silentPost("TRANSACTIONID~" + unknownIds++ + "|");
            if (response.statusCode() == 503) {
                full = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(202);
            }
        }
        assertThat(full).as("a post refused because the queue is full").isNotNull();
        assertThat(full.headers().firstValue("Retry-After")).contains("5");
        assertThat(full.body()).contains("confirmation queue is full");
        assertThat(gateway.metrics().pushRequests(PushEndpoint.SILENT_POST, PushOutcome.UNAVAILABLE)).isEqualTo(1);
        assertThat(gateway.metrics().pushRequests(PushEndpoint.SILENT_POST, PushOutcome.BAD_REQUEST)).isEqualTo(4);
    }

    private void start(Map<String, String> extra) {
        gateway = new GatewayService(GatewayIT.config(kafka, sandbox, tmp.resolve("gateway"), PushIT.pushEnv(extra))
                .withAdmin(com.ptsl.service.admin.AdminConfig.ephemeral())).start();
        client = new PushClient(gateway.pushUrl(), PushIT.SECRET, Clock.systemUTC());
        await().atMost(DEADLINE).until(() -> gateway.metrics().polls() >= 1
                && gateway.readiness().evaluate().checks().get("push").ok());
    }

    private static String jsonField(HttpResponse<String> response, String field) {
        try {
            ObjectNode body = (ObjectNode) Json.parse(response.body());
            return body.path(field).asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
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
    }

    private static TrafficGenerator.SaleRequest sale(int i) {
        return new TrafficGenerator.SaleRequest(new BigDecimal(30 + i + ".00"), "INV" + (3000 + i), "C00001", "");
    }
}
