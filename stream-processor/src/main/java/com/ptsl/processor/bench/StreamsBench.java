package com.ptsl.processor.bench;

import com.ptsl.processor.PaymentTopology;
import com.ptsl.processor.ProcessorConfig;
import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.processor.ProcessorService;
import com.ptsl.processor.match.LookupIndex;
import com.ptsl.processor.match.MatchStores;
import com.ptsl.schemas.Topic;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import com.ptsl.service.admin.AdminConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The Kafka Streams probe of {@code ptsl bench}: the real payment topology ({@link PaymentTopology#build}, with the
 * properties {@link ProcessorService} runs it with, configured from the production environment variables, see
 * {@link #processorConfig}) over {@code events} raw PayTrace records, beside a trivial exactly_once_v2 pass-through
 * with one persistent store over the same records: Kafka Streams' own limit on this machine and broker.
 *
 * <p>What is timed, and what is not:
 * <ol>
 *   <li>Not timed: SL's customers and open invoices go to sl.customers / sl.invoices and the processor indexes them
 *       (the lookup index and the matchers' invoice stores are complete before any payment arrives, as in a running
 *       site, where the feed is minutes ahead of the payments). So every payment finds its customer and invoice at
 *       once, or goes on account by its customer: nothing waits for PROCESSOR_MATCH_DEADLINE_MS, which keeps its
 *       production value, and no punctuator has anything to retry.</li>
 *   <li>Not timed: a warm-up workload of other customers' records (a quarter of {@code events}, 1,000 to 50,000) goes
 *       through both applications, so that the JIT has compiled the record path before the clock starts. Both are
 *       then paused, and the measured records are produced.</li>
 *   <li>Timed: from resuming the processor until every output is committed: a read_committed consumer has counted
 *       the commands on erp.commands and results on erp.results that the workload yields (it knows how many each
 *       record yields), and the application's committed offsets cover the whole raw topic.</li>
 *   <li>Timed the same way, after the processor has stopped: {@link PassThroughTopology} (2 stream threads, Streams'
 *       defaults otherwise), from resuming it until its committed offsets cover the raw topic. It is started before
 *       the measured records exist and paused once it has read the warm-up (a paused application does not restore
 *       its stores, so it cannot start paused).</li>
 * </ol>
 * It needs a broker whose raw topic is still empty (the launcher starts a fresh one per probe), and leaves nothing
 * running; the state it wrote under {@code stateDir} is deleted. Besides the settings, the result holds the CPU each
 * application used per event, which moves much less than events/s when the machine is shared.
 */
public final class StreamsBench {

    /** The bench's own application ids; everything else in the processor's configuration is the production default. */
    static final String PROCESSOR_APPLICATION_ID = "ptsl-bench-processor";
    static final String PASS_THROUGH_APPLICATION_ID = "ptsl-bench-pass-through";
    private static final Duration START_PATIENCE = Duration.ofSeconds(120);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    /**
     * @param bootstrapServers the broker to measure against; its raw topic must be empty
     * @param stateDir         where both applications keep their RocksDB state (deleted afterwards)
     * @param events           raw PayTrace records to process
     */
    public record Options(String bootstrapServers, Path stateDir, int events) {
        public Options {
            if (bootstrapServers == null || bootstrapServers.isBlank()) {
                throw new IllegalArgumentException("bootstrapServers must not be blank");
            }
            if (stateDir == null) {
                throw new IllegalArgumentException("stateDir must be given");
            }
            if (events < 1) {
                throw new IllegalArgumentException("events must be at least 1, was " + events);
            }
        }
    }

    /**
     * @param events                     raw records processed
     * @param eventsPerSecond            the payment topology, raw records per second until every output was committed
     * @param passThroughEventsPerSecond the baseline over the same records
     * @param settings                   what the figures depend on: Streams, producer and consumer settings of the
     *                                   processor as it runs in production, the baseline's, and the workload
     */
    public record Result(int events, double eventsPerSecond, double passThroughEventsPerSecond, Map<String, String> settings) {
        public Result {
            settings = Map.copyOf(settings);
        }
    }

    private StreamsBench() {
    }

    public static Result run(Options options, Consumer<String> progress) {
        int warmUpEvents = warmUpEvents(options.events());
        BenchWorkload warmUp = BenchWorkload.of(warmUpEvents, 0, 0);
        BenchWorkload workload = BenchWorkload.of(options.events(), warmUp.nextCustomer(), warmUpEvents);
        String servers = options.bootstrapServers();
        List<Topic<?, ?>> topics = new ArrayList<>(Topics.all());
        topics.add(PassThroughTopology.OUTPUT_TOPIC);
        TopicCreator.ensure(servers, topics);
        Map<String, String> settings = new LinkedHashMap<>();
        try (BenchKafka kafka = new BenchKafka(servers)) {
            if (kafka.endOffsets(Topics.RAW_TRANSACTIONS.name()) != 0) {
                throw new IllegalStateException(Topics.RAW_TRANSACTIONS.name() + " already holds records; the streams bench needs a fresh broker");
            }
            ProcessorConfig config = processorConfig(servers, options.stateDir().resolve("processor"));
            ProcessorMetrics metrics = ProcessorMetrics.unscraped();
            Properties props = ProcessorService.streamsProperties(config, metrics);
            Properties baselineProps = PassThroughTopology.properties(servers, PASS_THROUGH_APPLICATION_ID,
                    options.stateDir().resolve("pass-through"));
            settings.putAll(BenchSettings.of(props, "processor."));
            settings.put("processor.match.partitions", Integer.toString(config.match().partitions()));
            settings.put("processor.match.deadline.ms", Long.toString(config.match().deadline().toMillis()));
            settings.putAll(BenchSettings.of(baselineProps, "baseline."));
            settings.put("topic.raw.partitions", Integer.toString(Topics.RAW_TRANSACTIONS.partitions()));
            settings.put("workload.warm-up.events", Integer.toString(warmUpEvents));
            settings.put("workload.customers", Integer.toString(warmUp.customers() + workload.customers()));
            settings.put("workload.invoices", Integer.toString(warmUp.invoices() + workload.invoices()));
            for (BenchWorkload.Kind kind : BenchWorkload.Kind.values()) {
                settings.put("workload." + kind.name().toLowerCase(Locale.ROOT), Integer.toString(workload.count(kind)));
            }

            progress.accept(String.format("streams: SL feed, %,d customers and %,d open invoices",
                    warmUp.customers() + workload.customers(), warmUp.invoices() + workload.invoices()));
            produceFeed(kafka, warmUp);
            produceFeed(kafka, workload);
            long t = System.nanoTime();
            try (Running processor = Running.start(PaymentTopology.build(config, metrics), props);
                 OutputCounter outputs = new OutputCounter(servers)) {
                awaitIndexed(processor, warmUp.lookupEntries() + workload.lookupEntries(), warmUp.invoices() + workload.invoices());
                settings.put("bench.feed.indexed.ms", Long.toString(Duration.ofNanos(System.nanoTime() - t).toMillis()));

                // Warm-up: both applications (and the JIT) go through other customers' records first, untimed.
                progress.accept(String.format("streams: warm-up, %,d other raw records through both applications", warmUpEvents));
                long warmRaw = produceRaw(kafka, warmUp, 0);
                Totals warmTotals = Totals.of(warmUp.expected());
                await(processor, patience(warmUpEvents), () -> done(kafka, outputs, PROCESSOR_APPLICATION_ID, warmRaw, warmTotals),
                        () -> "the warm-up did not finish: " + outputs.counts() + ", expected " + warmTotals);
                processor.streams.pause();
                try (Running baseline = Running.start(PassThroughTopology.build(), baselineProps)) {
                    await(baseline, patience(warmUpEvents), () -> kafka.committedOffsets(PASS_THROUGH_APPLICATION_ID,
                            Topics.RAW_TRANSACTIONS.name()) >= warmRaw, () -> "the pass-through's warm-up did not finish");
                    baseline.streams.pause();

                    progress.accept(String.format("streams: %,d raw PayTrace records to %s", workload.events(), Topics.RAW_TRANSACTIONS.name()));
                    long raw = produceRaw(kafka, workload, warmRaw);
                    Totals totals = warmTotals.plus(workload.expected());
                    progress.accept(String.format("streams: payment topology (exactly_once_v2), %,d events", workload.events()));
                    double processorRate = timed(processor, "payment topology", workload, settings, "processor.", progress, warmRaw,
                            () -> kafka.committedOffsets(PROCESSOR_APPLICATION_ID, Topics.RAW_TRANSACTIONS.name()),
                            () -> done(kafka, outputs, PROCESSOR_APPLICATION_ID, raw, totals),
                            () -> "payment topology did not finish: " + outputs.counts() + ", expected " + totals, outputs);
                    // Warm-up and measured records together, as the topics hold them.
                    outputs.counts().forEach((topic, n) -> settings.put("processor.output." + topic, Long.toString(n)));
                    settings.put("processor.expected." + Topics.ERP_COMMANDS.name(), Long.toString(totals.commands()));
                    settings.put("processor.expected." + Topics.ERP_RESULTS.name(), Long.toString(totals.results()));
                    settings.put("processor.meters", metrics.toString());
                    processor.close();

                    progress.accept(String.format("streams: payment topology %,.0f events/s; now the baseline, a pass-through with one "
                            + "store and 2 threads", processorRate));
                    double baselineRate = timed(baseline, "pass-through", workload, settings, "baseline.", progress, warmRaw,
                            () -> kafka.committedOffsets(PASS_THROUGH_APPLICATION_ID, Topics.RAW_TRANSACTIONS.name()),
                            () -> kafka.committedOffsets(PASS_THROUGH_APPLICATION_ID, Topics.RAW_TRANSACTIONS.name()) >= raw,
                            () -> "pass-through did not finish", null);
                    progress.accept(String.format("streams: %,.0f events/s, pass-through %,.0f events/s (ratio %.2f)", processorRate,
                            baselineRate, processorRate / baselineRate));
                    return new Result(workload.events(), processorRate, baselineRate, settings);
                }
            }
        } finally {
            deleteQuietly(options.stateDir().resolve("processor"));
            deleteQuietly(options.stateDir().resolve("pass-through"));
        }
    }

    /** A quarter of the measured records, within bounds: enough for the JIT to have compiled the record path. */
    static int warmUpEvents(int events) {
        return Math.max(1_000, Math.min(50_000, events / 4));
    }

    /** What the payment topology must have committed to its outputs. */
    private record Totals(long commands, long results) {
        static Totals of(BenchWorkload.Expected e) {
            return new Totals(e.commands(), e.results());
        }

        Totals plus(BenchWorkload.Expected e) {
            return new Totals(commands + e.commands(), results + e.results());
        }
    }

    private static boolean done(BenchKafka kafka, OutputCounter outputs, String applicationId, long raw, Totals totals) {
        outputs.poll();
        return kafka.committedOffsets(applicationId, Topics.RAW_TRANSACTIONS.name()) >= raw
                && outputs.count(Topics.ERP_COMMANDS.name()) >= totals.commands()
                && outputs.count(Topics.ERP_RESULTS.name()) >= totals.results();
    }

    /** Resumes the paused application and times it until {@code done}; returns events per second. */
    private static double timed(Running app, String what, BenchWorkload workload, Map<String, String> settings, String prefix,
                                Consumer<String> progress, long alreadyCommitted, java.util.function.LongSupplier committed,
                                BooleanSupplier done, Supplier<String> why, OutputCounter outputs) {
        CpuMeter cpu = CpuMeter.start(app.applicationId);
        long t0 = System.nanoTime();
        app.streams.resume();
        Progress report = new Progress(progress, what, t0);
        await(app, patience(workload.events()), () -> {
            boolean finished = done.getAsBoolean();
            report.maybe(() -> committed.getAsLong() - alreadyCommitted, workload.events(), outputs == null ? "" : " " + outputs.counts());
            return finished;
        }, why);
        long nanos = System.nanoTime() - t0;
        settings.put(prefix + "elapsed.ms", Long.toString(Duration.ofNanos(nanos).toMillis()));
        cpuSettings(settings, prefix, cpu, workload.events());
        return workload.events() / (nanos / 1e9);
    }

    private static void cpuSettings(Map<String, String> settings, String prefix, CpuMeter cpu, int events) {
        settings.put(prefix + "cpu.application.us.per.event", String.format(Locale.ROOT, "%.1f", cpu.applicationNanos() / 1e3 / events));
        long process = cpu.processNanos();
        if (process >= 0) {
            settings.put(prefix + "cpu.process.us.per.event", String.format(Locale.ROOT, "%.1f", process / 1e3 / events));
        }
    }

    /** Generous: a run this slow is broken, not slow. */
    private static Duration patience(int events) {
        return Duration.ofSeconds(60 + events / 500);
    }

    /** The production configuration from the production keys; only the bench's own ids, paths and ports differ. */
    static ProcessorConfig processorConfig(String servers, Path stateDir) {
        return processorConfig(System.getenv(), servers, stateDir);
    }

    /**
     * The processor's variables as {@code environment} sets them (so an operator measures the settings they would run
     * with; unset is the production default), except where the bench must choose: broker, application id, state dir.
     */
    static ProcessorConfig processorConfig(Map<String, String> environment, String servers, Path stateDir) {
        Map<String, String> env = new java.util.HashMap<>();
        ProcessorConfig.VARIABLES.forEach(v -> {
            String value = environment.get(v.name());
            if (value != null) {
                env.put(v.name(), value);
            }
        });
        env.put(ProcessorConfig.BOOTSTRAP.name(), servers);
        env.put(ProcessorConfig.APPLICATION_ID.name(), PROCESSOR_APPLICATION_ID);
        env.put(ProcessorConfig.STATE_DIR.name(), stateDir.toString());
        env.put(AdminConfig.ADMIN_PORT, "0");
        return ProcessorConfig.fromEnv(env);
    }

    private static void produceFeed(BenchKafka kafka, BenchWorkload workload) {
        Instant now = Instant.now();
        try (KafkaProducer<String, SlCustomerSnapshot> customers = kafka.producer(
                Topics.SL_CUSTOMERS.keySerde().serializer(), Topics.SL_CUSTOMERS.valueSerde().serializer());
             KafkaProducer<String, SlInvoiceSnapshot> invoices = kafka.producer(
                     Topics.SL_INVOICES.keySerde().serializer(), Topics.SL_INVOICES.valueSerde().serializer())) {
            workload.customers((key, value) -> customers.send(new ProducerRecord<>(Topics.SL_CUSTOMERS.name(), key, value)), now);
            workload.invoices((key, value) -> invoices.send(new ProducerRecord<>(Topics.SL_INVOICES.name(), key, value)), now);
            customers.flush();
            invoices.flush();
        }
    }

    /** @return the raw topic's end offsets, summed, which must be {@code before} plus the workload's records */
    private static long produceRaw(BenchKafka kafka, BenchWorkload workload, long before) {
        Serializer<String> keys = Topics.RAW_TRANSACTIONS.keySerde().serializer();
        try (KafkaProducer<String, byte[]> producer = kafka.producer(keys, new ByteArraySerializer())) {
            AtomicReference<Exception> failure = new AtomicReference<>();
            workload.rawRecords((key, value) -> producer.send(new ProducerRecord<>(Topics.RAW_TRANSACTIONS.name(), key, value), (md, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            }), Instant.now());
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("producing the raw records failed: " + failure.get().getMessage(), failure.get());
            }
        }
        long end = kafka.endOffsets(Topics.RAW_TRANSACTIONS.name());
        if (end != before + workload.events()) {
            throw new IllegalStateException("the raw topic holds " + end + " records, expected " + (before + workload.events()));
        }
        return end;
    }

    /** The feed is indexed: the global lookup index has every key and every matcher task every invoice of its customers. */
    private static void awaitIndexed(Running app, int lookupEntries, int invoices) {
        await(app, START_PATIENCE.plusSeconds(invoices / 1_000), () -> app.streams.state() == KafkaStreams.State.RUNNING
                && count(app.streams, LookupIndex.STORE) >= lookupEntries
                && count(app.streams, MatchStores.INVOICES) >= invoices, () -> "the SL feed was not indexed");
    }

    private static long count(KafkaStreams streams, String store) {
        try {
            ReadOnlyKeyValueStore<Object, Object> view = streams.store(StoreQueryParameters.fromNameAndType(store,
                    QueryableStoreTypes.keyValueStore()));
            long n = 0;
            try (KeyValueIterator<Object, Object> all = view.all()) {
                while (all.hasNext()) {
                    all.next();
                    n++;
                }
            }
            return n;
        } catch (InvalidStateStoreException e) {
            return -1; // rebalancing or restoring; asked again on the next round
        }
    }

    private static void await(Running app, Duration patience, BooleanSupplier done, Supplier<String> why) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!done.getAsBoolean()) {
            app.checkAlive();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("streams bench: " + why.get() + " within " + patience.toSeconds() + " s");
            }
            try {
                Thread.sleep(50); // polling Kafka's own progress; the deadline above bounds it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** A progress line every few seconds while a run is timed. */
    private static final class Progress {
        private final Consumer<String> out;
        private final String what;
        private final long t0;
        private long last;

        Progress(Consumer<String> out, String what, long t0) {
            this.out = out;
            this.what = what;
            this.t0 = t0;
            this.last = t0;
        }

        void maybe(java.util.function.LongSupplier committed, long total, String more) {
            long now = System.nanoTime();
            if (now - last >= PROGRESS_EVERY.toNanos()) {
                last = now;
                out.accept(String.format("streams: %s %,d / %,d input records committed (%.0f s)%s", what, committed.getAsLong(), total,
                        (now - t0) / 1e9, more));
            }
        }
    }

    /** A started KafkaStreams that fails the bench if a thread dies, closed (leaving its group) at the end. */
    private static final class Running implements AutoCloseable {
        private final KafkaStreams streams;
        private final String applicationId;
        private final AtomicReference<Throwable> died = new AtomicReference<>();
        private boolean closed;

        private Running(KafkaStreams streams, String applicationId) {
            this.streams = streams;
            this.applicationId = applicationId;
        }

        static Running start(Topology topology, Properties props) {
            Running running = new Running(new KafkaStreams(topology, props), props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
            // Production replaces a dead thread; a bench whose thread died measures nothing, so it stops and says why.
            running.streams.setUncaughtExceptionHandler(e -> {
                running.died.compareAndSet(null, e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            running.streams.start();
            await(running, START_PATIENCE, () -> running.streams.state() == KafkaStreams.State.RUNNING, () -> "Kafka Streams did not start");
            return running;
        }

        void checkAlive() {
            Throwable e = died.get();
            if (e != null) {
                throw new IllegalStateException("streams bench: a stream thread died: " + e, e);
            }
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                throw new IllegalStateException("streams bench: Kafka Streams is " + state);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(60)));
        }
    }
}
