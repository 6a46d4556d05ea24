package com.ptsl.sink.bench;

import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.SinkConfig;
import com.ptsl.sink.SinkService;
import com.ptsl.sink.sql.IntegrationTables;
import com.ptsl.sink.sql.dialect.SqlDialect;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The erp-sink probe of {@code ptsl bench}: how many commands per second the real {@link SinkService} applies to SL with
 * exactly-once on (offsets in the same SQL transaction as the rows, the ledger, the result outbox), whether that rate
 * holds as the day's payment batch grows, and the database's own limit beside it.
 *
 * <ol>
 *   <li>{@code commands} PostPayment commands for the open invoices SL holds ({@link BenchPayments}) are produced to
 *       {@code erp.commands} before the clock starts;</li>
 *   <li>a SinkService (its defaults, the SL feed and webhook off, a fresh consumer group) is started; the clock runs from
 *       the moment it owns its partitions (group join excluded) until it has applied every command, sampled from its
 *       own meter at each commit; then the ledger is checked to hold them all as APPLIED and the service is stopped;</li>
 *   <li>the baseline, {@link InsertBaseline}: a JDBC batch insert of as many ARDoc + ARTran row pairs (capped at
 *       {@link #BASELINE_CAP}) into scratch copies of the tables, dropped afterwards.</li>
 * </ol>
 * Every command is posted to today's batch of the card clearing account, which therefore ends the run holding
 * {@code commands} documents: the last fifth's rate against the first's is the "flat as the batch grows" figure.
 * A command the sink rejects or a run past its deadline fails the probe (IllegalStateException naming what happened).
 */
public final class SinkBench {

    /** Baseline pairs at most: enough for a steady figure, short enough for a 10-minute {@code ptsl bench}. */
    static final int BASELINE_CAP = 50_000;
    private static final Duration START_DEADLINE = Duration.ofSeconds(60);
    private static final long SAMPLE_MILLIS = 10;

    /**
     * @param cpnyId   the SL company the sink posts to (SL_CPNY_ID)
     * @param commands how many PostPayment commands to apply (5..1,000,000)
     */
    public record Options(String bootstrapServers, String jdbcUrl, String dbUser, String dbPassword, String cpnyId, int commands) {

        public Options {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(cpnyId, "cpnyId");
            dbUser = dbUser == null ? "" : dbUser;
            dbPassword = dbPassword == null ? "" : dbPassword;
            if (commands < 5 || commands > BenchPayments.MAX_COMMANDS) {
                throw new IllegalArgumentException("commands must be 5.." + BenchPayments.MAX_COMMANDS + " (one fifth at least one),"
                        + " was " + commands);
            }
        }

        @Override
        public String toString() {
            return "Options{bootstrapServers=" + bootstrapServers + ", jdbcUrl=" + jdbcUrl.replaceAll("(?i)password=[^;]*", "password=***")
                    + ", dbUser=" + dbUser + ", dbPassword=" + (dbPassword.isEmpty() ? "(none)" : "***") + ", cpnyId=" + cpnyId
                    + ", commands=" + commands + "}";
        }
    }

    /**
     * @param commandsPerSecond         all commands over the time from owning the partitions to the last one applied
     * @param firstFifthPerSecond       the first fifth of the commands (the batch still small)
     * @param lastFifthPerSecond        the last fifth (the batch holding four fifths of them already)
     * @param baselinePaymentsPerSecond ARDoc + ARTran row pairs per second of the insert baseline
     */
    public record Result(int commands, double commandsPerSecond, double firstFifthPerSecond, double lastFifthPerSecond,
                         double baselinePaymentsPerSecond, String baselineDescription) {
    }

    private SinkBench() {
    }

    public static Result run(Options options, Consumer<String> progress) {
        Objects.requireNonNull(options, "options");
        Consumer<String> say = progress == null ? line -> { } : progress;
        SqlDialect dialect = SqlDialect.forJdbcUrl(options.jdbcUrl());
        try (Connection c = connect(options)) {
            IntegrationTables.ensure(c, dialect);
            BenchPayments.Generated generated = BenchPayments.generate(c, dialect, options.cpnyId(), options.commands(), LocalDate.now(),
                    8L);
            c.commit();
            say.accept(String.format("sink: producing %,d PostPayment commands (%,d invoice applications, %,d on account) to %s",
                    options.commands(), generated.applications(), generated.onAccount(), Topics.ERP_COMMANDS.name()));
            TopicCreator.ensure(options.bootstrapServers(), List.of(Topics.ERP_COMMANDS, Topics.ERP_RESULTS, Topics.COMMANDS_DLQ,
                    Topics.PAYMENTS_REVIEW));
            produce(options.bootstrapServers(), generated.commands());
            RateCurve curve = applyAll(options, say);
            long inLedger = BenchPayments.count(c, "SELECT COUNT(*) FROM " + dialect.table(SqlDialect.LEDGER_TABLE)
                    + " WHERE [CommandId] LIKE ? AND [Status] = '" + ResultStatus.APPLIED.name() + "'", generated.commandIdPattern());
            c.commit();
            if (inLedger != options.commands()) {
                throw new IllegalStateException("the sink reported " + curve.count() + " commands applied but the ledger holds "
                        + inLedger + " APPLIED rows of this run, not " + options.commands());
            }
            int n = options.commands();
            double overall = n / curve.secondsUntil(n);
            double first = curve.rate(0, n / 5);
            double last = curve.rate(n - n / 5, n);
            say.accept(String.format("sink: %,d commands in %.1f s: %,.0f/s (first fifth %,.0f/s, last fifth %,.0f/s)", n,
                    curve.secondsUntil(n), overall, first, last));
            int pairs = Math.min(n, BASELINE_CAP);
            say.accept(String.format("sink baseline: inserting %,d ARDoc + ARTran row pairs", pairs));
            InsertBaseline.Measured baseline = InsertBaseline.run(c, dialect, pairs, say);
            say.accept(String.format("sink baseline: %,.0f pairs/s", baseline.pairsPerSecond()));
            return new Result(n, overall, first, last, baseline.pairsPerSecond(), baseline.description());
        } catch (SQLException e) {
            throw new IllegalStateException("sink probe: SL database error: " + e.getMessage(), e);
        }
    }

    /** Runs a SinkService until it applied every command; returns the applied count over time from owning the partitions. */
    private static RateCurve applyAll(Options options, Consumer<String> say) {
        int n = options.commands();
        // Generous: a sink at a tenth of the target still finishes; a stuck one fails instead of hanging ptsl bench.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60) + TimeUnit.MILLISECONDS.toNanos(2L * n);
        try (SinkService sink = new SinkService(config(options))) {
            sink.start();
            long startBy = System.nanoTime() + START_DEADLINE.toNanos();
            while (!sink.isRunning()) {
                // The consumer thread was started but may not have reached its loop yet.
                check(sink, startBy, "start its consumer thread", false);
                sleep();
            }
            while (sink.metrics().assignedPartitions() == 0) {
                check(sink, startBy, "own a partition of " + Topics.ERP_COMMANDS.name(), true);
                sleep();
            }
            RateCurve curve = new RateCurve(System.nanoTime());
            long reported = System.nanoTime();
            while (curve.count() < n) {
                sleep();
                long now = System.nanoTime();
                curve.sample(now, sink.metrics().applied());
                if (sink.metrics().rejected() > 0 || sink.metrics().duplicates() > 0) {
                    throw new IllegalStateException("the sink rejected " + sink.metrics().rejected() + " and reported "
                            + sink.metrics().duplicates() + " duplicates of the probe's commands; every one should apply (see its log)");
                }
                check(sink, deadline, "apply " + n + " commands (" + curve.count() + " applied)", true);
                if (now - reported > 1_000_000_000L) {
                    reported = now;
                    say.accept(String.format("sink: %,d / %,d applied", curve.count(), n));
                }
            }
            return curve;
        }
    }

    private static void check(SinkService sink, long deadline, String what, boolean mustRun) {
        if (mustRun && !sink.isRunning()) {
            throw new IllegalStateException("the sink stopped before it could " + what + " (see its log)");
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the sink did not " + what + " in time");
        }
    }

    private static SinkConfig config(Options options) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", options.bootstrapServers());
        env.put("SINK_GROUP_ID", "ptsl-sink-bench-" + UUID.randomUUID());
        env.put("SL_JDBC_URL", options.jdbcUrl());
        env.put("SL_DB_USER", options.dbUser());
        env.put("SL_DB_PASSWORD", options.dbPassword());
        env.put("SL_CPNY_ID", options.cpnyId());
        env.put("ADMIN_PORT", "0");
        // The feed re-reads every invoice a payment touched; it has its own figures. The probe measures posting alone.
        env.put("SINK_FEED_ENABLED", "false");
        return SinkConfig.fromEnv(env);
    }

    private static void produce(String bootstrapServers, List<ErpCommand> commands) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        Serializer<ErpCommand> serializer = Topics.ERP_COMMANDS.valueSerde().serializer();
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (ErpCommand command : commands) {
                producer.send(new ProducerRecord<>(Topics.ERP_COMMANDS.name(), command.getCustId(),
                        serializer.serialize(Topics.ERP_COMMANDS.name(), command)), (metadata, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("cannot produce the probe's commands to " + Topics.ERP_COMMANDS.name() + ": " + failure.get(),
                    failure.get());
        }
    }

    private static Connection connect(Options options) throws SQLException {
        Properties props = new Properties();
        if (!options.dbUser().isEmpty()) {
            props.setProperty("user", options.dbUser());
        }
        if (!options.dbPassword().isEmpty()) {
            props.setProperty("password", options.dbPassword());
        }
        Connection c = DriverManager.getConnection(options.jdbcUrl(), props);
        c.setAutoCommit(false);
        return c;
    }

    private static void sleep() {
        try {
            Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("sink probe interrupted", e);
        }
    }
}
