package com.ptsl.processor.dedupe;

import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.parse.PayTraceTransaction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage "dedupe": drops a record whose transaction was seen before with the same content
 * fingerprint (the poller's overlapping windows and push + poll both deliver the same record).
 * A changed record (e.g. status Y to GB571) passes, keeping the entry's payment-posted flag.
 *
 * <p>Retention: a wall-clock punctuator deletes entries not seen for the retention period, so the
 * store stays bounded. Forgetting is safe because this store is the first line of defence only:
 * if an expired transaction shows up again (a late re-poll, a replay) its PostPayment gets the same
 * deterministic commandId, and the sink's commandId ledger turns it into a DUPLICATE no-op. That is
 * why the retention need not cover PayTrace's settlement and chargeback windows.
 */
public final class DedupeProcessor implements FixedKeyProcessor<String, PayTraceTransaction, PayTraceTransaction> {

    private static final Logger LOG = LoggerFactory.getLogger(DedupeProcessor.class);

    private final ProcessorMetrics metrics;
    private final Duration retention;
    private final Duration sweepInterval;
    private FixedKeyProcessorContext<String, PayTraceTransaction> context;
    private KeyValueStore<String, DedupeEntry> store;

    public DedupeProcessor(ProcessorMetrics metrics, Duration retention, Duration sweepInterval) {
        this.metrics = metrics;
        this.retention = retention;
        this.sweepInterval = sweepInterval;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, PayTraceTransaction> context) {
        this.context = context;
        this.store = context.getStateStore(DedupeStore.NAME);
        // Wall clock, not stream time: expiry must happen even when no new records arrive.
        context.schedule(sweepInterval, PunctuationType.WALL_CLOCK_TIME, this::sweep);
    }

    @Override
    public void process(FixedKeyRecord<String, PayTraceTransaction> record) {
        PayTraceTransaction tx = record.value();
        long now = context.currentSystemTimeMs();
        DedupeEntry known = store.get(tx.transactionId());
        if (known != null && known.fingerprint().equals(tx.fingerprint())) {
            store.put(tx.transactionId(), known.seenAgain(now));
            metrics.onDuplicateDropped();
            return;
        }
        // Forward first, then remember: if a later stage throws and the record is skipped (and kept in the
        // invalid topic), it must not look like a duplicate when it is re-driven. Read the entry again because
        // the resolve stage downstream may have marked the payment as routed meanwhile.
        context.forward(record);
        DedupeEntry current = store.get(tx.transactionId());
        store.put(tx.transactionId(), current == null ? DedupeEntry.firstSeen(tx.fingerprint(), now) : current.changedTo(tx.fingerprint(), now));
    }

    void sweep(long now) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, DedupeEntry> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, DedupeEntry> entry = all.next();
                if (entry.value.expiredAt(now, retention.toMillis())) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(store::delete);
        if (!expired.isEmpty()) {
            metrics.onDedupeEntriesExpired(expired.size());
            LOG.info("Dedupe sweep removed {} entries unseen for {} days", expired.size(), retention.toDays());
        }
    }
}
