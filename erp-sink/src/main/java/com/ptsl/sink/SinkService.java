package com.ptsl.sink;

import com.ptsl.service.admin.AdminServer;
import com.ptsl.service.health.Check;
import com.ptsl.service.health.Readiness;
import com.ptsl.service.metrics.ServiceMetrics;
import com.ptsl.sink.feed.SlFeed;
import com.ptsl.sink.notify.WebhookMetrics;
import com.ptsl.sink.notify.WebhookNotifier;
import com.ptsl.sink.sql.DatabaseProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The erp-sink service: {@code new SinkService(config).start()} runs the consumer loop on its own
 * thread, the SL feed ({@link SlFeed}, unless SINK_FEED_ENABLED=false) on another, the outbound webhook
 * ({@link WebhookNotifier}, when SINK_WEBHOOK_URL is set) on a third, and serves /health and
 * /metrics ({@link SinkConfig#admin()}); {@link #close()} stops all of them (wakes poll() up, lets the
 * current transaction and feed cycle finish or roll back) and is safe to call more than once. Startable
 * in-process so the launcher runs every service in one JVM.
 */
public final class SinkService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final SinkConfig config;
    private final ServiceMetrics serviceMetrics = new ServiceMetrics();
    private final SinkMetrics metrics = new SinkMetrics(serviceMetrics.registry());
    private final SinkLoop loop;
    private final DatabaseProbe databaseProbe;
    private final Readiness readiness = new Readiness("erp-sink");
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SlFeed feed;
    private final WebhookNotifier webhook;
    private final WebhookMetrics webhookMetrics;
    private Thread thread;
    private Thread feedThread;
    private Thread webhookThread;
    private AdminServer admin;

    public SinkService(SinkConfig config) {
        this.config = config;
        this.loop = new SinkLoop(config, metrics, serviceMetrics);
        this.databaseProbe = new DatabaseProbe(config.jdbcUrl(), config.dbUser(), config.dbPassword());
        readiness.add("consumer", this::consumerCheck)
                .add("partitions", this::partitionsCheck)
                .add("database", databaseProbe);
        this.feed = config.feed().enabled() ? new SlFeed(new SlFeed.Endpoints(config.bootstrapServers(), config.jdbcUrl(),
                config.dbUser(), config.dbPassword(), config.lockTimeoutMs()), config.feed(), metrics, serviceMetrics) : null;
        if (feed != null) {
            readiness.add("feed", feed::readiness);
        }
        // Registered even when the webhook is off: a fixed meter at 0 keeps dashboards and alerts valid on every sink.
        this.webhookMetrics = new WebhookMetrics(serviceMetrics.registry());
        this.webhook = config.webhook().enabled()
                ? new WebhookNotifier(config.bootstrapServers(), config.webhook(), webhookMetrics, serviceMetrics, Clock.systemUTC())
                : null;
        if (webhook != null) {
            readiness.add("webhook", webhook::readiness);
        }
    }

    /** Starts the admin server, then the consumer thread and the SL feed thread; throws if the admin port is taken. */
    public synchronized SinkService start() {
        if (closed.get()) {
            throw new IllegalStateException("erp-sink was closed");
        }
        if (started.compareAndSet(false, true)) {
            LOG.info("Starting erp-sink: {}", config);
            admin = AdminServer.start(config.admin(), readiness, serviceMetrics);
            thread = new Thread(loop, "erp-sink-" + config.groupId());
            thread.setDaemon(false);
            thread.start();
            if (feed != null) {
                feedThread = new Thread(feed, "erp-sink-feed-" + config.groupId());
                feedThread.setDaemon(false);
                feedThread.start();
            }
            if (webhook != null) {
                webhookThread = new Thread(webhook, "erp-sink-webhook-" + config.groupId());
                webhookThread.setDaemon(false);
                webhookThread.start();
            }
        }
        return this;
    }

    /** The business meters; the same values /metrics shows. */
    public SinkMetrics metrics() {
        return metrics;
    }

    /** The webhook's meters; null when SINK_WEBHOOK_URL is not set. */
    public WebhookMetrics webhookMetrics() {
        return webhookMetrics;
    }

    /** True while the webhook thread runs (false when it is disabled). */
    public boolean isWebhookRunning() {
        return webhook != null && webhook.running();
    }

    public SinkConfig config() {
        return config;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** {@code http://host:port} of /health and /metrics; null before {@link #start()}. */
    public synchronized String adminUrl() {
        return admin == null ? null : admin.url();
    }

    /** True while the consumer thread runs. */
    public boolean isRunning() {
        return loop.running();
    }

    /** True while the SL feed thread runs (false when it is disabled). */
    public boolean isFeedRunning() {
        return feed != null && feed.running();
    }

    private Check.Result consumerCheck() {
        if (loop.running()) {
            return Check.Result.ok("erp-sink thread is running");
        }
        String fatal = loop.fatalError();
        return Check.Result.failing("erp-sink thread is not running" + (fatal == null ? "" : ": " + fatal));
    }

    private Check.Result partitionsCheck() {
        int owned = metrics.assignedPartitions();
        return owned > 0 ? Check.Result.ok("owns " + owned + " partition(s) of erp.commands")
                : Check.Result.failing("owns no partition of erp.commands (rebalancing, or more instances than partitions)");
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.stop();
        if (feed != null) {
            feed.stop();
        }
        if (webhook != null) {
            webhook.stop();
        }
        Thread t;
        Thread f;
        Thread w;
        AdminServer a;
        synchronized (this) {
            t = thread;
            f = feedThread;
            w = webhookThread;
            a = admin;
        }
        join(t, "erp-sink thread");
        join(f, "SL feed thread");
        join(w, "webhook thread");
        if (a != null) {
            a.close();
        }
        databaseProbe.close();
        serviceMetrics.close();
    }

    private static void join(Thread t, String what) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(STOP_TIMEOUT.toMillis());
            if (t.isAlive()) {
                LOG.warn("{} did not stop within {} s", what, STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
