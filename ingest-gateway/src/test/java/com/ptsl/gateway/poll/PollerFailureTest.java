package com.ptsl.gateway.poll;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.PayTraceUnavailableException;
import com.ptsl.gateway.paytrace.TransactionExport;
import com.ptsl.gateway.publish.RawPublisher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the poller does when Kafka does not acknowledge: a real producer pointed at a port nobody listens on
 * (no broker at all is the fault being tested, so none is started).
 */
class PollerFailureTest {

    @TempDir
    Path stateDir;

    private static final TransactionExport ONE_RECORD = WindowOnlyExport.of((from, to) -> {
        ObjectNode record = Json.object();
        record.put("transaction_id", 123456789L);
        record.put("amount", new java.math.BigDecimal("12.30"));
        record.put("status_code", "Y");
        return List.of(record);
    });

    private static RawPublisher publisherWithoutBroker() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> config = RawPublisher.producerConfig("127.0.0.1:" + port, "gateway-failure-test");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300);
        return new RawPublisher(config);
    }

    private static GatewayMetrics metrics() {
        return new GatewayMetrics(new SimpleMeterRegistry(), Clock.systemUTC(), ZoneId.of("UTC"));
    }

    @Test
    void anUnacknowledgedRecordLeavesTheCheckpointWhereItWas() throws Exception {
        GatewayMetrics metrics = metrics();
        Checkpoint checkpoint = new Checkpoint();
        CheckpointStore store = new CheckpointStore(stateDir);
        try (RawPublisher publisher = publisherWithoutBroker()) {
            Poller poller = new Poller(ONE_RECORD, publisher, checkpoint, store, ZoneId.of("America/Los_Angeles"), 1,
                    Clock.systemUTC(), metrics);

            assertThatThrownBy(poller::pollOnce)
                    .isInstanceOfSatisfying(PublishFailedException.class, e -> assertThat(e.failed()).isEqualTo(1));
        }
        assertThat(checkpoint.size()).isZero();
        assertThat(store.file()).doesNotExist();
        assertThat(metrics.recordsPublished()).isZero();
        assertThat(metrics.lastSuccessfulPoll()).isEmpty();
        assertThat(metrics.pollErrors()).isEqualTo(1);
        assertThat(metrics.lastPollFailure()).get().isInstanceOf(PublishFailedException.class);
    }

    @Test
    void theLoopSurvivesFailuresAndKeepsRetrying() throws Exception {
        GatewayMetrics metrics = metrics();
        AtomicInteger exports = new AtomicInteger();
        TransactionExport failing = WindowOnlyExport.of((from, to) -> {
            exports.incrementAndGet();
            throw new PayTraceUnavailableException("PayTrace answered HTTP 503", 503, null);
        });
        try (RawPublisher publisher = publisherWithoutBroker()) {
            Poller poller = new Poller(failing, publisher, new Checkpoint(), new CheckpointStore(stateDir),
                    ZoneId.of("UTC"), 1, Clock.systemUTC(), metrics);
            PollLoop loop = new PollLoop(poller, Duration.ofMillis(10));
            Thread thread = new Thread(loop, "poll-loop-test");
            thread.start();

            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.pollErrors() >= 4);
            assertThat(thread.isAlive()).isTrue();
            assertThat(exports.get()).isGreaterThanOrEqualTo(4);

            loop.stop();
            thread.join(5_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }
}
