package com.ptsl.launcher.reconcile;

import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;
import com.ptsl.reconciler.ReconcileOptions;
import com.ptsl.reconciler.Reconciler;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.CsvReport;
import com.ptsl.reconciler.report.HtmlReport;
import com.ptsl.reconciler.report.JsonReport;
import com.ptsl.reconciler.report.Report;
import com.ptsl.reconciler.report.ReportWriter;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import com.ptsl.sink.sql.IntegrationTables;
import com.ptsl.sink.sql.dialect.SqlDialect;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code ptsl bench-reconcile}: how long {@code ptsl reconcile} takes over a day of N raw events, and how much heap it
 * needs. Starts an embedded broker and a file-backed SL sandbox, writes a consistent day into both (see
 * {@link BenchGenerator}: the records the gateway would have published, the commands the processor would have sent
 * and the SL rows the sink would have written), then times {@link Reconciler#run} over that day and the writing of
 * its three reports. Every transaction should come out MATCHED; the figures are printed, never asserted.
 *
 * <p>Run as {@code java -Xmx1g -cp launcher/target/launcher.jar com.ptsl.launcher.reconcile.ReconcileBench}.
 */
@Command(name = "bench-reconcile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the reconciliation: a generated day of --events raw PayTrace records (three per "
                + "transaction: sales, voids, declines, refunds, settled in batches), the matching ERP commands and SL "
                + "rows, then one reconcile of that day, timed, with its peak heap.",
                "%nUses an embedded Kafka broker and a file-backed H2 SL in --data-dir (a temporary directory by "
                        + "default, deleted afterwards). Prints the figures; never fails on a time.%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  java -Xmx1g -cp launcher/target/launcher.jar \\",
                "    com.ptsl.launcher.reconcile.ReconcileBench",
                "  ... ReconcileBench --events 300000 --keep --data-dir /tmp/bench"})
