package com.ptsl.processor.errors;

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

import static org.assertj.core.api.Assertions.assertThat;

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
