package com.ptsl.processor;

import com.ptsl.processor.ProcessorMetrics.InvalidStage;
import com.ptsl.schemas.Topics;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka Streams builds the deserialization handler from its class name; this shows that the service's
 * properties hand it the service's meters. The payment topology's serdes cannot fail, so a source with
 * an Integer key serde stands in for "the day a serde changes". (TopologyTestDriver does not surface the handler's
 * dead-letter records; KeepBytesDeserializationHandlerTest checks those.)
 */
class DeserializationFailureCountTest {

    @TempDir
    Path stateDir;

    @Test
    void anUndeserializableRecordIsCountedUnderStageDeserializeAndProcessingGoesOn() {
        ProcessorConfig config = ProcessorConfig.defaults().withApplicationId("deserialize-test").withStateDir(stateDir);
        ProcessorMetrics metrics = ProcessorMetrics.unscraped();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.RAW_TRANSACTIONS.name(), Consumed.with(Serdes.Integer(), Serdes.ByteArray()))
                .to("echo", Produced.with(Serdes.Integer(), Serdes.ByteArray()));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), ProcessorService.streamsProperties(config, metrics))) {
            TestInputTopic<byte[], byte[]> raw = driver.createInputTopic(Topics.RAW_TRANSACTIONS.name(),
                    new ByteArraySerializer(), new ByteArraySerializer());

            raw.pipeInput(new byte[] {1, 2, 3}, new byte[] {4}); // an Integer key needs 4 bytes
            raw.pipeInput(new byte[] {0, 0, 0, 7}, new byte[] {5});

            assertThat(metrics.invalidRecords(InvalidStage.DESERIALIZE)).isEqualTo(1);
            assertThat(metrics.invalidRecords(InvalidStage.PARSE)).isZero();
            assertThat(driver.createOutputTopic("echo", Serdes.Integer().deserializer(), Serdes.ByteArray().deserializer())
                    .readKeyValuesToList()).extracting(kv -> kv.key).containsExactly(7);
        }
    }
}
