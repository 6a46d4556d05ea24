package com.ptsl.processor;

import com.ptsl.processor.errors.KeepBytesDeserializationHandler;
import com.ptsl.processor.errors.KeepRecordProcessingHandler;
import com.ptsl.processor.parse.TransactionParser;
import com.ptsl.schemas.Topics;
import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.config.ConfigException;
import com.ptsl.service.config.Env;
import com.ptsl.service.config.Variable;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Stream;

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
 * @param merchantZone         time zone of the merchant account; PayTrace prints created.at in it, without an offset
 * @param match                how long payments wait for their customer or invoice, and how matching is partitioned
 * @param admin                where /health and /metrics listen
 * @param postOn               whether a payment posts when captured (approved sale, capture) or only once settled
 * @param refundLinkField      the PayTrace record field that names a refund's original transaction
 * @param depositDelay         how long a settlement batch (or a correction of it) waits before its CloseDeposit is
 *                             sent; at least the match deadline, so the batch's payments that wait for their
 *                             invoice are posted before the deposit is compared with SL
 * @param tuning               Kafka Streams throughput settings: threads, record cache, producer batching
 */
public record ProcessorConfig(
        String bootstrapServers,
        String applicationId,
        Path stateDir,
        CustomerField customerField,
        Duration dedupeRetention,
        Duration dedupeSweepInterval,
        Duration commitInterval,
        ZoneId merchantZone,
        MatchSettings match,
        AdminConfig admin,
        PostOn postOn,
        String refundLinkField,
        Duration depositDelay,
        Tuning tuning) {

    public static final int DEFAULT_ADMIN_PORT = 8082;

    public static final Variable BOOTSTRAP = Variable.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092", "Kafka bootstrap servers");
    public static final Variable APPLICATION_ID = Variable.of("PROCESSOR_APPLICATION_ID", "ptsl-stream-processor",
            "Kafka Streams application id; changing it starts over with empty stores");
    public static final Variable STATE_DIR = Variable.of("PROCESSOR_STATE_DIR", "./data/streams", "local state directory (RocksDB)");
    public static final Variable CUSTOMER_FIELD = Variable.of("PROCESSOR_CUSTOMER_FIELD", CustomerField.CUSTOMER_REFERENCE_ID.jsonName(),
            "PayTrace field that may hold the SL CustId itself (besides invoice, order and PO numbers and the vault id SL maps): "
                    + CustomerField.choices());
    public static final Variable DEDUPE_RETENTION_DAYS = Variable.of("PROCESSOR_DEDUPE_RETENTION_DAYS", "35",
            "days a transaction id is remembered after last seen");
    public static final Variable DEDUPE_SWEEP_MS = Variable.of("PROCESSOR_DEDUPE_SWEEP_MS", Long.toString(Duration.ofMinutes(10).toMillis()),
            "how often expired dedupe entries are deleted, ms");
    public static final Variable COMMIT_INTERVAL_MS = Variable.of("PROCESSOR_COMMIT_INTERVAL_MS", "100",
            "exactly-once commit interval, ms; bounds end-to-end latency");
    public static final Variable MERCHANT_ZONE = Variable.of("PAYTRACE_MERCHANT_ZONE", "America/Los_Angeles",
            "time zone of the merchant account: PayTrace's created.at is merchant-local");

    public static final Variable MATCH_DEADLINE_MS = Variable.of("PROCESSOR_MATCH_DEADLINE_MS", Long.toString(Duration.ofMinutes(10).toMillis()),
            "how long a payment waits for the invoice (or customer) it names before it posts on account / goes to review, ms");
    public static final Variable RESOLVE_RETRY_MS = Variable.of("PROCESSOR_RESOLVE_RETRY_MS", "500",
            "how often payments with no known SL customer are looked up again, ms");
    public static final Variable MATCH_SWEEP_MS = Variable.of("PROCESSOR_MATCH_SWEEP_MS", "1000",
            "how often waiting payments are checked against their deadline (and settlement batches against the deposit delay), ms");
    public static final Variable RESERVATION_TTL_MS = Variable.of("PROCESSOR_RESERVATION_TTL_MS", Long.toString(Duration.ofMinutes(10).toMillis()),
            "how long an applied amount stays reserved on an invoice if SL never shows it (a rejected command), ms");
    public static final Variable MATCH_PARTITIONS = Variable.of("PROCESSOR_MATCH_PARTITIONS", Integer.toString(Topics.DEFAULT_PARTITIONS),
            "partitions of the by-customer repartition topics: the matcher's parallelism; fixed once created");

    public static final Variable DEPOSIT_DELAY_MS = Variable.of("PROCESSOR_DEPOSIT_DELAY_MS", Long.toString(Duration.ofMinutes(15).toMillis()),
            "how long a settlement batch (or a correction of it) waits before its CloseDeposit goes to SL, ms; "
                    + "must be at least PROCESSOR_MATCH_DEADLINE_MS, so payments still waiting for their invoice are posted first");

    public static final Variable POST_ON = Variable.of("PROCESSOR_POST_ON", PostOn.CAPTURE.name(),
            "when a card payment posts to SL: CAPTURE (approved sale or capture, default) or SETTLEMENT (only once PayTrace settled it; refunds too)");
    public static final Variable STREAM_THREADS = Variable.of("PROCESSOR_STREAM_THREADS", "2",
            "Kafka Streams threads in this instance; each runs some of the tasks (one per input partition and sub-topology), "
                    + "so more threads than the instance's cores only help while threads wait on the broker");
    public static final Variable CACHE_MAX_BYTES = Variable.of("PROCESSOR_CACHE_MAX_BYTES", Long.toString(10L * 1024 * 1024),
            "record cache in front of the dedupe store, bytes, shared by the threads: its entry is written two or three times "
                    + "per record, and reaches RocksDB and the changelog once per commit; 0 = no cache");
    public static final Variable PRODUCER_BATCH_BYTES = Variable.of("PROCESSOR_PRODUCER_BATCH_BYTES", Integer.toString(128 * 1024),
            "producer batch.size, bytes per partition batch (outputs, repartition topics, changelogs); records are about 1 KB");
    public static final Variable PRODUCER_LINGER_MS = Variable.of("PROCESSOR_PRODUCER_LINGER_MS", "100",
            "producer linger.ms; under exactly-once every commit flushes anyway, so the commit interval bounds the wait");
    public static final Variable MAX_TASK_IDLE_MS = Variable.of("PROCESSOR_MAX_TASK_IDLE_MS", "-1",
            "max.task.idle.ms: -1 = a task with several inputs processes what it has buffered (matching and resolving "
                    + "wait for a missing invoice or original themselves, so they do not rely on the order across inputs); "
                    + "0 = Kafka's default, wait to fetch what the broker already has; more = also wait that long for producers");

    public static final Variable REFUND_LINK_FIELD = Variable.of("PROCESSOR_REFUND_LINK_FIELD", TransactionParser.DEFAULT_REFUND_LINK_FIELD,
            "PayTrace record field naming the transaction a refund refunds (PayTrace documents none; the sandbox writes original_transaction_id)");

    /**
     * How matching waits and scales.
     *
     * @param deadline        a payment naming an invoice SL does not have yet waits this long
     * @param resolveRetry    how often a payment with no known customer is looked up again
     * @param sweepInterval   how often waiting payments are checked against the deadline
     * @param reservationTtl  how long an amount this processor applied stays reserved when SL never shows it
     * @param partitions      partitions of payments-by-customer and invoices-by-customer (equal, so they co-partition)
     */
    public record MatchSettings(Duration deadline, Duration resolveRetry, Duration sweepInterval, Duration reservationTtl, int partitions) {
        public MatchSettings {
            requirePositive(deadline, "match deadline");
            requirePositive(resolveRetry, "resolve retry interval");
            requirePositive(sweepInterval, "match sweep interval");
            requirePositive(reservationTtl, "reservation TTL");
            if (partitions < 1) {
                throw new IllegalArgumentException("match partitions must be at least 1, was " + partitions);
            }
        }

        public MatchSettings withDeadline(Duration d) {
            return new MatchSettings(d, resolveRetry, sweepInterval, reservationTtl, partitions);
        }
    }

    /**
     * How Kafka Streams runs the topology; none of it changes what the topology decides (docs: Streams settings).
     *
     * @param streamThreads      num.stream.threads
     * @param cacheMaxBytes      statestore.cache.max.bytes, the record cache in front of the cached stores (0: none)
     * @param producerBatchBytes the producer's batch.size
     * @param producerLingerMs   the producer's linger.ms
     * @param maxTaskIdleMs      max.task.idle.ms (-1: never idle)
     */
    public record Tuning(int streamThreads, long cacheMaxBytes, int producerBatchBytes, long producerLingerMs, long maxTaskIdleMs) {
        public Tuning {
            if (streamThreads < 1) {
                throw new IllegalArgumentException("stream threads must be at least 1, was " + streamThreads);
            }
            if (cacheMaxBytes < 0) {
                throw new IllegalArgumentException("cache size must not be negative, was " + cacheMaxBytes);
            }
            if (producerBatchBytes < 1) {
                throw new IllegalArgumentException("producer batch size must be positive, was " + producerBatchBytes);
            }
            if (producerLingerMs < 0) {
                throw new IllegalArgumentException("producer linger must not be negative, was " + producerLingerMs);
            }
            if (maxTaskIdleMs < -1) {
                throw new IllegalArgumentException("max task idle must be -1 or more, was " + maxTaskIdleMs);
            }
        }

        static Tuning fromEnv(Env env) {
            return new Tuning(env.intValue(STREAM_THREADS, 1, 64), env.longValue(CACHE_MAX_BYTES, 0, Long.MAX_VALUE),
                    env.intValue(PRODUCER_BATCH_BYTES, 1, 64 * 1024 * 1024), env.longValue(PRODUCER_LINGER_MS, 0, 60_000),
                    env.longValue(MAX_TASK_IDLE_MS, -1, Long.MAX_VALUE));
        }

        /** The defaults of the variables. */
        public static Tuning defaults() {
            return fromEnv(Env.of(Map.of()));
        }
    }

    /** Everything the processor reads, in {@code --help} order. */
    public static final List<Variable> VARIABLES = Stream.concat(
            Stream.of(BOOTSTRAP, APPLICATION_ID, STATE_DIR, CUSTOMER_FIELD, DEDUPE_RETENTION_DAYS, DEDUPE_SWEEP_MS,
                    COMMIT_INTERVAL_MS, MERCHANT_ZONE, MATCH_DEADLINE_MS, RESOLVE_RETRY_MS, MATCH_SWEEP_MS, RESERVATION_TTL_MS,
                    MATCH_PARTITIONS, DEPOSIT_DELAY_MS, POST_ON, REFUND_LINK_FIELD,
                    STREAM_THREADS, CACHE_MAX_BYTES, PRODUCER_BATCH_BYTES, PRODUCER_LINGER_MS, MAX_TASK_IDLE_MS),
            AdminConfig.variables(DEFAULT_ADMIN_PORT).stream()).toList();

    public ProcessorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(customerField, "customerField");
        requirePositive(dedupeRetention, "dedupeRetention");
        requirePositive(dedupeSweepInterval, "dedupeSweepInterval");
        requirePositive(commitInterval, "commitInterval");
        Objects.requireNonNull(merchantZone, "merchantZone");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(admin, "admin");
        Objects.requireNonNull(postOn, "postOn");
        if (refundLinkField == null || refundLinkField.isBlank()) {
            throw new IllegalArgumentException("refund link field must not be blank");
        }
        requirePositive(depositDelay, "deposit delay");
        Objects.requireNonNull(tuning, "tuning");
        if (depositDelay.compareTo(match.deadline()) < 0) {
            // A deposit closed before its payments are posted would report every payment still waiting as a mismatch.
            throw new ConfigException(DEPOSIT_DELAY_MS.name(), "(" + depositDelay.toMillis() + " ms) must be at least "
                    + MATCH_DEADLINE_MS.name() + " (" + match.deadline().toMillis()
                    + " ms): a settlement batch closes only after the payments waiting for their invoice are posted");
        }
    }

    /** With the default {@link Tuning}, as before the tuning variables existed. */
    public ProcessorConfig(String bootstrapServers, String applicationId, Path stateDir, CustomerField customerField,
                           Duration dedupeRetention, Duration dedupeSweepInterval, Duration commitInterval, ZoneId merchantZone,
                           MatchSettings match, AdminConfig admin, PostOn postOn, String refundLinkField, Duration depositDelay) {
        this(bootstrapServers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval, commitInterval,
                merchantZone, match, admin, postOn, refundLinkField, depositDelay, Tuning.defaults());
    }

    /** Defaults for everything; for tests and the launcher, which then override what they need. */
    public static ProcessorConfig defaults() {
        return fromEnv(Map.of());
    }

    /** The {@code --help} text. */
    public static String help() {
        return "Environment variables:" + System.lineSeparator() + Variable.help(VARIABLES);
    }

    /** Reads {@link #VARIABLES}; a malformed value fails with a message naming the variable. */
    public static ProcessorConfig fromEnv(Map<String, String> environment) {
        Env env = Env.of(environment);
        return new ProcessorConfig(
                env.text(BOOTSTRAP),
                env.text(APPLICATION_ID),
                env.path(STATE_DIR),
                CustomerField.fromJsonName(env.oneOf(CUSTOMER_FIELD, CustomerField.jsonNames())),
                Duration.ofDays(env.positiveLong(DEDUPE_RETENTION_DAYS)),
                env.millis(DEDUPE_SWEEP_MS),
                env.millis(COMMIT_INTERVAL_MS),
                env.zone(MERCHANT_ZONE),
                new MatchSettings(env.millis(MATCH_DEADLINE_MS), env.millis(RESOLVE_RETRY_MS), env.millis(MATCH_SWEEP_MS),
                        env.millis(RESERVATION_TTL_MS), (int) env.positiveLong(MATCH_PARTITIONS)),
                AdminConfig.fromEnv(env, DEFAULT_ADMIN_PORT),
                PostOn.fromName(env.oneOf(POST_ON, PostOn.names())),
                env.text(REFUND_LINK_FIELD, 100),
                env.millis(DEPOSIT_DELAY_MS),
                Tuning.fromEnv(env));
    }

    public ProcessorConfig withBootstrapServers(String servers) {
        return new ProcessorConfig(servers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, match, admin, postOn, refundLinkField, depositDelay, tuning);
    }

    public ProcessorConfig withApplicationId(String id) {
        return new ProcessorConfig(bootstrapServers, id, stateDir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, match, admin, postOn, refundLinkField, depositDelay, tuning);
    }

    public ProcessorConfig withStateDir(Path dir) {
        return new ProcessorConfig(bootstrapServers, applicationId, dir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, match, admin, postOn, refundLinkField, depositDelay, tuning);
    }

    public ProcessorConfig withCustomerField(CustomerField field) {
        return new ProcessorConfig(bootstrapServers, applicationId, stateDir, field, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, match, admin, postOn, refundLinkField, depositDelay, tuning);
    }

    public ProcessorConfig withMerchantZone(ZoneId zone) {
        return new ProcessorConfig(bootstrapServers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, zone, match, admin, postOn, refundLinkField, depositDelay, tuning);
    }

    public ProcessorConfig withMatch(MatchSettings settings) {
        return new ProcessorConfig(bootstrapServers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, settings, admin, postOn, refundLinkField, depositDelay, tuning);
    }

    public ProcessorConfig withAdmin(AdminConfig adminConfig) {
        return new ProcessorConfig(bootstrapServers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, match, adminConfig, postOn, refundLinkField, depositDelay, tuning);
    }

    public ProcessorConfig withPostOn(PostOn when) {
        return new ProcessorConfig(bootstrapServers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, match, admin, when, refundLinkField, depositDelay, tuning);
    }

    public ProcessorConfig withRefundLinkField(String field) {
        return new ProcessorConfig(bootstrapServers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, match, admin, postOn, field, depositDelay, tuning);
    }

    public ProcessorConfig withDepositDelay(Duration delay) {
        return new ProcessorConfig(bootstrapServers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, match, admin, postOn, refundLinkField, delay, tuning);
    }

    public ProcessorConfig withTuning(Tuning t) {
        return new ProcessorConfig(bootstrapServers, applicationId, stateDir, customerField, dedupeRetention, dedupeSweepInterval,
                commitInterval, merchantZone, match, admin, postOn, refundLinkField, depositDelay, t);
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
     *       exception is a bug or a poison pill. {@link KeepRecordProcessingHandler} keeps the source
     *       record in {@code paytrace.raw.invalid} with the processor's name and the exception and goes
     *       on, so one record can neither stop the application nor loop forever. That is consistent
     *       because every stage forwards before it writes its store: the failed record leaves no
     *       half-written state behind, only its missing effect, which a re-drive supplies.</li>
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
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(tuning.streamThreads()));
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, Long.toString(tuning.cacheMaxBytes()));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(tuning.producerBatchBytes()));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), Long.toString(tuning.producerLingerMs()));
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(tuning.maxTaskIdleMs()));
        // The early-commit trigger of transactional state stores, which this processor does not enable; left on, every
        // pass of the thread loop asks each store of each task for its uncommitted bytes (a few per cent of the CPU).
        props.put(StreamsConfig.STATESTORE_UNCOMMITTED_MAX_BYTES_CONFIG, "-1");
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, KeepBytesDeserializationHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, KeepRecordProcessingHandler.class.getName());
        // Kafka 4.4 warns on every start unless this is set; it becomes the default (and goes away) in 5.0.
        // Spelled out because the constant is already marked deprecated.
        props.put("processing.exception.handler.global.enabled", "true");
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DefaultProductionExceptionHandler.class.getName());
        return props;
    }

    private static void requirePositive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }
}
