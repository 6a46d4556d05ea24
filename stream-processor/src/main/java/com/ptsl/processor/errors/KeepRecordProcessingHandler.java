package com.ptsl.processor.errors;

import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.ProcessorMetrics.InvalidStage;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.InvalidRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A record that makes a processor throw is kept, as the source bytes that led to it, in
 * {@code paytrace.raw.invalid} with the processor's name and the exception, counted under stage
 * {@code process}, and processing goes on with the next record: a poison pill must neither stop the
 * application nor loop forever.
 *
 * <p>Resuming is consistent because every stage forwards its outputs before it writes its stores:
 * an exception downstream leaves the stage's store as if the record had not been seen, so only the
 * record's effect is missing, and that record is in the invalid topic to be re-driven after a fix.
 * The dead-letter record is written in the same exactly-once transaction as everything else.
 */
public final class KeepRecordProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(KeepRecordProcessingHandler.class);

    private ProcessorMetrics metrics = ProcessorMetrics.unscraped();

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        String stage = InvalidStage.PROCESS.label() + ":" + context.processorNodeId();
        String reason = Redaction.digitRuns(exception.getClass().getSimpleName() + ": " + exception.getMessage());
        LOG.error("Processor {} failed on {}-{}@{}; record kept in {} and skipped: {}", context.processorNodeId(), context.topic(),
                context.partition(), context.offset(), Topics.RAW_INVALID.name(), reason, exception);
        metrics.onInvalid(InvalidStage.PROCESS);
        InvalidRecord invalid = InvalidRecords.of(String.valueOf(context.topic()), context.partition(), context.offset(),
                context.sourceRawKey(), context.sourceRawValue(), stage, reason, Instant.now());
        byte[] value = Topics.RAW_INVALID.valueSerde().serializer().serialize(Topics.RAW_INVALID.name(), invalid);
        return Response.resume(List.of(new ProducerRecord<>(Topics.RAW_INVALID.name(), null, context.sourceRawKey(), value)));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object given = configs.get(KeepBytesDeserializationHandler.METRICS_CONFIG);
        if (given instanceof ProcessorMetrics m) {
            metrics = m;
        } else if (given != null) {
            throw new IllegalArgumentException(KeepBytesDeserializationHandler.METRICS_CONFIG + " must be a ProcessorMetrics, was "
                    + given.getClass().getName());
        }
    }
}
