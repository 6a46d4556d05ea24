package com.ptsl.processor.errors;

import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.InvalidRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KeepBytesDeserializationHandlerTest {

    @Test
    void keepsTheBytesInTheInvalidTopicAndResumes() {
        byte[] key = "42".getBytes(StandardCharsets.UTF_8);
        byte[] value = {1, 2, 3};
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.RAW_TRANSACTIONS.name(), 3, 77L, key, value);

        DeserializationExceptionHandler.Response response = new KeepBytesDeserializationHandler()
                .handleError(new SourceContext(record), record, new SerializationException("boom"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo(Topics.RAW_INVALID.name());
        assertThat(dead.key()).isEqualTo(key);
        InvalidRecord kept = Topics.RAW_INVALID.valueSerde().deserializer().deserialize(dead.topic(), dead.value());
        assertThat(kept.getSourceTopic()).isEqualTo(Topics.RAW_TRANSACTIONS.name());
        assertThat(kept.getSourcePartition()).isEqualTo(3);
        assertThat(kept.getSourceOffset()).isEqualTo(77L);
        assertThat(kept.getValue()).isEqualTo(ByteBuffer.wrap(value));
        assertThat(kept.getStage()).isEqualTo("deserialize");
        assertThat(kept.getReason()).isEqualTo("cannot deserialize: boom");
    }

    @Test
    void countsIntoTheMetersItIsConfiguredWith() {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.RAW_TRANSACTIONS.name(), 0, 1L, null, new byte[] {9});
        ProcessorMetrics metrics = ProcessorMetrics.unscraped();
        KeepBytesDeserializationHandler handler = new KeepBytesDeserializationHandler();
        handler.configure(Map.of(KeepBytesDeserializationHandler.METRICS_CONFIG, metrics, "application.id", "x"));

        handler.handleError(new SourceContext(record), record, new SerializationException("boom"));

        assertThat(metrics.invalidRecords(ProcessorMetrics.InvalidStage.DESERIALIZE)).isEqualTo(1);
        assertThat(metrics.invalidRecords()).isEqualTo(1);
    }

    @Test
    void somethingElseUnderTheMetersKeyIsAConfigurationMistake() {
        assertThatThrownBy(() -> new KeepBytesDeserializationHandler().configure(Map.of(KeepBytesDeserializationHandler.METRICS_CONFIG, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ptsl.processor.metrics must be a ProcessorMetrics, was java.lang.String");
    }

    @Test
    void reasonsNeverCarryACardNumber() {
        String digits = "1".repeat(16); // card-number length, not Luhn-valid
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.RAW_TRANSACTIONS.name(), 0, 2L, null, new byte[] {9});

        DeserializationExceptionHandler.Response response = new KeepBytesDeserializationHandler()
                .handleError(new SourceContext(record), record, new SerializationException("bad field " + digits));

        InvalidRecord kept = Topics.RAW_INVALID.valueSerde().deserializer()
                .deserialize(Topics.RAW_INVALID.name(), response.deadLetterQueueRecords().get(0).value());
        assertThat(kept.getReason()).isEqualTo("cannot deserialize: bad field [redacted]");
    }

    /** The handler context Kafka Streams passes for a record read from a source topic. */
    private record SourceContext(ConsumerRecord<byte[], byte[]> record) implements ErrorHandlerContext {
        public String topic() { return record.topic(); }
        public int partition() { return record.partition(); }
        public long offset() { return record.offset(); }
        public Headers headers() { return new RecordHeaders(); }
        public String processorNodeId() { return "raw-source"; }
        public TaskId taskId() { return new TaskId(0, record.partition()); }
        public long timestamp() { return record.timestamp(); }
        public byte[] sourceRawKey() { return record.key(); }
        public byte[] sourceRawValue() { return record.value(); }
    }
}
