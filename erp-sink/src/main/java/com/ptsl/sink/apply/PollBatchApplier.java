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
import com.ptsl.sink.posting.PostingOutcome;
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
import java.util.List;
import java.util.Optional;

/**
 * One poll batch = one SQL transaction (the Debezium JDBC sink's unit of work). In order:
 * <ol>
 *   <li>for each record, under a savepoint: decode; look the commandId up in the ledger (found →
 *       DUPLICATE, nothing written, unless it is a re-drive of a REJECTED command, below); else apply it to SL
 *       (SlWriter) and insert its ledger row with ResultSent = 0, and when it was refused its dead letter
 *       (PTSL_DeadLetter, Sent = 0) (a duplicate key here means a concurrent writer won: undo to the savepoint,
 *       DUPLICATE);</li>
 *   <li>a re-drive ({@link Redrive#HEADER}) of a command whose ledger row is REJECTED is applied again: success turns
 *       the row into APPLIED (still one row per commandId) and resolves its dead letter; another refusal updates the
 *       row's reason and adds an attempt to the dead letter. Both go back to the outbox;</li>
 *   <li>for each partition, advance the stored offset by compare-and-set from the offset this
 *       consumer started from to its position after the poll; one miss → roll back everything
 *       ({@link Fenced}: this consumer is a zombie);</li>
 *   <li>commit.</li>
 * </ol>
 * A refused command never stops the batch: its neighbours commit with it. Results and dead letters are published by
 * the caller after the commit, from what this returns.
 */
public final class PollBatchApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PollBatchApplier.class);

    private final SqlDialect dialect;
    private final SlWriter writer;
    private final CommandLedger ledger;
    private final DeadLetterStore deadLetters;
    private final OffsetStore offsets;
    private final CommandDecoder decoder = new CommandDecoder();

    public PollBatchApplier(SqlDialect dialect, SlWriter writer, CommandLedger ledger, DeadLetterStore deadLetters,
                            OffsetStore offsets) {
        this.dialect = dialect;
        this.writer = writer;
        this.ledger = ledger;
        this.deadLetters = deadLetters;
        this.offsets = offsets;
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
     * mark sent.
     */
    public record Committed(List<ErpResult> ledgerResults, List<ErpResult> duplicateResults, List<ErpCommand> appliedCommands,
                            int commands, int rejected, int documents, Instant committedAt, List<DeadLetterRow> deadLetters,
                            Redrives redrives) {

        public Committed {
            deadLetters = deadLetters == null ? List.of() : List.copyOf(deadLetters);
            redrives = redrives == null ? Redrives.NONE : redrives;
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
        Instant now = Instant.now();
        LocalDateTime slNow = LocalDateTime.ofInstant(now, ZoneId.systemDefault());
        Batch batch = new Batch();
        for (ConsumerRecord<String, byte[]> record : records) {
            CommandDecoder.Decoded decoded = decoder.decode(record);
            boolean redrive = Redrive.requested(record);
            String commandId = decoded.ok() ? decoded.command().getCommandId()
                    : redrive ? Redrive.deadLetterId(record).orElse(CommandDecoder.poisonId(record)) : CommandDecoder.poisonId(record);
            Optional<LedgerEntry> seen = ledger.find(c, CommandLedger.key(commandId));
            if (seen.isPresent()) {
                if (redrive && seen.get().status() == ResultStatus.REJECTED) {
                    redriveOne(c, commandId, decoded, record, seen.get(), now, slNow, batch);
                } else {
                    if (redrive) {
                        batch.redrivesIgnored++;
                        LOG.info("Re-drive of {} ignored: it is {} already", commandId, seen.get().status());
                    }
                    batch.duplicates.add(duplicateOf(commandId, seen.get(), now));
                }
                continue;
            }
            applyNew(c, commandId, decoded, record, now, slNow, batch);
        }
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
        Instant committedAt = Instant.now();
        // The ledger rows carry the transaction's start; the results say when SL had the rows, as their contract does
        // (a batch of 200 commands can take a few hundred ms, which latency figures built on results must not lose).
        batch.ledgerResults.forEach(r -> r.setProcessedAt(committedAt));
        return new Committed(batch.ledgerResults, batch.duplicates, batch.applied, records.size(), batch.rejected, batch.documents,
                committedAt, batch.deadLetters, new Redrives(batch.redrivesApplied, batch.redrivesRejected, batch.redrivesIgnored));
    }

    private void applyNew(Connection c, String commandId, CommandDecoder.Decoded decoded, ConsumerRecord<String, byte[]> record,
                          Instant now, LocalDateTime slNow, Batch batch) throws SQLException {
        Savepoint before = c.setSavepoint();
        Verdict verdict = decoded.ok() ? applyOne(c, decoded.command(), slNow, before)
                : new Verdict(PostingOutcome.rejected(decoded.problem()), DeadLetterRow.Kind.POISON);
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
            LOG.info("Command {} was recorded by a concurrent writer meanwhile; nothing written", commandId);
            batch.duplicates.add(duplicateOf(commandId, entry, now));
            return;
        }
        batch.ledgerResults.add(entry.toResult());
        if (outcome.isApplied()) {
            batch.applied.add(decoded.command());
            batch.documents += outcome.documentsWritten();
        } else {
            batch.rejected++;
            batch.deadLetters.add(dead);
            LOG.warn("Command {} rejected, sent to the dead-letter queue: {}", commandId, outcome.reason());
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
