package com.ptsl.launcher;

import com.ptsl.launcher.lifecycle.Chain;
import com.ptsl.launcher.lifecycle.ChainOutcome;
import com.ptsl.launcher.lifecycle.ChainPlan;
import com.ptsl.launcher.lifecycle.LifecycleTraffic;
import com.ptsl.launcher.reconcile.RunReconciliation;
import com.ptsl.launcher.scale.FailoverDrill;
import com.ptsl.launcher.scale.FailoverWaits;
import com.ptsl.launcher.scale.ScaledServices;
import com.ptsl.launcher.scale.ServiceInstance;
import com.ptsl.launcher.traffic.AccuracyScore;
import com.ptsl.launcher.traffic.Completion;
import com.ptsl.launcher.traffic.GroundTruthFile;
import com.ptsl.launcher.traffic.GroundTruthRow;
import com.ptsl.launcher.traffic.PaymentMix;
import com.ptsl.launcher.traffic.PaymentTraffic;
import com.ptsl.launcher.traffic.SlPostings;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.service.admin.AdminClient;
import com.ptsl.service.metrics.Scrape;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.reconciler.report.Report;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ptsl run}: starts everything embedded, makes a realistic mix of payments in the PayTrace sandbox
 * (entering in SL the invoices some payers pay before they exist), writes the ground truth of what SL must
 * show, waits until every payment SL must get is in SL and every review item due is raised (or a deadline
 * passes), prints a summary with the accuracy score and exits — or stays up with {@code --stay}. The exit code
 * is 0 only when the invariants hold and no amount was applied to an invoice the ground truth does not give.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline on its embedded default: a Kafka KRaft broker, the PayTrace and",
                "Dynamics SL sandboxes, ingest-gateway, stream-processor and erp-sink; make sales; summarise."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--sales", defaultValue = "200", description = "Sales to make in the PayTrace sandbox (default ${DEFAULT-VALUE}; 0 = none).")
    int sales;

    @Option(names = "--rate", defaultValue = "50", description = "Sales per second (default ${DEFAULT-VALUE}; 0 = as fast as possible).")
    double rate;

    @Option(names = "--decline-share", defaultValue = "0.05", description = "Share of sales made to be declined (default ${DEFAULT-VALUE}).")
    double declineShare;

    @Option(names = "--mix", defaultValue = "realistic", description = "Payment mix: realistic (invoice numbers, orders, POs, lists, "
            + "overpayments, early and unknown payers...) or simple (every sale names its invoice and customer) (default ${DEFAULT-VALUE}).")
    String mix;

    @Option(names = "--brokers", defaultValue = "1", description = "Embedded Kafka brokers: 1 or 3 (default ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--instances", defaultValue = "1", description = "Instances of stream-processor and of erp-sink, 1 to 6 "
            + "(the partitions of erp.commands) (default ${DEFAULT-VALUE}: both in this JVM). More: each instance a separate JVM "
            + "over the same topics (logs in <data-dir>/logs); the run shows how the partitions spread, kills one instance of "
            + "each with SIGKILL half-way through the sales, shows the survivors taking over, and checks exactly-once held. "
            + "Works with 1 broker; --brokers 3 is the production shape.")
    int instances;

    @Option(names = "--data-dir", defaultValue = "data", description = "Where Kafka logs, the SL database and service state go; wiped at start (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--poll-interval-ms", defaultValue = "500", description = "How often ingest-gateway polls PayTrace, ms "
            + "(default ${DEFAULT-VALUE}). Every poll re-reads the whole day, so a day of many thousand sales needs a longer interval "
            + "on one machine.")
    long pollIntervalMillis;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for every payment SL must get and every review item due "
            + "(default ${DEFAULT-VALUE}; with --instances above 1 the failover's stall is added).")
    int timeoutSeconds;

    @Option(names = "--lifecycle", defaultValue = "2", description = "Lifecycle chains of each kind besides the sales (sale -> void, "
            + "sale -> SL releases it -> void, sale -> settle -> refunds, authorization -> partial capture, authorization -> capture -> "
            + "settle, authorization -> void, 103 auto-void, decline), each on an invoice of its own (default ${DEFAULT-VALUE}; 0 = none).")
    int lifecycle;

    @Option(names = "--settle-every", defaultValue = "30", description = "Seconds between PayTrace settlement cut-offs in the "
            + "sandbox (default ${DEFAULT-VALUE}; 0 = only when a chain needs one).")
    int settleEverySeconds;

    @Option(names = "--release-every", defaultValue = "10", description = "Seconds between runs of the SL sandbox's AR release "
            + "(the pp_08400 emulation) over the integration's batches, so invoices close as in SL (default ${DEFAULT-VALUE}; 0 = never: "
            + "everything stays in unreleased batches, as at a site that releases by hand).")
    int releaseEverySeconds;

    @Option(names = "--stay", description = "Keep running after the summary until Ctrl-C.")
    boolean stay;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed of the traffic generator (default ${DEFAULT-VALUE}).")
    long seed;

    /** Invoices per seeded customer: enough for the mix's lists of 2-3 invoices of one customer. */
    static final int INVOICES_PER_CUSTOMER = 8;
    /** Customers of the default seed; more when the sales need more invoices. */
    static final int MIN_CUSTOMERS = 20;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;
    /** --timeout, plus what a failover adds when instances are killed ({@link FailoverWaits}). */
    private Duration outcomeWait;
    /** Counted down once every service is closed, so a Ctrl-C waits for a clean stop instead of cutting it off. */
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (pollIntervalMillis < 50) {
            throw new ParameterException(spec.commandLine(), "--poll-interval-ms must be at least 50, was " + pollIntervalMillis);
        }
        if (brokers != 1 && brokers != 3) {
            throw new ParameterException(spec.commandLine(), "--brokers must be 1 or 3, was " + brokers);
        }
        if (instances < 1 || instances > Topics.ERP_COMMANDS.partitions()) {
            throw new ParameterException(spec.commandLine(), "--instances must be 1 to " + Topics.ERP_COMMANDS.partitions()
                    + " (the partitions of " + Topics.ERP_COMMANDS.name() + "; an instance beyond them owns nothing), was " + instances);
        }
        if (!mix.equals("realistic") && !mix.equals("simple")) {
            throw new ParameterException(spec.commandLine(), "--mix must be realistic or simple, was " + mix);
        }
        if (!(declineShare >= 0 && declineShare < 1)) {
            throw new ParameterException(spec.commandLine(), "--decline-share must be in [0, 1), was " + declineShare);
        }
        if (lifecycle < 0 || settleEverySeconds < 0 || releaseEverySeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--lifecycle, --settle-every and --release-every must not be negative");
        }
        if (PaymentMix.invoicesNeeded(sales) > 90_000) {
            throw new ParameterException(spec.commandLine(), "--sales at most 56250 (the seed's POs run out), was " + sales);
        }
        wipe(dataDir);
        try {
            return runPipeline();
        } finally {
            closed.countDown();
        }
    }

    private int runPipeline() throws Exception {
        Instant started = Instant.now();
        FailoverWaits waits = FailoverWaits.of(instances, mix.equals("realistic") || lifecycle > 0,
                settleEverySeconds > 0 || lifecycle > 0, EmbeddedPipeline.MATCH_DEADLINE, EmbeddedPipeline.DEPOSIT_DELAY);
        outcomeWait = Duration.ofSeconds(timeoutSeconds).plus(waits.extraOutcomeWait());
        EmbeddedPipeline.Options demo = EmbeddedPipeline.Options.forDemo(dataDir, brokers);
        EmbeddedPipeline.Options options = new EmbeddedPipeline.Options(demo.brokers(), demo.dataDir(), demo.fileBackedSl(),
                demo.slName(), pollIntervalMillis, seedFor(sales, chainCount()), instances, waits.matchDeadline(),
                waits.depositDelay());
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(options, step -> out.println("[ptsl] " + step));
             TopicFollower<ErpResult, ErpResult> results = TopicFollower.results(pipeline.kafka().bootstrapServers());
             TopicFollower<ReviewItem, String> reviews = TopicFollower.reviewReasons(pipeline.kafka().bootstrapServers());
             FailoverDrill drill = pipeline.scaled() == null ? null
                     : new FailoverDrill(pipeline.kafka().bootstrapServers(), pipeline.scaled(), line -> out.println("[ptsl] " + line))) {
            out.printf("[ptsl] up in %.1f s: Kafka %s, PayTrace sandbox %s, SL %s%n",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0,
                    pipeline.kafka().bootstrapServers(), pipeline.payTrace().baseUrl(), pipeline.sl().jdbcUrl());

            pipeline.adminUrls().forEach((service, url) ->
                    out.printf("[ptsl] %-18s %s/metrics  %s/health/ready%n", service, url, url));
            if (drill != null) {
                if (waits.stretched(EmbeddedPipeline.MATCH_DEADLINE, EmbeddedPipeline.DEPOSIT_DELAY)) {
                    out.printf("[ptsl] waits stretched past a failover (%d s): payments wait %d s for their invoice (not %d s),"
                                    + " deposits close %d s after their batch (not %d s), outcomes are awaited up to %d s%n",
                            ScaledServices.FAILOVER_STALL.toSeconds(), waits.matchDeadline().toSeconds(),
                            EmbeddedPipeline.MATCH_DEADLINE.toSeconds(), waits.depositDelay().toSeconds(),
                            EmbeddedPipeline.DEPOSIT_DELAY.toSeconds(), outcomeWait.toSeconds());
                }
                printInstances(pipeline.scaled());
                drill.showSpread();
            }

            List<ChainPlan> chainPlans = ChainPlan.plan(lifecycle, chainInvoices(pipeline.sl().openInvoices(), chainCount()));
            Set<String> chainCustomers = chainPlans.stream().map(ChainPlan::custId).collect(Collectors.toSet());
            List<GroundTruthRow> truth;
            Path groundTruth;
            List<ChainOutcome> chains;
            // Settlement and release run while the traffic flows, as at a real site; both stop before SL is read back.
            try (AutoCloseable release = releaseEverySeconds > 0
                    ? pipeline.sl().releaseEvery(Duration.ofSeconds(releaseEverySeconds)) : () -> { }) {
                if (settleEverySeconds > 0) {
                    pipeline.payTrace().startSettlementSchedule(Duration.ofSeconds(settleEverySeconds));
                }
                out.printf("[ptsl] PayTrace settles %s; SL's AR release runs %s%n",
                        settleEverySeconds > 0 ? "every " + settleEverySeconds + " s" : "when a chain needs it",
                        releaseEverySeconds > 0 ? "every " + releaseEverySeconds + " s" : "never (batches stay unreleased)");
                truth = makeSales(pipeline, chainCustomers, drill);
                if (drill != null) {
                    drill.killOneOfEach("after the sales"); // fewer than 2 sales: the kill comes now
                }
                groundTruth = GroundTruthFile.write(dataDir.resolve(GroundTruthFile.FILE_NAME), truth);
                out.println("[ptsl] ground truth of " + truth.size() + " payments: " + groundTruth);
                chains = runChains(pipeline, results, chainPlans);
                Set<String> chainCommands = chains.stream().flatMap(c -> c.expectedCommands().stream()).collect(Collectors.toSet());
                awaitOutcomes(pipeline, results, reviews, truth, chainCommands, drill != null);
                pipeline.payTrace().stopSettlementSchedule();
            }
            if (drill != null) {
                drill.awaitTakeover();
            }

            Set<String> transactions = truth.stream().map(GroundTruthRow::transactionId).collect(Collectors.toSet());
            AccuracyScore score = AccuracyScore.score(truth, SlPostings.read(pipeline.sl().queries(), transactions),
                    reviews.latest());
            RunSummary summary = RunSummary.collect(pipeline, mix, truth, groundTruth, score, results.latest(),
                    scrapeAll(pipeline), chains, drill == null ? List.of() : drill.summaryLines());
            summary.print(out);
            // Finance's view of the same run: every settlement batch closed as an SL deposit, then `ptsl reconcile`.
            Report reconciliation = RunReconciliation.afterRun(pipeline, started.atZone(pipeline.payTrace().config().merchantZone()),
                    dataDir.resolve("reports"), pipeline.depositDelay().plusSeconds(60), out);
            boolean reconciled = reconciliation != null && !reconciliation.hasVariance();
            out.printf("[ptsl] reconciliation: %s%n", reconciliation == null ? "could not be made (see above)"
                    : reconciled ? "no variance" : "variance found (see the report)");
            if (stay) {
                out.println("[ptsl] staying up; Ctrl-C to stop. PayTrace sandbox: " + pipeline.payTrace().baseUrl());
                out.println("[ptsl] in another terminal: ./ptsl status --url " + String.join(",", pipeline.adminUrls().values()));
                out.println("[ptsl] reconcile again: ./ptsl reconcile --bootstrap-server " + pipeline.kafka().bootstrapServers()
                        + " --sl-jdbc-url '" + pipeline.sl().jdbcUrl() + "' --sl-user " + pipeline.sl().user() + " --from today");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop.countDown();
                    awaitQuietly(closed, Duration.ofSeconds(30));
                }, "ptsl-shutdown"));
                stop.await();
                out.println("[ptsl] stopping");
            }
            // Scaled out, the run also demonstrates the takeover: survivors that never owned everything fail it.
            return summary.invariantsHold() && reconciled && (drill == null || drill.tookOver()) ? 0 : 1;
        }
    }

    /**
     * A seed with {@link PaymentMix#INVOICES_PER_SALE} open invoices per sale, {@value #INVOICES_PER_CUSTOMER} per
     * customer, plus customers of their own for the lifecycle chains.
     */
    static SeedSpec seedFor(int sales, int chains) {
        int customers = Math.max(MIN_CUSTOMERS,
                (int) Math.ceil(PaymentMix.invoicesNeeded(sales) / (double) INVOICES_PER_CUSTOMER)) + chainCustomers(chains);
        return SeedSpec.defaults().withCustomers(customers).withInvoicesPerCustomer(INVOICES_PER_CUSTOMER);
    }

    static SeedSpec seedFor(int sales) {
        return seedFor(sales, 0);
    }

    private int chainCount() {
        return lifecycle * Chain.values().length;
    }

    private static int chainCustomers(int chains) {
        return (int) Math.ceil(chains / (double) INVOICES_PER_CUSTOMER);
    }

    /**
     * The chains' invoices: every invoice of the last customers (by CustId), so no payment of the mix shares a customer
     * with a chain and the mix's predictions (an exact amount no other invoice shows, ...) stay true.
     */
    static List<ChainPlan.InvoiceSlot> chainInvoices(List<OpenInvoice> open, int chains) {
        List<String> customers = open.stream().map(OpenInvoice::custId).distinct().sorted().toList();
        Set<String> reserved = Set.copyOf(customers.subList(Math.max(0, customers.size() - chainCustomers(chains)), customers.size()));
        return open.stream().filter(i -> reserved.contains(i.custId()))
                .sorted(Comparator.comparing(OpenInvoice::custId).thenComparing(OpenInvoice::refNbr))
                .map(i -> new ChainPlan.InvoiceSlot(i.custId(), i.refNbr(), i.docBal()))
                .limit(chains).toList();
    }

    private void printInstances(ScaledServices scaled) {
        for (ServiceInstance i : scaled.processors().instances()) {
            out.printf("[ptsl] %-18s pid %d, state in %s-%d, log %s%n", i.name(), i.pid(), dataDir.resolve("streams"), i.number(), i.log());
        }
        for (ServiceInstance i : scaled.sinks().instances()) {
            out.printf("[ptsl] %-18s pid %d, %s, log %s%n", i.name(), i.pid(), i.number() == 1 ? "runs the SL feed" : "no SL feed", i.log());
        }
    }

    private List<GroundTruthRow> makeSales(EmbeddedPipeline pipeline, Set<String> chainCustomers, FailoverDrill drill)
            throws InterruptedException {
        if (sales <= 0) {
            return List.of();
        }
        List<OpenInvoice> forMix = pipeline.sl().openInvoices().stream().filter(i -> !chainCustomers.contains(i.custId())).toList();
        PaymentMix plan = mix.equals("simple")
                ? PaymentMix.simple(forMix, sales, seed, declineShare)
                : PaymentMix.realistic(forMix, sales, seed, declineShare,
                LocalDate.now(pipeline.payTrace().config().merchantZone()));
        out.println("[ptsl] payment mix (" + plan.name() + ", seed " + seed + "):");
        plan.formatTable().forEach(line -> out.println("[ptsl]   " + line));
        long deadline = pipeline.matchDeadline().toSeconds();
        if (mix.equals("realistic") && outcomeWait.toSeconds() < deadline + 10) {
            out.printf("[ptsl] note: --timeout %d s is hardly longer than the processor's match deadline (%d s): payments"
                    + " nobody can be found for may not have their outcome in time%n", outcomeWait.toSeconds(), deadline);
        }
        TrafficGenerator generator = new TrafficGenerator(pipeline.payTrace().baseUrl(),
                pipeline.payTrace().config().username(), pipeline.payTrace().config().password(), seed);
        // Scaled out: one instance of each service is killed once half the sales are made, while the pipeline is busy.
        int killAt = Math.max(1, sales / 2);
        AtomicInteger made = new AtomicInteger();
        PaymentTraffic.Checkout checkout = request -> {
            SaleMade sale = generator.makeSale(request);
            if (drill != null && made.incrementAndGet() == killAt) {
                drill.killOneOfEach("after sale " + killAt + " of " + sales);
            }
            return sale;
        };
        return new PaymentTraffic(checkout, pipeline.sl()::enterInvoice, rate,
                step -> out.println("[ptsl] " + step)).run(plan.payments());
    }

    /** The lifecycle chains, each next step once the pipeline showed the previous one; bounded by --timeout. */
    private List<ChainOutcome> runChains(EmbeddedPipeline pipeline, TopicFollower<ErpResult, ErpResult> results,
                                         List<ChainPlan> plans) throws InterruptedException {
        if (plans.isEmpty()) {
            return List.of();
        }
        out.printf("[ptsl] lifecycle: %d chains (%d of each kind) on customers of their own%n", plans.size(), lifecycle);
        TrafficGenerator generator = new TrafficGenerator(pipeline.payTrace().baseUrl(),
                pipeline.payTrace().config().username(), pipeline.payTrace().config().password(), seed + 1);
        LifecycleTraffic.Merchant merchant = LifecycleTraffic.merchant(generator, () -> pipeline.payTrace().settleNow(),
                () -> pipeline.sl().releaseAll());
        List<ChainOutcome> outcomes = new LifecycleTraffic(merchant, id -> results.latest().containsKey(id),
                step -> out.println("[ptsl] " + step)).run(plans, outcomeWait);
        outcomes.stream().filter(o -> o.problem() != null)
                .forEach(o -> out.printf("[ptsl] lifecycle %s on %s: %s%n", o.plan().chain(), o.plan().invoiceRefNbr(), o.problem()));
        return outcomes;
    }

    /**
     * Until every payment SL must get has a result on erp.results and every review item due is on the review topic,
     * or the deadline passes. Payments nobody can be found for raise their item only at the processor's match
     * deadline, so a realistic run takes at least that long.
     */
    private void awaitOutcomes(EmbeddedPipeline pipeline, TopicFollower<ErpResult, ErpResult> results,
                               TopicFollower<ReviewItem, String> reviews,
                               List<GroundTruthRow> truth, Set<String> chainCommands, boolean killing)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(outcomeWait);
        // Once nothing has moved for longer than the processor's match deadline, nothing more is coming; after a kill,
        // the killed instances' partitions also stand still until the survivors take them over.
        Duration quiet = pipeline.matchDeadline().plusSeconds(15).plus(killing ? FailoverDrill.TAKEOVER_DEADLINE : Duration.ZERO);
        Instant lastChange = Instant.now();
        Completion last = null;
        long lastChains = -1;
        Completion now = Completion.of(truth, TopicFollower.paymentResults(results.latest()), reviews.latest().keySet());
        long chainsSeen = chainCommands.stream().filter(results.latest()::containsKey).count();
        while (!(now.done() && chainsSeen == chainCommands.size()) && Instant.now().isBefore(deadline)) {
            if (Duration.between(lastChange, Instant.now()).compareTo(quiet) > 0) {
                out.printf("[ptsl] nothing changed for %d s, longer than the processor's match deadline: not waiting any longer%n",
                        quiet.toSeconds());
                break;
            }
            if (!now.equals(last) || chainsSeen != lastChains) {
                last = now;
                lastChains = chainsSeen;
                lastChange = Instant.now();
                out.printf("[ptsl] in SL: %d/%d payments, review items %d/%d, lifecycle results %d/%d (gateway published %d, "
                                + "processor commands %d)%n",
                        now.postingsSeen(), now.postingsExpected(), now.reviewsSeen(), now.reviewsExpected(), chainsSeen,
                        chainCommands.size(), pipeline.gateway().metrics().recordsPublished(), processorCommands(pipeline));
            }
            Thread.sleep(250); // progress cadence of a console loop, bounded by the deadline above
            now = Completion.of(truth, TopicFollower.paymentResults(results.latest()), reviews.latest().keySet());
            chainsSeen = chainCommands.stream().filter(results.latest()::containsKey).count();
        }
        if (chainsSeen < chainCommands.size()) {
            out.printf("[ptsl] %d of %d lifecycle results arrived; missing: %s%n", chainsSeen, chainCommands.size(),
                    chainCommands.stream().filter(c -> !results.latest().containsKey(c)).sorted().limit(10).toList());
        }
        if (!now.done()) {
            out.printf("[ptsl] stopped waiting after %d s: %d of %d payments reached SL, %d of %d review items raised%n",
                    Duration.between(deadline.minus(outcomeWait), Instant.now()).toSeconds(),
                    now.postingsSeen(), now.postingsExpected(), now.reviewsSeen(), now.reviewsExpected());
        }
    }

    /**
     * Every service's /metrics, read over HTTP like Prometheus does. Scaled out, a service's figures are its instances'
     * summed, a killed instance's as read just before the kill ({@link com.ptsl.launcher.scale.InstanceFleet#figures}).
     */
    private static Map<String, Scrape> scrapeAll(EmbeddedPipeline pipeline) throws IOException, InterruptedException {
        AdminClient client = new AdminClient(null);
        Map<String, Scrape> scrapes = new LinkedHashMap<>();
        ScaledServices scaled = pipeline.scaled();
        Set<String> instances = scaled == null ? Set.of() : scaled.adminUrls().keySet();
        for (Map.Entry<String, String> e : pipeline.adminUrls().entrySet()) {
            if (!instances.contains(e.getKey())) {
                scrapes.put(e.getKey(), client.scrape(e.getValue()));
            }
        }
        if (scaled != null) {
            scrapes.put(scaled.processors().service(), scaled.processors().figures(client));
            scrapes.put(scaled.sinks().service(), scaled.sinks().figures(client));
        }
        return scrapes;
    }

    /** ERP commands the processor emitted so far, for the progress line: its meter, or its instances' summed. */
    private static long processorCommands(EmbeddedPipeline pipeline) {
        if (pipeline.processor() != null) {
            return pipeline.processor().metrics().commandsEmitted();
        }
        try {
            return (long) pipeline.scaled().processors().figures(new AdminClient(null)).total("ptsl_processor_commands_total");
        } catch (IOException e) {
            return -1; // an instance is going away between two reads: the next line has it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void wipe(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot wipe data directory " + dir + ": " + e.getMessage(), e);
        }
    }
}
