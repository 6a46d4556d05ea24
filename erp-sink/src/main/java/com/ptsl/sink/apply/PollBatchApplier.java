package com.ptsl.sink.apply;

import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.kafka.CommandDecoder;
import com.ptsl.sink.kafka.PartitionOffsets;
import com.ptsl.sink.ledger.CommandLedger;
import com.ptsl.sink.ledger.LedgerEntry;
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
 *       DUPLICATE, nothing written); else apply it to SL (SlWriter) and insert its ledger row with
 *       ResultSent = 0 (a duplicate key here means a concurrent writer won: undo to the savepoint,
 *       DUPLICATE);</li>
 *   <li>for each partition, advance the stored offset by compare-and-set from the offset this
 *       consumer started from to its position after the poll; one miss → roll back everything
 *       ({@link Fenced}: this consumer is a zombie);</li>
 *   <li>commit.</li>
 * </ol>
 * Results are published by the caller after the commit, from what this returns.
 */
public final class PollBatchApplier {

    private static final Logger LOG = LoggerFactory.getLogger(PollBatchApplier.class);

    private final SqlDialect dialect;
    private final SlWriter writer;
    private final CommandLedger ledger;
    private final OffsetStore offsets;
    private final CommandDecoder decoder = new CommandDecoder();

    public PollBatchApplier(SqlDialect dialect, SlWriter writer, CommandLedger ledger, OffsetStore offsets) {
        this.dialect = dialect;
        this.writer = writer;
        this.ledger = ledger;
        this.offsets = offsets;
    }

    /**
     * What a committed batch decided. {@code ledgerResults} are the outbox rows to publish and mark sent;
     * {@code appliedCommands} are the APPLIED ones as decoded, for the end-to-end latencies (they carry
     * PayTrace's record time, which the ledger does not keep); {@code committedAt} is just after the COMMIT.
     */
    public record Committed(List<ErpResult> ledgerResults, List<ErpResult> duplicateResults, List<ErpCommand> appliedCommands,
                            int commands, int rejected, int documents, Instant committedAt) {

        public int applied() {
            return appliedCommands.size();
        }
    }

    /** The stored offset of a partition was not where this consumer expected it: another owner moved it. */
    public static final class Fenced extends Exception {
        private static final long serialVersionUID = 1L;

        public Fenced(String message) {
            super(message, null, false, false);
        }
    }

    public Committed apply(Connection c, List<ConsumerRecord<String, byte[]>> records, List<PartitionOffsets.Range> ranges)
            throws SQLException, Fenced {
        Instant now = Instant.now();
        LocalDateTime slNow = LocalDateTime.ofInstant(now, ZoneId.systemDefault());
        List<ErpResult> ledgerResults = new ArrayList<>();
        List<ErpResult> duplicates = new ArrayList<>();
        List<ErpCommand> applied = new ArrayList<>();
        int rejected = 0;
        int documents = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            CommandDecoder.Decoded decoded = decoder.decode(record);
            String commandId = decoded.ok() ? decoded.command().getCommandId() : CommandDecoder.poisonId(record);
            Optional<LedgerEntry> seen = ledger.find(c, CommandLedger.key(commandId));
            if (seen.isPresent()) {
                duplicates.add(duplicateOf(commandId, seen.get(), now));
                continue;
            }
            Savepoint before = c.setSavepoint();
            PostingOutcome outcome = decoded.ok() ? applyOne(c, decoded.command(), slNow, before)
                    : PostingOutcome.rejected(decoded.problem());
            LedgerEntry entry = entry(commandId, decoded.command(), record, outcome, now);
            try {
                ledger.insert(c, entry);
            } catch (SQLException e) {
                if (!dialect.isDuplicateKey(e)) {
                    throw e;
                }
                c.rollback(before);
                LOG.info("Command {} was recorded by a concurrent writer meanwhile; nothing written", commandId);
                duplicates.add(duplicateOf(commandId, entry, now));
                continue;
            }
            ledgerResults.add(entry.toResult());
            if (outcome.isApplied()) {
                applied.add(decoded.command());
                documents += outcome.documentsWritten();
            } else {
                rejected++;
                LOG.warn("Command {} rejected: {}", commandId, outcome.reason());
            }
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
        ledgerResults.forEach(r -> r.setProcessedAt(committedAt));
        return new Committed(ledgerResults, duplicates, applied, records.size(), rejected, documents, committedAt);
    }

    /** A bug must not stop the partition for ever: it is rejected with its reason, and logged loudly. */
    private PostingOutcome applyOne(Connection c, ErpCommand command, LocalDateTime now, Savepoint before) throws SQLException {
        try {
            return writer.apply(c, command, now);
        } catch (RuntimeException e) {
            c.rollback(before);
            LOG.error("Unexpected failure applying command {}", command.getCommandId(), e);
            return PostingOutcome.rejected("unexpected error in erp-sink: " + e);
        }
    }

    private static LedgerEntry entry(String commandId, ErpCommand command, ConsumerRecord<String, byte[]> record,
                                     PostingOutcome outcome, Instant now) {
        if (command == null) {
            return new LedgerEntry(commandId, ResultStatus.REJECTED, outcome.reason(), record.key() == null ? "" : record.key(), "",
                    null, null, Instant.ofEpochMilli(Math.max(0, record.timestamp())), now);
        }
        return new LedgerEntry(commandId, outcome.status(), outcome.reason(), command.getCustId(), command.getSourceTransactionId(),
                outcome.batNbr(), outcome.refNbr(), command.getSourceReceivedAt(), now);
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
                .build();
    }
}
