package com.ptsl.processor.errors;

import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.ProcessorMetrics.InvalidStage;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.InvalidRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A record whose key or value the source serdes cannot read is written, byte for byte, to
 * {@code paytrace.raw.invalid} (as a dead-letter record inside the same exactly-once transaction),
 * and processing continues. Skipping is consistent here because nothing was stored for the record yet.
 *
 * <p>With the current source serdes (String key, byte[] value) this cannot happen; it guards the day
 * a serde changes, so that even then nothing is dropped silently and no partition crash-loops.
 *
 * <p>Kafka Streams creates the handler from its class name, so the service's {@link ProcessorMetrics}
 * reaches it as an object under {@link #METRICS_CONFIG} in the streams properties: Kafka passes the
 * original (unparsed) properties to {@link #configure}.
 */
public final class KeepBytesDeserializationHandler implements DeserializationExceptionHandler {

    public static final String STAGE = InvalidStage.DESERIALIZE.label();
    /** Not a Kafka setting: Kafka ignores it, except for handing it to {@link #configure}. */
    public static final String METRICS_CONFIG = "ptsl.processor.metrics";
    private static final Logger LOG = LoggerFactory.getLogger(KeepBytesDeserializationHandler.class);

    private ProcessorMetrics metrics = ProcessorMetrics.unscraped();

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        // A serde's message may quote the bytes it choked on; the reason is written to Kafka and the log.
        String reason = Redaction.digitRuns("cannot deserialize: " + exception.getMessage());
        LOG.warn("Undeserializable record {}-{}@{} kept in {}: {}", record.topic(), record.partition(), record.offset(),
                Topics.RAW_INVALID.name(), reason);
        metrics.onInvalid(InvalidStage.DESERIALIZE);
        InvalidRecord invalid = InvalidRecords.of(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                STAGE, reason, Instant.now());
        byte[] value = Topics.RAW_INVALID.valueSerde().serializer().serialize(Topics.RAW_INVALID.name(), invalid);
        return Response.resume(List.of(new ProducerRecord<>(Topics.RAW_INVALID.name(), null, record.key(), value)));
    }

    @Override
    public void configure(Map<String, ?> configs) {
        Object given = configs.get(METRICS_CONFIG);
        if (given instanceof ProcessorMetrics m) {
            metrics = m;
        } else if (given != null) {
            throw new IllegalArgumentException(METRICS_CONFIG + " must be a ProcessorMetrics, was " + given.getClass().getName());
        }
    }
}
