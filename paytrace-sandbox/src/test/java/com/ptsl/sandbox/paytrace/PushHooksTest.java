package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The sandbox's Silent Post and signed partner push, against a real HTTP receiver. */
class PushHooksTest {

    private static final String SECRET = "test-push-secret-1";
    private static final String SILENT_POST = "/v1/push/silent-post";
    private static final String PUSH = "/v1/push/transactions";
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private PushReceiver receiver;
    private PayTraceSandbox sandbox;
    private ApiClient api;
    private String token;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new PushReceiver();
    }

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
        receiver.close();
    }

    private void start(SandboxConfig config) {
        sandbox = PayTraceSandbox.start(config);
        api = new ApiClient(sandbox.baseUrl());
        token = api.token(sandbox.config());
    }

    private SandboxConfig bothHooks() {
        return SandboxConfig.defaults().withSilentPostUrl(receiver.url(SILENT_POST)).withPush(receiver.url(PUSH), SECRET);
    }

    @Test
    void aSaleIsAnnouncedAsASilentPostWithTheDocumentedParmList() {
        start(SandboxConfig.defaults().withSilentPostUrl(receiver.url(SILENT_POST)));

        ApiClient.Reply sale = api.sale(token, "12.34", "123", "INV-7", "C100");

        await().atMost(DEADLINE).until(() -> sandbox.silentPostsSent() == 1);
        PushReceiver.Received post = receiver.received(SILENT_POST).get(0);
        JsonNode reply = sale.json();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(post.header("X-PTSL-Signature")).isNull(); // Silent Post is unsigned (reference §7)
        assertThat(post.bodyText()).startsWith("parmList=");
        String parmList = URLDecoder.decode(post.bodyText().substring("parmList=".length()), StandardCharsets.UTF_8);
        assertThat(parmList).isEqualTo("ORDERID~INV-7|TRANSACTIONID~" + ApiClient.id(sale)
                + "|APPCODE~" + reply.get("approval_code").asText()
                + "|APPMSG~" + reply.get("approval_message").asText()
                + "|AVSRESPONSE~Full Exact Match|CSCRESPONSE~Match|EMAIL~steve@example.com|");
        assertThat(sandbox.silentPostsFailed()).isZero();
        assertThat(sandbox.pushesSent()).isZero();
        assertThat(receiver.received(PUSH)).isEmpty();
    }

    @Test
    void aTildeOrPipeInAValueBecomesASpaceSoTheListStaysParseable() {
        start(SandboxConfig.defaults().withSilentPostUrl(receiver.url(SILENT_POST)));

        api.sale(token, "12.34", "123", "INV|7~B", "C100");

        await().atMost(DEADLINE).until(() -> sandbox.silentPostsSent() == 1);
        String body = receiver.received(SILENT_POST).get(0).bodyText();
        assertThat(URLDecoder.decode(body.substring("parmList=".length()), StandardCharsets.UTF_8))
                .startsWith("ORDERID~INV 7 B|TRANSACTIONID~");
    }

    @Test
    void aSaleIsPushedAsItsExportRecordSignedWithTheSharedSecret() throws IOException {
        start(SandboxConfig.defaults().withPush(receiver.url(PUSH), SECRET));

        long id = ApiClient.id(api.sale(token, "110.10", "123", "INV-8", "C200"));

        await().atMost(DEADLINE).until(() -> sandbox.pushesSent() == 1);
        PushReceiver.Received push = receiver.received(PUSH).get(0);
        assertThat(push.header("Content-Type")).isEqualTo("application/json");
        String timestamp = push.header("X-PTSL-Timestamp");
        assertThat(timestamp).matches("\\d{10}");
        assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(60);
        assertThat(push.header("X-PTSL-Signature")).isEqualTo(PushReceiver.expectedSignature(SECRET, timestamp, push.body()));
        assertThat(push.header("X-PTSL-Signature"))
                .isNotEqualTo(PushReceiver.expectedSignature("another-secret", timestamp, push.body()));

        JsonNode pushed = ApiClient.MAPPER.readTree(push.body());
        JsonNode exported = api.record(token, id);
        assertThat(pushed).isEqualTo(exported);
        assertThat(pushed.fieldNames()).toIterable().containsExactlyElementsOf(ApiClient.RECORD_FIELDS);
        assertThat(pushed.get("amount").decimalValue()).isEqualByComparingTo("110.10");
        assertThat(push.bodyText()).doesNotContain(ApiClient.TEST_CARD).contains("************5439");
        assertThat(sandbox.pushesFailed()).isZero();
        assertThat(receiver.received(SILENT_POST)).isEmpty();
    }

    @Test
    void authorizationsDeclinesAutoVoidsAndByCustomerChargesAreAnnouncedToo() {
        start(bothHooks());
        assertThat(api.createCustomer(token, "VAULT1", "Vault Person").status()).isEqualTo(200);

        Set<Long> ids = Set.of(
                ApiClient.id(api.authorize(token, "50.00", "123", "INV-A", "C1")),
                ApiClient.id(api.sale(token, "1.12", null, "INV-D", "C1")),          // declined
                ApiClient.id(api.sale(token, "9.99", "999", "INV-V", "C1")),         // approved, auto-voided (103)
                ApiClient.id(api.byCustomer(token, "sale", "VAULT1", "20.00", "INV-C")),
                ApiClient.id(api.byCustomer(token, "authorization", "VAULT1", "30.00", "INV-E")));

        await().atMost(DEADLINE).until(() -> sandbox.pushesSent() == 5 && sandbox.silentPostsSent() == 5);
        assertThat(receiver.received(PUSH)).extracting(r -> readId(r.body())).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.received(SILENT_POST)).extracting(r -> silentPostId(r.bodyText()))
                .containsExactlyInAnyOrderElementsOf(ids);
        assertThat(receiver.received(PUSH)).extracting(r -> readTree(r.body()).get("transaction_type").asText())
                .containsExactlyInAnyOrder("AUTHORIZATION", "DECLINED", "SALE", "SALE", "AUTHORIZATION");
        assertThat(sandbox.deliveriesPending()).isZero();
    }

    @Test
    void aReceiverAnswering503IsRetriedWithTheSameBodyAndAFreshSignatureEachTime() {
        receiver.answer(503, 503);
        start(SandboxConfig.defaults().withPush(receiver.url(PUSH), SECRET));

        api.sale(token, "12.00", "123", "INV-R", "C1");

        await().atMost(DEADLINE).until(() -> sandbox.pushesSent() == 1);
        List<PushReceiver.Received> attempts = receiver.received(PUSH);
        assertThat(attempts).hasSize(3);
        assertThat(attempts).extracting(PushReceiver.Received::bodyText).containsOnly(attempts.get(0).bodyText());
        attempts.forEach(a -> assertThat(a.header("X-PTSL-Signature"))
                .isEqualTo(PushReceiver.expectedSignature(SECRET, a.header("X-PTSL-Timestamp"), a.body())));
        assertThat(sandbox.deliveryRetries()).isEqualTo(2);
        assertThat(sandbox.pushesFailed()).isZero();
    }

    @Test
    void aReceiverThatKeepsAnswering503IsGivenUpAfterFourAttemptsAndCounted() {
        receiver.thenAlwaysAnswer(503).withRetryAfter("0");
        start(SandboxConfig.defaults().withPush(receiver.url(PUSH), SECRET));

        api.sale(token, "12.00", "123", "INV-G", "C1");

        await().atMost(DEADLINE).until(() -> sandbox.pushesFailed() == 1);
        assertThat(receiver.received(PUSH)).hasSize(4);
        assertThat(sandbox.pushesSent()).isZero();
        assertThat(sandbox.deliveriesPending()).isZero();
    }

    @Test
    void aRefusalOtherThanLaterIsNotRetried() {
        receiver.answer(401);
        start(SandboxConfig.defaults().withPush(receiver.url(PUSH), SECRET));

        api.sale(token, "12.00", "123", "INV-401", "C1");

        await().atMost(DEADLINE).until(() -> sandbox.pushesFailed() == 1);
        assertThat(receiver.received(PUSH)).hasSize(1);
        assertThat(sandbox.deliveryRetries()).isZero();
    }

    @Test
    void anUnreachableReceiverIsRetriedThenGivenUp() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        start(SandboxConfig.defaults().withSilentPostUrl(URI.create("http://127.0.0.1:" + closedPort + SILENT_POST)));

        api.sale(token, "12.00", "123", "INV-U", "C1");

        await().atMost(DEADLINE).until(() -> sandbox.silentPostsFailed() == 1);
        assertThat(sandbox.deliveryRetries()).isEqualTo(3);
        assertThat(sandbox.silentPostsSent()).isZero();
    }

    @Test
    void theApiCallNeverWaitsForTheReceiver() {
        receiver.holdRequests();
        start(bothHooks());

        ApiClient.Reply sale = api.sale(token, "12.00", "123", "INV-W", "C1");

        // The sale was answered while the receiver still holds (or has not yet even got) its posts.
        assertThat(sale.status()).isEqualTo(200);
        assertThat(sandbox.pushesSent() + sandbox.silentPostsSent()).isZero();
        await().atMost(DEADLINE).until(() -> receiver.holding() == 2);
        assertThat(api.sale(token, "13.00", "123", "INV-W2", "C1").status()).isEqualTo(200);
        receiver.open();
        await().atMost(DEADLINE).until(() -> sandbox.pushesSent() == 2 && sandbox.silentPostsSent() == 2);
    }

    @Test
    void closeStopsThePoolAndCountsWhatWasNotDeliveredAsFailed() {
        receiver.thenAlwaysAnswer(503).withRetryAfter("2"); // each retry waits 2 s: close comes first
        start(SandboxConfig.defaults().withPush(receiver.url(PUSH), SECRET));
        api.sale(token, "12.00", "123", "INV-X", "C1");
        await().atMost(DEADLINE).until(() -> receiver.received(PUSH).size() == 1 && sandbox.deliveryRetries() == 1);

        sandbox.close();

        assertThat(sandbox.pushesFailed()).isEqualTo(1);
        assertThat(sandbox.pushesSent()).isZero();
        assertThat(sandbox.deliveriesPending()).isZero();
        await().atMost(DEADLINE).until(() -> pushThreads().isEmpty());
        assertThat(receiver.received(PUSH)).hasSize(1);
    }

    @Test
    void withDefaultsNothingIsPosted() {
        start(SandboxConfig.defaults());

        api.sale(token, "12.00", "123", "INV-N", "C1");

        assertThat(sandbox.config().silentPostUrl()).isNull();
        assertThat(sandbox.config().pushUrl()).isNull();
        assertThat(sandbox.deliveriesPending()).isZero();
        assertThat(sandbox.pushesSent() + sandbox.silentPostsSent() + sandbox.pushesFailed() + sandbox.silentPostsFailed())
                .isZero();
        assertThat(receiver.received()).isEmpty();
    }

    private static Set<String> pushThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("paytrace-sandbox-push-"))
                .collect(Collectors.toSet());
    }

    private static long readId(byte[] json) {
        return readTree(json).get("transaction_id").asLong();
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return ApiClient.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long silentPostId(String form) {
        String list = URLDecoder.decode(form.substring("parmList=".length()), StandardCharsets.UTF_8);
        for (String pair : list.split("\\|")) {
            if (pair.startsWith("TRANSACTIONID~")) {
                return Long.parseLong(pair.substring("TRANSACTIONID~".length()));
            }
        }
        throw new IllegalStateException("no TRANSACTIONID in " + list);
    }
}
