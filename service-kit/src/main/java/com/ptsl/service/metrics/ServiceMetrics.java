package com.ptsl.service.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One service's meters: a Prometheus registry with the JVM and process binders already bound. Business meters
 * and the Kafka client binders ({@code KafkaClientMetrics}, {@code KafkaStreamsMetrics}) are bound by the
 * service through {@link #bind}, which also closes them with the registry.
 *
 * <p>Each service owns one, even when the launcher runs all three in one JVM: in production they are separate
 * processes, and a scrape of one service must not show another's counters.
 */
public final class ServiceMetrics implements AutoCloseable {

    /**
     * Histogram buckets for latencies against the one-second objective: fine below it so p50/p99 are readable,
     * coarse above it so a slow minute still lands in a bucket. The same everywhere, so dashboards compare.
     */
    public static final Duration[] LATENCY_SLO_BUCKETS = {
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofMillis(750), Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};

    /** A latency Timer whose Prometheus histogram has the {@link #LATENCY_SLO_BUCKETS}, so the 1 s objective is readable. */
    public static Timer latencyTimer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(LATENCY_SLO_BUCKETS).register(registry);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMetrics.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private boolean closed;

    public ServiceMetrics() {
        registry.config().meterFilter(new PrometheusLint()); // before any binder, so every meter passes through it
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        bind(new JvmGcMetrics());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Binds {@code binder}; if it holds resources (a refresh thread, listeners) it is closed with this. */
    public synchronized <B extends MeterBinder> B bind(B binder) {
        binder.bindTo(registry);
        if (binder instanceof AutoCloseable c) {
            closeables.add(c);
        }
        return binder;
    }

    /** The Prometheus text exposition format (version 0.0.4) of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** Closes the binders; the registry keeps its last values so a final scrape or summary still reads them. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("Closing meter binder {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
