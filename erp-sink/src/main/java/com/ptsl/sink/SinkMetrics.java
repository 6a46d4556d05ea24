package com.ptsl.sink;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.service.metrics.ServiceMetrics;
import com.ptsl.sink.apply.PollBatchApplier;
import com.ptsl.sink.feed.FeedMetrics;
import com.ptsl.sink.ledger.DeadLetterRow;
import com.ptsl.sink.posting.PostingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sink's business meters, and the only record of what it did: the launcher, the tests and
 * {@code /metrics} all read these. Command counters and latencies move only when the SQL transaction
 * that decided them committed, so a retried batch is not counted twice.
 *
 * <p>The SL feed's meters ({@code ptsl_sink_feed_*}) are here too, fed through {@link FeedMetrics}; their only
 * label is the topic (two values).
 *
 * <p>Written by the consumer thread and the feed thread (each its own meters); read from anywhere.
 */
public final class SinkMetrics implements FeedMetrics {

    /** The feed's two topics: the only values of its {@code topic} label. */
    private static final List<Topic<?, ?>> FEED_TOPICS = List.of(Topics.SL_INVOICES, Topics.SL_CUSTOMERS);

    private final Counter applied;
    private final Counter duplicates;
    private final Counter rejected;
    private final Counter documentsWritten;
    private final Counter transientRetries;
    private final Counter zombieFences;
    private final Counter batchFallbacks;
    private final Counter resultsPublished;
    private final Counter resultPublishFailures;
    private final Map<DeadLetterRow.Kind, Counter> deadLetters = new EnumMap<>(DeadLetterRow.Kind.class);
    private final Counter deadLettersPublished;
    private final Counter redrivesApplied;
    private final Counter redrivesRejected;
    private final Counter redrivesIgnored;
    private final Counter depositsMatched;
    private final Counter depositsMismatched;
    private final AtomicInteger pausedPartitions = new AtomicInteger();
    private final Timer sqlTransaction;
    private final DistributionSummary commandsPerTransaction;
    private final Timer gatewayToSl;
    private final Timer heldGatewayToSl;
    private final Timer paytraceToSl;
    private final AtomicInteger assignedPartitions = new AtomicInteger();
    /** Monotonic, so the age gauge survives wall-clock steps. */
    private final AtomicLong lastCommitNanos = new AtomicLong(System.nanoTime());
    private volatile Instant lastCommitTime;
    private final ConsumerLagGauges lag;
    private final Map<String, Counter> feedSnapshots = new LinkedHashMap<>();
    private final Map<String, Counter> feedTombstones = new LinkedHashMap<>();
    private final Map<String, AtomicLong> feedHighWater = new LinkedHashMap<>();
    private final Timer feedCycle;
    private final Counter feedCycleFailures;
    private final AtomicLong feedLastSuccessNanos = new AtomicLong(System.nanoTime());

