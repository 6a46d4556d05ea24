package com.ptsl.gateway.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.fingerprint.Fingerprint;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.TransactionExport;
import com.ptsl.gateway.pci.PanScrubber;
import com.ptsl.gateway.publish.RawPublisher;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One poll of PayTrace: export the merchant-local window [today − lookback, today], scrub card numbers,
 * fingerprint each record, publish the records whose fingerprint differs from the checkpoint's, wait for the
 * broker's acknowledgements, then advance the checkpoint and save it if it changed.
 *
 * <p>The window overlaps from poll to poll on purpose (PayTrace has no cursor, and a record changes in place when
 * it settles), so the checkpoint is what keeps the topic from being flooded: an unchanged record is skipped, a
 * changed one (status Y → GB571) is a new fingerprint and published again. Delivery is at-least-once: a crash
 * between acknowledgement and checkpoint save, or a lost checkpoint file, re-publishes records, and the stream
 * processor drops them as duplicates of (transaction id, fingerprint).
 *
 * <p>Any failure (PayTrace, Kafka, disk) is thrown to the caller after the checkpoint took in exactly the records
 * that were acknowledged. No business rules here: the record's content is only scrubbed, never interpreted.
 */
public final class Poller {

    /** {@link InvalidRecord#getSourceTopic()} for records that never were in a topic. */
    public static final String EXPORT_SOURCE = "paytrace.export";
    public static final String STAGE = "gateway";
    static final String TRANSACTION_ID = "transaction_id";
    private static final Duration ACK_WAIT = RawPublisher.DELIVERY_TIMEOUT.plusSeconds(15);
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final TransactionExport payTrace;
    private final RawPublisher publisher;
    private final Checkpoint checkpoint;
    private final CheckpointStore store;
    private final ZoneId merchantZone;
    private final int lookbackDays;
    private final Clock clock;
    private final GatewayMetrics metrics;

    /** One record sent and not yet acknowledged; {@code republish} if the checkpoint held other content for its id. */
    private record Pending(String transactionId, String fingerprint, int pans, boolean republish,
                           CompletableFuture<RecordMetadata> ack) {
        boolean isInvalid() {
            return transactionId == null;
        }
    }

