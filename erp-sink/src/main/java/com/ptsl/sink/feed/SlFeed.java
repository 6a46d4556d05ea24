package com.ptsl.sink.feed;

import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.service.health.Check;
import com.ptsl.service.metrics.ServiceMetrics;
import com.ptsl.sink.kafka.Backoff;
import com.ptsl.sink.sql.IntegrationTables;
import com.ptsl.sink.sql.SlDatabase;
import com.ptsl.sink.sql.dialect.RowVersionHorizon;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The SL → Kafka feed (ARCHITECTURE.md §4, sl.invoices and sl.customers): a thread of its own, with its own JDBC
 * connection (READ COMMITTED) and its own producer, that every {@link FeedSettings#interval()} publishes what
 * changed in SL since its high-water mark ({@link FeedCycle}), whoever changed it: the sink, SL's release, or an
 * SL user keying an invoice. Every {@link FeedSettings#sweepInterval()} it compares SL's whole open set with the
 * topics instead, which is how deleted rows (no row version left behind) become tombstones.
 *
 * <p>At start it reads both topics to their end ({@link PublishedTopicsReader}) to know what consumers see; the
 * first start (no mark in PTSL_FeedState) publishes a full snapshot, a restart continues from the stored marks.
 *
 * <p>Nothing here stops the sink: a failing cycle (SL or Kafka unreachable) is logged, backed off (200 ms
 * doubling to 5 s: the feed only reads, so retrying often is cheap and keeps the 2 s freshness target close
 * after an outage) and retried; the {@code feed} readiness check reports it.
 */
public final class SlFeed implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SlFeed.class);
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(60);

    /** Where the feed reads and writes: the sink's own settings. */
    public record Endpoints(String bootstrapServers, String jdbcUrl, String user, String password, int lockTimeoutMs) {
    }

    private final Endpoints endpoints;
    private final FeedSettings settings;
    private final FeedMetrics metrics;
    private final ServiceMetrics serviceMetrics;
    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile boolean running;
    private volatile long lastSuccessNanos;
    private volatile long highWater;
    private volatile String lastError;
    private volatile String fatalError;

    public SlFeed(Endpoints endpoints, FeedSettings settings, FeedMetrics metrics, ServiceMetrics serviceMetrics) {
        this.endpoints = endpoints;
        this.settings = settings;
        this.metrics = metrics;
        this.serviceMetrics = serviceMetrics;
    }

    /** From another thread: ends the loop after the current cycle. */
    public void stop() {
        stopping = true;
        stopped.countDown();
    }

    public boolean running() {
        return running;
    }

    /** The {@code feed} readiness check: a cycle succeeded within {@link FeedSettings#staleAfter()}. */
    public Check.Result readiness() {
        if (fatalError != null) {
            return Check.Result.failing("SL feed thread stopped: " + fatalError);
        }
        long last = lastSuccessNanos;
        String error = lastError == null ? "" : " (last error: " + lastError + ")";
        if (last == 0) {
            return Check.Result.failing("SL feed has not completed a cycle yet" + error);
        }
        Duration age = Duration.ofNanos(System.nanoTime() - last);
        if (age.compareTo(settings.staleAfter()) > 0) {
            return Check.Result.failing("SL feed has not completed a cycle for " + age.toSeconds() + " s (limit "
                    + settings.staleAfter().toSeconds() + " s)" + error);
        }
        return Check.Result.ok("SL feed current: last cycle " + age.toMillis() + " ms ago, high-water mark " + highWater);
    }

    @Override
    public void run() {
        running = true;
        String clientId = "erp-sink-feed-" + UUID.randomUUID().toString().substring(0, 8);
        KafkaClientMetrics producerMetrics = null;
        try (SlDatabase database = new SlDatabase(endpoints.jdbcUrl(), endpoints.user(), endpoints.password(), endpoints.lockTimeoutMs());
             SnapshotPublisher publisher = new SnapshotPublisher(endpoints.bootstrapServers(), clientId)) {
            producerMetrics = serviceMetrics == null ? null : serviceMetrics.bind(new KafkaClientMetrics(publisher.producer()));
            loop(database, publisher);
        } catch (RuntimeException e) {
            fatalError = e.toString();
            LOG.error("SL feed stopped by an unexpected error", e);
        } finally {
            if (producerMetrics != null) {
                producerMetrics.close();
            }
            running = false;
        }
    }

    private void loop(SlDatabase database, SnapshotPublisher publisher) {
        FeedCycle cycle = new FeedCycle(database.dialect(), settings, publisher, metrics);
        RowVersionHorizon horizon = database.dialect().rowVersionHorizon();
        Connection seen = null;
        boolean prepared = false;
        PublishedSnapshots published = null;
        // The first cycle sweeps: rows deleted while the feed was down leave no tstamp behind, and the sweep
        // publishes only what differs from the topics, so a restart neither misses them nor replays everything.
        long nextSweep = System.nanoTime();
        LOG.info("SL feed publishing to {} and {} every {} ms (sweep every {} s, vault id in Customer.{})", Topics.SL_INVOICES,
                Topics.SL_CUSTOMERS, settings.interval().toMillis(), settings.sweepInterval().toSeconds(), settings.vaultField());
        while (!stopping) {
            long started = System.nanoTime();
            try {
                Connection c = database.connection();
                if (c != seen) {
                    horizon.reset(); // what H2's horizon knew was about another session's view
                    seen = c;
                }
                if (!prepared) {
                    IntegrationTables.ensure(c, database.dialect());
                    TopicCreator.ensure(endpoints.bootstrapServers(), List.of(Topics.SL_INVOICES, Topics.SL_CUSTOMERS));
                    prepared = true;
                }
                if (published == null) {
                    published = new PublishedTopicsReader(endpoints.bootstrapServers(), REPLAY_TIMEOUT).read(() -> stopping);
                    LOG.info("SL feed: the topics hold {} invoices and {} customers", published.invoiceCount(), published.customerCount());
                }
                boolean sweep = System.nanoTime() - nextSweep >= 0;
                FeedCycle.Result result = cycle.run(c, horizon, published, sweep);
                long nanos = System.nanoTime() - started;
                if (result.full()) {
                    nextSweep = System.nanoTime() + settings.sweepInterval().toNanos();
                }
                succeeded(result, nanos, sweep);
                pause(settings.interval().minusNanos(nanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } catch (SQLException | RuntimeException e) {
                database.rollbackQuietly();
                metrics.cycleFailed(System.nanoTime() - started);
                lastError = e.toString().lines().findFirst().orElse(e.getClass().getName());
                Duration delay = backoff.next();
                LOG.warn("SL feed cycle failed, retrying in {} ms: {}", delay.toMillis(), lastError);
                pause(delay);
            }
        }
    }

    private void succeeded(FeedCycle.Result result, long nanos, boolean sweep) {
        metrics.cycleSucceeded(nanos);
        lastSuccessNanos = System.nanoTime();
        highWater = result.highWater();
        lastError = null;
        backoff.reset();
        if (result.full() || result.records() > 0) {
            String what = sweep ? "sweep" : result.full() ? "full snapshot" : "changes";
            // A first snapshot, and a sweep that found what the increments could not see (deleted rows), are worth a line.
            boolean notable = result.full() && (!sweep || result.records() > 0);
            (notable ? LOG.atInfo() : LOG.atDebug()).log("SL feed {}: invoices {} published / {} tombstoned, customers {} / {}, "
                            + "high-water mark {} ({} ms)", what, result.invoiceSnapshots(), result.invoiceTombstones(),
                    result.customerSnapshots(), result.customerTombstones(), result.highWater(), nanos / 1_000_000);
        }
    }

    private void pause(Duration delay) {
        if (delay.isNegative() || delay.isZero()) {
            return;
        }
        try {
            stopped.await(delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