    public SinkMetrics(MeterRegistry registry) {
        applied = commands(registry, ResultStatus.APPLIED);
        duplicates = commands(registry, ResultStatus.DUPLICATE);
        rejected = commands(registry, ResultStatus.REJECTED);
        documentsWritten = Counter.builder("ptsl.sink.documents.written")
                .description("documents written to ARDoc (PA, NS, CM, DM, each with its ARTran lines), counted at the SQL commit")
                .register(registry);
        transientRetries = Counter.builder("ptsl.sink.transient.retries")
                .description("poll batches rolled back and retried after a backoff with the partitions paused (database or Kafka "
                        + "unavailable, lock timeout, deadlock)")
                .register(registry);
        zombieFences = Counter.builder("ptsl.sink.zombie.fences")
                .description("commits refused because another consumer had moved the offset stored in SL (this instance was a zombie)")
                .register(registry);
        batchFallbacks = Counter.builder("ptsl.sink.batch.fallbacks")
                .description("poll batches whose JDBC batch failed (an SQL error no single command explains): rolled back and "
                        + "applied again one command at a time, each under its own savepoint")
                .register(registry);
        resultsPublished = Counter.builder("ptsl.sink.results.published")
                .description("ErpResults acknowledged by Kafka on erp.results (at least once: a re-sent outbox row counts again)")
                .register(registry);
        resultPublishFailures = Counter.builder("ptsl.sink.result.publish.failures")
                .description("attempts to publish the results of a committed batch that Kafka did not acknowledge; they stay in the ledger outbox")
                .register(registry);
        for (DeadLetterRow.Kind kind : DeadLetterRow.Kind.values()) {
            deadLetters.put(kind, Counter.builder("ptsl.sink.dead.letters")
                    .description("commands sent to erp.commands.dlq for the first time, counted at the SQL commit, by kind: "
                            + "rejected (SL refused it), poison (not a readable ErpCommand), error (the sink failed on it)")
                    .tag("kind", kind.label())
                    .register(registry));
        }
        deadLettersPublished = Counter.builder("ptsl.sink.dead.letters.published")
                .description("dead-letter states acknowledged by Kafka (a DeadLetter or, once re-driven, a tombstone on erp.commands.dlq, "
                        + "each with its review item on payments.review); at least once")
                .register(registry);
        redrivesApplied = redrives(registry, "applied");
        redrivesRejected = redrives(registry, "rejected");
        redrivesIgnored = redrives(registry, "ignored");
        depositsMatched = deposits(registry, "matched");
        depositsMismatched = deposits(registry, "mismatch");
        Gauge.builder("ptsl.sink.paused.partitions", pausedPartitions, AtomicInteger::get)
                .description("assigned partitions of erp.commands not fetching: waiting out a transient error's backoff, "
                        + "or for their stored offset to be read")
                .strongReference(true)
                .register(registry);
        sqlTransaction = ServiceMetrics.latencyTimer(registry, "ptsl.sink.sql.transaction",
                "one poll batch's SQL transaction from the first statement to its COMMIT (committed ones only)");
        commandsPerTransaction = DistributionSummary.builder("ptsl.sink.commands.per.transaction")
                .description("commands decided by one committed SQL transaction (0 when a batch only moved offsets past transaction markers)")
                .register(registry);
        gatewayToSl = ServiceMetrics.latencyTimer(registry, "ptsl.e2e.gateway.to.sl",
                "APPLIED commands the processor decided at once: from ingest-gateway receiving the PayTrace record to the SL commit");
        heldGatewayToSl = ServiceMetrics.latencyTimer(registry, "ptsl.e2e.held.gateway.to.sl",
                "APPLIED commands the processor held (for an invoice or customer to reach SL's feed, or for a person): "
                        + "gateway receipt to SL commit; outside the one-second objective");
        paytraceToSl = ServiceMetrics.latencyTimer(registry, "ptsl.e2e.paytrace.to.sl",
                "APPLIED commands the processor decided at once: from PayTrace's record time (created.at, whole seconds) to the SL commit");
        Gauge.builder("ptsl.sink.assigned.partitions", assignedPartitions, AtomicInteger::get)
                .description("partitions of erp.commands this instance owns and has positioned from the offsets stored in SL")
                .strongReference(true)
                .register(registry);
        Gauge.builder("ptsl.sink.last.commit.age", lastCommitNanos, last -> (System.nanoTime() - last.get()) / 1e9)
                .description("seconds since the last SQL commit of a poll batch (since the sink started, before the first)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        lag = new ConsumerLagGauges(registry);
        for (Topic<?, ?> topic : FEED_TOPICS) {
            feedSnapshots.put(topic.name(), Counter.builder("ptsl.sink.feed.snapshots.published")
                    .description("SL snapshots (invoice or customer) acknowledged by Kafka on the feed's topic")
                    .tag("topic", topic.name()).register(registry));
            feedTombstones.put(topic.name(), Counter.builder("ptsl.sink.feed.tombstones.published")
                    .description("tombstones acknowledged on the feed's topic: invoices closed, voided or deleted, customers deleted")
                    .tag("topic", topic.name()).register(registry));
            AtomicLong mark = new AtomicLong();
            feedHighWater.put(topic.name(), mark);
            Gauge.builder("ptsl.sink.feed.high.water", mark, AtomicLong::get)
                    .description("SL row version (tstamp) up to which every change has been published, as stored in PTSL_FeedState")
                    .tag("topic", topic.name()).strongReference(true).register(registry);
        }
        feedCycle = ServiceMetrics.latencyTimer(registry, "ptsl.sink.feed.cycle",
                "one successful feed cycle: read SL's changes, publish, wait for the acks, store the high-water marks");
        feedCycleFailures = Counter.builder("ptsl.sink.feed.cycle.failures")
                .description("feed cycles that failed (SL or Kafka unavailable) and were retried after a backoff")
                .register(registry);
        Gauge.builder("ptsl.sink.feed.last.success.age", feedLastSuccessNanos, last -> (System.nanoTime() - last.get()) / 1e9)
                .description("seconds since the feed last completed a cycle (since the sink started, before the first)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
    }

    @Override
    public void published(Topic<?, ?> topic, int snapshots, int tombstones) {
        feedSnapshots.get(topic.name()).increment(snapshots);
        feedTombstones.get(topic.name()).increment(tombstones);
    }

    @Override
    public void cycleSucceeded(long nanos) {
        feedCycle.record(nanos, TimeUnit.NANOSECONDS);
        feedLastSuccessNanos.set(System.nanoTime());
    }

    @Override
    public void cycleFailed(long nanos) {
        feedCycleFailures.increment();
    }

    @Override
    public void highWater(Topic<?, ?> topic, long version) {
        feedHighWater.get(topic.name()).set(version);
    }

    /** Snapshots the feed published on {@code topic} (acknowledged). */
    public long feedSnapshots(Topic<?, ?> topic) {
        return (long) feedSnapshots.get(topic.name()).count();
    }

    public long feedTombstones(Topic<?, ?> topic) {
        return (long) feedTombstones.get(topic.name()).count();
    }

    public long feedHighWater(Topic<?, ?> topic) {
        return feedHighWater.get(topic.name()).get();
    }

    public long feedCycles() {
        return feedCycle.count();
    }

    public long feedCycleFailures() {
        return (long) feedCycleFailures.count();
    }

    private static Counter commands(MeterRegistry registry, ResultStatus status) {
        return Counter.builder("ptsl.sink.commands")
                .description("commands decided by a committed SQL transaction, by result")
                .tag("result", status.name())
                .register(registry);
    }

    private static Counter redrives(MeterRegistry registry, String outcome) {
        return Counter.builder("ptsl.sink.redrives")
                .description("re-driven commands (ptsl dlq redrive), counted at the SQL commit: applied at last, rejected again, "
                        + "or ignored because the ledger did not hold them as REJECTED (a second re-drive is a DUPLICATE)")
                .tag("outcome", outcome)
                .register(registry);
    }

    private static Counter deposits(MeterRegistry registry, String outcome) {
        return Counter.builder("ptsl.sink.deposits")
                .description("PayTrace settlement batches recorded as SL deposits (CloseDeposit APPLIED), counted at the SQL commit: "
                        + "matched (SL holds what PayTrace settled) or mismatch (a DEPOSIT_MISMATCH review item); a correction counts again")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** After the COMMIT of a poll batch that took {@code transactionNanos}. */
    void committed(PollBatchApplier.Committed c, long transactionNanos) {
        for (ErpResult r : c.ledgerResults()) {
            if (r.getStatus() == ResultStatus.APPLIED && PostingEvent.DEPOSIT_MATCHED.name().equals(r.getEvent())) {
                depositsMatched.increment();
            } else if (r.getStatus() == ResultStatus.APPLIED && PostingEvent.DEPOSIT_MISMATCH.name().equals(r.getEvent())) {
                depositsMismatched.increment();
            }
        }
        c.newDeadLetters().forEach(d -> deadLetters.get(d.kind()).increment());
        redrivesApplied.increment(c.redrives().applied());
        redrivesRejected.increment(c.redrives().rejected());
        redrivesIgnored.increment(c.redrives().ignored());
        if (c.fellBack()) {
            batchFallbacks.increment();
        }
        applied.increment(c.applied());
        duplicates.increment(c.duplicateResults().size());
        rejected.increment(c.rejected());
        documentsWritten.increment(c.documents());
        sqlTransaction.record(transactionNanos, TimeUnit.NANOSECONDS);
        commandsPerTransaction.record(c.commands());
        long committedAt = c.committedAt().toEpochMilli();
        List<ErpCommand> appliedCommands = c.appliedCommands();
        for (int i = 0; i < appliedCommands.size(); i++) {
            ErpCommand command = appliedCommands.get(i);
            long fromGateway = Math.max(0, committedAt - command.getSourceReceivedAt().toEpochMilli());
            if (command.getHeldMs() > 0) {
                // Waiting for SL data or a person is by design, not pipeline latency: kept apart from the objective.
                heldGatewayToSl.record(fromGateway, TimeUnit.MILLISECONDS);
                continue;
            }
            gatewayToSl.record(fromGateway, TimeUnit.MILLISECONDS);
            Instant recordTime = command.getSourceRecordTime();
            if (recordTime != null) {
                paytraceToSl.record(Math.max(0, committedAt - recordTime.toEpochMilli()), TimeUnit.MILLISECONDS);
            }
        }
        lastCommitNanos.set(System.nanoTime());
        lastCommitTime = c.committedAt();
    }

    void transientRetry() {
        transientRetries.increment();
    }

    void zombieFence() {
        zombieFences.increment();
    }

    void published(int count) {
        resultsPublished.increment(count);
    }

    void publishFailed() {
        resultPublishFailures.increment();
    }

    void assignedPartitions(int count) {
        assignedPartitions.set(count);
    }

    void pausedPartitions(int count) {
        pausedPartitions.set(count);
    }

    void deadLettersPublished(int count) {
        deadLettersPublished.increment(count);
    }

    /** Commands that entered the dead-letter queue (first failures), of one kind. */
    public long deadLetters(DeadLetterRow.Kind kind) {
        return (long) deadLetters.get(kind).count();
    }

    public long deadLetters() {
        return deadLetters.values().stream().mapToLong(c -> (long) c.count()).sum();
    }

    public long deadLettersPublished() {
        return (long) deadLettersPublished.count();
    }

    public long redrivesApplied() {
        return (long) redrivesApplied.count();
    }

    public long redrivesRejected() {
        return (long) redrivesRejected.count();
    }

    public long redrivesIgnored() {
        return (long) redrivesIgnored.count();
    }

    /** Settlement batches recorded whose SL documents matched PayTrace. */
    public long depositsMatched() {
        return (long) depositsMatched.count();
    }

    /** Settlement batches recorded as a MISMATCH. */
    public long depositsMismatched() {
        return (long) depositsMismatched.count();
    }

    public int pausedPartitions() {
        return pausedPartitions.get();
    }

    /** The per-partition lag gauges; fed by the consumer thread. */
    ConsumerLagGauges lag() {
        return lag;
    }

    public long commandsIn() {
        return applied() + duplicates() + rejected();
    }

    public long applied() {
        return (long) applied.count();
    }

    public long duplicates() {
        return (long) duplicates.count();
    }

    public long rejected() {
        return (long) rejected.count();
    }

    /** Documents written to ARDoc (PA, NS, CM, DM, each with its ARTran lines). */
    public long slDocumentsWritten() {
        return (long) documentsWritten.count();
    }

    public long transientRetries() {
        return (long) transientRetries.count();
    }

    /** Commits refused because another consumer had moved the stored offset (this instance was a zombie). */
    public long zombieFences() {
        return (long) zombieFences.count();
    }

    /** Poll batches re-applied one command at a time after their JDBC batch failed. */
    public long batchFallbacks() {
        return (long) batchFallbacks.count();
    }

    public long resultsPublished() {
        return (long) resultsPublished.count();
    }

    public long resultPublishFailures() {
        return (long) resultPublishFailures.count();
    }

    public int assignedPartitions() {
        return assignedPartitions.get();
    }

    /** Null before the first commit. */
    public Instant lastCommitTime() {
        return lastCommitTime;
    }

    /** APPLIED commands measured from the gateway to the SL commit. */
    public long endToEndCount() {
        return gatewayToSl.count();
    }

    /** APPLIED commands the processor had held before deciding. */
    public long heldEndToEndCount() {
        return heldGatewayToSl.count();
    }

    /** APPLIED commands that carried PayTrace's record time. */
    public long paytraceToSlCount() {
        return paytraceToSl.count();
    }

    @Override
    public String toString() {
        return "SinkMetrics{in=" + commandsIn() + ", applied=" + applied() + ", duplicates=" + duplicates() + ", rejected=" + rejected()
                + ", documents=" + slDocumentsWritten() + ", transientRetries=" + transientRetries() + ", zombieFences=" + zombieFences()
                + ", resultsPublished=" + resultsPublished() + ", deadLetters=" + deadLetters() + ", redrivesApplied=" + redrivesApplied()
                + ", partitions=" + assignedPartitions() + "}";
    }
}
