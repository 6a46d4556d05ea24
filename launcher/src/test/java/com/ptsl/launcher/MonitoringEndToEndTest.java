package com.ptsl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.service.admin.AdminClient;
import com.ptsl.service.metrics.Scrape;
import com.ptsl.launcher.monitoring.PromQl;
import com.ptsl.launcher.monitoring.Promtool;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Monitoring end to end on the embedded pipeline: a known number of sales, then each service's live
 * {@code /metrics} read over HTTP and held to exact figures, linted by promtool, compared with the dashboard and
 * the alert rules, scraped by a real Prometheus server, and summarised by {@code ptsl status}. The last tests stop
 * the sink, so they run last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final int SALES = 20;

    private final AdminClient admin = new AdminClient(null);
    private EmbeddedPipeline pipeline;
    private List<SaleMade> sales;
    private long approved;
    private Map<String, String> urls;

    @BeforeAll
    void makeKnownTraffic(@TempDir Path dataDir) {
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.forTests(dataDir, "mon-" + UUID.randomUUID()), step -> { });
        urls = pipeline.adminUrls();
        List<TrafficGenerator.Target> targets = pipeline.sl().openInvoices().stream()
                .map(inv -> new TrafficGenerator.Target(inv.custId(), inv.refNbr(), inv.docBal().divide(BigDecimal.TEN, 2, java.math.RoundingMode.DOWN).max(BigDecimal.ONE)))
                .toList();
        sales = new TrafficGenerator(pipeline.payTrace().baseUrl(), pipeline.payTrace().config().username(),
                pipeline.payTrace().config().password(), targets, 23).withDeclineShare(0.1).makeSales(SALES);
        approved = sales.stream().filter(SaleMade::approved).count();
        await().atMost(DEADLINE).until(() -> scrape("erp-sink").total("ptsl_sink_commands_total", "result", "APPLIED") >= approved
                && scrape("ingest-gateway").total("ptsl_gateway_records_published_total") >= SALES);
    }

    @AfterAll
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void each_live_metrics_endpoint_counts_exactly_the_sales_made() throws Exception {
        assertThat(approved).as("the traffic has declines and approvals").isBetween(1L, (long) SALES - 1);
        long declined = SALES - approved;

        Scrape gateway = scrape("ingest-gateway");
        assertThat(gateway.total("ptsl_gateway_records_published_total")).isEqualTo(SALES);
        assertThat(gateway.total("ptsl_gateway_records_invalid_total")).isZero();
        assertThat(gateway.total("ptsl_gateway_pans_scrubbed_total")).as("the sandbox exports masked numbers only").isZero();
        assertThat(gateway.total("ptsl_gateway_records_read_total")).isGreaterThanOrEqualTo(SALES);
        assertThat(gateway.total("ptsl_gateway_paytrace_calls_total", "endpoint", "export_by_date_range", "outcome", "ok")).isPositive();

        Scrape processor = scrape("stream-processor");
        assertThat(processor.total("ptsl_processor_records_in_total")).isEqualTo(SALES);
        assertThat(processor.total("ptsl_processor_transactions_total", "kind", "SALE_APPROVED")).isEqualTo(approved);
        assertThat(processor.total("ptsl_processor_transactions_total", "kind", "DECLINED")).isEqualTo(declined);
        assertThat(processor.total("ptsl_processor_commands_total", "type", "PostPayment")).isEqualTo(approved);
        assertThat(processor.total("ptsl_processor_duplicates_dropped_total")).isZero();
        assertThat(processor.names()).anyMatch(n -> n.startsWith("kafka_stream_"));

        Scrape sink = scrape("erp-sink");
        assertThat(sink.total("ptsl_sink_commands_total", "result", "APPLIED")).isEqualTo(approved);
        assertThat(sink.total("ptsl_sink_commands_total", "result", "REJECTED")).isZero();
        assertThat(sink.total("ptsl_e2e_gateway_to_sl_seconds_count")).as("one e2e observation per payment").isEqualTo(approved);
        assertThat(sink.total("ptsl_e2e_paytrace_to_sl_seconds_count")).isEqualTo(approved);
        assertThat(sink.samples("ptsl_e2e_gateway_to_sl_seconds_bucket", "le", "1.0")).as("a bucket at the 1 s objective").hasSize(1);
        assertThat(sink.names()).contains("ptsl_sink_consumer_lag_records", "kafka_consumer_fetch_manager_records_consumed_total");

        for (String service : urls.keySet()) {
            assertThat(scrape(service).total("ptsl_service_ready")).as(service + " ready gauge").isEqualTo(1.0);
        }
    }

    @Test
    @Order(2)
    void every_live_scrape_passes_promtool_check_metrics() throws Exception {
        for (Map.Entry<String, String> e : urls.entrySet()) {
            Promtool.Result lint = Promtool.run(Path.of("."), admin.metricsText(e.getValue()), "check", "metrics");
            assertThat(lint.exitCode()).as(e.getKey() + ": " + lint.output()).isZero();
            assertThat(lint.output()).as(e.getKey()).isBlank();
        }
    }

    @Test
    @Order(3)
    void no_label_holds_a_transaction_customer_or_card_value() throws Exception {
        Set<String> forbidden = new HashSet<>();
        for (SaleMade sale : sales) {
            forbidden.add(Long.toString(sale.transactionId()));
            forbidden.add(sale.customerRef());
            forbidden.add(sale.invoiceId());
        }
        for (String service : urls.keySet()) {
            for (Scrape.Sample sample : scrape(service).samples()) {
                assertThat(sample.labels().values()).as(service + " " + sample.name()).doesNotContainAnyElementsOf(forbidden)
                        .noneMatch(v -> v.matches(".*\\d{13,19}.*"));
            }
        }
    }

    @Test
    @Order(4)
    void the_dashboard_and_the_alert_rules_use_only_metrics_a_live_scrape_has() throws Exception {
        Set<String> live = new TreeSet<>(List.of("up", "ALERTS", "ALERTS_FOR_STATE"));
        for (String service : urls.keySet()) {
            live.addAll(scrape(service).names());
        }
        Path monitoring = Promtool.monitoringDir();
        Set<String> used = new TreeSet<>();
        try (Stream<Path> dashboards = Files.list(monitoring.resolve("grafana/dashboards"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                List<String> exprs = PromQl.dashboardExpressions(dashboard);
                assertThat(exprs).as(dashboard + " has panels with queries").isNotEmpty();
                exprs.forEach(x -> used.addAll(PromQl.metricNames(x)));
            }
        }
        List<String> rules = PromQl.ruleExpressions(monitoring.resolve("prometheus/alerts.yml"));
        assertThat(rules).isNotEmpty();
        rules.forEach(x -> used.addAll(PromQl.metricNames(x)));

        assertThat(used).as("metric names in the dashboard and alerts.yml").isNotEmpty().allMatch(live::contains,
                "is a metric of a live scrape (" + live.size() + " names)");
    }

    @Test
    @Order(5)
    void status_shows_every_service_ready_with_its_key_meters() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = new CommandLine(new StatusCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of()))
                .execute("--url", String.join(",", urls.values()));
        String screen = buffer.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(screen).isZero();
        assertThat(screen).contains("ingest-gateway", "stream-processor", "erp-sink")
                .contains("APPLIED " + approved)
                .contains("commands " + approved)
                .doesNotContain("NOT READY", "UNREACHABLE");
    }

    @Test
    @Order(6)
    void a_real_prometheus_scrapes_every_service_and_alerts_when_the_sink_stops(@TempDir Path dir) throws Exception {
        Promtool.require(Promtool.PROMETHEUS);
        int port = freePort();
        Files.writeString(dir.resolve("prometheus.yml"), prometheusConfig());
        // The shipped rules, with every hold time cut to zero: their timing is promtool's unit tests' job, their
        // expressions against live targets are this test's.
        String rules = Files.readString(Promtool.monitoringDir().resolve("prometheus/alerts.yml"))
                .replaceAll("(?m)^(\\s*)for:\\s*\\S+", "$1for: 0s");
        Files.writeString(dir.resolve("alerts.yml"), rules);
        Process prometheus = new ProcessBuilder(Promtool.PROMETHEUS.toString(),
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        String api = "http://127.0.0.1:" + port + "/api/v1/";
        try {
            await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() -> {
                JsonNode targets = getJson(api + "targets").path("data").path("activeTargets");
                assertThat(targets).hasSize(3).allSatisfy(t -> assertThat(t.path("health").asText()).isEqualTo("up"));
            });
            await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() ->
                    assertThat(queryValue(api, "sum(ptsl_sink_commands_total{result=\"APPLIED\"})")).isEqualTo(approved));
            assertThat(firingAlerts(api)).as("nothing fires while the pipeline is healthy").doesNotContain("PtslServiceNotReady");

            pipeline.stopSink();

            await().atMost(DEADLINE).ignoreExceptions().untilAsserted(() ->
                    assertThat(firingAlerts(api)).contains("PtslServiceNotReady"));
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    @Test
    @Order(7)
    void status_names_the_stopped_sink_and_exits_1() {
        pipeline.stopSink(); // idempotent: already stopped by the Prometheus test, unless it was skipped
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit = new CommandLine(new StatusCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of()))
                .execute("--url", String.join(",", urls.values()));
        String screen = buffer.toString(StandardCharsets.UTF_8);

        assertThat(exit).as(screen).isEqualTo(1);
        assertThat(screen).contains("UNREACHABLE", urls.get("erp-sink"), "connection refused");
    }

    @Test
    @Order(8)
    void status_with_a_malformed_url_is_a_usage_error() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new StatusCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8), Map.of()));
        cli.setErr(new java.io.PrintWriter(buffer, true));
        assertThat(cli.execute("--url", "ftp://example")).isEqualTo(2);
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("--url ftp://example must be http(s)://host:port");
    }

    private Scrape scrape(String service) throws IOException, InterruptedException {
        return admin.scrape(urls.get(service));
    }

    private String prometheusConfig() {
        StringBuilder yml = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files: [alerts.yml]\nscrape_configs:\n");
        urls.forEach((service, url) -> yml.append("  - job_name: ").append(service).append('\n')
                .append("    static_configs: [{targets: ['").append(URI.create(url).getAuthority()).append("']}]\n"));
        return yml.toString();
    }

    private static double queryValue(String api, String promql) throws Exception {
        JsonNode result = getJson(api + "query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data").path("result");
        return result.get(0).path("value").get(1).asDouble();
    }

    private static Set<String> firingAlerts(String api) throws Exception {
        Set<String> firing = new TreeSet<>();
        for (JsonNode alert : getJson(api + "alerts").path("data").path("alerts")) {
            if ("firing".equals(alert.path("state").asText())) {
                firing.add(alert.path("labels").path("alertname").asText());
            }
        }
        return firing;
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(response.body());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