public final class ReconcileBench implements Callable<Integer> {

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000",
            description = "Raw records on paytrace.transactions.raw in the day (default: ${DEFAULT-VALUE}); N/3 transactions.")
    long events;

    @Option(names = "--day", paramLabel = "DATE",
            description = "The merchant day to generate and reconcile (default: yesterday in --zone).")
    LocalDate day;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = ReconcileCommand.DEFAULT_ZONE,
            description = "Merchant zone (default: ${DEFAULT-VALUE}).")
    ZoneId zone;

    @Option(names = "--settlement-batch-size", paramLabel = "N", defaultValue = "500",
            description = "Transactions per PayTrace settlement batch (default: ${DEFAULT-VALUE}).")
    int settlementBatchSize;

    @Option(names = "--customers", paramLabel = "N", defaultValue = "200",
            description = "SL customers, 5 open invoices each, that the payments pay (default: ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where Kafka's logs and the SL database go (default: a temporary directory).")
    Path dataDir;

    @Option(names = "--keep", description = "Keep --data-dir afterwards (the reports are in its 'reports' directory).")
    boolean keep;

    @Spec
    CommandSpec spec;

    private static final Pattern SL_STEP = Pattern.compile("^read (.+) \\((\\d+) ms\\)$");

    /** A progress line of the reconciler, with when it came. */
    private record Step(long atMillis, String line) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LocalDate benchDay = day != null ? day : LocalDate.now(zone).minusDays(1);
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("ptsl-bench-reconcile-") : dataDir;
        Files.createDirectories(dir);
        try {
            return run(out, err, benchDay, dir);
        } finally {
            if (!keep) {
                deleteTree(dir);
            } else {
                out.println("data kept in " + dir);
            }
            out.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err, LocalDate benchDay, Path dir) throws Exception {
        out.println(machine());
        progress(err, "starting Kafka (embedded, 1 broker) and the SL sandbox (H2 file) in " + dir);
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1, dir.resolve("kafka"));
             SlSandbox sl = SlSandbox.fileBacked(dir.resolve("sl"))) {
            TopicCreator.ensure(kafka.bootstrapServers(), Topics.all());
            sl.seed(new SeedSpec("PTSL", customers, 5, seed, YearMonth.from(benchDay)));
            BenchGenerator.Totals made = generate(err, kafka.bootstrapServers(), sl, benchDay);

            long before = HeapWatch.settledHeap();
            List<Step> steps = new ArrayList<>();
            long start = System.nanoTime();
            Report report;
            HeapWatch.Seen heap;
            try (HeapWatch watch = new HeapWatch().start()) {
                report = Reconciler.run(new ReconcileOptions(kafka.bootstrapServers(), sl.jdbcUrl(), sl.user(), sl.password(),
                        benchDay.atStartOfDay(zone), benchDay.plusDays(1).atStartOfDay(zone), zone, BenchSl.USER, false, line -> {
                            long at = (System.nanoTime() - start) / 1_000_000;
                            steps.add(new Step(at, line));
                            progress(err, String.format(Locale.US, "reconcile +%.1f s: %s", at / 1000.0, line));
                        }));
                heap = watch.stop();
            }
            long totalMillis = (System.nanoTime() - start) / 1_000_000;

            long reportStart = System.nanoTime();
            List<Path> files = new ArrayList<>();
            for (ReportWriter writer : List.<ReportWriter>of(new JsonReport(), new CsvReport(), new HtmlReport())) {
                files.add(writer.write(report, dir.resolve("reports")));
            }
            long reportMillis = (System.nanoTime() - reportStart) / 1_000_000;

            print(out, made, report, steps, totalMillis, reportMillis, files, before, heap);
            boolean allMatched = report.counts().entrySet().stream()
                    .allMatch(e -> e.getKey() == Category.MATCHED || e.getValue() == 0);
            out.println(allMatched ? "all " + count(report.lines().size()) + " lines MATCHED, as generated"
                    : "NOT all MATCHED: the generated day and the reconciler disagree (see the report)");
            return allMatched ? 0 : 1;
        }
    }

    private BenchGenerator.Totals generate(PrintWriter err, String bootstrap, SlSandbox sl, LocalDate benchDay) throws Exception {
        long started = System.nanoTime();
        SlIndexes indexes = SlIndexes.of(List.of("ARDoc", "ARTran"));
        try (Connection c = sl.connect()) {
            IntegrationTables.ensure(c, SqlDialect.forJdbcUrl(sl.jdbcUrl()));
            indexes.drop(c);
        }
        try (Connection c = sl.connect(); BenchSl slRows = new BenchSl(c, BenchSl.USER, "PTSL", benchDay);
             BenchKafka kafka = new BenchKafka(bootstrap)) {
            BenchGenerator.Spec spec = new BenchGenerator.Spec(events, benchDay, zone, settlementBatchSize, seed,
                    sl.openInvoices(), slRows.paymentBatch, slRows.memoBatch, 500_000_001L, 10_001);
            long every = Math.max(1, events / 20);
            long[] nextReport = {every};
            BenchGenerator.Totals totals = new BenchGenerator(spec).run(new BenchGenerator.Output() {
                @Override
                public void raw(long timestamp, RawPayTraceRecord record) {
                    kafka.raw(timestamp, record);
                }

                @Override
                public void batch(long timestamp, RawSettlementBatch batch) {
                    kafka.batch(timestamp, batch);
                }

                @Override
                public void command(long timestamp, String key, ErpCommand command) {
                    kafka.command(timestamp, key, command);
                }

                @Override
                public void payment(BenchGenerator.Payment payment) throws Exception {
                    slRows.payment(payment);
                }

                @Override
                public void refund(BenchGenerator.Refund refund) throws Exception {
                    slRows.refund(refund);
                }

                @Override
                public void ledger(BenchGenerator.Ledger row) throws Exception {
                    slRows.ledger(row);
                }

                @Override
                public void deposit(BenchGenerator.Deposit deposit) throws Exception {
                    slRows.deposit(deposit);
                }

                @Override
                public void endOfBatch(BenchGenerator.Totals soFar) throws Exception {
                    slRows.commit();
                    kafka.check();
                    if (soFar.events() >= nextReport[0]) {
                        nextReport[0] += every;
                        progress(err, String.format(Locale.US, "generated %s of %s events (%d %%), %s transactions, %s SL rows, %.1f s",
                                count(soFar.events()), count(spec.transactions() * 3), soFar.events() * 100 / (spec.transactions() * 3),
                                count(soFar.transactions()), count(slRows.rows()), (System.nanoTime() - started) / 1e9));
                    }
                }
            });
            slRows.finish();
            kafka.flush();
            long indexing = System.nanoTime();
            indexes.create(c);
            progress(err, String.format(Locale.US, "built the %d secondary indexes of ARDoc and ARTran again in %.1f s",
                    indexes.count(), (System.nanoTime() - indexing) / 1e9));
            progress(err, String.format(Locale.US, "generated the day in %.1f s: %s events, %s transactions, %s commands, "
                            + "%s settlement batches, %s SL rows, %s MB of record values",
                    (System.nanoTime() - started) / 1e9, count(totals.events()), count(totals.transactions()),
                    count(totals.commands()), count(totals.settlementBatches()), count(slRows.rows()),
                    count(kafka.bytes() / (1024 * 1024))));
            return totals;
        }
    }

    private void print(PrintWriter out, BenchGenerator.Totals made, Report report, List<Step> steps, long totalMillis,
                       long reportMillis, List<Path> files, long heapBefore, HeapWatch.Seen heap) {
        long slMillis = 0;
        boolean slSteps = false;
        for (Step s : steps) {
            Matcher m = SL_STEP.matcher(s.line());
            if (m.matches()) {
                slMillis += Long.parseLong(m.group(2));
                slSteps = true;
            }
        }
        long readMillis = report.sources().readMillis();
        out.println();
        out.println("reconcile over " + report.window().from().toLocalDate() + " (" + zone + "), 1 broker, H2 file SL");
        out.printf(Locale.US, "  events (paytrace.transactions.raw)  %,14d   (read by the reconciler: %,d)%n", made.events(),
                report.sources().rawRecords());
        out.printf(Locale.US, "  transactions                        %,14d   (%,d sales, %,d voided, %,d declined, %,d refunds)%n",
                made.transactions(), made.sales(), made.voidedSales(), made.declines(), made.refunds());
        out.printf(Locale.US, "  settlement batches                  %,14d%n", made.settlementBatches());
        out.printf(Locale.US, "  erp.commands                        %,14d%n", report.sources().commandRecords());
        out.printf(Locale.US, "  SL documents                        %,14d%n", report.sources().slDocuments());
        if (slSteps) {
            out.printf(Locale.US, "  read Kafka                          %14.1f s%n", (readMillis - slMillis) / 1000.0);
            out.printf(Locale.US, "  read SL                             %14.1f s%n", slMillis / 1000.0);
        } else {
            out.printf(Locale.US, "  read Kafka + SL                     %14.1f s%n", readMillis / 1000.0);
        }
        out.printf(Locale.US, "  compare (and the rest)              %14.1f s%n", (totalMillis - readMillis) / 1000.0);
        out.printf(Locale.US, "  total Reconciler.run                %14.1f s%n", totalMillis / 1000.0);
        out.printf(Locale.US, "  events/s                            %,14d%n", made.events() * 1000 / Math.max(1, totalMillis));
        out.printf(Locale.US, "  write JSON + CSV + HTML reports     %14.1f s   (%s)%n", reportMillis / 1000.0, sizes(files));
        out.printf(Locale.US, "  heap before (after GC)              %,14d MB   (broker + SL sandbox + generator leftovers)%n", mb(heapBefore));
        out.printf(Locale.US, "  peak heap during the run            %,14d MB   (sampled every 10 ms; the heap pools' own peaks,%n"
                + "                                                      not simultaneous, sum to %,d MB)%n",
                mb(heap.sampledPeakBytes()), mb(heap.poolPeakBytes()));
        out.printf(Locale.US, "  GC during the run                   %,14d collections, %,d ms%n", heap.collections(), heap.collectionMillis());
        out.printf(Locale.US, "  -Xmx                                %,14d MB%n", mb(Runtime.getRuntime().maxMemory()));
        out.println("  categories: " + String.join(", ", report.counts().entrySet().stream()
                .map(e -> e.getKey().name() + " " + count(e.getValue())).toList()));
        out.println("  reports: " + files.get(files.size() - 1).getParent() + (keep ? "" : " (deleted at the end; --keep keeps them)"));
    }

    private static String sizes(List<Path> files) {
        List<String> parts = new ArrayList<>();
        for (Path f : files) {
            try {
                String name = f.getFileName().toString();
                parts.add(String.format(Locale.US, "%s %.1f MB", name.substring(name.lastIndexOf('.') + 1),
                        Files.size(f) / (1024.0 * 1024.0)));
            } catch (IOException e) {
                parts.add(f.getFileName() + " ?");
            }
        }
        return String.join(", ", parts);
    }

    private static String machine() {
        Runtime rt = Runtime.getRuntime();
        long ram = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            ram = os.getTotalMemorySize();
        }
        return String.format(Locale.US, "machine: %d CPUs, %,d MB RAM, Java %s (%s), -Xmx %,d MB, %s %s",
                rt.availableProcessors(), mb(ram), System.getProperty("java.version"), System.getProperty("java.vm.name"),
                mb(rt.maxMemory()), System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    private static void progress(PrintWriter err, String line) {
        err.println("[bench] " + line);
        err.flush();
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[bench] could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Kafka's broker and clients narrate at WARN; only their errors matter here (as in Main). */
    private static void quietKafka() {
        for (String logger : new String[] {"org.apache.kafka", "kafka", "state.change.logger", "org.eclipse.jetty", "com.ptsl"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "error");
            }
        }
    }

    /** Runs the benchmark without {@code ptsl}'s subcommand registration. */
    public static void main(String[] args) {
        quietKafka();
        System.exit(new CommandLine(new ReconcileBench()).execute(args));
    }
}
