package com.ptsl.service.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.service.health.Check;
import com.ptsl.service.health.Readiness;
import com.ptsl.service.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin endpoints over real HTTP on an ephemeral port. */
class AdminServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServiceMetrics metrics = new ServiceMetrics();
    private AdminServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        metrics.close();
    }

    @Test
    void readiness_is_200_when_every_check_passes_and_503_naming_the_failing_one() throws Exception {
        AtomicBoolean databaseUp = new AtomicBoolean(true);
        Readiness readiness = new Readiness("erp-sink")
                .add("partitions", () -> Check.Result.ok("owns 6 partitions"))
                .add("database", () -> databaseUp.get() ? Check.Result.ok("SL answered")
                        : Check.Result.failing("SL database did not answer within 2 s"));
        server = AdminServer.start(AdminConfig.ephemeral(), readiness, metrics);

        HttpResponse<String> up = get("/health/ready", null);
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(up.body()).at("/checks/database/status").asText()).isEqualTo("UP");

        databaseUp.set(false);
        HttpResponse<String> down = get("/health/ready", null);
        JsonNode body = JSON.readTree(down.body());
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(body.path("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/database/status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/database/detail").asText()).isEqualTo("SL database did not answer within 2 s");
        assertThat(body.at("/checks/partitions/status").asText()).isEqualTo("UP");
        assertThat(get("/health/live", null).statusCode()).as("liveness does not depend on dependencies").isEqualTo(200);
    }

    @Test
    void a_check_that_throws_counts_as_failing_with_its_reason() throws Exception {
        Readiness readiness = new Readiness("x").add("broken", () -> {
            throw new IllegalStateException("boom");
        });
        server = AdminServer.start(AdminConfig.ephemeral(), readiness, metrics);

        HttpResponse<String> response = get("/health/ready", null);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(response.body()).at("/checks/broken/detail").asText()).contains("IllegalStateException", "boom");
    }

    @Test
    void metrics_are_prometheus_text_with_jvm_meters_business_meters_and_readiness() throws Exception {
        Counter.builder("ptsl.test.events").description("events seen by the test").register(metrics.registry()).increment(3);
        AtomicBoolean ready = new AtomicBoolean(false);
        server = AdminServer.start(AdminConfig.ephemeral(),
                new Readiness("x").add("flag", () -> new Check.Result(ready.get(), "flag")), metrics);

        HttpResponse<String> response = get("/metrics", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(ct -> assertThat(ct).startsWith("text/plain"));
        assertThat(response.body()).contains("# HELP ptsl_test_events_total events seen by the test",
                "ptsl_test_events_total 3.0", "ptsl_service_ready 0.0", "jvm_memory_used_bytes", "process_uptime_seconds");
        ready.set(true);
        assertThat(get("/metrics", null).body()).contains("ptsl_service_ready 1.0");
    }

    @Test
    void with_a_token_metrics_and_readiness_want_it_and_liveness_does_not() throws Exception {
        server = AdminServer.start(new AdminConfig("127.0.0.1", 0, "s3cret-token"),
                new Readiness("x").add("ok", () -> Check.Result.ok("fine")), metrics);

        assertThat(get("/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/health/ready", null).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "s3cret-token").statusCode()).isEqualTo(200);
        assertThat(get("/health/ready", "s3cret-token").statusCode()).isEqualTo(200);
        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_path_is_404_with_a_hint_and_close_is_idempotent() throws Exception {
        server = AdminServer.start(AdminConfig.ephemeral(), new Readiness("x"), metrics);

        HttpResponse<String> response = get("/nope", null);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/health/ready");
        assertThat(get("/health/ready", null).statusCode()).as("no checks registered yet: not ready").isEqualTo(503);
        server.close();
        server.close();
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
