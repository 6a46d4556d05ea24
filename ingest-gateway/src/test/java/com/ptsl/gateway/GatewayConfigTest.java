package com.ptsl.gateway;

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
    }

    private static void assertBad(String variable, String value) {
        Map<String, String> env = minimal();
        env.put(variable, value);
        assertThatThrownBy(() -> GatewayConfig.fromEnv(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable);
    }
}
