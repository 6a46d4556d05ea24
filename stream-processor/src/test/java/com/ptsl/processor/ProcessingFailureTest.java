package com.ptsl.processor;

import com.ptsl.processor.ProcessorMetrics.InvalidStage;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.InvalidRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A record that makes a processor throw (a poison pill) is kept in paytrace.raw.invalid with the processor's
 * name and the exception, counted, and the next record goes on: with the service's own streams properties.
 */
class ProcessingFailureTest {

    @TempDir
    Path stateDir;

    @Test
    void aRecordThatMakesAProcessorThrowIsKeptWithTheExceptionAndTheNextOneGoesOn() {
        ProcessorConfig config = ProcessorConfig.defaults().withApplicationId("poison-test").withStateDir(stateDir);
        ProcessorMetrics metrics = ProcessorMetrics.unscraped();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.RAW_TRANSACTIONS.name(), Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> {
                    if (v.contains("poison")) {
                        throw new IllegalStateException("cannot digest " + v);
                    }
                    return v.toUpperCase();
                }, Named.as("digest"))
                .to("echo", Produced.with(Serdes.String(), Serdes.String()));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), ProcessorService.streamsProperties(config, metrics))) {
            TestInputTopic<String, String> raw = driver.createInputTopic(Topics.RAW_TRANSACTIONS.name(),
                    new StringSerializer(), new StringSerializer());

            raw.pipeInput("1", "poison pill");
            raw.pipeInput("2", "fine");

            assertThat(driver.createOutputTopic("echo", Serdes.String().deserializer(), Serdes.String().deserializer())
                    .readValuesToList()).containsExactly("FINE");
            InvalidRecord kept = driver.createOutputTopic(Topics.RAW_INVALID.name(), Topics.RAW_INVALID.keySerde().deserializer(),
                    Topics.RAW_INVALID.valueSerde().deserializer()).readValue();
            assertThat(kept.getStage()).isEqualTo("process:digest");
            assertThat(kept.getReason()).isEqualTo("IllegalStateException: cannot digest poison pill");
            assertThat(kept.getValue()).isEqualTo(ByteBuffer.wrap("poison pill".getBytes(StandardCharsets.UTF_8)));
            assertThat(kept.getKey()).isEqualTo(ByteBuffer.wrap("1".getBytes(StandardCharsets.UTF_8)));
            assertThat(kept.getSourceTopic()).isEqualTo(Topics.RAW_TRANSACTIONS.name());
            assertThat(metrics.invalidRecords(InvalidStage.PROCESS)).isEqualTo(1);
        }
    }
}