    public Poller(TransactionExport payTrace, RawPublisher publisher, Checkpoint checkpoint, CheckpointStore store,
                  ZoneId merchantZone, int lookbackDays, Clock clock, GatewayMetrics metrics) {
        this.payTrace = payTrace;
        this.publisher = publisher;
        this.checkpoint = checkpoint;
        this.store = store;
        this.merchantZone = merchantZone;
        this.lookbackDays = lookbackDays;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Runs one poll; throws on any failure, leaving the checkpoint at the last acknowledged records. Outcome and
     * duration go to the metrics here rather than in {@link PollLoop}, so a poll run by hand counts the same.
     */
    public synchronized PollResult pollOnce() {
        long started = System.nanoTime();
        try {
            PollResult result = poll();
            metrics.pollSucceeded(Duration.ofNanos(System.nanoTime() - started));
            return result;
        } catch (RuntimeException e) {
            metrics.pollFailed(Duration.ofNanos(System.nanoTime() - started), e);
            throw e;
        }
    }

    private PollResult poll() {
        LocalDate today = LocalDate.now(clock.withZone(merchantZone));
        LocalDate from = today.minusDays(lookbackDays);
        List<ObjectNode> records = payTrace.exportByDateRange(from, today);
        Instant receivedAt = clock.instant();

        List<Pending> pending = new ArrayList<>();
        Map<String, String> sentThisPoll = new HashMap<>(); // id -> fingerprint, for repeats within one export
        int unchanged = 0;
        for (ObjectNode exported : records) {
            metrics.recordRead(exported.path("created").path("at").asText(null));
            PanScrubber.ScrubbedRecord scrubbed = PanScrubber.scrub(exported);
            String fingerprint = Fingerprint.of(scrubbed.record());
            String json = Json.compact(scrubbed.record());
            JsonNode idNode = scrubbed.record().get(TRANSACTION_ID);
            String transactionId = transactionId(idNode);
            if (transactionId == null) {
                if (checkpoint.isInvalidPublished(fingerprint) || sentThisPoll.containsKey("invalid:" + fingerprint)) {
                    checkpoint.invalidSeen(fingerprint, today);
                    unchanged++;
                    metrics.recordUnchanged();
                    continue;
                }
                sentThisPoll.put("invalid:" + fingerprint, fingerprint);
                pending.add(new Pending(null, fingerprint, scrubbed.pansScrubbed(), false,
                        publisher.publishInvalid(invalidRecord(json, invalidReason(idNode), receivedAt))));
                continue;
            }
            if (checkpoint.isPublished(transactionId, fingerprint) || fingerprint.equals(sentThisPoll.get(transactionId))) {
                checkpoint.seen(transactionId, today);
                unchanged++;
                metrics.recordUnchanged();
                continue;
            }
            boolean republish = checkpoint.isKnown(transactionId); // known, but not with this fingerprint
            sentThisPoll.put(transactionId, fingerprint);
            RawPayTraceRecord raw = RawPayTraceRecord.newBuilder()
                    .setTransactionId(transactionId)
                    .setSource(RecordSource.POLL)
                    .setReceivedAt(receivedAt)
                    .setJson(json)
                    .setFingerprint(fingerprint)
                    .setPansScrubbed(scrubbed.pansScrubbed())
                    .build();
            pending.add(new Pending(transactionId, fingerprint, scrubbed.pansScrubbed(), republish, publisher.publish(raw)));
        }
        publisher.flush();

        PollResult result = awaitAcknowledgements(from, today, records.size(), unchanged, pending);
        int pruned = checkpoint.pruneBefore(from);
        if (checkpoint.takeChanged()) {
            try {
                store.save(checkpoint);
            } catch (RuntimeException e) {
                checkpoint.markChanged(); // try again after the next poll
                throw e;
            }
        }
        if (result.published() > 0 || result.invalid() > 0 || pruned > 0) {
            LOG.info("Polled {}..{}: {} records, {} published, {} unchanged, {} invalid, {} card numbers masked, "
                            + "{} checkpoint entries pruned", from, today, result.seen(), result.published(),
                    result.unchanged(), result.invalid(), result.pansScrubbed(), pruned);
        }
        return result;
    }

    /** Advances the checkpoint for every acknowledged record; throws if any was not acknowledged. */
    private PollResult awaitAcknowledgements(LocalDate from, LocalDate today, int seen, int unchanged, List<Pending> pending) {
        try {
            CompletableFuture.allOf(pending.stream().map(Pending::ack).toArray(CompletableFuture[]::new))
                    .get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Looked at record by record below.
        }
        int published = 0;
        int invalid = 0;
        int pans = 0;
        int failed = 0;
        Throwable firstFailure = null;
        List<String> publishedIds = new ArrayList<>();
        for (Pending p : pending) {
            Throwable failure = failureOf(p.ack());
            if (failure != null) {
                failed++;
                firstFailure = firstFailure == null ? failure : firstFailure;
                continue;
            }
            pans += p.pans();
            if (p.isInvalid()) {
                checkpoint.invalidPublished(p.fingerprint(), today);
                metrics.invalidPublished(p.pans());
                invalid++;
            } else {
                checkpoint.published(p.transactionId(), p.fingerprint(), today);
                metrics.recordPublished(p.pans(), p.republish());
                publishedIds.add(p.transactionId());
                published++;
            }
        }
        if (failed > 0) {
            throw new PublishFailedException(failed, pending.size(), firstFailure);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("Interrupted while waiting for Kafka acknowledgements");
        }
        return new PollResult(from, today, seen, published, unchanged, invalid, pans, publishedIds);
    }

    /** The failure of a completed future, a timeout if it has not completed, or null if it succeeded. */
    private static Throwable failureOf(CompletableFuture<RecordMetadata> ack) {
        if (!ack.isDone()) {
            return new TimeoutException("no acknowledgement within " + ACK_WAIT.toSeconds() + " s");
        }
        try {
            ack.getNow(null);
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** The key of the raw topic: an integral number or a non-blank string; null if there is no usable id. */
    static String transactionId(JsonNode idNode) {
        if (idNode == null) {
            return null;
        }
        if (idNode.isIntegralNumber()) {
            return idNode.asText();
        }
        if (idNode.isTextual() && !idNode.textValue().isBlank()) {
            return idNode.textValue().trim();
        }
        return null;
    }

    private static String invalidReason(JsonNode idNode) {
        if (idNode == null) {
            return "missing field " + TRANSACTION_ID + ": the record cannot be keyed";
        }
        return "field " + TRANSACTION_ID + " is " + (idNode.isNull() ? "null" : "not an integer or non-blank text ("
                + idNode.getNodeType() + ")") + ": the record cannot be keyed";
    }

    private static InvalidRecord invalidRecord(String scrubbedJson, String reason, Instant detectedAt) {
        return InvalidRecord.newBuilder()
                .setSourceTopic(EXPORT_SOURCE)
                .setSourcePartition(-1)
                .setSourceOffset(-1L)
                .setKey(null)
                .setValue(ByteBuffer.wrap(scrubbedJson.getBytes(StandardCharsets.UTF_8)))
                .setStage(STAGE)
                .setReason(reason)
                .setDetectedAt(detectedAt)
                .build();
    }
}
