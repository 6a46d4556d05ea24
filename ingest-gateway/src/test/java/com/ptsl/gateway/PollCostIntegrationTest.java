package com.ptsl.gateway;

import com.ptsl.gateway.paytrace.PayTraceCallObserver.Endpoint;
import com.ptsl.gateway.poll.PollResult;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.paytrace.ManualClock;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one poll costs in PayTrace calls and records read, measured on the sandbox: one window export, at most the
 * follow-up limit of re-reads by id, one batch export, and one transaction list per new or changed batch. The
 * table goes to standard output for the design notes.
 */
class PollCostIntegrationTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final int OLD_SALES = 30;
    private static final int OLD_AUTHORIZATIONS = 10;
    private static final int WINDOW_SALES = 100;
    private static final int FOLLOW_UPS = 5;

    @TempDir
    Path tmp;

    private record Cost(int poll, int openOutsideBefore, Map<Endpoint, Long> calls, long recordsRead, int published,
                        int batchesPublished) {
        long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Test
    void aPollCostsOneExportOneBatchExportAndAtMostTheFollowUpLimitOfReadsById() {
        ManualClock clock = ManualClock.startingNow();
        try (PayTraceSandbox sandbox = PayTraceSandbox.start(SandboxConfig.defaults()
                .withFirstTransactionId(950_000_000L).withFirstBatchNumber(95_000), clock)) {
            TrafficGenerator traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(),
                    sandbox.config().password(), 41L);
            for (int i = 0; i < OLD_SALES; i++) {
                traffic.makeSale(sale(i));
            }
            for (int i = 0; i < OLD_AUTHORIZATIONS; i++) {
                traffic.authorize(sale(i));
            }
            try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, tmp.resolve("gateway"),
                    Map.of("GATEWAY_FOLLOW_UPS_PER_POLL", Integer.toString(FOLLOW_UPS))), clock)) {
                assertThat(gateway.pollOnce().published()).isEqualTo(OLD_SALES + OLD_AUTHORIZATIONS);

                // Three days on, the old transactions are outside the window; today brings new sales, then a cut-off
                // settles old and new sales alike into one batch.
                clock.advance(Duration.ofDays(3));
                for (int i = 0; i < WINDOW_SALES; i++) {
                    traffic.makeSale(sale(i));
                }
                int batchSize = sandbox.settleNow().settledTransactionIds().size();
                assertThat(batchSize).isEqualTo(OLD_SALES + WINDOW_SALES);

                List<Cost> costs = new ArrayList<>();
                int openOutside = OLD_SALES + OLD_AUTHORIZATIONS;
                for (int poll = 1; poll <= 8; poll++) {
                    Map<Endpoint, Long> before = calls(gateway);
                    long readBefore = gateway.metrics().recordsRead();
                    PollResult result = gateway.pollOnce();
                    Map<Endpoint, Long> after = calls(gateway);
                    Map<Endpoint, Long> delta = new EnumMap<>(Endpoint.class);
                    after.forEach((e, n) -> delta.put(e, n - before.get(e)));
                    costs.add(new Cost(poll, openOutside, delta, gateway.metrics().recordsRead() - readBefore,
                            result.published(), result.batchesPublished()));
                    openOutside = result.openTransactions();
                }
                print(costs, batchSize);

                for (Cost cost : costs) {
                    long expectedById = Math.min(FOLLOW_UPS, cost.openOutsideBefore());
                    assertThat(cost.calls().get(Endpoint.EXPORT_BY_DATE_RANGE)).as("poll %d", cost.poll()).isEqualTo(1);
                    assertThat(cost.calls().get(Endpoint.EXPORT_BY_ID)).as("poll %d", cost.poll()).isEqualTo(expectedById);
                    assertThat(cost.calls().get(Endpoint.BATCHES_EXPORT)).as("poll %d", cost.poll()).isEqualTo(1);
                    assertThat(cost.calls().get(Endpoint.BATCHES_TRANSACTION_LIST)).as("poll %d", cost.poll())
                            .isEqualTo(cost.poll() == 1 ? 1 : 0);
                    assertThat(cost.recordsRead()).as("poll %d", cost.poll()).isEqualTo(WINDOW_SALES + expectedById);
                }
                // The old sales settled: each is terminal after its one re-read; the authorizations stay open.
                assertThat(costs.get(0).openOutsideBefore()).isEqualTo(OLD_SALES + OLD_AUTHORIZATIONS);
                assertThat(costs.get(costs.size() - 1).openOutsideBefore()).isEqualTo(OLD_AUTHORIZATIONS);
                assertThat(costs.get(0).calls().get(Endpoint.OAUTH_TOKEN)).as("3 days passed: token renewed").isEqualTo(1);
                assertThat(costs.subList(1, costs.size())).allSatisfy(c -> assertThat(c.calls().get(Endpoint.OAUTH_TOKEN)).isZero());
                assertThat(costs.get(0).batchesPublished()).isEqualTo(1);
            }
        }
    }

    private static Map<Endpoint, Long> calls(GatewayService gateway) {
        Map<Endpoint, Long> calls = new EnumMap<>(Endpoint.class);
        for (Endpoint endpoint : Endpoint.values()) {
            calls.put(endpoint, gateway.metrics().payTraceCalls(endpoint));
        }
        return calls;
    }

    private static void print(List<Cost> costs, int batchSize) {
        StringBuilder table = new StringBuilder("\nPayTrace cost per poll: " + WINDOW_SALES + " transactions in the window, "
                + OLD_SALES + " old sales + " + OLD_AUTHORIZATIONS + " old authorizations open outside it, follow-up limit "
                + FOLLOW_UPS + ", one batch of " + batchSize + " settled before poll 1\n"
                + "poll | open outside | by_date_range | by_id | batches_export | transaction_list | oauth | calls | records read | published | batches\n");
        for (Cost c : costs) {
            table.append(String.format("%4d | %12d | %13d | %5d | %14d | %16d | %5d | %5d | %12d | %9d | %7d%n", c.poll(),
                    c.openOutsideBefore(), c.calls().get(Endpoint.EXPORT_BY_DATE_RANGE), c.calls().get(Endpoint.EXPORT_BY_ID),
                    c.calls().get(Endpoint.BATCHES_EXPORT), c.calls().get(Endpoint.BATCHES_TRANSACTION_LIST),
                    c.calls().get(Endpoint.OAUTH_TOKEN), c.total(), c.recordsRead(), c.published(), c.batchesPublished()));
        }
        System.out.println(table);
    }

    private static SaleRequest sale(int i) {
        return new SaleRequest(new BigDecimal(10 + i % 50 + ".00"), "INV" + (1000 + i), "C00001", "");
    }
}
