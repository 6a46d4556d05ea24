package com.ptsl.sink;

import com.ptsl.schemas.Topic;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.service.metrics.ServiceMetrics;
import com.ptsl.sink.apply.CommitUncertainException;
import com.ptsl.sink.apply.PollBatchApplier;
import com.ptsl.sink.deposit.DepositReview;
import com.ptsl.sink.deposit.DepositReviewOutbox;
import com.ptsl.sink.kafka.Backoff;
import com.ptsl.sink.kafka.PartitionOffsets;
import com.ptsl.sink.kafka.ResultPublisher;
import com.ptsl.sink.ledger.CommandLedger;
import com.ptsl.sink.ledger.DeadLetterRow;
import com.ptsl.sink.ledger.DeadLetterStore;
import com.ptsl.sink.ledger.LedgerEntry;
import com.ptsl.sink.offsets.OffsetStore;
import com.ptsl.sink.posting.SlSetupException;
import com.ptsl.sink.posting.SlWriter;
import com.ptsl.sink.sql.IntegrationTables;
import com.ptsl.sink.sql.SlDatabase;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The consumer thread: poll → one SQL transaction → publish results, dead letters and deposit review items, until
 * stopped. Nothing in it may end the loop except {@link #stop()}: database and Kafka failures roll back, seek back to the
 * offsets stored in SL and retry after a backoff, so no command is skipped or applied twice. During the backoff
 * the partitions are paused and the consumer keeps polling, so a long wait does not cost its place in the group.
 */
final class SinkLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final int OUTBOX_CHUNK = 500;
    private static final int OUTBOX_MAX_ROUNDS = 200;
    private static final String CLOSE_DEPOSIT = "CloseDeposit";
    /** The producer's delivery timeout: by then every record is acknowledged or failed. */
    private static final Duration ACK_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_ACK_WAIT = Duration.ofSeconds(2);

    private final SinkConfig config;
    private final SinkMetrics metrics;
    private final ServiceMetrics serviceMetrics;
    private final Topic<String, ?> commands = Topics.ERP_COMMANDS;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Backoff backoff;
    private volatile boolean stopping;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private volatile String fatalError;

    /** Duplicate results are not in the outbox (the ledger has one row per commandId); kept here until sent. */
    private final List<ErpResult> unsentDuplicates = new ArrayList<>();
    /**
     * The last committed batch's results and dead letters: handed to the producer, acknowledgements not awaited yet. They
     * are awaited just before the next poll batch, which then marks them sent in its own transaction, so the sink applies
     * batch n + 1 while the broker takes the results of batch n.
     */
    private InFlight inFlight;
    /** Outbox rows Kafka acknowledged whose ResultSent/Sent = 1 is not committed yet (again, after a rollback). */
    private final List<String> ackedResults = new ArrayList<>();
    private final List<DeadLetterRow> ackedDeadLetters = new ArrayList<>();
    private boolean outboxDirty = true;
    private List<KafkaClientMetrics> clientMetrics = List.of();

    SinkLoop(SinkConfig config, SinkMetrics metrics, ServiceMetrics serviceMetrics) {
        this.config = config;
        this.metrics = metrics;
        this.serviceMetrics = serviceMetrics;
        this.backoff = config.retry().newBackoff();
    }

    boolean running() {
        return running;
    }

    /** What ended the loop other than {@link #stop()}, or null. */
    String fatalError() {
        return fatalError;
    }

    /** Called from another thread: ends the loop at its next step; poll() is woken up. */
    void stop() {
        stopping = true;
        stopped.countDown();
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    @Override
    public void run() {
        running = true;
        String clientId = "erp-sink-" + UUID.randomUUID().toString().substring(0, 8);
        try (SlDatabase database = new SlDatabase(config.jdbcUrl(), config.dbUser(), config.dbPassword(), config.lockTimeoutMs());
             ResultPublisher publisher = new ResultPublisher(config.bootstrapServers(), clientId + "-results");
             KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(consumerProps(clientId), commands.keySerde().deserializer(),
                     new ByteArrayDeserializer())) {
            consumer = kafka;
            if (stopping) {
                return;
            }
            clientMetrics = List.of(serviceMetrics.bind(new KafkaClientMetrics(kafka)),
                    serviceMetrics.bind(new KafkaClientMetrics(publisher.producer())));
            OffsetStore offsetStore = new OffsetStore(database.dialect(), config.groupId());
            Outbox outbox = new Outbox(new CommandLedger(database.dialect()), new DeadLetterStore(database.dialect()),
                    new DepositReviewOutbox(database.dialect()));
            SlWriter writer = new SlWriter(database.dialect(), config.posting(), config.deposits(), config.slReread());
            PollBatchApplier applier = new PollBatchApplier(database.dialect(), writer, outbox.ledger(), outbox.deadLetters(), offsetStore);
            if (!prepare(database, writer, outbox, publisher)) {
                return;
            }
            PartitionOffsets offsets = new PartitionOffsets(kafka, database, offsetStore);
            // Another instance may have posted for the customers of a partition this one gains (or had): what the payment
            // batches remember of SL is read again.
            kafka.subscribe(List.of(commands.name()), new LaggingRebalanceListener(offsets, metrics.lag(), writer::forgetRemembered));
            LOG.info("erp-sink consuming {} as group {} into SL ({})", commands.name(), config.groupId(), database.dialect().name());
            while (!stopping) {
                step(kafka, database, offsets, applier, outbox, publisher);
            }
            // What the last batch sent: if Kafka acknowledged it within a moment, its rows are marked sent now rather than
            // published again at the next start.
            markAckedOnItsOwn(database, outbox, STOP_ACK_WAIT);
        } catch (RuntimeException e) {
            fatalError = e.toString();
            LOG.error("erp-sink stopped by an unexpected error", e);
        } finally {
            // The clients are closed: their meters would only report stale values.
            clientMetrics.forEach(KafkaClientMetrics::close);
            metrics.assignedPartitions(0);
            running = false;
            consumer = null;
            LOG.info("erp-sink stopped: {}", metrics);
        }
    }

    /** Integration tables, topics and the outbox left by a previous run; retried until they work or the sink is stopped. */
    private boolean prepare(SlDatabase database, SlWriter writer, Outbox outbox, ResultPublisher publisher) {
        while (!stopping) {
            try {
                IntegrationTables.ensure(database.connection(), database.dialect());
                // GL rules and refund account against SL's Account/SubAcct: a rule naming an account SL does not have
                // stops the sink here (not ready, no partition taken), with the rule in the message, until SL or the
                // configuration is fixed; nothing is posted to a wrong account meanwhile.
                writer.verifySetup(database.connection()).forEach(w -> LOG.warn("SL setup: {}", w));
                database.connection().commit();
                TopicCreator.ensure(config.bootstrapServers(), List.of(Topics.ERP_COMMANDS, Topics.ERP_RESULTS, Topics.COMMANDS_DLQ,
                        Topics.PAYMENTS_REVIEW));
                publishOutbox(database, outbox, publisher);
                backoff.reset();
                return true;
            } catch (SlSetupException e) {
                database.rollbackQuietly();
                LOG.error("erp-sink cannot post to SL: {} (retrying)", e.getMessage());
                pause(backoff.next());
            } catch (SQLException | RuntimeException | ResultPublisher.PublishException e) {
                database.rollbackQuietly();
                LOG.warn("erp-sink cannot start yet: {}", e.toString());
                pause(backoff.next());
            }
        }
        return false;
    }

    private void step(KafkaConsumer<String, byte[]> kafka, SlDatabase database, PartitionOffsets offsets,
                      PollBatchApplier applier, Outbox outbox, ResultPublisher publisher) {
        try {
            if (!offsets.resolve()) {
                metrics.transientRetry();
                backOffPaused(kafka, offsets, backoff.next());
            }
            if (outboxDirty) {
                markAckedOnItsOwn(database, outbox);
                publishOutbox(database, outbox, publisher);
            }
            ConsumerRecords<String, byte[]> polled = kafka.poll(POLL_TIMEOUT);
            metrics.assignedPartitions(offsets.owned());
            metrics.lag().update(kafka);
            List<PartitionOffsets.Range> ranges = offsets.ranges();
            if (ranges.isEmpty()) {
                // Nothing to apply: what the last batch sent is marked in a transaction of its own.
                markAckedOnItsOwn(database, outbox);
                return;
            }
            List<ConsumerRecord<String, byte[]>> records = inRanges(polled, ranges);
            Connection connection = database.connection();
            awaitInFlight();
            long started = System.nanoTime();
            PollBatchApplier.Committed committed = applier.apply(connection, records, ranges, c -> markAcked(c, outbox));
            ackedResults.clear();
            ackedDeadLetters.clear();
            long transactionNanos = System.nanoTime() - started;
            offsets.advance(ranges);
            backoff.reset();
            metrics.committed(committed, transactionNanos);
            publish(database, outbox, publisher, committed);
        } catch (WakeupException e) {
            if (!stopping) {
                LOG.debug("Spurious wakeup");
            }
        } catch (PollBatchApplier.Fenced e) {
            metrics.zombieFence();
            LOG.warn("Fenced: {}. Re-reading the offsets stored in SL.", e.getMessage());
            database.rollbackQuietly();
            offsets.reloadAll();
        } catch (CommitUncertainException e) {
            outboxDirty = true; // if the commit did happen, its results are waiting in the ledger
            retryAfter(kafka, database, offsets, e, true);
        } catch (SQLException e) {
            retryAfter(kafka, database, offsets, e, database.dialect().isTransient(e));
        } catch (ResultPublisher.PublishException e) {
            retryAfter(kafka, database, offsets, e, true);
        } catch (RuntimeException e) {
            retryAfter(kafka, database, offsets, e, false);
        }
    }

    /** Only records inside the ranges whose offsets are being advanced; anything before a stored offset was already applied. */
    private static List<ConsumerRecord<String, byte[]>> inRanges(ConsumerRecords<String, byte[]> polled,
                                                                 List<PartitionOffsets.Range> ranges) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>(polled.count());
        Map<org.apache.kafka.common.TopicPartition, PartitionOffsets.Range> byPartition = new HashMap<>();
        ranges.forEach(r -> byPartition.put(r.partition(), r));
        for (ConsumerRecord<String, byte[]> r : polled) {
            PartitionOffsets.Range range = byPartition.get(new org.apache.kafka.common.TopicPartition(r.topic(), r.partition()));
            if (range != null && r.offset() >= range.start() && r.offset() < range.end()) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * After the commit: the batch's results (and any duplicates left unsent) and dead letters are handed to the producer;
     * their acknowledgements are awaited before the next batch ({@link #awaitInFlight}) and their rows marked sent in its
     * transaction. A batch that recorded a deposit waits for them at once, then publishes the deposits' review items.
     */
    private void publish(SlDatabase database, Outbox outbox, ResultPublisher publisher, PollBatchApplier.Committed c) {
        List<ErpResult> duplicates = new ArrayList<>(unsentDuplicates);
        duplicates.addAll(c.duplicateResults());
        List<ErpResult> all = new ArrayList<>(unsentDuplicates);
        all.addAll(c.ledgerResults());
        all.addAll(c.duplicateResults());
        try {
            ResultPublisher.Sent sent = publisher.send(all, c.deadLetters());
            unsentDuplicates.clear();
            inFlight = new InFlight(sent, c.ledgerResults().stream().map(ErpResult::getCommandId).toList(), c.deadLetters(), duplicates,
                    all.size());
        } catch (ResultPublisher.PublishException e) {
            failedToPublish(duplicates, e);
            return;
        }
        if (c.ledgerResults().stream().anyMatch(r -> CLOSE_DEPOSIT.equals(r.getCommandType()))) {
            try {
                markAckedOnItsOwn(database, outbox);
                publishDepositReviews(database.connection(), outbox, publisher);
            } catch (ResultPublisher.PublishException | SQLException e) {
                database.rollbackQuietly();
                metrics.publishFailed();
                outboxDirty = true;
                LOG.warn("Deposit review items of a committed batch not published yet ({}); will retry from PTSL_Deposit", e.toString());
            }
        }
    }

    /** Results and dead letters sent after a commit, not yet known to be acknowledged. */
    private record InFlight(ResultPublisher.Sent sent, List<String> ledgerIds, List<DeadLetterRow> deadLetters,
                            List<ErpResult> duplicates, int records) {
    }

    /**
     * Waits for the acknowledgements of what the last batch sent: acknowledged rows join those to mark sent; a failure
     * leaves them unsent in their tables (published again from there) and the duplicates in memory.
     */
    private void awaitInFlight() {
        awaitInFlight(ACK_WAIT);
    }

    private void awaitInFlight(Duration limit) {
        InFlight f = inFlight;
        if (f == null) {
            return;
        }
        inFlight = null;
        try {
            f.sent().await(limit);
        } catch (ResultPublisher.PublishException e) {
            failedToPublish(f.duplicates(), e);
            return;
        }
        metrics.published(f.records());
        metrics.deadLettersPublished(f.deadLetters().size());
        ackedResults.addAll(f.ledgerIds());
        ackedDeadLetters.addAll(f.deadLetters());
    }

    private void failedToPublish(List<ErpResult> duplicates, ResultPublisher.PublishException e) {
        // The SL transaction is committed; results and dead letters wait in their tables (unsent) for the next attempt.
        metrics.publishFailed();
        outboxDirty = true;
        if (unsentDuplicates.size() < 10_000) {
            unsentDuplicates.addAll(duplicates);
        }
        LOG.warn("Results of a committed batch not published yet ({}); will retry from the ledger", e.toString());
    }

    /** ResultSent = 1 / Sent = 1 for what Kafka acknowledged, in the caller's transaction. */
    private void markAcked(Connection conn, Outbox outbox) throws SQLException {
        outbox.ledger().markSent(conn, ackedResults);
        outbox.deadLetters().markSent(conn, ackedDeadLetters);
    }

    /** Awaits what is in flight and marks what was acknowledged in a transaction of its own; a failure is retried later. */
    private void markAckedOnItsOwn(SlDatabase database, Outbox outbox) {
        markAckedOnItsOwn(database, outbox, ACK_WAIT);
    }

    private void markAckedOnItsOwn(SlDatabase database, Outbox outbox, Duration ackWait) {
        awaitInFlight(ackWait);
        if (ackedResults.isEmpty() && ackedDeadLetters.isEmpty()) {
            return;
        }
        try {
            Connection conn = database.connection();
            markAcked(conn, outbox);
            conn.commit();
            ackedResults.clear();
            ackedDeadLetters.clear();
        } catch (SQLException e) {
            database.rollbackQuietly();
            LOG.warn("Could not mark acknowledged results sent yet ({}); will try again", e.toString());
        }
    }

    /** Publishes every ledger row with ResultSent = 0 and every dead letter with Sent = 0 (left by a crash or a failed publish). */
    private void publishOutbox(SlDatabase database, Outbox outbox, ResultPublisher publisher)
            throws SQLException, ResultPublisher.PublishException {
        Connection conn = database.connection();
        int total = 0;
        for (int round = 0; round < OUTBOX_MAX_ROUNDS; round++) {
            List<LedgerEntry> unsent = outbox.ledger().unsent(conn, OUTBOX_CHUNK);
            conn.commit();
            if (unsent.isEmpty()) {
                break;
            }
            List<ErpResult> results = unsent.stream().map(LedgerEntry::toResult).toList();
            publisher.publish(results);
            outbox.ledger().markSent(conn, unsent.stream().map(LedgerEntry::commandId).toList());
            conn.commit();
            total += results.size();
            metrics.published(results.size());
        }
        int deadLetters = 0;
        for (int round = 0; round < OUTBOX_MAX_ROUNDS; round++) {
            List<DeadLetterRow> unsent = outbox.deadLetters().unsent(conn, OUTBOX_CHUNK);
            conn.commit();
            if (unsent.isEmpty()) {
                break;
            }
            publisher.publish(List.of(), unsent);
            outbox.deadLetters().markSent(conn, unsent);
            conn.commit();
            deadLetters += unsent.size();
            metrics.deadLettersPublished(unsent.size());
        }
        int reviews = publishDepositReviews(conn, outbox, publisher);
        if (!unsentDuplicates.isEmpty()) {
            publisher.publish(unsentDuplicates);
            metrics.published(unsentDuplicates.size());
            unsentDuplicates.clear();
        }
        outboxDirty = false;
        if (total > 0 || deadLetters > 0 || reviews > 0) {
            LOG.info("Re-published {} results, {} dead letters and {} deposit review items left unsent", total, deadLetters, reviews);
        }
    }

    /**
     * Publishes the deposits' review items waiting in PTSL_Deposit (ReviewSent = 0) and marks them sent once acknowledged;
     * returns how many. After a batch that recorded a deposit, and with the rest of the outbox.
     */
    private int publishDepositReviews(Connection conn, Outbox outbox, ResultPublisher publisher)
            throws SQLException, ResultPublisher.PublishException {
        int published = 0;
        for (int round = 0; round < OUTBOX_MAX_ROUNDS; round++) {
            List<DepositReview> unsent = outbox.deposits().unsent(conn, OUTBOX_CHUNK);
            conn.commit();
            if (unsent.isEmpty()) {
                break;
            }
            publisher.publish(List.of(), List.of(), unsent);
            outbox.deposits().markSent(conn, unsent);
            conn.commit();
            published += unsent.size();
        }
        return published;
    }

    private void retryAfter(KafkaConsumer<String, byte[]> kafka, SlDatabase database, PartitionOffsets offsets, Exception e,
                            boolean expected) {
        database.rollbackQuietly();
        metrics.transientRetry();
        try {
            offsets.seekBack();
        } catch (RuntimeException seekFailure) {
            LOG.warn("Seek back failed ({}); re-reading stored offsets", seekFailure.toString());
            offsets.reloadAll();
        }
        Duration delay = backoff.next();
        if (expected) {
            LOG.warn("Poll batch rolled back, retrying in {} ms with the partitions paused: {}", delay.toMillis(),
                    e.toString().lines().findFirst().orElse(""));
        } else {
            LOG.error("Poll batch rolled back after an unexpected error, retrying in {} ms", delay.toMillis(), e);
        }
        backOffPaused(kafka, offsets, delay);
    }

    /**
     * Waits {@code delay} with every partition paused, polling all along: paused partitions return nothing, but the
     * consumer keeps its membership (max.poll.interval.ms) and takes part in rebalances however long the backoff. Then
     * it seeks back to the stored offsets (dropping anything a partition assigned meanwhile fetched) and resumes. Never
     * skips: what is consumed next always starts at the offset SL holds.
     */
    private void backOffPaused(KafkaConsumer<String, byte[]> kafka, PartitionOffsets offsets, Duration delay) {
        long deadline = System.nanoTime() + delay.toNanos();
        try {
            offsets.pauseForBackoff();
            metrics.pausedPartitions(offsets.paused());
            long left;
            while (!stopping && (left = deadline - System.nanoTime()) > 0) {
                ConsumerRecords<String, byte[]> dropped = kafka.poll(Duration.ofNanos(Math.min(left, POLL_TIMEOUT.toNanos())));
                if (!dropped.isEmpty()) {
                    // A partition assigned during the wait was resumed by its offset lookup: stop it again; seekBack re-reads.
                    offsets.pauseForBackoff();
                }
                metrics.assignedPartitions(offsets.owned());
                metrics.pausedPartitions(offsets.paused());
            }
        } catch (WakeupException e) {
            if (!stopping) {
                LOG.debug("Spurious wakeup during a backoff");
            }
        } finally {
            try {
                offsets.resumeAfterBackoff();
            } catch (RuntimeException e) {
                LOG.warn("Resume after the backoff failed ({}); re-reading stored offsets", e.toString());
                offsets.reloadAll();
            }
            metrics.pausedPartitions(offsets.paused());
        }
    }

    /** The ledger, the dead letters and the deposits: the tables the outbox publishes. */
    private record Outbox(CommandLedger ledger, DeadLetterStore deadLetters, DepositReviewOutbox deposits) {
    }

    private void pause(Duration delay) {
        try {
            stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private Map<String, Object> consumerProps(String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        // Offsets live in SL, in the same transaction as the rows; Kafka's committed offsets are never written or read.
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        props.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, config.maxPollIntervalMs());
        // Only consulted before the seek to the stored offset, which always follows the assignment.
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }
}
