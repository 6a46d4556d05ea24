package com.ptsl.launcher;

import com.ptsl.gateway.GatewayConfig;
import com.ptsl.gateway.GatewayService;
import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;
import com.ptsl.kafka.embedded.KafkaCluster;
import com.ptsl.launcher.scale.ScaledServices;
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
 *
 * <p>With {@link Options#instances()} above 1 the stream processor and the sink run scaled out instead: that many
 * instances of each, every one a separate JVM ({@link ScaledServices}); the gateway, the broker(s) and the sandboxes
 * stay in this one. {@link #processor()} and {@link #sink()} are then null: their figures are on the instances'
 * /metrics ({@link #adminUrls()}).
 */
public final class EmbeddedPipeline implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPipeline.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Several JVMs starting at once on a small machine (each loads Kafka, Streams, RocksDB or JDBC) take longer. */
    private static final Duration SCALED_READY_TIMEOUT = Duration.ofSeconds(180);

    private final Options options;
    private final KafkaCluster kafka;
    private final PayTraceSandbox payTrace;
    private final SlSandbox sl;
    private SinkService sink;
    private ProcessorService processor;
    private GatewayService gateway;
    /** The processor and sink instances as child JVMs; null when they run in this JVM. */
    private ScaledServices scaled;
    private boolean closed;
    /** The gateway's push receivers listen here; chosen once so the URL survives a gateway restart. */
    private final int pushPort = freePort();
    /** The push signing secret of this pipeline only: random per run, never printed. */
    private final String pushSecret = randomSecret();

    /**
     * What differs between a demo run and a test run.
     *
     * @param instances instances of the stream processor and of the sink: 1 = both in this JVM; more = that many
     *                  child JVMs of each over the same topics, at most the partitions of erp.commands (an instance
     *                  beyond them would own nothing and never be ready)
     * @param matchDeadline PROCESSOR_MATCH_DEADLINE_MS: {@link #MATCH_DEADLINE}, or longer than a failover when
     *                  payments wait while instances may be killed (see {@link ScaledServices#FAILOVER_STALL})
     * @param depositDelay PROCESSOR_DEPOSIT_DELAY_MS: at least the match deadline; {@link #DEPOSIT_DELAY}, or longer
     *                  when a settlement cut-off may fall into a failover
     */
    public record Options(int brokers, Path dataDir, boolean fileBackedSl, String slName, long gatewayPollMillis,
                          SeedSpec seed, int instances, Duration matchDeadline, Duration depositDelay) {

        public Options {
            if (instances < 1 || instances > Topics.ERP_COMMANDS.partitions()) {
                throw new IllegalArgumentException("instances must be 1 to " + Topics.ERP_COMMANDS.partitions()
                        + " (the partitions of " + Topics.ERP_COMMANDS.name() + "), was " + instances);
            }
            if (matchDeadline == null || matchDeadline.isNegative() || matchDeadline.isZero()) {
                throw new IllegalArgumentException("matchDeadline must be positive, was " + matchDeadline);
            }
            if (depositDelay == null || depositDelay.compareTo(matchDeadline) < 0) {
                throw new IllegalArgumentException("depositDelay must be at least the match deadline " + matchDeadline
                        + ", was " + depositDelay);
            }
        }

        /** Everything in this JVM, with the demo's {@link #MATCH_DEADLINE} and {@link #DEPOSIT_DELAY}. */
        public Options(int brokers, Path dataDir, boolean fileBackedSl, String slName, long gatewayPollMillis, SeedSpec seed) {
            this(brokers, dataDir, fileBackedSl, slName, gatewayPollMillis, seed, 1, MATCH_DEADLINE, DEPOSIT_DELAY);
        }

        public Options withInstances(int n) {
            return new Options(brokers, dataDir, fileBackedSl, slName, gatewayPollMillis, seed, n, matchDeadline, depositDelay);
        }

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
        // The sandbox's push hooks (SandboxConfig.withPush / withSilentPostUrl) stay off here: it pushes sales only, so
        // with push healthy the gated poller would read refunds up to a sweep interval (60 s) late, past the demo's 35 s
        // deposit delay. Pushes come from the tests and from ptsl bench, to pushUrl() with pushSecret().
        this.payTrace = PayTraceSandbox.start(SandboxConfig.defaults());
        progress.accept("starting Dynamics SL sandbox");
        this.sl = (options.fileBackedSl() ? SlSandbox.fileBacked(options.dataDir().resolve("sl")) : SlSandbox.inMemory(options.slName()))
                .seed(options.seed());
        try {
            startServices(progress);
        } catch (RuntimeException e) {
            close(); // child JVMs in particular must not outlive a start that failed
            throw e;
        }
    }

    private void startServices(Consumer<String> progress) {
        if (options.instances() > 1) {
            progress.accept("starting " + options.instances() + " erp-sink and " + options.instances()
                    + " stream-processor instances (separate JVMs), ingest-gateway");
            // Another process reaches an in-memory SL through the sandbox's TCP endpoint; a file database's URL
            // already does (AUTO_SERVER: this JVM, which opened it first, serves it to the others).
            String childSlUrl = options.fileBackedSl() ? sl.jdbcUrl() : sl.serveTcp().jdbcUrl();
            scaled = ScaledServices.start(options.instances(), environment(), childSlUrl, options.dataDir(), progress);
            startGateway();
            awaitReady(SCALED_READY_TIMEOUT);
        } else {
            progress.accept("starting erp-sink, stream-processor, ingest-gateway");
            startSink();
            startProcessor();
            startGateway();
            awaitReady(READY_TIMEOUT);
        }
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
            if (scaled != null) {
                scaled.requireRunning(); // an instance that exited will never answer: say why now
            }
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

    /**
     * Each running service's admin URL ({@code /health/live}, {@code /health/ready}, {@code /metrics}), upstream first;
     * scaled out, one per running instance ({@code stream-processor-1}, ..., {@code erp-sink-1}, ...).
     */
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
        if (scaled != null) {
            urls.putAll(scaled.adminUrls());
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
        env.put("PROCESSOR_MATCH_DEADLINE_MS", Long.toString(options.matchDeadline().toMillis()));
        env.put("PROCESSOR_DEPOSIT_DELAY_MS", Long.toString(options.depositDelay().toMillis()));
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
        requireInProcess();
        sink = new SinkService(SinkConfig.fromEnv(environment()));
        sink.start();
    }

    public void stopSink() {
        if (sink != null) {
            sink.close();
        }
    }

    public void startProcessor() {
        requireInProcess();
        processor = new ProcessorService(ProcessorConfig.fromEnv(environment()));
        processor.start();
    }

    /** Stops the stream processor (e.g. for a replay); {@link #startProcessor()} starts a new one on the same state dir. */
    public void stopProcessor() {
        if (processor != null) {
            processor.close();
        }
    }

    private void requireInProcess() {
        if (scaled != null) {
            throw new IllegalStateException("the processor and the sink run as " + options.instances()
                    + " separate instances each; see scaled()");
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

    /** The processor and sink instances when scaled out ({@link Options#instances()} above 1), else null. */
    public ScaledServices scaled() {
        return scaled;
    }

    /** How long a payment waits for the invoice it names in this pipeline. */
    public Duration matchDeadline() {
        return options.matchDeadline();
    }

    /** How long a settlement batch waits before it closes as an SL deposit in this pipeline. */
    public Duration depositDelay() {
        return options.depositDelay();
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
        closeQuietly("stream-processor and erp-sink instances", scaled);
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
