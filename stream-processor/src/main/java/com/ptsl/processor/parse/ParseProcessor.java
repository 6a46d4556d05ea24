package com.ptsl.processor.parse;

import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.ProcessorMetrics.InvalidStage;
import com.ptsl.processor.errors.InvalidRecords;
import com.ptsl.processor.errors.Redaction;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Stage "parse": raw bytes in, a {@link ParseOutcome} out. It never throws for bad data: whatever
 * {@link TransactionParser} rejects becomes an InvalidRecord carrying the original key and value
 * and the record's topic, partition and offset.
 */
public final class ParseProcessor implements FixedKeyProcessor<String, byte[], ParseOutcome> {

    public static final String STAGE = InvalidStage.PARSE.label();
    private static final Logger LOG = LoggerFactory.getLogger(ParseProcessor.class);

    private final ProcessorMetrics metrics;
    private final String refundLinkField;
    private FixedKeyProcessorContext<String, ParseOutcome> context;

    public ParseProcessor(ProcessorMetrics metrics) {
        this(metrics, TransactionParser.DEFAULT_REFUND_LINK_FIELD);
    }

    public ParseProcessor(ProcessorMetrics metrics, String refundLinkField) {
        this.metrics = metrics;
        this.refundLinkField = refundLinkField;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ParseOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        metrics.onRecordIn();
        PayTraceTransaction transaction;
        try {
            transaction = TransactionParser.parse(record.key(), record.value(), refundLinkField);
        } catch (UnusableRecordException e) {
            reject(record, e.reason());
            return;
        } catch (RuntimeException e) {
            // Nothing is stored at this stage, so keeping the record and moving on is consistent even for
            // a parser bug; the bytes wait in the invalid topic for a replay after the fix.
            LOG.error("Parser failed unexpectedly on key {}", record.key(), e);
            reject(record, "unexpected parser error: " + e);
            return;
        }
        // Forwarded outside the try: an exception from a downstream stage is not a parse failure.
        context.forward(record.withValue(new ParseOutcome.Parsed(transaction)));
    }

    private void reject(FixedKeyRecord<String, byte[]> record, String rawReason) {
        metrics.onInvalid(InvalidStage.PARSE);
        String reason = Redaction.digitRuns(rawReason);
        // Present for every record read from a topic; absent only if someone forwards from a punctuator.
        RecordMetadata source = context.recordMetadata().orElseThrow();
        LOG.warn("Invalid raw record {}-{}@{} key {}: {}", source.topic(), source.partition(), source.offset(), record.key(), reason);
        context.forward(record.withValue(new ParseOutcome.Rejected(InvalidRecords.of(
                source.topic(), source.partition(), source.offset(),
                record.key(), record.value(), STAGE, reason,
                Instant.ofEpochMilli(context.currentSystemTimeMs())))));
    }
}
