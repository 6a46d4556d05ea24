package com.ptsl.gateway.poll;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.GatewayStats;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.PayTraceUnavailableException;
import com.ptsl.gateway.paytrace.TransactionExport;
import com.ptsl.gateway.publish.RawPublisher;
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

    private static final TransactionExport ONE_RECORD = (from, to) -> {
        ObjectNode record = Json.object();
        record.put("transaction_id", 123456789L);
        record.put("amount", new java.math.BigDecimal("12.30"));
        record.put("status_code", "Y");
        return List.of(record);
    };

    private static RawPublisher publisherWithoutBroker() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, Object> config = RawPublisher.producerConfig("127.0.0.1:" + port, "gateway-failure-test");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300);
        return new RawPublisher(config);
    }

    @Test
    void anUnacknowledgedRecordLeavesTheCheckpointWhereItWas() throws Exception {
        GatewayStats stats = new GatewayStats();
        Checkpoint checkpoint = new Checkpoint();
        CheckpointStore store = new CheckpointStore(stateDir);
        try (RawPublisher publisher = publisherWithoutBroker()) {
            Poller poller = new Poller(ONE_RECORD, publisher, checkpoint, store, ZoneId.of("America/Los_Angeles"), 1,
                    Clock.systemUTC(), stats);

            assertThatThrownBy(poller::pollOnce)
                    .isInstanceOfSatisfying(PublishFailedException.class, e -> assertThat(e.failed()).isEqualTo(1));
        }
        assertThat(checkpoint.size()).isZero();
        assertThat(store.file()).doesNotExist();
        assertThat(stats.recordsPublished()).isZero();
        assertThat(stats.lastSuccessfulPoll()).isEmpty();
    }

    @Test
    void theLoopSurvivesFailuresAndKeepsRetrying() throws Exception {
        GatewayStats stats = new GatewayStats();
        AtomicInteger exports = new AtomicInteger();
        TransactionExport failing = (from, to) -> {
            exports.incrementAndGet();
            throw new PayTraceUnavailableException("PayTrace answered HTTP 503", 503, null);
        };
        try (RawPublisher publisher = publisherWithoutBroker()) {
            Poller poller = new Poller(failing, publisher, new Checkpoint(), new CheckpointStore(stateDir),
                    ZoneId.of("UTC"), 1, Clock.systemUTC(), stats);
            PollLoop loop = new PollLoop(poller, Duration.ofMillis(10), stats);
            Thread thread = new Thread(loop, "poll-loop-test");
            thread.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> stats.pollErrors() >= 4);
            assertThat(thread.isAlive()).isTrue();
            assertThat(exports.get()).isGreaterThanOrEqualTo(4);

            loop.stop();
            thread.join(5_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }
}
