package com.ptsl.processor.deposit;

import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.ProcessorMetrics.DepositOutcome;
import com.ptsl.processor.ProcessorMetrics.InvalidStage;
import com.ptsl.processor.errors.InvalidRecords;
import com.ptsl.processor.errors.Redaction;
import com.ptsl.processor.parse.UnusableRecordException;
import com.ptsl.schemas.avro.ErpCommand;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage "deposit", keyed by settlement batch number: keeps the latest version of each batch in
 * {@link DepositStore} and, once it has waited the deposit delay, sends one CloseDeposit for it to erp.commands
 * (key {@code deposit:<batch>}).
 *
 * <ul>
 *   <li>The delay (at least the match deadline, checked by ProcessorConfig) lets the batch's payments that wait for
 *       their invoice be posted first, so the sink compares the deposit with what SL finally holds.</li>
 *   <li>A version whose fingerprint was already sent, or is already waiting, sends nothing (counted unchanged); a
 *       correction (new fingerprint) is sent as a new command after its own delay.</li>
 *   <li>A record that cannot be read goes to paytrace.raw.invalid byte for byte with the reason, like the parse
 *       stage's, and touches nothing.</li>
 * </ul>
 * The clock is the wall clock (a punctuator, like the match deadline's): a batch must close even when no other
 * batch arrives. Outputs are forwarded before the store is written.
 */
public final class DepositProcessor implements Processor<String, byte[], String, DepositOutput> {

    public static final String STAGE = InvalidStage.DEPOSIT.label();
    private static final Logger LOG = LoggerFactory.getLogger(DepositProcessor.class);

    private final ProcessorMetrics metrics;
    private final ZoneId merchantZone;
    private final Duration delay;
    private final Duration sweepInterval;
    private ProcessorContext<String, DepositOutput> context;
    private KeyValueStore<String, DepositEntry> store;

    /**
     * @param delay         how long a batch version waits before its CloseDeposit is sent
     * @param sweepInterval how often waiting batches are checked against the delay
     */
    public DepositProcessor(ProcessorMetrics metrics, ZoneId merchantZone, Duration delay, Duration sweepInterval) {
        this.metrics = metrics;
        this.merchantZone = merchantZone;
        this.delay = delay;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void init(ProcessorContext<String, DepositOutput> context) {
        this.context = context;
        this.store = context.getStateStore(DepositStore.NAME);
        context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, this::closeDue);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long now = context.currentSystemTimeMs();
        DepositFacts facts;
        try {
            facts = SettlementBatchReader.read(record.key(), record.value());
        } catch (UnusableRecordException e) {
            reject(record, e.reason(), now);
            return;
        } catch (RuntimeException e) {
            // Nothing was stored for this record, so keeping it and moving on is consistent even for a reader bug.
            LOG.error("Settlement batch reader failed unexpectedly on key {}", record.key(), e);
            reject(record, "unexpected reader error: " + e, now);
            return;
        }
        DepositEntry known = store.get(facts.batchNumber());
        DepositEntry.Next next = DepositEntry.next(known, facts, now);
        if (next.change() == DepositEntry.Change.UNCHANGED) {
            metrics.onDeposit(DepositOutcome.UNCHANGED);
        } else {
            LOG.info("Settlement batch {} version {} waits {} before its deposit closes{}", facts.batchNumber(),
                    facts.fingerprint().substring(0, 12), delay, known == null ? "" : " (a correction)");
        }
        if (next.entry() != known) {
            store.put(facts.batchNumber(), next.entry());
        }
    }

    private void reject(Record<String, byte[]> record, String rawReason, long now) {
        metrics.onDeposit(DepositOutcome.INVALID);
        metrics.onInvalid(InvalidStage.DEPOSIT);
        String reason = Redaction.digitRuns(rawReason);
        // Present for every record read from a topic.
        RecordMetadata source = context.recordMetadata().orElseThrow();
        LOG.warn("Invalid settlement batch {}-{}@{} key {}: {}", source.topic(), source.partition(), source.offset(), record.key(), reason);
        context.forward(new Record<String, DepositOutput>(record.key(), new DepositOutput.Invalid(InvalidRecords.of(
                source.topic(), source.partition(), source.offset(), record.key(), record.value(), STAGE, reason,
                Instant.ofEpochMilli(now))), record.timestamp(), record.headers()));
    }

    /** Sends the CloseDeposit of every batch version that has waited the delay. */
    void closeDue(long now) {
        List<KeyValue<String, DepositEntry>> due = new ArrayList<>();
        try (KeyValueIterator<String, DepositEntry> all = store.all()) {
            all.forEachRemaining(kv -> {
                if (kv.value.dueAt(now, delay.toMillis())) {
                    due.add(kv);
                }
            });
        }
        for (KeyValue<String, DepositEntry> kv : due) {
            DepositEntry entry = kv.value;
            ErpCommand command = CloseDeposits.closeDeposit(entry.latest(), merchantZone, Instant.ofEpochMilli(now), now - entry.pendingSinceMs());
            context.forward(new Record<>(CloseDeposits.key(entry.latest().batchNumber()), new DepositOutput.Command(command), now));
            metrics.onDeposit(DepositOutcome.EMITTED);
            metrics.onCommandEmitted(command);
            LOG.info("Settlement batch {}: {} sent (net {}, {} transactions)", kv.key, command.getCommandId(),
                    entry.latest().netAmount(), entry.latest().transactions().size());
            store.put(kv.key, entry.emitted(now));
        }
    }
}
