package com.ptsl.gateway.silentpost;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.paytrace.PayTraceException;
import com.ptsl.gateway.paytrace.TransactionExport;
import com.ptsl.gateway.poll.TerminalStatus;
import com.ptsl.gateway.push.PublishedElsewhere;
import com.ptsl.gateway.push.PushWriter;
import com.ptsl.gateway.record.ExportedRecord;
import com.ptsl.schemas.avro.RecordSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Confirms Silent Posts one at a time, on a thread of its own: takes the next transaction id from the
 * {@link ConfirmationQueue}, waits for the {@link RateLimiter}, reads the transaction with {@code export/by_id},
 * and publishes what PayTrace returned (not what was posted) as source SILENT_POST, scrubbed and fingerprinted as
 * every other record ({@link ExportedRecord}), through the push writer's transaction. A post for a transaction
 * PayTrace does not know publishes nothing (counted, logged: it may be forged). A failure of PayTrace or Kafka
 * publishes nothing either; the post is not retried, since the poller reads the same transaction in its next
 * window export.
 */
public final class SilentPostConfirmer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SilentPostConfirmer.class);
    private static final Duration TAKE_WAIT = Duration.ofMillis(200);

    private final TransactionExport payTrace;
    private final ConfirmationQueue queue;
    private final RateLimiter limiter;
    private final PushWriter writer;
    private final GatewayMetrics metrics;
    private final PublishedElsewhere published;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean closing;

    public SilentPostConfirmer(TransactionExport payTrace, ConfirmationQueue queue, RateLimiter limiter,
                               PushWriter writer, GatewayMetrics metrics, PublishedElsewhere published, Clock clock) {
        this.payTrace = Objects.requireNonNull(payTrace, "payTrace");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.published = Objects.requireNonNull(published, "published");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = new Thread(this::run, "ingest-gateway-silent-post-confirmer");
        thread.setDaemon(true);
    }

    public SilentPostConfirmer start() {
        thread.start();
        return this;
    }

    private void run() {
        while (!closing) {
            OptionalLong next;
            try {
                next = queue.take(TAKE_WAIT);
                if (next.isEmpty()) {
                    continue;
                }
            } catch (InterruptedException e) {
                break;
            }
            long id = next.getAsLong();
            try {
                limiter.acquire();
                confirm(id);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                metrics.silentPostFailed();
                LOG.warn("Silent Post confirmation of transaction {} failed unexpectedly; nothing published", id, e);
            } finally {
                queue.done(id);
            }
        }
    }

    private void confirm(long id) {
        Optional<ObjectNode> current;
        try {
            current = payTrace.exportById(id);
        } catch (PayTraceException e) {
            metrics.silentPostFailed();
            LOG.warn("Could not confirm the Silent Post of transaction {} (nothing published; the poller reads it "
                    + "in a later window export): {}", id, e.getMessage());
            return;
        }
        if (current.isEmpty()) {
            metrics.silentPostUnknown();
            LOG.warn("Silent Post for transaction {}, which PayTrace does not know (export/by_id: not found): "
                    + "nothing published; a forged or mistaken post", id);
            return;
        }
        metrics.recordRead(current.get().path("created").path("at").asText(null));
        ExportedRecord record = ExportedRecord.of(current.get());
        if (!Long.toString(id).equals(record.transactionId())) {
            metrics.silentPostUnknown();
            LOG.warn("export/by_id {} answered a record with another or no transaction_id; Silent Post not "
                    + "confirmed, nothing published", id);
            return;
        }
        PushWriter.Ack ack = writer.submit(List.of(PushWriter.rawTransaction(
                record.toRaw(RecordSource.SILENT_POST, clock.instant())))).join();
        if (!ack.committed()) {
            metrics.silentPostFailed();
            LOG.warn("Silent Post of transaction {} confirmed but not published (the poller reads it in a later window "
                    + "export): {}", id, ack.reason());
            return;
        }
        metrics.pushedRecordsPublished(RecordSource.SILENT_POST, 1, record.pansScrubbed());
        metrics.silentPostPublished();
        metrics.pushAccepted();
        published.acknowledged(record.transactionId(), record.fingerprint(), !TerminalStatus.isTerminal(record.scrubbed()));
    }

    /** Stops after the confirmation under way; the ids still queued are left to the poller. */
    @Override
    public void close() {
        closing = true;
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
