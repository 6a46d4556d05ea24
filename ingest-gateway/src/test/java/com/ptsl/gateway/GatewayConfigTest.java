package com.ptsl.gateway;

import com.ptsl.gateway.push.PushConfig;
import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GatewayConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> env = new HashMap<>();
        env.put("PAYTRACE_USERNAME", "api-user");
        env.put("PAYTRACE_PASSWORD", "s3cret-pw");
        return env;
    }

    @Test
    void appliesTheDefaults() {
        GatewayConfig config = GatewayConfig.fromEnv(minimal());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.payTraceBaseUrl()).isEqualTo(URI.create("https://api.paytrace.com"));
        assertThat(config.integratorId()).isNull();
        assertThat(config.merchantZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.lookbackDays()).isEqualTo(1);
        assertThat(config.stateDir()).isEqualTo(Path.of("./data/gateway"));
        assertThat(config.followUpsPerPoll()).isEqualTo(5);
        assertThat(config.batchPolling()).isTrue();
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 8081, null));
        PushConfig push = config.push();
        assertThat(push.enabled()).as("no secret, no push receivers").isFalse();
        assertThat(push.host()).isEqualTo("0.0.0.0");
        assertThat(push.port()).isEqualTo(8090);
        assertThat(push.replayWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(push.maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(push.maxEvents()).isEqualTo(500);
        assertThat(push.maxInFlight()).isEqualTo(64);
        assertThat(push.ackTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(push.transactionalId()).startsWith("ptsl-ingest-gateway-push-").hasSizeGreaterThan(25);
        assertThat(push.confirmsPerSecond()).isEqualTo(5);
        assertThat(push.confirmationQueue()).isEqualTo(10_000);
        assertThat(config.pushHealthyFor()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.sweepReadBudgetPerMinute()).isEqualTo(20_000);
    }

    @Test
    void readsThePushVariables() {
        Map<String, String> env = minimal();
        env.put("GATEWAY_PUSH_HOST", "127.0.0.1");
        env.put("GATEWAY_PUSH_PORT", "0");
        env.put("GATEWAY_PUSH_SECRET", "current-secret-0123456789");
        env.put("GATEWAY_PUSH_SECRET_PREVIOUS", "previous-secret-0123456789");
        env.put("GATEWAY_PUSH_REPLAY_WINDOW_S", "60");
        env.put("GATEWAY_PUSH_MAX_BODY_BYTES", "4096");
        env.put("GATEWAY_PUSH_MAX_EVENTS", "10");
        env.put("GATEWAY_PUSH_MAX_IN_FLIGHT", "2");
        env.put("GATEWAY_PUSH_ACK_TIMEOUT_MS", "3000");
        env.put("GATEWAY_PUSH_TRANSACTIONAL_ID", "gateway-a");
        env.put("GATEWAY_SILENT_POST_CONFIRMS_PER_S", "1");
        env.put("GATEWAY_SILENT_POST_QUEUE", "7");
        env.put("GATEWAY_PUSH_HEALTHY_MS", "2000");
        env.put("GATEWAY_SWEEP_INTERVAL_MS", "5000");
        env.put("GATEWAY_SWEEP_READ_BUDGET_PER_MIN", "100");

        GatewayConfig config = GatewayConfig.fromEnv(env);

        PushConfig push = config.push();
        assertThat(push.enabled()).isTrue();
        assertThat(push.host()).isEqualTo("127.0.0.1");
        assertThat(push.port()).isZero();
        assertThat(push.secrets()).containsExactly("current-secret-0123456789", "previous-secret-0123456789");
        assertThat(push.replayWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(push.maxBodyBytes()).isEqualTo(4096);
        assertThat(push.maxEvents()).isEqualTo(10);
        assertThat(push.maxInFlight()).isEqualTo(2);
        assertThat(push.ackTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(push.transactionalId()).isEqualTo("gateway-a");
        assertThat(push.confirmsPerSecond()).isEqualTo(1);
        assertThat(push.confirmationQueue()).isEqualTo(7);
        assertThat(config.pushHealthyFor()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.sweepReadBudgetPerMinute()).isEqualTo(100);
        assertThat(config.toString()).doesNotContain("current-secret").doesNotContain("previous-secret")
                .contains("secret=***").contains("previousSecret=***");
    }

    @Test
    void refusesAWeakOrLonelyPushSecretWithoutShowingIt() {
        Map<String, String> env = minimal();
        env.put("GATEWAY_PUSH_SECRET", "short-secret");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(env))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.variable()).isEqualTo("GATEWAY_PUSH_SECRET"))
                .hasMessageContaining("at least 16 characters")
                .hasMessageNotContaining("short-secret");

        env.remove("GATEWAY_PUSH_SECRET");
        env.put("GATEWAY_PUSH_SECRET_PREVIOUS", "previous-secret-0123456789");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(env))
                .isInstanceOfSatisfying(ConfigException.class,
                        e -> assertThat(e.variable()).isEqualTo("GATEWAY_PUSH_SECRET_PREVIOUS"))
                .hasMessageContaining("GATEWAY_PUSH_SECRET is not")
                .hasMessageNotContaining("previous-secret");
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = minimal();
        env.put("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092");
        env.put("PAYTRACE_BASE_URL", "https://api.sandbox.paytrace.com");
        env.put("PAYTRACE_INTEGRATOR_ID", "INT123");
        env.put("PAYTRACE_MERCHANT_ZONE", "America/Chicago");
        env.put("GATEWAY_POLL_INTERVAL_MS", "250");
        env.put("GATEWAY_LOOKBACK_DAYS", "0");
        env.put("GATEWAY_STATE_DIR", "/var/lib/gateway");
        env.put("GATEWAY_FOLLOW_UPS_PER_POLL", "0");
        env.put("GATEWAY_BATCH_POLLING", "false");
        env.put("ADMIN_HOST", "0.0.0.0");
        env.put("ADMIN_PORT", "9181");
        env.put("ADMIN_TOKEN", "adm1n-t0ken");

        GatewayConfig config = GatewayConfig.fromEnv(env);

        assertThat(config.bootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(config.payTraceBaseUrl().getHost()).isEqualTo("api.sandbox.paytrace.com");
        assertThat(config.username()).isEqualTo("api-user");
        assertThat(config.password()).isEqualTo("s3cret-pw");
        assertThat(config.integratorId()).isEqualTo("INT123");
        assertThat(config.merchantZone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.lookbackDays()).isZero();
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/gateway"));
        assertThat(config.followUpsPerPoll()).isZero();
        assertThat(config.batchPolling()).isFalse();
        assertThat(config.admin()).isEqualTo(new AdminConfig("0.0.0.0", 9181, "adm1n-t0ken"));
        assertThat(config.toString()).doesNotContain("adm1n-t0ken");
    }

    @Test
    void namesAMissingCredential() {
        Map<String, String> env = minimal();
        env.remove("PAYTRACE_PASSWORD");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(env)).hasMessageContaining("PAYTRACE_PASSWORD");

        env.put("PAYTRACE_PASSWORD", "x");
        env.put("PAYTRACE_USERNAME", "  ");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(env)).hasMessageContaining("PAYTRACE_USERNAME");
    }

    @Test
    void namesTheBadVariable() {
        assertBad("GATEWAY_POLL_INTERVAL_MS", "soon");
        assertBad("GATEWAY_POLL_INTERVAL_MS", "0");
        assertBad("GATEWAY_LOOKBACK_DAYS", "-1");
        assertBad("GATEWAY_LOOKBACK_DAYS", "400");
        assertBad("PAYTRACE_MERCHANT_ZONE", "Mars/Olympus");
        assertBad("PAYTRACE_BASE_URL", "ftp://api.paytrace.com");
        assertBad("PAYTRACE_BASE_URL", "not a url");
        assertBad("ADMIN_PORT", "65536");
        assertBad("ADMIN_PORT", "http");
        assertBad("GATEWAY_FOLLOW_UPS_PER_POLL", "-1");
        assertBad("GATEWAY_FOLLOW_UPS_PER_POLL", "101");
        assertBad("GATEWAY_BATCH_POLLING", "yes");
        assertBad("GATEWAY_BATCH_POLLING", "TRUE");
        assertBad("GATEWAY_PUSH_PORT", "-1");
        assertBad("GATEWAY_PUSH_PORT", "65536");
        assertBad("GATEWAY_PUSH_REPLAY_WINDOW_S", "0");
        assertBad("GATEWAY_PUSH_MAX_BODY_BYTES", "100");
        assertBad("GATEWAY_PUSH_MAX_EVENTS", "0");
        assertBad("GATEWAY_PUSH_MAX_IN_FLIGHT", "0");
        assertBad("GATEWAY_PUSH_ACK_TIMEOUT_MS", "999");
        assertBad("GATEWAY_PUSH_ACK_TIMEOUT_MS", "120001");
        assertBad("GATEWAY_PUSH_TRANSACTIONAL_ID", "x".repeat(201));
        assertBad("GATEWAY_SILENT_POST_CONFIRMS_PER_S", "0");
        assertBad("GATEWAY_SILENT_POST_QUEUE", "many");
        assertBad("GATEWAY_PUSH_HEALTHY_MS", "10");
        assertBad("GATEWAY_SWEEP_INTERVAL_MS", "0");
        assertBad("GATEWAY_SWEEP_READ_BUDGET_PER_MIN", "0");
    }

    @Test
    void saysWhatWasWrongAndWhatWasExpected() {
        Map<String, String> env = minimal();
        env.put("GATEWAY_LOOKBACK_DAYS", "400");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(env))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.variable()).isEqualTo("GATEWAY_LOOKBACK_DAYS"))
                .hasMessage("GATEWAY_LOOKBACK_DAYS must be a whole number between 0 and 31, was 400");
    }

    @Test
    void namesTheFirstProblemInDeclarationOrder() {
        Map<String, String> env = minimal();
        env.remove("PAYTRACE_PASSWORD");
        env.put("ADMIN_PORT", "not-a-port");
        assertThatThrownBy(() -> GatewayConfig.fromEnv(env)).hasMessageStartingWith("PAYTRACE_PASSWORD is required");
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(GatewayConfig.fromEnv(minimal()).toString()).doesNotContain("s3cret-pw").contains("password=***");
    }

    @Test
    void helpListsEveryVariable() {
        String usage = GatewayMain.usage();

        GatewayConfig.VARIABLES.forEach(v -> assertThat(usage).contains(v.name()));
        assertThat(usage).contains("PAYTRACE_PASSWORD").contains("required");
        assertThat(GatewayConfig.VARIABLES).extracting(v -> v.name()).contains("ADMIN_HOST", "ADMIN_PORT", "ADMIN_TOKEN");
        assertThat(usage).contains("default 8081");
        assertThat(usage).contains("GATEWAY_FOLLOW_UPS_PER_POLL").contains("GATEWAY_BATCH_POLLING");
        assertThat(GatewayConfig.VARIABLES).extracting(v -> v.name()).contains("GATEWAY_PUSH_HOST", "GATEWAY_PUSH_PORT",
                "GATEWAY_PUSH_SECRET", "GATEWAY_PUSH_SECRET_PREVIOUS", "GATEWAY_PUSH_REPLAY_WINDOW_S",
                "GATEWAY_PUSH_MAX_BODY_BYTES", "GATEWAY_PUSH_MAX_EVENTS", "GATEWAY_PUSH_MAX_IN_FLIGHT",
                "GATEWAY_PUSH_ACK_TIMEOUT_MS", "GATEWAY_PUSH_TRANSACTIONAL_ID", "GATEWAY_SILENT_POST_CONFIRMS_PER_S",
                "GATEWAY_SILENT_POST_QUEUE", "GATEWAY_PUSH_HEALTHY_MS", "GATEWAY_SWEEP_INTERVAL_MS",
                "GATEWAY_SWEEP_READ_BUDGET_PER_MIN");
        assertThat(usage).contains("default 8090").contains("default 20000");
        assertThat(GatewayConfig.VARIABLES).filteredOn(v -> v.name().startsWith("GATEWAY_PUSH_SECRET"))
                .allSatisfy(v -> assertThat(v.secret()).isTrue());
    }

    private static void assertBad(String variable, String value) {
        Map<String, String> env = minimal();
        env.put(variable, value);
        assertThatThrownBy(() -> GatewayConfig.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable);
    }
}
