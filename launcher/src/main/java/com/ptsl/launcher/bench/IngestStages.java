package com.ptsl.launcher.bench;

import com.ptsl.gateway.GatewayConfig;
import com.ptsl.gateway.GatewayService;
import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.service.admin.AdminClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ingestion stages, side by side on ONE fresh broker: Kafka's own ProducerPerformance (and ConsumerPerformance reading
 * its records back) at the size of a push-published raw record, then signed pushes through a real {@link GatewayService}
 * into the raw topic. Same broker, same machine, same run: the ratio compares the gateway with Kafka, not two days.
 */
final class IngestStages {

    static final String PERF_TOPIC = "bench.producer-performance";
    /** Large enough that the gateway's poller polls once (at start) and then stays out of the measurement. */
    static final int POLL_INTERVAL_MS = 3_600_000;

    private IngestStages() {
    }

    static List<BenchRow> run(Set<BenchStage> stages, BenchSizes sizes, Path dir, List<BenchStage> order, BenchProgress progress) {
        List<BenchRow> rows = new ArrayList<>();
        EmbeddedKafkaCluster kafka;
        try {
            progress.line("starting Kafka (embedded KRaft, 1 broker) for the ingestion stages");
            kafka = EmbeddedKafkaCluster.start(1, dir.resolve("kafka"));
        } catch (RuntimeException e) {
            String reason = "no broker: " + Failures.reason(e);
            if (stages.contains(BenchStage.RAW_PRODUCER)) {
                rows.add(BenchRow.failed("raw-producer", "records/s", reason));
                rows.add(BenchRow.failed("raw-consumer", "records/s", reason));
            }
            if (stages.contains(BenchStage.PUSH_INGEST)) {
                rows.add(BenchRow.failed("push-ingest", "records/s", reason));
            }
            return rows;
        }
        try (kafka) {
            String bootstrap = kafka.bootstrapServers();
            TopicCreator.ensure(bootstrap, Topics.all());
            ZoneId zone = SandboxConfig.defaults().merchantZone();
            Double raw = null;
            if (stages.contains(BenchStage.RAW_PRODUCER)) {
                progress.stage(order.indexOf(BenchStage.RAW_PRODUCER) + 1, BenchStage.RAW_PRODUCER.id());
                raw = rawProducer(kafka, zone, sizes, rows, progress);
            }
            if (stages.contains(BenchStage.PUSH_INGEST)) {
                progress.stage(order.indexOf(BenchStage.PUSH_INGEST) + 1, BenchStage.PUSH_INGEST.id());
                rows.add(pushIngest(bootstrap, zone, sizes, dir, raw, progress));
            }
        }
        return rows;
    }

    /** Returns ProducerPerformance's records/s, null when it failed (its row says why). */
    private static Double rawProducer(EmbeddedKafkaCluster kafka, ZoneId zone, BenchSizes sizes, List<BenchRow> rows,
                                      BenchProgress progress) {
        String bootstrap = kafka.bootstrapServers();
        KafkaPerfTools tools = new KafkaPerfTools(Duration.ofMinutes(5));
        int recordBytes;
        KafkaPerfTools.ProducerFigures produced;
        try {
            recordBytes = RawRecordSample.averageValueBytes(zone, 500);
            progress.line(String.format(Locale.US, "a push-published RawPayTraceRecord serializes to %d bytes on average; "
                    + "ProducerPerformance: %,d records of that size", recordBytes, sizes.rawRecords()));
            kafka.createTopic(PERF_TOPIC, Topics.RAW_TRANSACTIONS.partitions(), Map.of());
            produced = tools.producer(bootstrap, PERF_TOPIC, sizes.rawRecords(), recordBytes, progress::line);
        } catch (IOException | RuntimeException e) {
            rows.add(BenchRow.failed("raw-producer", "records/s", Failures.reason(e)));
            rows.add(BenchRow.failed("raw-consumer", "records/s", "nothing produced to read"));
            return null;
        }
        rows.add(BenchRow.measured("raw-producer", produced.recordsPerSecond(), "records/s", null, String.format(Locale.US,
                "Kafka ProducerPerformance, %d B records (avg push RawPayTraceRecord), keyed, acks=all, idempotent, %d partitions; %s",
                recordBytes, Topics.RAW_TRANSACTIONS.partitions(), KafkaPerfTools.describe(produced))));
        try {
            progress.line("ConsumerPerformance: reading the records back");
            KafkaPerfTools.ConsumerFigures consumed = tools.consumer(bootstrap, PERF_TOPIC, produced.records(), progress::line);
            rows.add(BenchRow.measured("raw-consumer", consumed.fetchRecordsPerSecond(), "records/s", null, String.format(Locale.US,
                    "Kafka ConsumerPerformance, fetch rate (group join of %d ms left out; %,.0f records/s with it), %,d records, %.2f MB/s",
                    consumed.rebalanceMs(), consumed.recordsPerSecond(), consumed.records(), consumed.mbPerSecond())));
        } catch (IOException | RuntimeException e) {
            rows.add(BenchRow.failed("raw-consumer", "records/s", Failures.reason(e)));
        }
        return produced.recordsPerSecond();
    }

