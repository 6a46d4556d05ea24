package com.ptsl.gateway.poll;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.GatewayMetrics;
import com.ptsl.gateway.batch.BatchPoller;
import com.ptsl.gateway.paytrace.PayTraceException;
import com.ptsl.gateway.paytrace.TransactionExport;
import com.ptsl.gateway.publish.Acknowledgements;
import com.ptsl.gateway.publish.RawPublisher;
import com.ptsl.gateway.record.ExportedRecord;
import com.ptsl.schemas.avro.InvalidRecord;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One poll of PayTrace:
 * <ol>
 *   <li>export the merchant-local window [today − lookback, today];</li>
 *   <li>re-read by id up to {@code followUpsPerPoll} open transactions that have left the window
 *       ({@link FollowUpRotation}, round-robin);</li>
 *   <li>scrub card numbers, fingerprint each record, publish the records whose fingerprint differs from the
 *       checkpoint's, wait for the broker's acknowledgements and advance the checkpoint;</li>
 *   <li>poll the settlement batches of the window ({@link BatchPoller}), if switched on, in a try of its own;</li>
 *   <li>apply the bounds on open transactions, prune, and save the checkpoint if it changed.</li>
 * </ol>
 *
 * <p>The window overlaps from poll to poll on purpose (PayTrace has no cursor, and a record changes in place when
 * it settles), so the checkpoint is what keeps the topic from being flooded: an unchanged record is skipped, a
 * changed one (status Y → GB571) is a new fingerprint and published again. A transaction created before the
 * window is no longer in any export; while it is not terminal ({@link TerminalStatus}) it stays open in the
 * checkpoint and is re-read by id, so its void or settlement is published like any other change. Delivery is
 * at-least-once: a crash between acknowledgement and checkpoint save, or a lost checkpoint file, re-publishes
 * records, and the stream processor drops them as duplicates of (transaction id, fingerprint).
 *
 * <p>A failure of the export, of a re-read by id or of Kafka is thrown to the caller after the checkpoint took in
 * exactly the records that were acknowledged. A failure of the batch calls is not: it is counted and logged, the
 * transaction poll succeeds, and batch polling backs off ({@link #BATCH_BACKOFF_MAX} at most) so a PayTrace whose
 * batch endpoints fail is not asked on every poll. No business rules here: a record's content is only scrubbed,
 * never interpreted, except for the terminal test that decides how long to re-read it.
 *
 * <p>Whether step 1 runs is the {@link SweepPolicy}'s call: while push is healthy the window export runs less often
 * (a poll without it still re-reads by id, then polls batches). Records the push receivers published are handed in
 * with {@link #publishedElsewhere}, so the next export skips them as unchanged instead of publishing them again.
 */
public final class Poller {

    /** {@link InvalidRecord#getSourceTopic()} for records that never were in a topic. */
    public static final String EXPORT_SOURCE = "paytrace.export";
    public static final String STAGE = "gateway";
    /** Re-reads by id per poll when not configured. */
    public static final int DEFAULT_FOLLOW_UPS_PER_POLL = 5;
    /** Batches settle once a day: after a failure, waiting up to this long costs nothing. */
    public static final Duration BATCH_BACKOFF_MAX = Duration.ofMinutes(5);
    private static final Duration BATCH_BACKOFF_INITIAL = Duration.ofSeconds(1);
    static final String TRANSACTION_ID = ExportedRecord.TRANSACTION_ID;
    /**
     * Records published elsewhere and not yet taken into the checkpoint; past this many (a poller that does not run)
     * new ones are dropped, which costs a re-publication by the next export and nothing else.
     */
    static final int MAX_PUBLISHED_ELSEWHERE = 100_000;
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final TransactionExport payTrace;
    private final BatchPoller batches; // null: batch polling off
    private final RawPublisher publisher;
    private final Checkpoint checkpoint;
    private final CheckpointStore store;
    private final ZoneId merchantZone;
    private final int lookbackDays;
    private final int followUpsPerPoll;
    private final Clock clock;
    private final GatewayMetrics metrics;
    private final FollowUpRotation rotation = new FollowUpRotation();
    private final Backoff batchBackoff = new Backoff(BATCH_BACKOFF_INITIAL, BATCH_BACKOFF_MAX);
    private final SweepPolicy sweeps;
    private final ConcurrentLinkedQueue<PublishedElsewhere> publishedElsewhere = new ConcurrentLinkedQueue<>();
    private final AtomicInteger publishedElsewhereQueued = new AtomicInteger();
    private Instant batchesDueAt = Instant.MIN;
    private boolean sweepsGated; // whether the last poll saw push healthy, to log the change once

    /** A record the push receivers got acknowledged; {@code open}: not terminal. */
    private record PublishedElsewhere(String transactionId, String fingerprint, boolean open) {
    }

    /**
     * One record sent and not yet acknowledged. {@code republish}: the checkpoint held other content for its id;
     * {@code followUp}: read by id, outside the window; {@code open}: the record is not terminal.
     */
    private record Pending(String transactionId, String fingerprint, int pans, boolean republish, boolean followUp,
                           boolean open, CompletableFuture<RecordMetadata> ack) {
        boolean isInvalid() {
            return transactionId == null;
        }
    }

    /** Transaction polling only, with the default number of re-reads by id per poll. */
    public Poller(TransactionExport payTrace, RawPublisher publisher, Checkpoint checkpoint, CheckpointStore store,
                  ZoneId merchantZone, int lookbackDays, Clock clock, GatewayMetrics metrics) {
        this(payTrace, null, publisher, checkpoint, store, merchantZone, lookbackDays, DEFAULT_FOLLOW_UPS_PER_POLL,
                clock, metrics);
    }

    /**
     * @param batches          the settlement batch poller, or null to poll transactions only
     * @param followUpsPerPoll at most this many re-reads by id per poll; 0 = none
     */
    public Poller(TransactionExport payTrace, BatchPoller batches, RawPublisher publisher, Checkpoint checkpoint,
                  CheckpointStore store, ZoneId merchantZone, int lookbackDays, int followUpsPerPoll, Clock clock,
                  GatewayMetrics metrics) {
        this(payTrace, batches, publisher, checkpoint, store, merchantZone, lookbackDays, followUpsPerPoll,
                SweepPolicy.everyPoll(), clock, metrics);
    }

    /**
     * @param batches          the settlement batch poller, or null to poll transactions only
     * @param followUpsPerPoll at most this many re-reads by id per poll; 0 = none
     * @param sweeps           when a poll runs the window export
     */
    public Poller(TransactionExport payTrace, BatchPoller batches, RawPublisher publisher, Checkpoint checkpoint,
                  CheckpointStore store, ZoneId merchantZone, int lookbackDays, int followUpsPerPoll,
                  SweepPolicy sweeps, Clock clock, GatewayMetrics metrics) {
        if (followUpsPerPoll < 0) {
            throw new IllegalArgumentException("followUpsPerPoll must not be negative, was " + followUpsPerPoll);
        }
        this.payTrace = payTrace;
        this.batches = batches;
        this.publisher = publisher;
        this.checkpoint = checkpoint;
        this.store = store;
        this.merchantZone = merchantZone;
        this.lookbackDays = lookbackDays;
        this.followUpsPerPoll = followUpsPerPoll;
        this.sweeps = Objects.requireNonNull(sweeps, "sweeps");
        this.clock = clock;
        this.metrics = metrics;
        metrics.openTransactions(checkpoint.openCount());
    }

    /**
     * A record with this fingerprint was acknowledged on the raw topic by another way in (signed push, confirmed
     * Silent Post): the checkpoint takes it at the start of the next poll, so an export that returns the same
     * content skips it as unchanged. Call only after the acknowledgement (after the transaction committed). Cheap and
     * non-blocking: any thread may call it while a poll runs.
     */
    public void publishedElsewhere(String transactionId, String fingerprint, boolean open) {
        if (publishedElsewhereQueued.incrementAndGet() > MAX_PUBLISHED_ELSEWHERE) {
            publishedElsewhereQueued.decrementAndGet();
            return;
        }
        publishedElsewhere.add(new PublishedElsewhere(transactionId, fingerprint, open));
    }

    /**
     * Runs one poll; throws on any failure of the transaction part, leaving the checkpoint at the last acknowledged
     * records. Outcome and duration go to the metrics here rather than in {@link PollLoop}, so a poll run by hand
     * counts the same.
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
        Instant startedAt = clock.instant();
        LocalDate today = LocalDate.ofInstant(startedAt, merchantZone);
        LocalDate from = today.minusDays(lookbackDays);
        takePublishedElsewhere(today);
        boolean sweep = sweeps.due(startedAt);
        logSweepModeChange(startedAt);
        List<ObjectNode> records = sweep ? payTrace.exportByDateRange(from, today) : List.of();
        if (sweep) {
            sweeps.swept(startedAt, records.size());
        }
        metrics.sweep(sweep);
        Instant receivedAt = clock.instant();

        Round round = new Round(today, receivedAt);
        for (ObjectNode exported : records) {
            round.consider(exported, null);
        }
        RuntimeException followUpFailure = followUp(round, sweep, from);
        publisher.flush();

        Acknowledged acked = awaitAcknowledgements(today, round.pending);
        List<String> givenUp = checkpoint.giveUpOpen(from, Checkpoint.MAX_OPEN, Checkpoint.MAX_FOLLOW_UP_DAYS);
        if (!givenUp.isEmpty()) {
            metrics.openGivenUp(givenUp.size());
            LOG.warn("Gave up following {} open transactions (more than {} open, or left the window over {} days "
                            + "ago), oldest {}: later changes to them are not polled", givenUp.size(), Checkpoint.MAX_OPEN,
                    Checkpoint.MAX_FOLLOW_UP_DAYS, givenUp.get(0));
        }
        PollResult.BatchPoll batchPoll = PollResult.BatchPoll.OFF;
        BatchPoller.Result batchResult = BatchPoller.Result.NONE;
        if (followUpFailure == null) { // PayTrace just failed otherwise: the loop backs off, batches wait too
            batchPoll = batches == null ? PollResult.BatchPoll.OFF : PollResult.BatchPoll.BACKING_OFF;
            if (batches != null && !clock.instant().isBefore(batchesDueAt)) {
                try {
                    batchResult = batches.poll(from, today, receivedAt);
                    batchPoll = PollResult.BatchPoll.OK;
                    metrics.batchPollSucceeded();
                    batchBackoff.reset();
                    batchesDueAt = Instant.MIN;
                } catch (RuntimeException e) {
                    batchPoll = PollResult.BatchPoll.FAILED;
                    metrics.batchPollFailed(e);
                    Duration pause = batchBackoff.next();
                    batchesDueAt = clock.instant().plus(pause);
                    logBatchFailure(e, pause);
                }
            }
        }
        int pruned = checkpoint.pruneBefore(from);
        int open = checkpoint.openCount();
        metrics.openTransactions(open);
        if (checkpoint.takeChanged()) {
            try {
                store.save(checkpoint);
            } catch (RuntimeException e) {
                checkpoint.markChanged(); // try again after the next poll
                throw e;
            }
        }
        if (followUpFailure != null) {
            throw followUpFailure; // after the acknowledged records were checkpointed and saved
        }
        PollResult result = new PollResult(from, today, sweep, round.seen, acked.published, round.unchanged,
                acked.invalid, acked.pans, acked.publishedIds, round.followUpReads, open, batchPoll, batchResult);
        if (result.published() > 0 || result.invalid() > 0 || pruned > 0 || result.batchesPublished() > 0) {
            LOG.info("Polled {}..{} ({}): {} records ({} re-read by id), {} published, {} unchanged, {} invalid, {} "
                            + "card numbers masked, {} open, {} checkpoint entries pruned, batches {} ({} published)",
                    from, today, sweep ? "window exported" : "window export skipped, push healthy", result.seen(),
                    result.followUpReads(), result.published(), result.unchanged(), result.invalid(),
                    result.pansScrubbed(), open, pruned, batchPoll, result.batchesPublished());
        }
        return result;
    }

    /**
     * Re-reads by id the open transactions this poll's export did not return (they have left the window), at most
     * {@code followUpsPerPoll}. Without an export this poll, the open transactions last seen in the window are left
     * to the next export rather than re-read one by one. Returns the PayTrace failure that ended the re-reads, or
     * null.
     */
    private RuntimeException followUp(Round round, boolean swept, LocalDate from) {
        NavigableSet<String> outside = checkpoint.openIds();
        if (swept) {
            outside.removeAll(round.idsInExport);
        } else {
            outside.removeIf(id -> checkpoint.entry(id).map(e -> !e.lastSeen().isBefore(from)).orElse(false));
        }
        for (String id : rotation.next(outside, followUpsPerPoll)) {
            long numeric;
            try {
                numeric = Long.parseLong(id);
            } catch (NumberFormatException e) {
                // export/by_id takes an integer: this id cannot be re-read, so stop trying.
                checkpoint.stopFollowing(id);
                metrics.openGivenUp(1);
                LOG.warn("Open transaction id {} is not an integer: cannot re-read it by id, no longer followed", id);
                continue;
            }
            Optional<ObjectNode> current;
            metrics.followUpRead();
            round.followUpReads++;
            try {
                current = payTrace.exportById(numeric);
            } catch (RuntimeException e) {
                return e; // the records sent so far still get their acknowledgements checked
            }
            rotation.read(id);
            if (current.isEmpty()) {
                checkpoint.stopFollowing(id);
                metrics.openGivenUp(1);
                LOG.warn("PayTrace does not know open transaction {} any more (export/by_id: not found); no longer "
                        + "followed", id);
                continue;
            }
            String readId = round.consider(current.get(), id);
            if (!id.equals(readId)) {
                checkpoint.stopFollowing(id);
                metrics.openGivenUp(1);
                LOG.warn("export/by_id {} answered a record with transaction_id {}; {} is no longer followed", id,
                        readId, id);
            }
        }
        return null;
    }

    /** The records of one poll: what was sent, what was skipped. */
    private final class Round {
        final LocalDate today;
        final Instant receivedAt;
        final List<Pending> pending = new ArrayList<>();
        final Set<String> idsInExport = new HashSet<>();
        /** id (or "invalid:" + fingerprint) → fingerprint sent this poll, for repeats within one export. */
        final Map<String, String> sentThisPoll = new HashMap<>();
        int seen;
        int unchanged;
        int followUpReads;

        Round(LocalDate today, Instant receivedAt) {
            this.today = today;
            this.receivedAt = receivedAt;
        }

        /**
         * Scrubs, fingerprints and publishes the record if it changed. {@code followedId} is the id it was re-read
         * by, or null for a window record. Returns the record's transaction id, or null if it has none.
         */
        String consider(ObjectNode exported, String followedId) {
            seen++;
            metrics.recordRead(exported.path("created").path("at").asText(null));
            ExportedRecord scrubbed = ExportedRecord.of(exported);
            String fingerprint = scrubbed.fingerprint();
            String json = scrubbed.json();
            JsonNode idNode = scrubbed.scrubbed().get(TRANSACTION_ID);
            String transactionId = scrubbed.transactionId();
            if (transactionId == null) {
                String key = "invalid:" + fingerprint;
                if (checkpoint.isInvalidPublished(fingerprint) || sentThisPoll.containsKey(key)) {
                    checkpoint.invalidSeen(fingerprint, today);
                    skipped();
                    return null;
                }
                sentThisPoll.put(key, fingerprint);
                pending.add(new Pending(null, fingerprint, scrubbed.pansScrubbed(), false, false, false,
                        publisher.publishInvalid(invalidRecord(json, invalidReason(idNode), receivedAt))));
                return null;
            }
            boolean followUp = followedId != null;
            boolean open = !TerminalStatus.isTerminal(scrubbed.scrubbed());
            if (!followUp) {
                idsInExport.add(transactionId);
            }
            if (checkpoint.isPublished(transactionId, fingerprint) || fingerprint.equals(sentThisPoll.get(transactionId))) {
                // Same content as acknowledged, so its open flag may move now.
                if (followUp) {
                    checkpoint.followedUp(transactionId, fingerprint, open);
                } else {
                    checkpoint.seen(transactionId, today, open);
                }
                skipped();
                return transactionId;
            }
            boolean republish = checkpoint.isKnown(transactionId); // known, but not with this fingerprint
            sentThisPoll.put(transactionId, fingerprint);
            pending.add(new Pending(transactionId, fingerprint, scrubbed.pansScrubbed(), republish, followUp, open,
                    publisher.publish(scrubbed.toRaw(RecordSource.POLL, receivedAt))));
            return transactionId;
        }

        private void skipped() {
            unchanged++;
            metrics.recordUnchanged();
        }
    }

    private record Acknowledged(int published, int invalid, int pans, List<String> publishedIds) {
    }

    /** Advances the checkpoint for every acknowledged record; throws if any was not acknowledged. */
    private Acknowledged awaitAcknowledgements(LocalDate today, List<Pending> pending) {
        Acknowledgements.awaitAll(pending.stream().map(Pending::ack).toList());
        int published = 0;
        int invalid = 0;
        int pans = 0;
        int failed = 0;
        Throwable firstFailure = null;
        List<String> publishedIds = new ArrayList<>();
        for (Pending p : pending) {
            Throwable failure = Acknowledgements.failureOf(p.ack());
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
                if (p.followUp()) {
                    checkpoint.followedUp(p.transactionId(), p.fingerprint(), p.open());
                } else {
                    checkpoint.published(p.transactionId(), p.fingerprint(), today, p.open());
                }
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
        return new Acknowledged(published, invalid, pans, publishedIds);
    }

    /** Takes the records published elsewhere since the last poll into the checkpoint, as seen today. */
    private void takePublishedElsewhere(LocalDate today) {
        PublishedElsewhere p;
        while ((p = publishedElsewhere.poll()) != null) {
            publishedElsewhereQueued.decrementAndGet();
            if (!checkpoint.isPublished(p.transactionId(), p.fingerprint())) {
                checkpoint.published(p.transactionId(), p.fingerprint(), today, p.open());
            }
        }
    }

    private void logSweepModeChange(Instant now) {
        boolean gated = sweeps.pushHealthy(now);
        if (gated != sweepsGated) {
            sweepsGated = gated;
            if (gated) {
                LOG.info("Push is healthy: the window export (export/by_date_range) now runs only as a backstop ({}); "
                        + "re-reads by id and batch polls go on every poll", sweeps);
            } else {
                LOG.info("Push is not healthy (nothing accepted recently): the window export runs on every poll again");
            }
        }
    }

    private static void logBatchFailure(RuntimeException e, Duration pause) {
        if (e instanceof PayTraceException || e instanceof PublishFailedException) {
            LOG.warn("Batch poll failed, transactions still polled; next batch poll in {} ms or later: {}",
                    pause.toMillis(), e.getMessage());
        } else {
            LOG.warn("Batch poll failed unexpectedly, transactions still polled; next batch poll in {} ms or later",
                    pause.toMillis(), e);
        }
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
