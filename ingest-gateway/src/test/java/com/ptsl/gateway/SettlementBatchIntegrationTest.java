package com.ptsl.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.batch.BatchPoller;
import com.ptsl.gateway.fingerprint.Fingerprint;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.BatchExport;
import com.ptsl.gateway.paytrace.PayTraceCallObserver.Endpoint;
import com.ptsl.gateway.paytrace.PayTraceCallObserver.Outcome;
import com.ptsl.gateway.paytrace.PayTraceClient;
import com.ptsl.gateway.pci.PanScrubber;
import com.ptsl.gateway.poll.Checkpoint;
import com.ptsl.gateway.poll.CheckpointStore;
import com.ptsl.gateway.poll.PollResult;
import com.ptsl.gateway.poll.Poller;
import com.ptsl.gateway.poll.SyntheticPan;
import com.ptsl.gateway.publish.RawPublisher;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.ManualClock;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TestCards;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.sandbox.paytrace.settlement.SettlementResult;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawSettlementBatch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Settlement batches from the PayTrace sandbox over HTTP to {@code paytrace.batches.raw} on a real broker: one
 * record per batch, keyed by number, with the summary, the member ids and their scrubbed records; nothing again
 * until the batch changes.
 */
class SettlementBatchIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final AtomicLong NEXT_ID_RANGE = new AtomicLong(900_000_000L);
    private static final AtomicLong NEXT_BATCH = new AtomicLong(90_000);

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
        traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(), sandbox.config().password(), 31L);
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void aSettlementIsPublishedOnceWithItsIdsSummaryAndMaskedRecords() {
        String pan = SyntheticPan.of(System.nanoTime());
        SaleMade first = traffic.makeSale(sale("110.00", "INV0001", "Payment for invoice INV0001"));
        SaleMade withCard = traffic.makeSale(sale("12.30", "INV0002", "paid with card " + pan + " thanks"));
        SaleMade third = traffic.makeSale(sale("45.05", "INV0003", ""));
        SaleMade voided = traffic.makeSale(sale("9.99", "INV0004", ""));
        SaleMade declined = traffic.makeSale(sale("1.12", "INV0005", ""));
        assertThat(traffic.voidTransaction(voided.transactionId()).success()).isTrue();
        Path stateDir = tmp.resolve("gateway");
        String number;

        try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, stateDir, Map.of()), clock)) {
            PollResult beforeSettlement = gateway.pollOnce();
            assertThat(beforeSettlement.batchPoll()).isEqualTo(PollResult.BatchPoll.OK);
            assertThat(beforeSettlement.batches().seen()).isZero();

            SettlementResult settlement = sandbox.settleNow();
            number = Integer.toString(settlement.batchNumber().getAsInt());
            long transactionListCalls = gateway.metrics().payTraceCalls(Endpoint.BATCHES_TRANSACTION_LIST);

            PollResult settledPoll = gateway.pollOnce();

            assertThat(settledPoll.publishedBatchNumbers()).containsExactly(number);
            assertThat(gateway.metrics().payTraceCalls(Endpoint.BATCHES_TRANSACTION_LIST) - transactionListCalls).isEqualTo(1);
            // The same settlement reached the transaction topic through the window: three records turned GB<n>.
            assertThat(settledPoll.publishedTransactionIds()).containsExactlyInAnyOrder(id(first), id(withCard), id(third));

            List<ConsumerRecord<byte[], byte[]>> records = GatewayIT.rawBatches(kafka, Set.of(number));
            assertThat(records).hasSize(1);
            ConsumerRecord<byte[], byte[]> record = records.get(0);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(number);
            assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(pan);
            TestCards.ALL.forEach(card -> assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(card));

            RawSettlementBatch batch = GatewayIT.decodeBatch(record);
            assertThat(batch.getBatchNumber()).isEqualTo(number);
            assertThat(batch.getSource()).isEqualTo("POLL");
            assertThat(batch.getTransactionIds()).containsExactly(id(first), id(withCard), id(third)); // ascending
            JsonNode summary = GatewayIT.json(batch.getJson());
            assertThat(summary.path("number").asText()).isEqualTo(number);
            assertThat(summary.path("transaction_count").asInt()).isEqualTo(3);
            assertThat(summary.path("sales_count").asInt()).isEqualTo(3);
            assertThat(summary.path("sales_amount").decimalValue()).isEqualByComparingTo("167.35");
            assertThat(summary.path("refund_count").asInt()).isZero();
            assertThat(summary.path("net_amount").decimalValue()).isEqualByComparingTo("167.35");
            assertThat(batch.getFingerprint()).matches("[0-9a-f]{64}")
                    .isEqualTo(expectedFingerprint(summary, batch.getTransactionIds()));

            JsonNode transactions = GatewayIT.json(batch.getTransactionsJson());
            assertThat(transactions.isArray()).isTrue();
            assertThat(transactions).hasSize(3).allSatisfy(t -> {
                assertThat(t.path("status_code").asText()).isEqualTo("GB" + number);
                assertThat(t.path("settled").asText()).isNotBlank();
            });
            JsonNode masked = findById(transactions, withCard.transactionId());
            assertThat(masked.path("description").asText()).isEqualTo("paid with card ************" + pan.substring(12) + " thanks");
            assertThat(batch.getTransactionsJson()).doesNotContain(pan);
            assertThat(PanScrubber.scrubText(batch.getTransactionsJson()).pansScrubbed()).isZero();
            assertThat(gateway.metrics().pansScrubbed())
                    .as("the window record twice (pending, then settled) and the batch record").isEqualTo(3);
            assertThat(declined.approved()).isFalse();

            long end = TopicReader.endOffsetSum(kafka.bootstrapServers(), Topics.RAW_BATCHES.name());
            PollResult again = gateway.pollOnce();
            assertThat(again.batchesPublished()).isZero();
            assertThat(again.batches().unchanged()).isEqualTo(1);
            assertThat(gateway.metrics().payTraceCalls(Endpoint.BATCHES_TRANSACTION_LIST) - transactionListCalls)
                    .as("an unchanged summary is not read further").isEqualTo(1);
            assertThat(TopicReader.endOffsetSum(kafka.bootstrapServers(), Topics.RAW_BATCHES.name())).isEqualTo(end);
            assertThat(gateway.metrics().batchesPublished()).isEqualTo(1);
        }

        // The batch fingerprints are in the saved checkpoint: a restarted gateway publishes nothing again.
        Checkpoint.BatchEntry saved = new CheckpointStore(stateDir).load().batch(number).orElseThrow();
        assertThat(saved.fingerprint()).isEqualTo(GatewayIT.decodeBatch(GatewayIT.rawBatches(kafka, Set.of(number)).get(0))
                .getFingerprint());
        try (GatewayService restarted = new GatewayService(GatewayIT.config(kafka, sandbox, stateDir, Map.of()), clock)) {
            PollResult afterRestart = restarted.pollOnce();
            assertThat(afterRestart.batchesPublished()).isZero();
            assertThat(afterRestart.published()).isZero();
        }
    }

    @Test
    void aLaterBatchWithARefundIsPublishedAloneAndEachBatchIsKeyedByItsNumber() {
        SaleMade sale = traffic.makeSale(sale("80.00", "INV0100", ""));
        SaleMade other = traffic.makeSale(sale("20.00", "INV0101", ""));
        try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, tmp.resolve("gateway"), Map.of()), clock)) {
            String firstBatch = Integer.toString(sandbox.settleNow().batchNumber().getAsInt());
            assertThat(gateway.pollOnce().publishedBatchNumbers()).containsExactly(firstBatch);

            clock.advance(Duration.ofHours(1));
            TrafficGenerator.FollowUp refund = traffic.refund(sale.transactionId(), new BigDecimal("30.00"));
            assertThat(refund.success()).isTrue();
            String secondBatch = Integer.toString(sandbox.settleNow().batchNumber().getAsInt());

            PollResult poll = gateway.pollOnce();

            assertThat(poll.publishedBatchNumbers()).containsExactly(secondBatch);
            assertThat(poll.batches().unchanged()).isEqualTo(1); // the first batch, still in the window
            RawSettlementBatch refunds = GatewayIT.decodeBatch(GatewayIT.rawBatches(kafka, Set.of(secondBatch)).get(0));
            assertThat(refunds.getTransactionIds()).containsExactly(Long.toString(refund.transactionId()));
            JsonNode summary = GatewayIT.json(refunds.getJson());
            assertThat(summary.path("refund_count").asInt()).isEqualTo(1);
            assertThat(summary.path("refund_amount").decimalValue()).isEqualByComparingTo("30.00");
            assertThat(summary.path("sales_count").asInt()).isZero();
            assertThat(summary.path("net_amount").decimalValue()).isEqualByComparingTo("-30.00");
            RawSettlementBatch sales = GatewayIT.decodeBatch(GatewayIT.rawBatches(kafka, Set.of(firstBatch)).get(0));
            assertThat(sales.getTransactionIds()).containsExactly(id(sale), id(other));
            assertThat(GatewayIT.rawBatches(kafka, Set.of(firstBatch, secondBatch))).hasSize(2);
        }
    }

    @Test
    void batchPollingSwitchedOffCallsNoBatchEndpoint() {
        traffic.makeSale(sale("10.00", "INV0200", ""));
        sandbox.settleNow();
        try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, tmp.resolve("gateway"),
                Map.of("GATEWAY_BATCH_POLLING", "false")), clock)) {
            PollResult poll = gateway.pollOnce();

            assertThat(poll.batchPoll()).isEqualTo(PollResult.BatchPoll.OFF);
            assertThat(poll.published()).isEqualTo(1);
            assertThat(gateway.metrics().payTraceCalls(Endpoint.BATCHES_EXPORT)).isZero();
            assertThat(gateway.metrics().batchPolls()).isZero();
        }
    }

    /**
     * A PayTrace failure on a batch call (a real 503 from the sandbox, injected just before the call) is counted and
     * leaves transaction polling alone; batches are retried after a backoff and then published.
     */
    @Test
    void aFailingBatchCallDoesNotBlockTransactionPolling() {
        SaleMade sale = traffic.makeSale(sale("55.00", "INV0300", ""));
        String number = Integer.toString(sandbox.settleNow().batchNumber().getAsInt());
        GatewayMetrics metrics = new GatewayMetrics(new SimpleMeterRegistry(), clock, sandbox.config().merchantZone());
        PayTraceClient client = new PayTraceClient(URI.create(sandbox.baseUrl()), new PayTraceClient.Credentials(
                sandbox.config().username(), sandbox.config().password(), null), Duration.ofSeconds(10), clock, metrics);
        List<String> failNext = new ArrayList<>(List.of("transaction_list", "export"));
        BatchExport flaky = new BatchExport() {
            @Override
            public List<ObjectNode> exportBatches(LocalDate start, LocalDate end) {
                failIfNext("export");
                return client.exportBatches(start, end);
            }

            @Override
            public List<ObjectNode> batchTransactions(String batchNumber) {
                failIfNext("transaction_list");
                return client.batchTransactions(batchNumber);
            }

            private void failIfNext(String call) {
                if (!failNext.isEmpty() && failNext.get(0).equals(call)) {
                    failNext.remove(0);
                    sandbox.faults().failNext(503, 1);
                }
            }
        };
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all());
        Checkpoint checkpoint = new Checkpoint();

        try (RawPublisher publisher = new RawPublisher(kafka.bootstrapServers(), "gateway-batch-failure-test")) {
            Poller poller = new Poller(client, new BatchPoller(flaky, publisher, checkpoint, metrics), publisher,
                    checkpoint, new CheckpointStore(tmp.resolve("state")), sandbox.config().merchantZone(), 1, 5,
                    clock, metrics);

            PollResult failedOnList = poller.pollOnce();
            assertThat(failedOnList.batchPoll()).isEqualTo(PollResult.BatchPoll.FAILED);
            assertThat(failedOnList.publishedTransactionIds()).containsExactly(id(sale));
            assertThat(metrics.lastPollFailure()).isEmpty();
            assertThat(metrics.lastBatchPollFailure()).get().asString().contains("HTTP 503");

            PollResult waiting = poller.pollOnce(); // same instant: inside the backoff
            assertThat(waiting.batchPoll()).isEqualTo(PollResult.BatchPoll.BACKING_OFF);

            clock.advance(Duration.ofSeconds(1));
            PollResult failedOnExport = poller.pollOnce();
            assertThat(failedOnExport.batchPoll()).isEqualTo(PollResult.BatchPoll.FAILED);

            clock.advance(Duration.ofSeconds(1));
            assertThat(poller.pollOnce().batchPoll()).as("backoff doubled to 2 s").isEqualTo(PollResult.BatchPoll.BACKING_OFF);
            clock.advance(Duration.ofSeconds(1));
            PollResult recovered = poller.pollOnce();
            assertThat(recovered.batchPoll()).isEqualTo(PollResult.BatchPoll.OK);
            assertThat(recovered.publishedBatchNumbers()).containsExactly(number);

            assertThat(metrics.pollErrors()).isZero();
            assertThat(metrics.polls()).isEqualTo(5);
            assertThat(metrics.batchPollErrors()).isEqualTo(2);
            assertThat(metrics.payTraceCalls(Endpoint.BATCHES_TRANSACTION_LIST, Outcome.SERVER_ERROR)).isEqualTo(1);
            assertThat(metrics.payTraceCalls(Endpoint.BATCHES_EXPORT, Outcome.SERVER_ERROR)).isEqualTo(1);
            assertThat(metrics.payTraceCalls(Endpoint.EXPORT_BY_DATE_RANGE, Outcome.OK)).isEqualTo(5);
        }
        assertThat(GatewayIT.rawBatches(kafka, Set.of(number))).hasSize(1);
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** The contract: SHA-256 of the canonical summary plus the id list. */
    private static String expectedFingerprint(JsonNode summary, List<String> ids) {
        ObjectNode basis = Json.object();
        basis.set("summary", summary);
        ids.forEach(basis.putArray("transactionIds")::add);
        return Fingerprint.of(basis);
    }

    private static JsonNode findById(JsonNode transactions, long id) {
        for (JsonNode t : transactions) {
            if (t.path("transaction_id").asLong() == id) {
                return t;
            }
        }
        throw new AssertionError("no record " + id + " in " + transactions);
    }

    private static SaleRequest sale(String amount, String invoice, String description) {
        return new SaleRequest(new BigDecimal(amount), invoice, "C00001", description);
    }

    private static String id(SaleMade sale) {
        return Long.toString(sale.transactionId());
    }
}
