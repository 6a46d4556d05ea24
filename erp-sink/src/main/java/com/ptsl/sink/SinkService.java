package com.ptsl.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The erp-sink service: {@code new SinkService(config).start()} runs the consumer loop on its own
 * thread; {@link #close()} stops it (wakes poll() up, lets the current transaction finish or roll
 * back) and is safe to call more than once. Startable in-process so the launcher runs every service
 * in one JVM.
 */
public final class SinkService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final SinkConfig config;
    private final SinkStats stats = new SinkStats();
    private final SinkLoop loop;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private Thread thread;

    public SinkService(SinkConfig config) {
        this.config = config;
        this.loop = new SinkLoop(config, stats);
    }

    public synchronized SinkService start() {
        if (closed.get()) {
            throw new IllegalStateException("erp-sink was closed");
        }
        if (started.compareAndSet(false, true)) {
            LOG.info("Starting erp-sink: {}", config);
            thread = new Thread(loop, "erp-sink-" + config.groupId());
            thread.setDaemon(false);
            thread.start();
        }
        return this;
    }

    public SinkStats stats() {
        return stats;
    }

    public SinkConfig config() {
        return config;
    }

    /** True while the consumer thread runs. */
    public boolean isRunning() {
        return loop.running();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.stop();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(STOP_TIMEOUT.toMillis());
                if (t.isAlive()) {
                    LOG.warn("erp-sink thread did not stop within {} s", STOP_TIMEOUT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
