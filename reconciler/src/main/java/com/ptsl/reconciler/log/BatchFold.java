package com.ptsl.reconciler.log;

import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.SettlementBatch;
import com.ptsl.schemas.AvroSerde;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawSettlementBatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;

/**
 * paytrace.batches.raw, latest record per batch number (by timestamp, then offset; a later record is PayTrace's
 * correction). The batches of the window are those with at least one record in [from, to). Only the latest bytes of
 * each are kept while reading (batches are few) and parsed once at the end.
 */
public final class BatchFold implements RecordHandler {

    @SuppressWarnings("unchecked")
    private static final AvroSerde<RawSettlementBatch> ENVELOPE = (AvroSerde<RawSettlementBatch>) Topics.RAW_BATCHES.valueSerde();

    private record Latest(long timestamp, long offset, byte[] value, boolean inWindow) {
    }

    private final Evidence evidence;
    private final long fromMillis;
    private final long toMillis;
    private final Map<String, Latest> latest = new HashMap<>();

    public BatchFold(Evidence evidence, Instant from, Instant to) {
        this.evidence = evidence;
        this.fromMillis = from.toEpochMilli();
        this.toMillis = to.toEpochMilli();
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record) {
        evidence.countBatchRecord();
        String number;
        try {
            RawSettlementBatch batch = ENVELOPE.deserialize(record.topic(), record.value());
            number = batch == null || batch.getBatchNumber() == null ? "" : batch.getBatchNumber().strip();
        } catch (RuntimeException e) {
            evidence.countUnreadable();
            return;
        }
        if (number.isEmpty()) {
            evidence.countUnreadable();
            return;
        }
        boolean inWindow = record.timestamp() >= fromMillis && record.timestamp() < toMillis;
        Latest held = latest.get(number);
        boolean newer = held == null || record.timestamp() > held.timestamp()
                || (record.timestamp() == held.timestamp() && record.offset() > held.offset());
        boolean anyInWindow = inWindow || (held != null && held.inWindow());
        if (newer) {
            latest.put(number, new Latest(record.timestamp(), record.offset(), record.value(), anyInWindow));
        } else if (anyInWindow && !held.inWindow()) {
            latest.put(number, new Latest(held.timestamp(), held.offset(), held.value(), true));
        }
    }

    /** Puts the window's batches into the evidence, in batch-number order. */
    public void finish() {
        latest.entrySet().stream()
                .filter(e -> e.getValue().inWindow())
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(String::length).thenComparing(Comparator.naturalOrder())))
                .forEach(e -> {
                    try {
                        SettlementBatch batch = SettlementBatchParser.parse(ENVELOPE.deserialize(Topics.RAW_BATCHES.name(), e.getValue().value()));
                        evidence.putBatch(batch);
                    } catch (RuntimeException ex) {
                        evidence.countUnreadable();
                        evidence.warn("settlement batch " + e.getKey() + " is unreadable and was left out: " + ex.getMessage());
                    }
                });
        latest.clear();
    }
}
