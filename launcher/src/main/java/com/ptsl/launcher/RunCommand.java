package com.ptsl.launcher;

import com.ptsl.service.admin.AdminClient;
import com.ptsl.service.metrics.Scrape;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.sl.OpenInvoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * {@code ptsl run}: starts everything embedded, optionally makes sales in the PayTrace sandbox,
 * waits until each approved sale is in SL (or a deadline passes), prints a summary and exits —
 * or stays up with {@code --stay}.
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

    @Option(names = "--brokers", defaultValue = "1", description = "Embedded Kafka brokers: 1 or 3 (default ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--data-dir", defaultValue = "data", description = "Where Kafka logs, the SL database and service state go; wiped at start (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--timeout", defaultValue = "120", description = "Seconds to wait for every approved sale to reach SL (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--stay", description = "Keep running after the summary until Ctrl-C.")
    boolean stay;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed of the traffic generator (default ${DEFAULT-VALUE}).")
    long seed;

    @Spec
    CommandSpec spec;

    private final PrintStream out = System.out;
    /** Counted down once every service is closed, so a Ctrl-C waits for a clean stop instead of cutting it off. */
    private final CountDownLatch closed = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (brokers != 1 && brokers != 3) {
            throw new ParameterException(spec.commandLine(), "--brokers must be 1 or 3, was " + brokers);
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
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.start(
                EmbeddedPipeline.Options.forDemo(dataDir, brokers),
                step -> out.println("[ptsl] " + step));
             ResultWatcher results = new ResultWatcher(pipeline.kafka().bootstrapServers())) {
            out.printf("[ptsl] up in %.1f s: Kafka %s, PayTrace sandbox %s, SL %s%n",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0,
                    pipeline.kafka().bootstrapServers(), pipeline.payTrace().baseUrl(), pipeline.sl().jdbcUrl());

            pipeline.adminUrls().forEach((service, url) ->
                    out.printf("[ptsl] %-16s %s/metrics  %s/health/ready%n", service, url, url));

            List<SaleMade> made = makeSales(pipeline);
            long approved = made.stream().filter(SaleMade::approved).count();
            awaitPosted(pipeline, results, made, approved);

            RunSummary summary = RunSummary.collect(pipeline, made, results.results(), scrapeAll(pipeline));
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

    private List<SaleMade> makeSales(EmbeddedPipeline pipeline) throws InterruptedException {
        if (sales <= 0) {
            return List.of();
        }
        // Each sale pays part of a seeded open invoice; a third of the balance keeps most invoices open after a few sales.
        List<TrafficGenerator.Target> targets = pipeline.sl().openInvoices().stream()
                .map(inv -> new TrafficGenerator.Target(inv.custId(), inv.refNbr(), third(inv)))
                .toList();
        TrafficGenerator generator = new TrafficGenerator(pipeline.payTrace().baseUrl(),
                pipeline.payTrace().config().username(), pipeline.payTrace().config().password(), targets, seed)
                .withDeclineShare(declineShare);
        List<SaleMade> made = new ArrayList<>(sales);
        long intervalNanos = rate > 0 ? (long) (1_000_000_000L / rate) : 0;
        long next = System.nanoTime();
        Instant lastProgress = Instant.now();
        for (int i = 0; i < sales; i++) {
            if (intervalNanos > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // pacing traffic, not waiting for a result
                }
                next += intervalNanos;
            }
            made.add(generator.makeSale());
            if (Duration.between(lastProgress, Instant.now()).toSeconds() >= 1 || i == sales - 1) {
                lastProgress = Instant.now();
                out.printf("[ptsl] sales made %d/%d%n", i + 1, sales);
            }
        }
        return made;
    }

    private static BigDecimal third(OpenInvoice invoice) {
        BigDecimal third = invoice.docBal().divide(BigDecimal.valueOf(3), 2, RoundingMode.DOWN);
        return third.max(new BigDecimal("1.00"));
    }

    private void awaitPosted(EmbeddedPipeline pipeline, ResultWatcher results, List<SaleMade> made, long approved)
            throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(timeoutSeconds);
        int lastSeen = -1;
        while (results.count() < approved && Instant.now().isBefore(deadline)) {
            if (results.count() != lastSeen) {
                lastSeen = results.count();
                out.printf("[ptsl] in SL: %d/%d approved sales (gateway published %d, processor commands %d)%n",
                        lastSeen, approved, pipeline.gateway().metrics().recordsPublished(),
                        pipeline.processor().metrics().commandsEmitted());
            }
            Thread.sleep(250); // progress cadence of a console loop, bounded by the deadline above
        }
        if (results.count() < approved) {
            out.printf("[ptsl] timed out after %d s: %d of %d approved sales reached SL%n", timeoutSeconds, results.count(), approved);
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
