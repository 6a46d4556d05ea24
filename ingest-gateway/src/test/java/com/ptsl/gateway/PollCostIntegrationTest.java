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

    private static final int BASE_SALES = 100;
    private static final int POLLS_PER_PERIOD = 120;
    private static final int SALE_EVERY_POLLS = 10;

    private record Period(String name, int polls, Map<Endpoint, Long> calls, long recordsRead, long published,
                          long sweeps) {
        double minutes() {
            return polls / 60.0;
        }

        long total() {
            return calls.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Two simulated periods of polls one second apart on a shared clock, a new sale every ten seconds on top of a
     * window of 100: first without push (every poll exports the window), then with every new sale pushed signed
     * (push healthy: the window export runs once a minute). Prints calls and records read per minute and records
     * read per record published.
     */
    @Test
    void withPushHealthyTheWindowExportIsABackstopAndRecordsReadDropByTheSweepInterval() {
        ManualClock clock = ManualClock.startingNow();
        try (PayTraceSandbox sandbox = PayTraceSandbox.start(SandboxConfig.defaults()
                .withFirstTransactionId(970_000_000L).withFirstBatchNumber(97_000), clock)) {
            TrafficGenerator traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(),
                    sandbox.config().password(), 44L);
            for (int i = 0; i < BASE_SALES; i++) {
                traffic.makeSale(sale(i));
            }
            Map<String, String> env = PushIT.pushEnv(Map.of("GATEWAY_SWEEP_INTERVAL_MS", "60000"));
            try (GatewayService gateway = new GatewayService(GatewayIT.config(kafka, sandbox, tmp.resolve("push-cost"), env)
                    .withAdmin(com.ptsl.service.admin.AdminConfig.ephemeral()), clock).start()) {
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gateway.metrics().polls() == 1);
                assertThat(gateway.metrics().recordsPublished()).isEqualTo(BASE_SALES);
                PushClient client = new PushClient(gateway.pushUrl(), PushIT.SECRET, clock);

                Period pollOnly = period("poll only", gateway, clock, traffic, sandbox, null);
                Period pushed = period("push healthy", gateway, clock, traffic, sandbox, client);
                printPeriods(List.of(pollOnly, pushed));

                int newSales = POLLS_PER_PERIOD / SALE_EVERY_POLLS;
                assertThat(pollOnly.published()).isEqualTo(newSales);
                assertThat(pushed.published()).isEqualTo(newSales);
                assertThat(gateway.metrics().recordsPublished(com.ptsl.schemas.avro.RecordSource.PUSH)).isEqualTo(newSales);
                assertThat(pollOnly.calls().get(Endpoint.EXPORT_BY_DATE_RANGE)).isEqualTo(POLLS_PER_PERIOD);
                assertThat(pushed.calls().get(Endpoint.EXPORT_BY_DATE_RANGE))
                        .isLessThanOrEqualTo((long) Math.ceil(pushed.minutes()) + 1);
                assertThat(pushed.calls().get(Endpoint.BATCHES_EXPORT)).isEqualTo(POLLS_PER_PERIOD);
                assertThat(pushed.recordsRead()).isLessThan(pollOnly.recordsRead() / 20);
            }
        }
    }

    private static Period period(String name, GatewayService gateway, ManualClock clock, TrafficGenerator traffic,
                                 PayTraceSandbox sandbox, PushClient pushTo) {
        Map<Endpoint, Long> before = calls(gateway);
        long read = gateway.metrics().recordsRead();
        long published = gateway.metrics().recordsPublished();
        long sweeps = gateway.metrics().sweeps();
        for (int poll = 1; poll <= POLLS_PER_PERIOD; poll++) {
            clock.advance(Duration.ofSeconds(1));
            if (poll % SALE_EVERY_POLLS == 1) { // from the first poll on, so push is healthy throughout its period
                TrafficGenerator.SaleMade sale = traffic.makeSale(sale(poll));
                if (pushTo != null) { // the partner's platform pushes the record it has
                    assertThat(pushTo.push(com.ptsl.gateway.json.Json.compact(PushIT.byId(sandbox, sale.transactionId())))
                            .statusCode()).isEqualTo(202);
                }
            }
            gateway.pollOnce();
        }
        Map<Endpoint, Long> delta = new EnumMap<>(Endpoint.class);
        calls(gateway).forEach((e, n) -> delta.put(e, n - before.get(e)));
        return new Period(name, POLLS_PER_PERIOD, delta, gateway.metrics().recordsRead() - read,
                gateway.metrics().recordsPublished() - published, gateway.metrics().sweeps() - sweeps);
    }

    private static void printPeriods(List<Period> periods) {
        StringBuilder table = new StringBuilder("\nPayTrace cost per minute, " + BASE_SALES + " transactions in the window, "
                + "a new sale every " + SALE_EVERY_POLLS + " s, polls 1 s apart, " + POLLS_PER_PERIOD + " polls per mode\n"
                + "mode         | sweeps | by_date_range/min | by_id/min | batches_export/min | calls/min | records read/min | published | read per published\n");
        for (Period p : periods) {
            table.append(String.format(java.util.Locale.ROOT, "%-12s | %6d | %17.1f | %9.1f | %18.1f | %9.1f | %16.1f | %9d | %18.1f%n",
                    p.name(), p.sweeps(), p.calls().get(Endpoint.EXPORT_BY_DATE_RANGE) / p.minutes(),
                    p.calls().get(Endpoint.EXPORT_BY_ID) / p.minutes(), p.calls().get(Endpoint.BATCHES_EXPORT) / p.minutes(),
                    p.total() / p.minutes(), p.recordsRead() / p.minutes(), p.published(),
                    p.published() == 0 ? Double.NaN : (double) p.recordsRead() / p.published()));
        }
        System.out.println(table);
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
