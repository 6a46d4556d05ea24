package com.ptsl.processor;

import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessorConfigTest {

    @Test
    void defaultsAreSane() {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of());

        assertThat(config.bootstrapServers()).isEqualTo("localhost:9092");
        assertThat(config.applicationId()).isEqualTo("ptsl-stream-processor");
        assertThat(config.stateDir()).isEqualTo(Path.of("./data/streams"));
        assertThat(config.customerField()).isEqualTo(CustomerField.CUSTOMER_REFERENCE_ID);
        assertThat(config.dedupeRetention()).isEqualTo(Duration.ofDays(35));
        assertThat(config.dedupeSweepInterval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(config.commitInterval()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void readsEveryVariable() {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "PROCESSOR_APPLICATION_ID", "ptsl-sp-test",
                "PROCESSOR_STATE_DIR", "/var/lib/ptsl/streams",
                "PROCESSOR_CUSTOMER_FIELD", "customer_id",
                "PROCESSOR_DEDUPE_RETENTION_DAYS", "7",
                "PROCESSOR_DEDUPE_SWEEP_MS", "60000",
                "PROCESSOR_COMMIT_INTERVAL_MS", " 50 "));

        assertThat(config).isEqualTo(new ProcessorConfig("k1:9092,k2:9092", "ptsl-sp-test", Path.of("/var/lib/ptsl/streams"),
                CustomerField.CUSTOMER_ID, Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofMillis(50)));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_DEDUPE_RETENTION_DAYS", "five")))
                .hasMessage("PROCESSOR_DEDUPE_RETENTION_DAYS must be a positive whole number, was 'five'");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_COMMIT_INTERVAL_MS", "0")))
                .hasMessageStartingWith("PROCESSOR_COMMIT_INTERVAL_MS ");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_CUSTOMER_FIELD", "email")))
                .hasMessage("PROCESSOR_CUSTOMER_FIELD: 'email' is not one of customer_reference_id, customer_id");
    }

    @Test
    void streamsRunExactlyOnceWithTheConfiguredCommitInterval() {
        Properties props = ProcessorConfig.fromEnv(Map.of("PROCESSOR_COMMIT_INTERVAL_MS", "250")).streamsProperties();

        assertThat(props.getProperty(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(props.getProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("250");
        assertThat(props.getProperty(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG)).endsWith("KeepBytesDeserializationHandler");
        assertThat(props.getProperty(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG)).endsWith("DefaultProductionExceptionHandler");
        // Constructing StreamsConfig validates every key and class name.
        StreamsConfig streams = new StreamsConfig(props);
        assertThat(streams.getString(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("ptsl-stream-processor");
        assertThat(streams.processingExceptionHandler()).isInstanceOf(LogAndFailProcessingExceptionHandler.class);
    }

    @Test
    void helpListsEveryVariable() {
        assertThat(ProcessorConfig.HELP).contains("KAFKA_BOOTSTRAP_SERVERS", "PROCESSOR_APPLICATION_ID", "PROCESSOR_STATE_DIR",
                "PROCESSOR_CUSTOMER_FIELD", "PROCESSOR_DEDUPE_RETENTION_DAYS", "PROCESSOR_DEDUPE_SWEEP_MS", "PROCESSOR_COMMIT_INTERVAL_MS");
    }
}
