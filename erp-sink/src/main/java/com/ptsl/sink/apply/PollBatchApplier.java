package com.ptsl.sink.apply;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.kafka.CommandDecoder;
import com.ptsl.sink.kafka.PartitionOffsets;
import com.ptsl.sink.kafka.Redrive;
import com.ptsl.sink.ledger.CommandLedger;
import com.ptsl.sink.ledger.DeadLetterRow;
import com.ptsl.sink.ledger.DeadLetterStore;
import com.ptsl.sink.ledger.LedgerEntry;
import com.ptsl.sink.ledger.ResultEvents;
import com.ptsl.sink.offsets.OffsetStore;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.sink.posting.PaymentBatch;
import com.ptsl.sink.posting.PostingOutcome;
import com.ptsl.sink.posting.SlSetupException;
import com.ptsl.sink.posting.SlWriter;
import com.ptsl.sink.sql.dialect.SqlDialect;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One poll batch = one SQL transaction (the Debezium JDBC sink's unit of work). In order:
 * <ol>
 *   <li>runs of consecutive PostPayments (not re-drives) are applied the batched way: the ledger is read for all their
 *       commandIds in one query (found, or decided earlier in the same poll batch → DUPLICATE, nothing written); what
 *       validation needs is read in bulk; each new command is validated and its ARDoc/ARTran rows queued only if it stands
 *       ({@link PaymentBatch}), its ledger row (ResultSent = 0) queued with it, a refused one's dead letter (PTSL_DeadLetter,
 *       Sent = 0) written at once; the queues are sent as JDBC batches before anything reads them back;</li>
 *   <li>anything else (another command type, a poison record, a re-drive) is applied on its own, as every record used
 *       to be: ledger read, a savepoint, SlWriter, the ledger row (a duplicate key here means a concurrent writer won:
 *       undo to the savepoint, DUPLICATE), after the queues were sent and the batches re-totalled;</li>
 *   <li>a re-drive ({@link Redrive#HEADER}) of a command whose ledger row is REJECTED is applied again: success turns
 *       the row into APPLIED (still one row per commandId) and resolves its dead letter; another refusal updates the
 *       row's reason and adds an attempt to the dead letter. Both go back to the outbox;</li>
 *   <li>each payment batch that took documents is re-totalled once (CtrlTot = CrTot = DepositAmt = Σ OrigDocAmt);</li>
 *   <li>for each partition, advance the stored offset by compare-and-set from the offset this
 *       consumer started from to its position after the poll; one miss → roll back everything
 *       ({@link Fenced}: this consumer is a zombie);</li>
 *   <li>commit.</li>
 * </ol>
 * An SQL error of the batched path that no single command explains (a JDBC batch the database refuses: a site's
 * constraint, a concurrent writer's ledger row) rolls the whole transaction back, and the poll batch is applied again one
 * command at a time, each under its own savepoint, where such an error rejects just that command: the same decisions the
 * one-by-one path makes ({@link Committed#fellBack}). A refused command never stops the batch: its neighbours commit with
 * it. Results and dead letters are published by the caller after the commit, from what this returns.
 */
public final class PollBatchApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PollBatchApplier.class);

    private final SqlDialect dialect;
    private final SlWriter writer;
    private final CommandLedger ledger;
    private final DeadLetterStore deadLetters;
    private final OffsetStore offsets;
    private final boolean batching;
    private final CommandDecoder decoder = new CommandDecoder();

    /** With JDBC batching (the fallback to one command at a time when a batch fails). */
    public PollBatchApplier(SqlDialect dialect, SlWriter writer, CommandLedger ledger, DeadLetterStore deadLetters,
                            OffsetStore offsets) {
        this(dialect, writer, ledger, deadLetters, offsets, true);
    }

    /**
     * @param batching false: every record the one-by-one way, each command under its own savepoint (what the batched
     *                 path falls back to; tests compare the two)
     */
    public PollBatchApplier(SqlDialect dialect, SlWriter writer, CommandLedger ledger, DeadLetterStore deadLetters,
                            OffsetStore offsets, boolean batching) {
        this.dialect = dialect;
        this.writer = writer;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.offsets = offsets;
        this.batching = batching;
    }

    /** Re-drives seen in a batch: applied at last, refused again, or ignored (the command was not REJECTED). */
    public record Redrives(int applied, int rejected, int ignored) {

        public static final Redrives NONE = new Redrives(0, 0, 0);
    }

    /**
     * What a committed batch decided. {@code ledgerResults} are the outbox rows to publish and mark sent;
     * {@code appliedCommands} are the APPLIED ones as decoded, for the end-to-end latencies (they carry
     * PayTrace's record time, which the ledger does not keep); {@code committedAt} is just after the COMMIT;
     * {@code deadLetters} the PTSL_DeadLetter rows this batch wrote (new, failed again, or resolved), to publish and
     * mark sent; {@code fellBack}: the batched attempt failed and the batch was applied one command at a time.
     */
    public record Committed(List<ErpResult> ledgerResults, List<ErpResult> duplicateResults, List<ErpCommand> appliedCommands,
                            int commands, int rejected, int documents, Instant committedAt, List<DeadLetterRow> deadLetters,
                            Redrives redrives, boolean fellBack) {

        public Committed {
            deadLetters = deadLetters == null ? List.of() : List.copyOf(deadLetters);
            redrives = redrives == null ? Redrives.NONE : redrives;
        }

        /** A batch applied the batched way (or without batching), without a fallback. */
        public Committed(List<ErpResult> ledgerResults, List<ErpResult> duplicateResults, List<ErpCommand> appliedCommands,
                         int commands, int rejected, int documents, Instant committedAt, List<DeadLetterRow> deadLetters,
                         Redrives redrives) {
            this(ledgerResults, duplicateResults, appliedCommands, commands, rejected, documents, committedAt, deadLetters, redrives,
                    false);
        }

        public int applied() {
            return appliedCommands.size();
        }

        /** Commands that entered the dead-letter queue for the first time in this batch. */
        public List<DeadLetterRow> newDeadLetters() {
            return deadLetters.stream().filter(d -> !d.resolved() && d.attempts() == 1).toList();
        }
    }

    /** The stored offset of a partition was not where this consumer expected it: another owner moved it. */
    public static final class Fenced extends Exception {
        private static final long serialVersionUID = 1L;

        public Fenced(String message) {
            super(message, null, false, false);
        }
    }

    /** The outcome of applying one command, and if it was refused, which kind of dead letter it makes. */
    private record Verdict(PostingOutcome outcome, DeadLetterRow.Kind kind) {
    }

    /** Mutable totals of one batch. */
    private static final class Batch {
        final List<ErpResult> ledgerResults = new ArrayList<>();
        final List<ErpResult> duplicates = new ArrayList<>();
        final List<ErpCommand> applied = new ArrayList<>();
        final List<DeadLetterRow> deadLetters = new ArrayList<>();
        int rejected;
        int documents;
        int redrivesApplied;
        int redrivesRejected;
        int redrivesIgnored;
    }

    public Committed apply(Connection c, List<ConsumerRecord<String, byte[]>> records, List<PartitionOffsets.Range> ranges)
            throws SQLException, Fenced {
        return apply(c, records, ranges, connection -> { });
    }

    /** More of the caller's own writes to commit with a poll batch (SinkLoop: the outbox rows acknowledged meanwhile). */
    @FunctionalInterface
    public interface AlsoCommit {
        void write(Connection c) throws SQLException;
    }

    /**
     * {@link #apply(Connection, List, List)}, with {@code alsoCommit} written in the same transaction just before the offsets
     * (after a fallback's rollback too): it commits exactly when the poll batch does.
     */
    public Committed apply(Connection c, List<ConsumerRecord<String, byte[]>> records, List<PartitionOffsets.Range> ranges,
                           AlsoCommit alsoCommit) throws SQLException, Fenced {
        Instant now = Instant.now();
        LocalDateTime slNow = LocalDateTime.ofInstant(now, ZoneId.systemDefault());
        List<Item> items = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            items.add(item(record));
        }
        PaymentBatch payments = null;
        try {
            Batch batch;
            boolean fellBack = false;
            if (batching) {
                try {
                    payments = writer.paymentBatch(c, slNow, PaymentBatch.Mode.BATCHED);
                    batch = applyBatched(c, items, payments, now, slNow);
                } catch (BatchFailed e) {
                    closeQuietly(payments);
                    payments = null;
                    c.rollback();
                    writer.forgetRemembered();
                    fellBack = true;
                    LOG.warn("Poll batch of {} commands failed as a JDBC batch ({}); rolled back, applying them one at a time",
                            items.size(), e.getCause().toString().lines().findFirst().orElse(""));
                    payments = writer.paymentBatch(c, slNow, PaymentBatch.Mode.ONE_BY_ONE);
                    batch = applyOneByOne(c, items, payments, now, slNow);
                }
            } else {
                payments = writer.paymentBatch(c, slNow, PaymentBatch.Mode.ONE_BY_ONE);
                batch = applyOneByOne(c, items, payments, now, slNow);
            }
            alsoCommit.write(c);
            for (PartitionOffsets.Range r : ranges) {
                if (!offsets.compareAndSet(c, r.partition().topic(), r.partition().partition(), r.start(), r.end(), now)) {
                    c.rollback();
                    throw new Fenced("stored offset of " + r.partition() + " is no longer " + r.start()
                            + ": another consumer owns the partition; rolled back " + records.size() + " records");
                }
            }
            try {
                c.commit();
            } catch (SQLException e) {
                throw new CommitUncertainException(e);
            }
            payments.committed();
            Instant committedAt = Instant.now();
            // The ledger rows carry the transaction's start; the results say when SL had the rows, as their contract does
            // (a batch of 1000 commands can take a few hundred ms, which latency figures built on results must not lose).
            batch.ledgerResults.forEach(r -> r.setProcessedAt(committedAt));
            return new Committed(batch.ledgerResults, batch.duplicates, batch.applied, records.size(), batch.rejected, batch.documents,
                    committedAt, batch.deadLetters, new Redrives(batch.redrivesApplied, batch.redrivesRejected, batch.redrivesIgnored),
                    fellBack);
        } catch (SQLException | Fenced | RuntimeException e) {
            // Rolled back (or maybe committed): what this transaction saw must not be relied on by the next.
            writer.forgetRemembered();
            throw e;
        } finally {
            closeQuietly(payments);
        }
    }

    /**
     * The batched path: runs of consecutive PostPayments (not re-drives) share bulk reads (the ledger for all their
     * commandIds, then what validation needs) and queue their rows; anything else in between is applied the one-by-one
     * way after the queues were sent, since it may read them. A non-transient SQL error anywhere, or an unexpected one
     * while posting, fails the whole batch ({@link BatchFailed}): nothing of it can be trusted to be one command's fault.
     */
    private Batch applyBatched(Connection c, List<Item> items, PaymentBatch payments, Instant now, LocalDateTime slNow)
            throws SQLException, BatchFailed {
        Batch batch = new Batch();
        // Decided in this poll batch, queued but maybe not in the ledger table yet: a repeat is a DUPLICATE of it.
        Map<String, LedgerEntry> decided = new HashMap<>();
        try (CommandLedger.Inserts inserts = ledger.inserts(c)) {
            int i = 0;
            while (i < items.size()) {
                Item first = items.get(i);
                if (!first.batchable()) {
                    payments.settle();
                    inserts.flush();
                    decided.remove(first.key()); // the ledger itself says what it is now
                    applyRecord(c, first, payments, now, slNow, batch);
                    i++;
                    continue;
                }
                int end = i;
                while (end < items.size() && items.get(end).batchable()) {
                    end++;
                }
                List<Item> run = items.subList(i, end);
                Map<String, LedgerEntry> seen = ledger.findAll(c, run.stream().map(Item::key).filter(k -> !decided.containsKey(k))
                        .distinct().toList());
                payments.prefetch(run.stream().filter(it -> !seen.containsKey(it.key()) && !decided.containsKey(it.key()))
                        .map(it -> it.decoded().command()).toList());
                for (Item item : run) {
                    LedgerEntry known = decided.containsKey(item.key()) ? decided.get(item.key()) : seen.get(item.key());
                    if (known != null) {
                        batch.duplicates.add(duplicateOf(item.commandId(), known, now));
                        continue;
                    }
                    decided.put(item.key(), applyQueued(c, item, payments, inserts, now, batch));
                }
                i = end;
            }
            payments.finish();
            inserts.flush();
        } catch (SlSetupException e) {
            throw e;
        } catch (SQLException e) {
            if (dialect.isTransient(e)) {
                throw e;
            }
            throw new BatchFailed(e);
        } catch (RuntimeException e) {
            throw new BatchFailed(e);
        }
        return batch;
    }

    /** A new PostPayment, batched: validated, its rows queued only if it stands, its ledger row (and dead letter) with it. */
    private LedgerEntry applyQueued(Connection c, Item item, PaymentBatch payments, CommandLedger.Inserts inserts, Instant now, Batch batch)
            throws SQLException {
        ErpCommand command = item.decoded().command();
        PaymentBatch.Staged staged = payments.post(command);
        PostingOutcome outcome = staged.outcome();
        LedgerEntry entry = entry(item.commandId(), command, item.record(), outcome, now);
        inserts.add(entry);
        DeadLetterRow dead = outcome.isApplied() ? null
                : enqueue(c, item.commandId(), DeadLetterRow.Kind.REJECTED, command, item.record(), outcome.reason(), 1, now, now);
        staged.keep();
        decided(batch, item.commandId(), entry, command, outcome, dead);
        return entry;
    }

    /** The one-by-one path: every record as {@link #applyRecord}; the fallback of a failed batch, and the path without batching. */
    private Batch applyOneByOne(Connection c, List<Item> items, PaymentBatch payments, Instant now, LocalDateTime slNow)
            throws SQLException {
        Batch batch = new Batch();
        for (Item item : items) {
            applyRecord(c, item, payments, now, slNow, batch);
        }
        payments.finish();
        return batch;
    }

    /** One record on its own: the ledger read for it alone, then a DUPLICATE, a re-drive, or the command applied under a savepoint. */
    private void applyRecord(Connection c, Item item, PaymentBatch payments, Instant now, LocalDateTime slNow, Batch batch)
            throws SQLException {
        Optional<LedgerEntry> seen = ledger.find(c, item.key());
        if (seen.isPresent()) {
            if (item.redrive() && seen.get().status() == ResultStatus.REJECTED) {
                payments.settle();
                redriveOne(c, item.commandId(), item.decoded(), item.record(), seen.get(), now, slNow, batch);
            } else {
                if (item.redrive()) {
                    batch.redrivesIgnored++;
                    LOG.info("Re-drive of {} ignored: it is {} already", item.commandId(), seen.get().status());
                }
                batch.duplicates.add(duplicateOf(item.commandId(), seen.get(), now));
            }
            return;
        }
        applyNew(c, item, payments, now, slNow, batch);
    }

    private void applyNew(Connection c, Item item, PaymentBatch payments, Instant now, LocalDateTime slNow, Batch batch)
            throws SQLException {
        String commandId = item.commandId();
        CommandDecoder.Decoded decoded = item.decoded();
        ConsumerRecord<String, byte[]> record = item.record();
        boolean payment = decoded.ok() && decoded.command().getPayload() instanceof PostPayment;
        if (!payment) {
            payments.settle(); // another kind of command may change whatever the payments know
        }
        Savepoint before = c.setSavepoint();
        PaymentBatch.Staged staged = null;
        Verdict verdict;
        if (!decoded.ok()) {
            verdict = new Verdict(PostingOutcome.rejected(decoded.problem()), DeadLetterRow.Kind.POISON);
        } else if (payment) {
            try {
                staged = payments.post(decoded.command());
                verdict = new Verdict(staged.outcome(), DeadLetterRow.Kind.REJECTED);
            } catch (RuntimeException e) {
                c.rollback(before);
                payments.rereadAfterRollback();
                LOG.error("Unexpected failure applying command {}", commandId, e);
                verdict = new Verdict(PostingOutcome.rejected("unexpected error in erp-sink: " + e), DeadLetterRow.Kind.ERROR);
            }
        } else {
            verdict = applyOne(c, decoded.command(), slNow, before);
        }
        PostingOutcome outcome = verdict.outcome();
        LedgerEntry entry = entry(commandId, decoded.command(), record, outcome, now);
        DeadLetterRow dead = null;
        try {
            ledger.insert(c, entry);
            if (!outcome.isApplied()) {
                dead = enqueue(c, commandId, verdict.kind(), decoded.command(), record, outcome.reason(), 1, now, now);
            }
        } catch (SQLException e) {
            if (!dialect.isDuplicateKey(e)) {
                throw e;
            }
            c.rollback(before);
            if (staged != null) {
                staged.discard();
            }
            LOG.info("Command {} was recorded by a concurrent writer meanwhile; nothing written", commandId);
            batch.duplicates.add(duplicateOf(commandId, entry, now));
            return;
        }
        if (staged != null) {
            staged.keep();
        }
        decided(batch, commandId, entry, decoded.command(), outcome, dead);
    }

    /** The bookkeeping of a command decided (APPLIED or REJECTED) in this batch. */
    private static void decided(Batch batch, String commandId, LedgerEntry entry, ErpCommand command, PostingOutcome outcome,
                                DeadLetterRow dead) {
        batch.ledgerResults.add(entry.toResult());
        if (outcome.isApplied()) {
            batch.applied.add(command);
            batch.documents += outcome.documentsWritten();
        } else {
            batch.rejected++;
            batch.deadLetters.add(dead);
            LOG.warn("Command {} rejected, sent to the dead-letter queue: {}", commandId, outcome.reason());
        }
    }

    /** A record as the applier sees it: decoded (or why not), whether it is a re-drive, and its commandId and ledger key. */
    private Item item(ConsumerRecord<String, byte[]> record) {
        CommandDecoder.Decoded decoded = decoder.decode(record);
        boolean redrive = Redrive.requested(record);
        String commandId = decoded.ok() ? decoded.command().getCommandId()
                : redrive ? Redrive.deadLetterId(record).orElse(CommandDecoder.poisonId(record)) : CommandDecoder.poisonId(record);
        return new Item(record, decoded, redrive, commandId, CommandLedger.key(commandId));
    }

    private record Item(ConsumerRecord<String, byte[]> record, CommandDecoder.Decoded decoded, boolean redrive, String commandId,
                        String key) {

        /** A new-looking PostPayment: what the batched path takes; re-drives, other commands and poison records go one by one. */
        boolean batchable() {
            return decoded.ok() && !redrive && decoded.command().getPayload() instanceof PostPayment;
        }
    }

    /** The batched path failed in a way no single command explains (a JDBC batch refused, an unexpected error). */
    private static final class BatchFailed extends Exception {
        private static final long serialVersionUID = 1L;

        BatchFailed(Exception cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    private static void closeQuietly(PaymentBatch payments) {
        if (payments == null) {
            return;
        }
        try {
            payments.close();
        } catch (SQLException e) {
            LOG.debug("Closing the payment batch's statements failed: {}", e.toString());
        }
    }

    /** A re-drive of a REJECTED command: applied again under a savepoint; the ledger row and the dead letter follow the verdict. */
    private void redriveOne(Connection c, String commandId, CommandDecoder.Decoded decoded, ConsumerRecord<String, byte[]> record,
                            LedgerEntry rejected, Instant now, LocalDateTime slNow, Batch batch) throws SQLException {
        String key = CommandLedger.key(commandId);
        Savepoint before = c.setSavepoint();
        Verdict verdict = decoded.ok() ? applyOne(c, decoded.command(), slNow, before)
                : new Verdict(PostingOutcome.rejected(decoded.problem()), DeadLetterRow.Kind.POISON);
        PostingOutcome outcome = verdict.outcome();
        LedgerEntry entry = entry(commandId, decoded.command(), record, outcome, now);
        if (!ledger.replaceRejected(c, entry)) {
            // Another writer changed the row since it was read: what it decided stands.
            c.rollback(before);
            batch.redrivesIgnored++;
            batch.duplicates.add(duplicateOf(commandId, rejected, now));
            return;
        }
        batch.ledgerResults.add(entry.toResult());
        if (outcome.isApplied()) {
            batch.applied.add(decoded.command());
            batch.documents += outcome.documentsWritten();
            batch.redrivesApplied++;
            deadLetters.resolve(c, key).ifPresent(batch.deadLetters::add);
            LOG.info("Re-drive of {} applied", commandId);
            return;
        }
        batch.rejected++;
        batch.redrivesRejected++;
        Optional<DeadLetterRow> again = deadLetters.failedAgain(c, key, verdict.kind(), outcome.reason(), now);
        // A command REJECTED before this version kept dead letters has no row yet: it gets one, counting both tries.
        DeadLetterRow dead = again.isPresent() ? again.get()
                : enqueue(c, commandId, verdict.kind(), decoded.command(), record, outcome.reason(), 2, rejected.processedAt(), now);
        batch.deadLetters.add(dead);
        LOG.warn("Re-drive of {} rejected again (attempt {}): {}", commandId, dead.attempts(), outcome.reason());
    }

    /**
     * The dead letter of a command refused for the first time. A row left from an earlier life of the ledger (its
     * ledger row gone) is counted on rather than duplicated.
     */
    private DeadLetterRow enqueue(Connection c, String commandId, DeadLetterRow.Kind kind, ErpCommand command,
                                  ConsumerRecord<String, byte[]> record, String reason, int attempts, Instant firstFailedAt,
                                  Instant now)
            throws SQLException {
        String key = CommandLedger.key(commandId);
        String why = reason == null || reason.isBlank() ? "(no reason given)" : reason;
        if (deadLetters.find(c, key).isPresent()) {
            return deadLetters.failedAgain(c, key, kind, why, now).orElseThrow();
        }
        DeadLetterRow row = new DeadLetterRow(key, kind, record.value(), record.key(), record.topic(), why, attempts,
                firstFailedAt, now, command == null ? record.key() : command.getCustId(),
                command == null ? "" : command.getSourceTransactionId(), CommandFacts.type(command),
                CommandFacts.amount(command, null), false);
        deadLetters.insert(c, row);
        return row;
    }

    /** A bug must not stop the partition for ever: it is rejected with its reason, and logged loudly. */
    private Verdict applyOne(Connection c, ErpCommand command, LocalDateTime now, Savepoint before) throws SQLException {
        try {
            return new Verdict(writer.apply(c, command, now), DeadLetterRow.Kind.REJECTED);
        } catch (RuntimeException e) {
            c.rollback(before);
            LOG.error("Unexpected failure applying command {}", command.getCommandId(), e);
            return new Verdict(PostingOutcome.rejected("unexpected error in erp-sink: " + e), DeadLetterRow.Kind.ERROR);
        }
    }

    private static LedgerEntry entry(String commandId, ErpCommand command, ConsumerRecord<String, byte[]> record,
                                     PostingOutcome outcome, Instant now) {
        if (command == null) {
            return new LedgerEntry(commandId, ResultStatus.REJECTED, outcome.reason(), record.key() == null ? "" : record.key(), "",
                    null, null, Instant.ofEpochMilli(Math.max(0, record.timestamp())), now, ResultEvents.REJECTED, "", null, List.of());
        }
        return new LedgerEntry(commandId, outcome.status(), outcome.reason(), command.getCustId(), command.getSourceTransactionId(),
                outcome.batNbr(), outcome.refNbr(), command.getSourceReceivedAt(), now, CommandFacts.event(outcome),
                CommandFacts.type(command), CommandFacts.amount(command, outcome), CommandFacts.documents(command, outcome));
    }

    private static ErpResult duplicateOf(String commandId, LedgerEntry original, Instant now) {
        return ErpResult.newBuilder()
                .setCommandId(commandId)
                .setStatus(ResultStatus.DUPLICATE)
                .setReason("already processed (" + original.status() + " at " + original.processedAt() + ")")
                .setCustId(original.custId())
                .setSourceTransactionId(original.sourceTransactionId())
                .setBatNbr(original.batNbr())
                .setRefNbr(original.refNbr())
                .setSourceReceivedAt(original.sourceReceivedAt())
                .setProcessedAt(now)
                .setEvent(ResultEvents.DUPLICATE)
                .setCommandType(original.commandType())
                .setAmount(original.amount())
                .setDocuments(new ArrayList<>(original.documents()))
                .build();
    }
}