    private static BenchRow pushIngest(String bootstrap, ZoneId zone, BenchSizes sizes, Path dir, Double raw, BenchProgress progress) {
        String baselineNote = raw == null ? "; baseline raw-producer not measured in this run" : "";
        try (PayTraceSandbox payTrace = PayTraceSandbox.start(SandboxConfig.defaults())) {
            int port = freePort();
            String secret = randomSecret();
            Map<String, String> env = gatewayEnvironment(bootstrap, payTrace, dir.resolve("gateway"), port, secret);
            progress.line("starting ingest-gateway with its push receivers on 127.0.0.1:" + port);
            try (GatewayService gateway = new GatewayService(GatewayConfig.fromEnv(env))) {
                gateway.start();
                awaitReady(gateway, Duration.ofSeconds(60));
                PushLoad load = new PushLoad(new PushClient("http://127.0.0.1:" + port, secret), zone, sizes.pushBatch(),
                        sizes.pushSenders(), progress::line);
                progress.line(String.format(Locale.US, "pushing %,d records, %d per request, %d senders (after a warm-up)",
                        sizes.pushRecords(), sizes.pushBatch(), sizes.pushSenders()));
                PushLoad.Figures f = load.run(sizes.pushRecords());
                String note = String.format(Locale.US, "signed JSON arrays of %d export records, %d senders, 202 = all acked; "
                                + "%,d records in %.1f s, %d x 503, warm-up %,d; %s%s", sizes.pushBatch(), sizes.pushSenders(),
                        f.records(), f.seconds(), f.overloaded(), f.warmupRecords(),
                        Targets.atLeast(Targets.PUSH_RATIO + "x raw-producer", BenchRow.ratio(f.recordsPerSecond(), raw),
                                Targets.PUSH_RATIO), baselineNote);
                return BenchRow.measured("push-ingest", f.recordsPerSecond(), "records/s", raw, note);
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return BenchRow.failed("push-ingest", "records/s", Failures.reason(e));
        }
    }

    /** The gateway's production keys (GatewayConfig.VARIABLES, and the push receivers' GATEWAY_PUSH_*). */
    static Map<String, String> gatewayEnvironment(String bootstrap, PayTraceSandbox payTrace, Path stateDir, int pushPort,
                                                  String secret) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("PAYTRACE_BASE_URL", payTrace.baseUrl());
        env.put("PAYTRACE_USERNAME", payTrace.config().username());
        env.put("PAYTRACE_PASSWORD", payTrace.config().password());
        env.put("PAYTRACE_MERCHANT_ZONE", payTrace.config().merchantZone().getId());
        env.put("GATEWAY_POLL_INTERVAL_MS", Integer.toString(POLL_INTERVAL_MS));
        env.put("GATEWAY_STATE_DIR", stateDir.toString());
        env.put("ADMIN_HOST", "127.0.0.1");
        env.put("ADMIN_PORT", "0");
        env.put("GATEWAY_PUSH_HOST", "127.0.0.1");
        env.put("GATEWAY_PUSH_PORT", Integer.toString(pushPort));
        env.put("GATEWAY_PUSH_SECRET", secret);
        return env;
    }

    /** Until /health/ready answers 200 (the first poll done, Kafka reachable), asked over HTTP as an orchestrator would. */
    private static void awaitReady(GatewayService gateway, Duration timeout) throws IOException, InterruptedException {
        AdminClient client = new AdminClient(null);
        Instant deadline = Instant.now().plus(timeout);
        AdminClient.Answer last = null;
        while (Instant.now().isBefore(deadline)) {
            last = client.readiness(gateway.adminUrl());
            if (last.ok()) {
                return;
            }
            Thread.sleep(100); // polling the readiness endpoint until a deadline
        }
        throw new IOException("ingest-gateway not ready after " + timeout.toSeconds() + " s: " + (last == null ? "" : last.body()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
