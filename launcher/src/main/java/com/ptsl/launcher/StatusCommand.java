package com.ptsl.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.service.admin.AdminClient;
import com.ptsl.service.metrics.Scrape;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ptsl status}: what an operator types first when something looks wrong. Reads each service's
 * {@code /health/ready} and a few key meters from {@code /metrics} and prints one screen: who is ready, why not,
 * and whether payments are flowing. Exit 0 when every service is ready, 1 when one is not or cannot be reached.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show readiness and key meters of running services (their admin endpoints).",
                "Exit code: 0 all ready, 1 a service is not ready or unreachable, 2 usage error.",
                "A bearer token for guarded endpoints is read from the environment variable ADMIN_TOKEN."})
final class StatusCommand implements Callable<Integer> {

    static final List<String> DEFAULT_URLS = List.of("http://127.0.0.1:8081", "http://127.0.0.1:8082", "http://127.0.0.1:8083");

    @Option(names = "--url", paramLabel = "URL",
            description = "Admin URL of a service, repeatable (default: ${DEFAULT-VALUE}, the gateway's, processor's and sink's default ports).",
            defaultValue = "http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083", split = ",")
    List<String> urls;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final Map<String, String> environment;

    StatusCommand() {
        this(System.out, System.getenv());
    }

    StatusCommand(PrintStream out, Map<String, String> environment) {
        this.out = out;
        this.environment = environment;
    }

    @Override
    public Integer call() {
        for (String url : urls) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--url " + url + " is not a URL");
            }
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ParameterException(spec.commandLine(),
                        "--url " + url + " must be http(s)://host:port of a service's admin server");
            }
        }
        AdminClient client = new AdminClient(environment.get("ADMIN_TOKEN"));
        List<Row> rows = new ArrayList<>();
        for (String url : urls) {
            rows.add(read(client, url));
        }
        print(rows);
        return rows.stream().allMatch(r -> r.ready) ? 0 : 1;
    }

    private record Row(String service, String url, boolean ready, String state, List<String> why, String meters) {
    }

    private static Row read(AdminClient client, String url) {
        AdminClient.Answer readiness;
        JsonNode body;
        try {
            readiness = client.readiness(url);
            body = readiness.json();
        } catch (ConnectException e) {
            return new Row("?", url, false, "UNREACHABLE", List.of("connection refused: is the service running on this port?"), "");
        } catch (Exception e) {
            return new Row("?", url, false, "UNREACHABLE", List.of(e.getClass().getSimpleName() + ": " + e.getMessage()), "");
        }
        List<String> why = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.path("checks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> check = it.next();
            if (!"UP".equals(check.getValue().path("status").asText())) {
                why.add(check.getKey() + ": " + check.getValue().path("detail").asText());
            }
        }
        if (readiness.status() == 401) {
            why.add("401: set ADMIN_TOKEN to the services' admin token");
        }
        String meters;
        try {
            meters = KeyMeters.describe(client.scrape(url));
        } catch (Exception e) {
            meters = "metrics unavailable: " + e.getMessage();
        }
        return new Row(body.path("service").asText("?"), url, readiness.ok(), readiness.ok() ? "READY" : "NOT READY", why, meters);
    }

    private void print(List<Row> rows) {
        out.printf("%-17s %-11s %-26s %s%n", "SERVICE", "STATE", "ADMIN URL", "FAILING CHECKS");
        for (Row r : rows) {
            out.printf("%-17s %-11s %-26s %s%n", r.service, r.state, r.url, r.why.isEmpty() ? "" : r.why.get(0));
            for (String more : r.why.subList(Math.min(1, r.why.size()), r.why.size())) {
                out.printf("%-17s %-11s %-26s %s%n", "", "", "", more);
            }
        }
        out.println();
        for (Row r : rows) {
            if (!r.meters.isEmpty()) {
                out.printf("%-17s %s%n", r.service, r.meters);
            }
        }
    }

    /** The few figures that tell whether payments flow, per service, picked by which meters a scrape holds. */
    static final class KeyMeters {

        private KeyMeters() {
        }

        static String describe(Scrape s) {
            if (s.sum("ptsl_gateway_records_read_total").isPresent()) {
                return String.format("polls ok %.0f, failed %.0f; last success %s ago; records read %.0f, published %.0f; "
                                + "PayTrace calls not ok %.0f; PANs scrubbed %.0f",
                        s.total("ptsl_gateway_polls_total", "outcome", "ok"), s.total("ptsl_gateway_polls_total", "outcome", "failed"),
                        seconds(s, "ptsl_gateway_last_successful_poll_age_seconds"), s.total("ptsl_gateway_records_read_total"),
                        s.total("ptsl_gateway_records_published_total"),
                        s.total("ptsl_gateway_paytrace_calls_total") - s.total("ptsl_gateway_paytrace_calls_total", "outcome", "ok"),
                        s.total("ptsl_gateway_pans_scrubbed_total"));
            }
            if (s.sum("ptsl_processor_records_in_total").isPresent()) {
                return String.format("records in %.0f; duplicates dropped %.0f; invalid %.0f; commands %.0f; review items %.0f",
                        s.total("ptsl_processor_records_in_total"), s.total("ptsl_processor_duplicates_dropped_total"),
                        s.total("ptsl_processor_invalid_records_total"), s.total("ptsl_processor_commands_total"),
                        s.total("ptsl_processor_review_items_total"));
            }
            if (s.sum("ptsl_sink_commands_total").isPresent()) {
                return String.format("APPLIED %.0f, DUPLICATE %.0f, REJECTED %.0f; lag %.0f records; last commit %s ago; "
                                + "gateway->SL p50 %s p99 %s (%.0f payments)",
                        s.total("ptsl_sink_commands_total", "result", "APPLIED"), s.total("ptsl_sink_commands_total", "result", "DUPLICATE"),
                        s.total("ptsl_sink_commands_total", "result", "REJECTED"), s.total("ptsl_sink_consumer_lag_records"),
                        seconds(s, "ptsl_sink_last_commit_age_seconds"),
                        quantile(s, "ptsl_e2e_gateway_to_sl_seconds", 0.5), quantile(s, "ptsl_e2e_gateway_to_sl_seconds", 0.99),
                        s.total("ptsl_e2e_gateway_to_sl_seconds_count"));
            }
            return "no ptsl meters in this scrape";
        }

        private static String seconds(Scrape s, String gauge) {
            double v = s.sum(gauge).orElse(Double.NaN);
            return Double.isNaN(v) ? "?" : String.format("%.1f s", v);
        }

        private static String quantile(Scrape s, String histogram, double q) {
            var v = s.quantile(histogram, q);
            return v.isPresent() ? String.format("%.2f s", v.getAsDouble()) : "-";
        }
    }
}
