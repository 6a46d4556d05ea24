package com.ptsl.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.gateway.paytrace.PayTraceCallObserver.Endpoint;
import com.ptsl.gateway.poll.Checkpoint;
import com.ptsl.gateway.poll.CheckpointStore;
import com.ptsl.gateway.poll.PollResult;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.ManualClock;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.sandbox.paytrace.settlement.SettlementResult;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transactions created before the poll window that are not terminal yet: the gateway re-reads them by id until
 * PayTrace shows them voided, settled or expired, and publishes each change. PayTrace sandbox over HTTP and a real
 * broker; the sandbox and the gateway share one manual clock, so days pass without waiting.
 */
class FollowUpIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final AtomicLong NEXT_ID_RANGE = new AtomicLong(800_000_000L);
    private static final AtomicLong NEXT_BATCH = new AtomicLong(80_000);
    /** Lookback 1: after three days, the first day's transactions are outside the window. */
    private static final Duration OUT_OF_WINDOW = Duration.ofDays(3);

    @TempDir
    Path tmp;

    private ManualClock clock;
    private PayTraceSandbox sandbox;
    private TrafficGenerator traffic;

    @BeforeEach
    void startSandbox() {
        clock = ManualClock.startingNow();
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults()
                .withFirstTransactionId(NEXT_ID_RANGE.getAndAdd(1_000_000L))
                .withFirstBatchNumber((int) NEXT_BATCH.getAndAdd(1_000)), clock);
        traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(), sandbox.config().password(), 23L);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void anOldSaleThatGetsVoidedOrSettledIsReReadByIdAndRepublishedUntilTerminal() {
        SaleMade toVoid = traffic.makeSale(sale("20.00", "INV0001"));
        SaleMade toSettle = traffic.makeSale(sale("30.00", "INV0002"));
        SaleMade declined = traffic.makeSale(sale("1.12", "INV0003"));
        SaleMade authorization = traffic.authorize(sale("40.00", "INV0004"));
        assertThat(List.of(toVoid, toSettle, authorization)).allMatch(SaleMade::approved);
        assertThat(declined.approved()).isFalse();
        Set<String> ids = ids(toVoid, toSettle, declined, authorization);
        Path stateDir = tmp.resolve("gateway");

        try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, stateDir, Map.of()), clock)) {
            PollResult first = gateway.pollOnce();
            assertThat(first.published()).isEqualTo(4);
            assertThat(first.followUpReads()).isZero();
            // The decline is terminal at once; the pending sales and the authorization stay open.
            assertThat(first.openTransactions()).isEqualTo(3);
            assertThat(gateway.metrics().openTransactions()).isEqualTo(3);

            clock.advance(OUT_OF_WINDOW);
            assertThat(traffic.voidTransaction(toVoid.transactionId()).success()).isTrue();
            // The void happened first, so the cut-off settles only the other sale.
            SettlementResult settlement = sandbox.settleNow();
            assertThat(settlement.settledTransactionIds()).containsExactly(toSettle.transactionId());

            long byIdBefore = gateway.metrics().payTraceCalls(Endpoint.EXPORT_BY_ID);
            PollResult second = gateway.pollOnce();

            assertThat(second.seen()).as("nothing left in the window; three re-reads by id").isEqualTo(3);
            assertThat(second.followUpReads()).isEqualTo(3);
            assertThat(gateway.metrics().payTraceCalls(Endpoint.EXPORT_BY_ID) - byIdBefore).isEqualTo(3);
            assertThat(second.publishedTransactionIds())
                    .containsExactlyInAnyOrder(id(toVoid), id(toSettle));
            assertThat(second.unchanged()).isEqualTo(1); // the authorization, still "Authorization Only"
            assertThat(second.openTransactions()).isEqualTo(1);
            assertThat(gateway.metrics().recordsRepublished()).isEqualTo(2);

            Map<String, List<RawPayTraceRecord>> raw = GatewayIT.rawRecordsById(kafka, ids);
            assertThat(raw.get(id(toVoid))).hasSize(2);
            JsonNode voided = GatewayIT.json(raw.get(id(toVoid)).get(1).getJson());
            assertThat(voided.path("status_code").asText()).isEqualTo("N");
            assertThat(voided.path("status_message").asText()).isEqualTo("Voided");
            JsonNode settled = GatewayIT.json(raw.get(id(toSettle)).get(1).getJson());
            assertThat(settled.path("status_code").asText()).isEqualTo("GB" + settlement.batchNumber().getAsInt());
            assertThat(raw.get(id(toSettle)).get(1).getFingerprint()).isNotEqualTo(raw.get(id(toSettle)).get(0).getFingerprint());
            assertThat(raw.get(id(declined))).hasSize(1);
            assertThat(raw.get(id(authorization))).hasSize(1);

            // Only the authorization is still followed: one re-read per poll, nothing published.
            PollResult third = gateway.pollOnce();
            assertThat(third.followUpReads()).isEqualTo(1);
            assertThat(third.published()).isZero();

            // Eight days after it was made, the next cut-off expires the uncaptured authorization.
            clock.advance(Duration.ofDays(5));
            assertThat(sandbox.settleNow().expiredAuthorizationIds()).containsExactly(authorization.transactionId());
            PollResult fourth = gateway.pollOnce();
            assertThat(fourth.publishedTransactionIds()).containsExactly(id(authorization));
            assertThat(fourth.openTransactions()).isZero();
            assertThat(GatewayIT.json(GatewayIT.rawRecordsById(kafka, Set.of(id(authorization))).get(id(authorization))
                    .get(1).getJson()).path("status_message").asText()).isEqualTo("Authorization Expired");

            PollResult fifth = gateway.pollOnce();
            assertThat(fifth.followUpReads()).isZero();
            assertThat(fifth.published()).isZero();
            assertThat(gateway.checkpointSize()).isZero(); // terminal and outside the window: pruned
            assertThat(gateway.metrics().followUpReads()).isEqualTo(5);
        }
        assertThat(new CheckpointStore(stateDir).load().transactions()).isEmpty();
    }

    @Test
    void aCaptureOfAnOldAuthorizationIsANewFactAndStaysOpenUntilSettled() {
        SaleMade authorization = traffic.authorize(sale("75.00", "INV0010"));
        try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, tmp.resolve("gateway"), Map.of()), clock)) {
            gateway.pollOnce();
            clock.advance(OUT_OF_WINDOW);
            assertThat(traffic.capture(authorization.transactionId(), new BigDecimal("60.00")).success()).isTrue();

            PollResult captured = gateway.pollOnce();
            assertThat(captured.publishedTransactionIds()).containsExactly(id(authorization));
            assertThat(captured.openTransactions()).as("captured = pending settlement: still open").isEqualTo(1);

            sandbox.settleNow();
            PollResult settled = gateway.pollOnce();
            assertThat(settled.publishedTransactionIds()).containsExactly(id(authorization));
            assertThat(settled.openTransactions()).isZero();
        }
        List<JsonNode> versions = GatewayIT.rawRecordsById(kafka, Set.of(id(authorization))).get(id(authorization)).stream()
                .map(r -> GatewayIT.json(r.getJson())).toList();
        assertThat(versions).extracting(v -> v.path("status_message").asText())
                .containsExactly("Authorization Only", "Pending Settlement", versions.get(2).path("status_code").asText());
        assertThat(versions.get(2).path("status_code").asText()).startsWith("GB");
        assertThat(versions).extracting(v -> v.path("amount").decimalValue().stripTrailingZeros().toPlainString())
                .containsExactly("75", "60", "60"); // the captured amount replaces the authorized one
    }

    /**
     * With more open transactions outside the window than the per-poll limit, each poll re-reads the limit, in
     * turn, so every one is read within ⌈open / limit⌉ polls; the checkpoint written before this version is read
     * too, its transactions treated as open until one read decides.
     */
    @Test
    void reReadsAtMostTheLimitPerPollRoundRobinStartingFromACheckpointOfThePreviousVersion() throws Exception {
        List<SaleMade> sales = IntStream.range(0, 5).mapToObj(i -> traffic.makeSale(sale("1" + i + ".00", "INV002" + i))).toList();
        Path stateDir = tmp.resolve("gateway");
        Files.createDirectories(stateDir);
        // What the previous version saved after publishing them: format 1, no open flags. The fingerprints are
        // stale on purpose, so the re-read publishes each record again (at-least-once, deduped downstream).
        String entries = sales.stream()
                .map(s -> "\"" + s.transactionId() + "\":{\"fingerprint\":\"old\",\"lastSeen\":\""
                        + java.time.LocalDate.now(clock.withZone(sandbox.config().merchantZone())) + "\"}")
                .collect(Collectors.joining(","));
        Files.writeString(stateDir.resolve(CheckpointStore.FILE_NAME),
                "{\"format\":1,\"savedAt\":\"2026-11-25T08:00:00Z\",\"transactions\":{" + entries + "},\"invalid\":{}}");

        clock.advance(OUT_OF_WINDOW);
        try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, stateDir,
                Map.of("GATEWAY_FOLLOW_UPS_PER_POLL", "2")), clock)) {
            PollResult first = gateway.pollOnce();
            PollResult second = gateway.pollOnce();
            PollResult third = gateway.pollOnce();
            PollResult fourth = gateway.pollOnce();

            assertThat(List.of(first, second, third, fourth)).extracting(PollResult::followUpReads).containsExactly(2, 2, 2, 2);
            assertThat(first.publishedTransactionIds()).containsExactly(id(sales.get(0)), id(sales.get(1)));
            assertThat(second.publishedTransactionIds()).containsExactly(id(sales.get(2)), id(sales.get(3)));
            assertThat(third.publishedTransactionIds()).containsExactly(id(sales.get(4)));
            assertThat(third.unchanged()).isEqualTo(1); // wrapped round to the first, unchanged since
            assertThat(fourth.published()).isZero();
            assertThat(fourth.openTransactions()).isEqualTo(5); // pending settlement: still open
        }
        Checkpoint saved = new CheckpointStore(stateDir).load();
        assertThat(saved.openIds()).containsExactlyElementsOf(sales.stream().map(FollowUpIntegrationTest::id).toList());
        assertThat(Files.readString(stateDir.resolve(CheckpointStore.FILE_NAME))).startsWith("{\"format\":2,");
    }

    @Test
    void anOldTransactionPayTraceNoLongerKnowsIsNoLongerFollowed() throws Exception {
        Path stateDir = tmp.resolve("gateway");
        Checkpoint checkpoint = new Checkpoint();
        long unknown = NEXT_ID_RANGE.getAndAdd(1_000_000L); // in no sandbox's range
        checkpoint.published(Long.toString(unknown), "fp", java.time.LocalDate.now(clock.withZone(sandbox.config().merchantZone())), true);
        new CheckpointStore(stateDir).save(checkpoint);
        clock.advance(OUT_OF_WINDOW);

        try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, stateDir, Map.of()), clock)) {
            PollResult first = gateway.pollOnce();
            assertThat(first.followUpReads()).isEqualTo(1);
            assertThat(first.openTransactions()).isZero();
            assertThat(gateway.metrics().openGivenUp()).isEqualTo(1);
            assertThat(gateway.pollOnce().followUpReads()).isZero();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private static SaleRequest sale(String amount, String invoice) {
        return new SaleRequest(new BigDecimal(amount), invoice, "C00001", "Payment for invoice " + invoice);
    }

    private static String id(SaleMade sale) {
        return Long.toString(sale.transactionId());
    }

    private static Set<String> ids(SaleMade... sales) {
        return java.util.Arrays.stream(sales).map(FollowUpIntegrationTest::id).collect(Collectors.toSet());
    }
}
