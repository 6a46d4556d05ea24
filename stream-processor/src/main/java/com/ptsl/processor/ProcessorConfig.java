package com.ptsl.processor;

import com.ptsl.processor.errors.KeepBytesDeserializationHandler;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailProcessingExceptionHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of the stream processor, read from the environment.
 *
 * @param bootstrapServers     Kafka bootstrap servers
 * @param applicationId        Kafka Streams application id: consumer group, prefix of internal topics and of the
 *                             transactional ids. Changing it starts the topology from scratch with empty stores.
 * @param stateDir             where RocksDB keeps the dedupe store; losing it only costs a restore from the changelog
 * @param customerField        the PayTrace field that carries the SL CustId
 * @param dedupeRetention      how long a transaction id is remembered after it was last seen
 * @param dedupeSweepInterval  how often (wall clock) expired dedupe entries are deleted
 * @param commitInterval       exactly-once commit interval; output is invisible to read_committed consumers
 *                             until the commit, so this bounds end-to-end latency (target &lt; 1 s)
 */
public record ProcessorConfig(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        CustomerField customerField,
        Duration dedupeRetention,
        Duration dedupeSweepInterval,
        Duration commitInterval) {

    public static final String BOOTSTRAP = "KAFKA_BOOTSTRAP_SERVERS";
    public static final String APPLICATION_ID = "PROCESSOR_APPLICATION_ID";
    public static final String STATE_DIR = "PROCESSOR_STATE_DIR";
    public static final String CUSTOMER_FIELD = "PROCESSOR_CUSTOMER_FIELD";
    public static final String DEDUPE_RETENTION_DAYS = "PROCESSOR_DEDUPE_RETENTION_DAYS";
    public static final String DEDUPE_SWEEP_MS = "PROCESSOR_DEDUPE_SWEEP_MS";
    public static final String COMMIT_INTERVAL_MS = "PROCESSOR_COMMIT_INTERVAL_MS";

    /** Printed by {@code --help}. */
    public static final String HELP = String.join(System.lineSeparator(),
            "Environment variables:",
            "  " + BOOTSTRAP + "           Kafka bootstrap servers (default localhost:9092)",
            "  " + APPLICATION_ID + "          Kafka Streams application id (default ptsl-stream-processor)",
            "  " + STATE_DIR + "               local state directory (default ./data/streams)",
            "  " + CUSTOMER_FIELD + "          PayTrace field holding the SL CustId: " + CustomerField.choices()
                    + " (default customer_reference_id)",
            "  " + DEDUPE_RETENTION_DAYS + "   days a transaction id is remembered after last seen (default 35)",
            "  " + DEDUPE_SWEEP_MS + "         how often expired dedupe entries are deleted, ms (default 600000)",
            "  " + COMMIT_INTERVAL_MS + "      exactly-once commit interval, ms; bounds latency (default 100)");

    public ProcessorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(customerField, "customerField");
        requirePositive(dedupeRetention, "dedupeRetention");
        requirePositive(dedupeSweepInterval, "dedupeSweepInterval");
        requirePositive(commitInterval, "commitInterval");
    }

    /** Defaults for everything; for tests and the launcher, which then override what they need. */
    public static ProcessorConfig defaults() {
        return fromEnv(Map.of());
    }

    /** Reads the variables above; a malformed value fails with a message naming the variable. */
    public static ProcessorConfig fromEnv(Map<String, String> env) {
        String customerField = text(env, CUSTOMER_FIELD, CustomerField.CUSTOMER_REFERENCE_ID.jsonName());
        CustomerField field;
        try {
            field = CustomerField.fromJsonName(customerField);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CUSTOMER_FIELD + ": " + e.getMessage());
        }
        return new ProcessorConfig(
                text(env, BOOTSTRAP, "localhost:9092"),
                text(env, APPLICATION_ID, "ptsl-stream-processor"),
                Path.of(text(env, STATE_DIR, "./data/streams")),
                field,
                Duration.ofDays(positiveLong(env, DEDUPE_RETENTION_DAYS, 35)),
                Duration.ofMillis(positiveLong(env, DEDUPE_SWEEP_MS, Duration.ofMinutes(10).toMillis())),
                Duration.ofMillis(positiveLong(env, COMMIT_INTERVAL_MS, 100)));
    }

    public ProcessorConfig withBootstrapServers(String servers) {
        return new ProcessorConfig(servers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval, commitInterval);
    }

    public ProcessorConfig withApplicationId(String id) {
        return new ProcessorConfig(bootstrapServers, id, stateDir, customerField, dedupeRetention, dedupeSweepInterval, commitInterval);
    }

    public ProcessorConfig withStateDir(Path dir) {
        return new ProcessorConfig(bootstrapServers, applicationId, dir, customerField, dedupeRetention, dedupeSweepInterval, commitInterval);
    }

    public ProcessorConfig withCustomerField(CustomerField field) {
        return new ProcessorConfig(bootstrapServers, applicationId, stateDir, field, dedupeRetention, dedupeSweepInterval, commitInterval);
    }

    /**
     * The Kafka Streams properties. The error handlers are chosen so that nothing is dropped silently
     * and nothing is half-committed:
     * <ul>
     *   <li>deserialization: the source reads String keys and byte[] values, which cannot fail to
     *       deserialize; should a serde ever be changed, {@link KeepBytesDeserializationHandler} keeps
     *       the bytes in {@code paytrace.raw.invalid} and moves on (no state was touched yet, so
     *       skipping is consistent).</li>
     *   <li>processing: bad data never throws (the parse stage turns it into an InvalidRecord), so an
     *       exception is a bug or an infrastructure fault. Failing is the right answer under
     *       exactly-once: the transaction aborts and the dedupe store and outputs roll back together,
     *       whereas resuming would commit a half-processed record (e.g. a dedupe entry without its
     *       command) that a later replay would mistake for a duplicate.</li>
     *   <li>production: skipping a record the broker refused would silently lose an ERP command, so
     *       fail; the transaction aborts and the record is reprocessed by the replacement thread.</li>
     * </ul>
     */
    public Properties streamsProperties() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, KeepBytesDeserializationHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailProcessingExceptionHandler.class.getName());
        // Kafka 4.4 warns on every start unless this is set; it becomes the default (and goes away) in 5.0.
        // Spelled out because the constant is already marked deprecated.
        props.put("processing.exception.handler.global.enabled", "true");
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DefaultProductionExceptionHandler.class.getName());
        return props;
    }

    private static String text(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static long positiveLong(Map<String, String> env, String name, long fallback) {
        String value = text(env, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the variable's name
        }
        throw new IllegalArgumentException(name + " must be a positive whole number, was '" + value + "'");
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
