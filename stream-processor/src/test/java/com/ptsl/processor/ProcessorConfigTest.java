package com.ptsl.processor;

import com.ptsl.processor.errors.KeepRecordProcessingHandler;
import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.config.ConfigException;
import com.ptsl.service.config.Variable;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
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
        assertThat(config.merchantZone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(config.admin()).isEqualTo(new AdminConfig("127.0.0.1", 8082, null));
        assertThat(config.postOn()).isEqualTo(PostOn.CAPTURE);
        assertThat(config.refundLinkField()).isEqualTo("original_transaction_id");
        assertThat(config.depositDelay()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void readsEveryVariable() {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.ofEntries(
                Map.entry("KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092"),
                Map.entry("PROCESSOR_APPLICATION_ID", "ptsl-sp-test"),
                Map.entry("PROCESSOR_STATE_DIR", "/var/lib/ptsl/streams"),
                Map.entry("PROCESSOR_CUSTOMER_FIELD", "customer_id"),
                Map.entry("PROCESSOR_DEDUPE_RETENTION_DAYS", "7"),
                Map.entry("PROCESSOR_DEDUPE_SWEEP_MS", "60000"),
                Map.entry("PROCESSOR_COMMIT_INTERVAL_MS", " 50 "),
                Map.entry("PAYTRACE_MERCHANT_ZONE", "America/Chicago"),
                Map.entry("PROCESSOR_MATCH_DEADLINE_MS", "30000"),
                Map.entry("PROCESSOR_RESOLVE_RETRY_MS", "250"),
                Map.entry("PROCESSOR_MATCH_SWEEP_MS", "2000"),
                Map.entry("PROCESSOR_RESERVATION_TTL_MS", "120000"),
                Map.entry("PROCESSOR_MATCH_PARTITIONS", "12"),
                Map.entry("PROCESSOR_DEPOSIT_DELAY_MS", "35000"),
                Map.entry("PROCESSOR_POST_ON", "SETTLEMENT"),
                Map.entry("PROCESSOR_REFUND_LINK_FIELD", "parent_transaction_id"),
                Map.entry("ADMIN_HOST", "0.0.0.0"),
                Map.entry("ADMIN_PORT", "9182"),
                Map.entry("ADMIN_TOKEN", "s3cret")));

        assertThat(config).isEqualTo(new ProcessorConfig("k1:9092,k2:9092", "ptsl-sp-test", Path.of("/var/lib/ptsl/streams"),
                CustomerField.CUSTOMER_ID, Duration.ofDays(7), Duration.ofMinutes(1), Duration.ofMillis(50),
                ZoneId.of("America/Chicago"), new ProcessorConfig.MatchSettings(Duration.ofSeconds(30), Duration.ofMillis(250),
                        Duration.ofSeconds(2), Duration.ofMinutes(2), 12),
                new AdminConfig("0.0.0.0", 9182, "s3cret"), PostOn.SETTLEMENT, "parent_transaction_id", Duration.ofSeconds(35)));
    }

    @Test
    void badValuesNameTheVariable() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_DEDUPE_RETENTION_DAYS", "five")))
                .hasMessage("PROCESSOR_DEDUPE_RETENTION_DAYS must be a positive whole number, was 'five'");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_COMMIT_INTERVAL_MS", "0")))
                .hasMessageStartingWith("PROCESSOR_COMMIT_INTERVAL_MS ");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_DEDUPE_SWEEP_MS", "-1")))
                .hasMessageStartingWith("PROCESSOR_DEDUPE_SWEEP_MS ");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_CUSTOMER_FIELD", "email")))
                .hasMessage("PROCESSOR_CUSTOMER_FIELD must be one of customer_reference_id, customer_id, was 'email'");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PAYTRACE_MERCHANT_ZONE", "Pacific")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PAYTRACE_MERCHANT_ZONE is not a time zone id");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_POST_ON", "TOMORROW")))
                .hasMessage("PROCESSOR_POST_ON must be one of CAPTURE, SETTLEMENT, was 'TOMORROW'");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("ADMIN_PORT", "70000")))
                .hasMessage("ADMIN_PORT must be a whole number between 0 and 65535, was 70000");
    }

    @Test
    void aDepositDelayShorterThanTheMatchDeadlineIsRefusedNamingBoth() {
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_MATCH_DEADLINE_MS", "600000", "PROCESSOR_DEPOSIT_DELAY_MS", "599999")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PROCESSOR_DEPOSIT_DELAY_MS (599999 ms) must be at least PROCESSOR_MATCH_DEADLINE_MS (600000 ms)");
        // The default delay (15 min) is checked against a raised deadline too.
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_MATCH_DEADLINE_MS", "1200000")))
                .hasMessageContaining("PROCESSOR_DEPOSIT_DELAY_MS (900000 ms)").hasMessageContaining("PROCESSOR_MATCH_DEADLINE_MS (1200000 ms)");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_DEPOSIT_DELAY_MS", "0")))
                .hasMessageStartingWith("PROCESSOR_DEPOSIT_DELAY_MS ");
        ProcessorConfig config = ProcessorConfig.defaults();
        assertThatThrownBy(() -> config.withDepositDelay(Duration.ofMinutes(9)))
                .hasMessageStartingWith("PROCESSOR_DEPOSIT_DELAY_MS (540000 ms) must be at least PROCESSOR_MATCH_DEADLINE_MS");

        // Equal is enough: the deposit closes as the last waiting payment posts.
        assertThat(ProcessorConfig.fromEnv(Map.of("PROCESSOR_MATCH_DEADLINE_MS", "30000", "PROCESSOR_DEPOSIT_DELAY_MS", "30000"))
                .depositDelay()).isEqualTo(Duration.ofSeconds(30));
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
        assertThat(streams.processingExceptionHandler()).isInstanceOf(KeepRecordProcessingHandler.class);
    }

    @Test
    void theStreamsTuningReachesKafkaStreams() {
        ProcessorConfig defaults = ProcessorConfig.defaults();
        assertThat(defaults.tuning()).isEqualTo(new ProcessorConfig.Tuning(2, 10L * 1024 * 1024, 128 * 1024, 100, -1));
        Properties props = ProcessorConfig.fromEnv(Map.of("PROCESSOR_STREAM_THREADS", "3", "PROCESSOR_CACHE_MAX_BYTES", "0",
                "PROCESSOR_PRODUCER_BATCH_BYTES", "65536", "PROCESSOR_PRODUCER_LINGER_MS", "20", "PROCESSOR_MAX_TASK_IDLE_MS", "0"))
                .streamsProperties();

        StreamsConfig streams = new StreamsConfig(props);
        assertThat(streams.getInt(StreamsConfig.NUM_STREAM_THREADS_CONFIG)).isEqualTo(3);
        assertThat(streams.getLong(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG)).isZero();
        assertThat(streams.getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isZero();
        Map<String, Object> producer = streams.getProducerConfigs("p");
        assertThat(producer).containsEntry("batch.size", "65536").containsEntry("linger.ms", "20");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_STREAM_THREADS", "0")))
                .hasMessageStartingWith("PROCESSOR_STREAM_THREADS ");
        assertThatThrownBy(() -> ProcessorConfig.fromEnv(Map.of("PROCESSOR_MAX_TASK_IDLE_MS", "-2")))
                .hasMessageStartingWith("PROCESSOR_MAX_TASK_IDLE_MS ");
    }

    @Test
    void helpListsEveryVariable() {
        assertThat(ProcessorConfig.VARIABLES).extracting(Variable::name).containsExactly("KAFKA_BOOTSTRAP_SERVERS",
                "PROCESSOR_APPLICATION_ID", "PROCESSOR_STATE_DIR", "PROCESSOR_CUSTOMER_FIELD", "PROCESSOR_DEDUPE_RETENTION_DAYS",
                "PROCESSOR_DEDUPE_SWEEP_MS", "PROCESSOR_COMMIT_INTERVAL_MS", "PAYTRACE_MERCHANT_ZONE",
                "PROCESSOR_MATCH_DEADLINE_MS", "PROCESSOR_RESOLVE_RETRY_MS", "PROCESSOR_MATCH_SWEEP_MS", "PROCESSOR_RESERVATION_TTL_MS",
                "PROCESSOR_MATCH_PARTITIONS", "PROCESSOR_DEPOSIT_DELAY_MS", "PROCESSOR_POST_ON", "PROCESSOR_REFUND_LINK_FIELD",
                "PROCESSOR_STREAM_THREADS", "PROCESSOR_CACHE_MAX_BYTES", "PROCESSOR_PRODUCER_BATCH_BYTES", "PROCESSOR_PRODUCER_LINGER_MS",
                "PROCESSOR_MAX_TASK_IDLE_MS", "ADMIN_HOST", "ADMIN_PORT", "ADMIN_TOKEN");
        String help = ProcessorConfig.help();
        for (Variable v : ProcessorConfig.VARIABLES) {
            assertThat(help).contains(v.name());
        }
        assertThat(help).contains("default America/Los_Angeles", "default 8082", "customer_reference_id, customer_id", "default 900000");
        assertThat(help).contains("must be at least PROCESSOR_MATCH_DEADLINE_MS");
    }

    @Test
    void theTokenIsNeverPrinted() {
        ProcessorConfig config = ProcessorConfig.fromEnv(Map.of("ADMIN_TOKEN", "s3cret"));

        assertThat(config.toString()).doesNotContain("s3cret");
    }
}
