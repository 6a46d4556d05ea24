package com.ptsl.launcher;

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
import com.ptsl.sandbox.sl.SeedSpec;
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

    @Option(names = "--data-dir", defaultValue = "data", description = "Where Kafka logs, the SL database and service state go; wiped at start (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--poll-interval-ms", defaultValue = "500", description = "How often ingest-gateway polls PayTrace, ms "
            + "(default ${DEFAULT-VALUE}). Every poll re-reads the whole day, so a day of many thousand sales needs a longer interval "
            + "on one machine.")
    long pollIntervalMillis;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for every payment SL must get and every review item due (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

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
        if (!mix.equals("realistic") && !mix.equals("simple")) {
            throw new ParameterException(spec.commandLine(), "--mix must be realistic or simple, was " + mix);
        }
        if (!(declineShare >= 0 && declineShare < 1)) {
            throw new ParameterException(spec.commandLine(), "--decline-share must be in [0, 1), was " + declineShare);
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
        EmbeddedPipeline.Options demo = EmbeddedPipeline.Options.forDemo(dataDir, brokers);
        EmbeddedPipeline.Options options = new EmbeddedPipeline.Options(demo.brokers(), demo.dataDir(), demo.fileBackedSl(),
                demo.slName(), pollIntervalMillis, seedFor(sales));
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(options, step -> out.println("[ptsl] " + step));
             TopicFollower<ErpResult, ErpResult> results = TopicFollower.results(pipeline.kafka().bootstrapServers());
             TopicFollower<ReviewItem, String> reviews = TopicFollower.reviewReasons(pipeline.kafka().bootstrapServers())) {
            out.printf("[ptsl] up in %.1f s: Kafka %s, PayTrace sandbox %s, SL %s%n",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0,
                    pipeline.kafka().bootstrapServers(), pipeline.payTrace().baseUrl(), pipeline.sl().jdbcUrl());

            pipeline.adminUrls().forEach((service, url) ->
                    out.printf("[ptsl] %-16s %s/metrics  %s/health/ready%n", service, url, url));

            List<GroundTruthRow> truth = makeSales(pipeline);
            Path groundTruth = GroundTruthFile.write(dataDir.resolve(GroundTruthFile.FILE_NAME), truth);
            out.println("[ptsl] ground truth of " + truth.size() + " payments: " + groundTruth);
            awaitOutcomes(pipeline, results, reviews, truth);

            Set<String> transactions = truth.stream().map(GroundTruthRow::transactionId).collect(Collectors.toSet());
            AccuracyScore score = AccuracyScore.score(truth, SlPostings.read(pipeline.sl().queries(), transactions),
                    reviews.latest());
            RunSummary summary = RunSummary.collect(pipeline, mix, truth, groundTruth, score, results.latest(),
                    scrapeAll(pipeline));
            summary.print(out);
            if (stay) {
                out.println("[ptsl] staying up; Ctrl-C to stop. PayTrace sandbox: " + pipeline.payTrace().baseUrl());
                out.println("[ptsl] in another terminal: ./ptsl status --url " + String.join(",", pipeline.adminUrls().values()));
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stop.countDown();
                    awaitQuietly(closed, Duration.ofSeconds(30));
                }, "ptsl-shutdown"));
                stop.await();
                out.println("[ptsl] stopping");
            }
            return summary.invariantsHold() ? 0 : 1;
        }
    }

    /** A seed with {@link PaymentMix#INVOICES_PER_SALE} open invoices per sale, {@value #INVOICES_PER_CUSTOMER} per customer. */
    static SeedSpec seedFor(int sales) {
        int customers = Math.max(MIN_CUSTOMERS,
                (int) Math.ceil(PaymentMix.invoicesNeeded(sales) / (double) INVOICES_PER_CUSTOMER));
        return SeedSpec.defaults().withCustomers(customers).withInvoicesPerCustomer(INVOICES_PER_CUSTOMER);
    }

    private List<GroundTruthRow> makeSales(EmbeddedPipeline pipeline) throws InterruptedException {
        if (sales <= 0) {
            return List.of();
        }
        PaymentMix plan = mix.equals("simple")
                ? PaymentMix.simple(pipeline.sl().openInvoices(), sales, seed, declineShare)
                : PaymentMix.realistic(pipeline.sl().openInvoices(), sales, seed, declineShare,
                LocalDate.now(pipeline.payTrace().config().merchantZone()));
        out.println("[ptsl] payment mix (" + plan.name() + ", seed " + seed + "):");
        plan.formatTable().forEach(line -> out.println("[ptsl]   " + line));
        long deadline = EmbeddedPipeline.MATCH_DEADLINE.toSeconds();
        if (mix.equals("realistic") && timeoutSeconds < deadline + 10) {
            out.printf("[ptsl] note: --timeout %d s is hardly longer than the processor's match deadline (%d s): payments"
                    + " nobody can be found for may not have their outcome in time%n", timeoutSeconds, deadline);
        }
        TrafficGenerator generator = new TrafficGenerator(pipeline.payTrace().baseUrl(),
                pipeline.payTrace().config().username(), pipeline.payTrace().config().password(), seed);
        return new PaymentTraffic(generator::makeSale, pipeline.sl()::enterInvoice, rate,
                step -> out.println("[ptsl] " + step)).run(plan.payments());
    }

    /**
     * Until every payment SL must get has a result on erp.results and every review item due is on the review topic,
     * or the deadline passes. Payments nobody can be found for raise their item only at the processor's match
     * deadline, so a realistic run takes at least that long.
     */
    private void awaitOutcomes(EmbeddedPipeline pipeline, TopicFollower<ErpResult, ErpResult> results,
                               TopicFollower<ReviewItem, String> reviews,
                               List<GroundTruthRow> truth) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        // Once nothing has moved for longer than the processor's match deadline, nothing more is coming.
        Duration quiet = EmbeddedPipeline.MATCH_DEADLINE.plusSeconds(15);
        Instant lastChange = Instant.now();
        Completion last = null;
        Completion now = Completion.of(truth, results.latest().keySet(), reviews.latest().keySet());
        while (!now.done() && Instant.now().isBefore(deadline)) {
            if (Duration.between(lastChange, Instant.now()).compareTo(quiet) > 0) {
                out.printf("[ptsl] nothing changed for %d s, longer than the processor's match deadline: not waiting any longer%n",
                        quiet.toSeconds());
                break;
            }
            if (!now.equals(last)) {
                last = now;
                lastChange = Instant.now();
                out.printf("[ptsl] in SL: %d/%d payments, review items %d/%d (gateway published %d, processor commands %d)%n",
                        now.postingsSeen(), now.postingsExpected(), now.reviewsSeen(), now.reviewsExpected(),
                        pipeline.gateway().metrics().recordsPublished(), pipeline.processor().metrics().commandsEmitted());
            }
            Thread.sleep(250); // progress cadence of a console loop, bounded by the deadline above
            now = Completion.of(truth, results.latest().keySet(), reviews.latest().keySet());
        }
        if (!now.done()) {
            out.printf("[ptsl] stopped waiting after %d s: %d of %d payments reached SL, %d of %d review items raised%n",
                    Duration.between(deadline.minusSeconds(timeoutSeconds), Instant.now()).toSeconds(),
                    now.postingsSeen(), now.postingsExpected(), now.reviewsSeen(), now.reviewsExpected());
        }
    }

    /** Every service's /metrics, read over HTTP like Prometheus does. */
    private static Map<String, Scrape> scrapeAll(EmbeddedPipeline pipeline) throws IOException, InterruptedException {
        AdminClient client = new AdminClient(null);
        Map<String, Scrape> scrapes = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : pipeline.adminUrls().entrySet()) {
            scrapes.put(e.getKey(), client.scrape(e.getValue()));
        }
        return scrapes;
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
