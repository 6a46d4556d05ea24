package com.ptsl.gateway;

import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.PayTraceCallObserver.Endpoint;
import com.ptsl.gateway.poll.PollResult;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.ManualClock;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;
import com.ptsl.service.admin.AdminConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The window export is the backstop while push is healthy: skipped until the sweep interval and the read budget
 * allow it, while re-reads by id and the batch export go on every poll; without healthy push every poll sweeps.
 * The gateway and the sandbox share a clock moved by hand.
 */
class SweepGatingIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final int OLD_AUTHORIZATIONS = 8;
    private static final int TODAY_SALES = 20;
    private static final int FOLLOW_UPS = 5;
    /** Records per minute: a sweep of the 20 window records defers the next by 20 / 10 min = 120 s (> the 60 s interval). */
    private static final int READ_BUDGET = 10;

    @TempDir
    Path tmp;

    @Test
    void whilePushIsHealthyTheWindowExportWaitsForItsIntervalAndBudgetAndFollowUpsGoOn() throws Exception {
        ManualClock clock = ManualClock.startingNow();
        try (PayTraceSandbox sandbox = PayTraceSandbox.start(SandboxConfig.defaults()
                .withFirstTransactionId(960_000_000L).withFirstBatchNumber(96_000), clock)) {
            TrafficGenerator traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(),
                    sandbox.config().password(), 43L);
            for (int i = 0; i < OLD_AUTHORIZATIONS; i++) {
                traffic.authorize(sale(i)); // open until captured or expired
            }
            Map<String, String> env = PushIT.pushEnv(Map.of(
                    "GATEWAY_FOLLOW_UPS_PER_POLL", Integer.toString(FOLLOW_UPS),
                    "GATEWAY_PUSH_HEALTHY_MS", "300000",
                    "GATEWAY_SWEEP_INTERVAL_MS", "60000",
                    "GATEWAY_SWEEP_READ_BUDGET_PER_MIN", Integer.toString(READ_BUDGET)));
            try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, tmp.resolve("gateway"), env)
                    .withAdmin(AdminConfig.ephemeral()), clock).start()) {
                GatewayMetrics metrics = gateway.metrics();
                await().atMost(Duration.ofSeconds(30)).until(() -> metrics.polls() == 1); // the loop's first poll
                assertThat(metrics.recordsPublished()).isEqualTo(OLD_AUTHORIZATIONS);

                // Three days on the authorizations are outside the window and still open; today has sales.
                clock.advance(Duration.ofDays(3));
                for (int i = 0; i < TODAY_SALES; i++) {
                    traffic.makeSale(sale(i));
                }

                // No push yet: every poll sweeps.
                Cost unhealthy1 = poll(gateway);
                Cost unhealthy2 = poll(gateway);
                assertThat(unhealthy1.result.swept()).isTrue();
                assertThat(unhealthy2.result.swept()).isTrue();
                assertThat(unhealthy2.calls.get(Endpoint.EXPORT_BY_DATE_RANGE)).isEqualTo(1);

                // One signed push of a new sale's record: push is healthy from now on.
                TrafficGenerator.SaleMade pushed = traffic.makeSale(sale(99));
                PushClient client = new PushClient(gateway.pushUrl(), PushIT.SECRET, clock);
                assertThat(client.push(Json.compact(PushIT.byId(sandbox, pushed.transactionId()))).statusCode())
                        .isEqualTo(202);
                Cost healthy = poll(gateway);

                assertThat(healthy.result.swept()).as("last sweep 0 s ago").isFalse();
                assertThat(healthy.calls.get(Endpoint.EXPORT_BY_DATE_RANGE)).isZero();
                assertThat(healthy.calls.get(Endpoint.EXPORT_BY_ID)).as("follow-ups still run").isEqualTo(FOLLOW_UPS);
                assertThat(healthy.calls.get(Endpoint.BATCHES_EXPORT)).as("batches still polled").isEqualTo(1);
                assertThat(healthy.recordsRead).isEqualTo(FOLLOW_UPS);

                clock.advance(Duration.ofSeconds(61));
                assertThat(poll(gateway).result.swept()).as("interval passed, read budget not yet (120 s)").isFalse();
                clock.advance(Duration.ofSeconds(59)); // 120 s after the last sweep; push still healthy
                Cost budgetAllows = poll(gateway);
                assertThat(budgetAllows.result.swept()).isTrue();
                assertThat(budgetAllows.calls.get(Endpoint.EXPORT_BY_DATE_RANGE)).isEqualTo(1);
                // The pushed sale is in that export with the same content: skipped, not published a second time.
                assertThat(budgetAllows.result.publishedTransactionIds()).doesNotContain(Long.toString(pushed.transactionId()));
                String pushedId = Long.toString(pushed.transactionId());
                assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of(pushedId)).get(pushedId))
                        .extracting(RawPayTraceRecord::getSource).containsOnly(RecordSource.PUSH);

                // Push goes quiet past its health window: back to a sweep on every poll.
                clock.advance(Duration.ofSeconds(301));
                assertThat(poll(gateway).result.swept()).isTrue();
                assertThat(poll(gateway).result.swept()).isTrue();

                assertThat(metrics.sweepsSkipped()).isEqualTo(2);
                assertThat(metrics.sweeps()).isEqualTo(1 + 2 + 1 + 2);
            }
        }
    }

    private record Cost(PollResult result, Map<Endpoint, Long> calls, long recordsRead) {
    }

    private static Cost poll(GatewayService gateway) {
        Map<Endpoint, Long> before = calls(gateway);
        long read = gateway.metrics().recordsRead();
        PollResult result = gateway.pollOnce();
        Map<Endpoint, Long> delta = new EnumMap<>(Endpoint.class);
        calls(gateway).forEach((e, n) -> delta.put(e, n - before.get(e)));
        return new Cost(result, delta, gateway.metrics().recordsRead() - read);
    }

    private static Map<Endpoint, Long> calls(GatewayService gateway) {
        Map<Endpoint, Long> calls = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            calls.put(endpoint, gateway.metrics().payTraceCalls(endpoint));
        }
        return calls;
    }

    private static SaleRequest sale(int i) {
        return new SaleRequest(new BigDecimal(10 + i % 50 + ".00"), "INV" + (4000 + i), "C00002", "");
    }
}
