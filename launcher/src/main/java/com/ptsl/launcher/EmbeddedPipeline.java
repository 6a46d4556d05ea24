package com.ptsl.launcher;

import com.ptsl.gateway.GatewayConfig;
import com.ptsl.gateway.GatewayService;
import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;
import com.ptsl.kafka.embedded.KafkaCluster;
import com.ptsl.service.admin.AdminClient;
import com.ptsl.processor.ProcessorConfig;
import com.ptsl.processor.ProcessorService;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.sink.SinkConfig;
import com.ptsl.sink.SinkService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * The whole pipeline on one machine: a real KRaft broker, the PayTrace and SL sandboxes, and the
 * three services, each configured through the same environment keys it reads in production.
 *
 * <p>Used by {@code ptsl run} and by the end-to-end tests, which also stop and restart single
 * services through it. Services are started downstream first so that nothing waits on a missing
 * consumer, and stopped upstream first so that in-flight records drain into Kafka, not into the void.
 */
public final class EmbeddedPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPipeline.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Options options;
    private final KafkaCluster kafka;
    private final PayTraceSandbox payTrace;
    private final SlSandbox sl;
    private SinkService sink;
    private ProcessorService processor;
    private GatewayService gateway;
    private boolean closed;
    /** The gateway's push receivers listen here; chosen once so the URL survives a gateway restart. */
    private final int pushPort = freePort();
    /** The push signing secret of this pipeline only: random per run, never printed. */
    private final String pushSecret = randomSecret();

    /** What differs between a demo run and a test run. */
    public record Options(int brokers, Path dataDir, boolean fileBackedSl, String slName, long gatewayPollMillis,
                          SeedSpec seed) {
        /** File-backed SL so the result can be inspected after the run; a 500 ms poll keeps the demo snappy. */
        public static Options forDemo(Path dataDir, int brokers) {
            return new Options(brokers, dataDir, true, "sl", 500, SeedSpec.defaults());
        }

        public static Options forTests(Path dataDir, String slName) {
            return new Options(1, dataDir, false, slName, 200, SeedSpec.defaults());
        }
    }

    /** How long a payment waits for the invoice it names in the embedded pipeline. */
    public static final Duration MATCH_DEADLINE = Duration.ofSeconds(30);

    /**
     * How long a settlement batch waits before it closes as an SL deposit: past the match deadline, so that a payment
     * still waiting for its invoice when PayTrace settled it is in SL when the deposit is compared.
     */
    public static final Duration DEPOSIT_DELAY = MATCH_DEADLINE.plusSeconds(5);

    private EmbeddedPipeline(Options options, Consumer<String> progress) {
        this.options = options;
        progress.accept("starting Kafka (embedded KRaft, " + options.brokers() + " broker" + (options.brokers() > 1 ? "s" : "") + ")");
        this.kafka = EmbeddedKafkaCluster.start(options.brokers(), options.dataDir().resolve("kafka"));
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all());
        progress.accept("starting PayTrace sandbox");
        this.payTrace = PayTraceSandbox.start(SandboxConfig.defaults());
        progress.accept("starting Dynamics SL sandbox");
        this.sl = (options.fileBackedSl() ? SlSandbox.fileBacked(options.dataDir().resolve("sl")) : SlSandbox.inMemory(options.slName()))
                .seed(options.seed());
        progress.accept("starting erp-sink, stream-processor, ingest-gateway");
        startSink();
        startProcessor();
        startGateway();
        awaitReady(READY_TIMEOUT);
        progress.accept("waiting for stream-processor to index SL's open invoices");
        awaitFeedIndexed(READY_TIMEOUT);
    }

    /**
     * Sales made before the processor has read the SL feed's first snapshot would wait for their invoices (correctly,
     * but the demo's figures would measure start-up). The sink is ready only after that snapshot is published; this
     * waits until the processor's committed offsets cover sl.invoices, sl.customers and its by-customer invoice topic.
     */
    private void awaitFeedIndexed(Duration timeout) {
        String group = ProcessorConfig.fromEnv(environment()).applicationId();
        List<String> topics = List.of(Topics.SL_INVOICES.name(), Topics.SL_CUSTOMERS.name(), group + "-invoices-by-customer-repartition");
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
                admin.describeTopics(topics).allTopicNames().get().forEach((name, d) -> d.partitions()
                        .forEach(p -> ends.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                boolean caughtUp = admin.listOffsets(ends).all().get().entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                        || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
                if (caughtUp) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("stream-processor did not index SL's invoices within " + timeout.toSeconds() + " s");
                }
                Thread.sleep(100); // polling committed offsets until a deadline
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the processor", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot read the processor's offsets: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * Returns once every service answers 200 on {@code /health/ready} (Streams RUNNING, the sink owning its
     * partitions and SL answering, the gateway's first poll done): sales made before that would wait for the first
     * rebalances, and the latency figures would measure start-up, not the pipeline. Asked over HTTP, as an
     * orchestrator would.
     */
    private void awaitReady(Duration timeout) {
        AdminClient client = new AdminClient(null);
        Instant deadline = Instant.now().plus(timeout);
        Map<String, String> notReady = new LinkedHashMap<>();
        do {
            notReady.clear();
            adminUrls().forEach((service, url) -> {
                try {
                    AdminClient.Answer r = client.readiness(url);
                    if (!r.ok()) {
                        notReady.put(service, r.body());
                    }
                } catch (IOException e) {
                    notReady.put(service, e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the services", e);
                }
            });
            if (notReady.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(100); // polling readiness endpoints until a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the services", e);
            }
        } while (Instant.now().isBefore(deadline));
        throw new IllegalStateException("Services not ready after " + timeout.toSeconds() + " s: " + notReady);
    }

    /** Each running service's admin URL ({@code /health/live}, {@code /health/ready}, {@code /metrics}), upstream first. */
    public Map<String, String> adminUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        if (gateway != null && gateway.adminUrl() != null) {
            urls.put("ingest-gateway", gateway.adminUrl());
        }
        if (processor != null && processor.adminUrl() != null) {
            urls.put("stream-processor", processor.adminUrl());
        }
        if (sink != null && sink.adminUrl() != null) {
            urls.put("erp-sink", sink.adminUrl());
        }
        return urls;
    }

    public static EmbeddedPipeline start(Options options, Consumer<String> progress) {
        return new EmbeddedPipeline(options, progress);
    }

    /** The environment each service would see in production (docker-compose.yml sets the same keys). */
    Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("PAYTRACE_BASE_URL", payTrace.baseUrl());
        env.put("PAYTRACE_USERNAME", payTrace.config().username());
        env.put("PAYTRACE_PASSWORD", payTrace.config().password());
        env.put("PAYTRACE_MERCHANT_ZONE", payTrace.config().merchantZone().getId());
        env.put("GATEWAY_POLL_INTERVAL_MS", Long.toString(options.gatewayPollMillis()));
        env.put("GATEWAY_STATE_DIR", options.dataDir().resolve("gateway").toString());
        env.put("PROCESSOR_STATE_DIR", options.dataDir().resolve("streams").toString());
        // A demo run waits half a minute, not ten, for an invoice a payment names before it posts on account.
        env.put("PROCESSOR_MATCH_DEADLINE_MS", Long.toString(MATCH_DEADLINE.toMillis()));
        env.put("PROCESSOR_DEPOSIT_DELAY_MS", Long.toString(DEPOSIT_DELAY.toMillis()));
        env.put("SL_JDBC_URL", sl.jdbcUrl());
        env.put("SL_DB_USER", sl.user());
        env.put("SL_DB_PASSWORD", sl.password());
        env.put("SL_CPNY_ID", options.seed().cpnyId());
        // Each service's admin server on a free loopback port; adminUrls() tells where.
        env.put("ADMIN_HOST", "127.0.0.1");
        env.put("ADMIN_PORT", "0");
        // The gateway's push receivers (signed JSON events, Silent Post) on a loopback port of their own.
        env.put("GATEWAY_PUSH_HOST", "127.0.0.1");
        env.put("GATEWAY_PUSH_PORT", Integer.toString(pushPort));
        env.put("GATEWAY_PUSH_SECRET", pushSecret);
        return env;
    }

    public void startSink() {
        sink = new SinkService(SinkConfig.fromEnv(environment()));
        sink.start();
    }

    public void stopSink() {
        if (sink != null) {
            sink.close();
        }
    }

    public void startProcessor() {
        processor = new ProcessorService(ProcessorConfig.fromEnv(environment()));
        processor.start();
    }

    /** Stops the stream processor (e.g. for a replay); {@link #startProcessor()} starts a new one on the same state dir. */
    public void stopProcessor() {
        if (processor != null) {
            processor.close();
        }
    }

    public void startGateway() {
        gateway = new GatewayService(GatewayConfig.fromEnv(environment()));
        gateway.start();
    }

    public void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    /** {@code http://127.0.0.1:<port>} of the gateway's push receivers (POST /v1/push/transactions, /v1/push/silent-post). */
    public String pushUrl() {
        return "http://127.0.0.1:" + pushPort;
    }

    /** The secret push senders sign with (HMAC-SHA256), for the traffic generator and benchmarks. */
    public String pushSecret() {
        return pushSecret;
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the push receivers: " + e.getMessage(), e);
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    public KafkaCluster kafka() {
        return kafka;
    }

    public PayTraceSandbox payTrace() {
        return payTrace;
    }

    public SlSandbox sl() {
        return sl;
    }

    public GatewayService gateway() {
        return gateway;
    }

    public ProcessorService processor() {
        return processor;
    }

    public SinkService sink() {
        return sink;
    }

    public Path gatewayStateDir() {
        return options.dataDir().resolve("gateway");
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly("ingest-gateway", gateway);
        closeQuietly("stream-processor", processor);
        closeQuietly("erp-sink", sink);
        closeQuietly("PayTrace sandbox", payTrace);
        closeQuietly("SL sandbox", sl);
        closeQuietly("Kafka", kafka);
    }

    private static void closeQuietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("Stopping {} failed: {}", what, e.toString());
        }
    }
}
