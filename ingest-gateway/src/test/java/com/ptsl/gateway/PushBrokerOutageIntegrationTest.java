package com.ptsl.gateway;

import com.ptsl.gateway.push.PushEndpoint;
import com.ptsl.gateway.push.PushOutcome;
import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.schemas.avro.RecordSource;
import com.ptsl.service.admin.AdminConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 202 is never sent before Kafka committed: with the only broker stopped, a signed push is answered 503 with
 * Retry-After within the ack timeout, and once the broker is back nothing of that request is in the topic; the
 * receiver then accepts again without a restart. A cluster of its own, since its broker is stopped.
 */
class PushBrokerOutageIntegrationTest {

    private static final int ACK_TIMEOUT_MS = 4000;

    @TempDir
    Path tmp;

    @Test
    void withTheBrokerDownAPushIsRefusedWithinTheBoundAndLeavesNothingBehind() {
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1);
             PayTraceSandbox sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(800_000_000L))) {
            Map<String, String> env = new HashMap<>(PushIT.pushEnv(Map.of(
                    "GATEWAY_PUSH_ACK_TIMEOUT_MS", Integer.toString(ACK_TIMEOUT_MS))));
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            env.put("PAYTRACE_BASE_URL", sandbox.baseUrl());
            env.put("PAYTRACE_USERNAME", sandbox.config().username());
            env.put("PAYTRACE_PASSWORD", sandbox.config().password());
            env.put("PAYTRACE_MERCHANT_ZONE", sandbox.config().merchantZone().getId());
            env.put("GATEWAY_STATE_DIR", tmp.resolve("gateway").toString());
            try (GatewayService gateway = new GatewayService(GatewayConfig.fromEnv(env).withAdmin(AdminConfig.ephemeral()))
                    .start()) {
                PushClient client = new PushClient(gateway.pushUrl(), PushIT.SECRET, Clock.systemUTC());
                await().atMost(Duration.ofSeconds(60)).until(() -> gateway.readiness().evaluate().checks().get("push").ok());
                assertThat(client.push(record("800900001")).statusCode()).isEqualTo(202);

                kafka.stopBroker(0);
                long started = System.nanoTime();
                HttpResponse<String> refused = client.push(record("800900002"));
                Duration took = Duration.ofNanos(System.nanoTime() - started);

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).contains("5");
                assertThat(refused.body()).contains("not published, retry later");
                // The contract's bound, with room for a loaded machine; not a benchmark.
                assertThat(took).isLessThan(Duration.ofMillis(ACK_TIMEOUT_MS + 3000));
                HttpResponse<String> whileDown = client.push(record("800900003"));
                assertThat(whileDown.statusCode()).isEqualTo(503);
                assertThat(gateway.readiness().evaluate().checks().get("push").ok()).isFalse();

                kafka.restartBroker(0);
                // The receiver comes back by itself; the sender's retry of the refused request then goes through.
                await().atMost(Duration.ofSeconds(90)).until(() -> client.push(record("800900004")).statusCode() == 202);

                assertThat(PushIT.raw(kafka.bootstrapServers(), Set.of("800900001", "800900002", "800900003",
                        "800900004"))).containsOnlyKeys("800900001", "800900004");
                assertThat(gateway.metrics().pushRequests(PushEndpoint.TRANSACTIONS, PushOutcome.UNAVAILABLE))
                        .isGreaterThanOrEqualTo(2);
                assertThat(gateway.metrics().recordsPublished(RecordSource.PUSH)).isEqualTo(2);
            }
        }
    }

    private static String record(String id) {
        return "{\"transaction_id\":" + id + ",\"transaction_type\":\"SALE\",\"amount\":7.5,\"status_code\":\"Y\"}";
    }
}
