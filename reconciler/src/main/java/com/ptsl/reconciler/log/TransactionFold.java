package com.ptsl.reconciler.log;

import com.ptsl.reconciler.model.Evidence;
import com.ptsl.reconciler.model.TransactionFacts;
import com.ptsl.schemas.AvroSerde;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Folds paytrace.transactions.raw into each transaction's final state: every record is a full snapshot, so the latest
 * (by record timestamp, then offset) is PayTrace's state now, and only that snapshot's meaning is kept. A transaction
 * is in the window when at least one of its records has a timestamp in [from, to).
 */
public final class TransactionFold implements RecordHandler {

    @SuppressWarnings("unchecked")
    private static final AvroSerde<RawPayTraceRecord> ENVELOPE = (AvroSerde<RawPayTraceRecord>) Topics.RAW_TRANSACTIONS.valueSerde();

    private final Evidence evidence;
    private final long fromMillis;
    private final long toMillis;
    private final ZoneId zone;

    public TransactionFold(Evidence evidence, Instant from, Instant to, ZoneId zone) {
        this.evidence = evidence;
        this.fromMillis = from.toEpochMilli();
        this.toMillis = to.toEpochMilli();
        this.zone = zone;
    }

    @Override
    public void handle(ConsumerRecord<byte[], byte[]> record) {
        boolean inWindow = record.timestamp() >= fromMillis && record.timestamp() < toMillis;
        evidence.countRaw(inWindow);
        PayTraceRecord parsed;
        try {
            RawPayTraceRecord envelope = ENVELOPE.deserialize(record.topic(), record.value());
            if (envelope == null) {
                evidence.countUnreadable();
                return;
            }
            parsed = PayTraceRecordParser.parse(envelope.getJson());
        } catch (RuntimeException e) {
            // The processor sends such records to paytrace.raw.invalid; they are counted here, never guessed at.
            evidence.countUnreadable();
            return;
        }
        fold(parsed, record.timestamp(), record.offset(), inWindow);
    }

    /** One snapshot into the evidence; public so the fold can be checked without a broker. */
    public TransactionFacts fold(PayTraceRecord parsed, long timestamp, long offset, boolean inWindow) {
        ExpectedCash.Interpretation meaning = ExpectedCash.of(parsed);
        TransactionFacts facts = evidence.transaction(parsed.transactionId());
        LocalDate day = parsed.createdDay() != null ? parsed.createdDay() : Instant.ofEpochMilli(timestamp).atZone(zone).toLocalDate();
        facts.offer(timestamp, offset, meaning.kind(), parsed.amountCents(), meaning.cents(), day,
                evidence.pool().of(ExpectedCash.settledBatch(parsed.statusCode())));
        if (inWindow) {
            facts.markInWindow();
        }
        return facts;
    }
}
