package com.ptsl.launcher.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code ptsl bench}: every stage of the pipeline measured in one run, each figure beside its own limit measured in the
 * same run on the same machine: Kafka's ProducerPerformance / ConsumerPerformance and the gateway's push ingestion on one
 * broker, the stream processor's and the sink's probes (each with its baseline) on brokers of their own, and push receipt
 * to SL commit on the whole pipeline at fixed rates. Prints the machine, a progress line (stderr), the table, writes the
 * same as JSON and prints its path last. Targets are reported, never asserted: exit 0 whenever it ran, 2 on a usage error.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure every stage of the pipeline in one run, each figure beside its own limit measured in the "
                + "same run: Kafka's raw producer and consumer (kafka-tools), push ingestion through the gateway, Streams "
                + "with exactly_once_v2 (vs an EOS pass-through), the erp-sink (vs a JDBC batch insert), and push receipt "
                + "-> SL commit latency at fixed rates.",
                "%nEverything runs embedded (brokers, sandboxes, services) in --data-dir, a temporary directory deleted "
                        + "afterwards unless --keep. The figures go to stdout as a table and to "
                        + "--out-dir/bench-<time>.json, whose path is the last line. A stage that fails is a row with its "
                        + "reason; the run goes on.",
                "%nExit code: 0 when it ran (targets are reported, not asserted); 1 when the report could not be "
                        + "written; 2 on a usage error.%n"},
        footerHeading = "%nExamples:%n",
        footer = {"  The whole benchmark (sized to finish well inside 10 minutes on 2 cores):",
                "    ./ptsl bench",
                "  A smoke run with small sizes (about a minute):",
                "    ./ptsl bench --quick",
                "  Only ingestion, with more records:",
                "    ./ptsl bench --only raw-producer,push-ingest \\",
                "      --raw-records 1000000 --push-records 300000",
                "  Only the end-to-end latency, at other rates:",
                "    ./ptsl bench --only e2e --e2e-rates 200,2000 --e2e-seconds 30"})
public final class BenchCommand implements Callable<Integer> {

    /** Runs the stages; {@link BenchRunner} except in tests of the command line and the report. */
    @FunctionalInterface
    interface Stages {
        List<BenchRow> run(Set<BenchStage> stages, BenchSizes sizes, Path dataDir, BenchProgress progress);
    }

    @Option(names = "--quick", description = "Small sizes, for a smoke run (each size below unless given).")
    boolean quick;

    @Option(names = "--only", paramLabel = "STAGES", split = ",",
            description = "Run only these stages, comma separated: raw-producer (with raw-consumer), push-ingest, streams-eos, "
                    + "sink, e2e (default: all).")
    List<String> only;

    @Option(names = "--raw-records", paramLabel = "N",
            description = "ProducerPerformance records (ConsumerPerformance reads them back) (default: 300000; --quick: 20000).")
    Integer rawRecords;

    @Option(names = "--push-records", paramLabel = "N", description = "Records pushed to the gateway (default: 100000; --quick: 5000).")
    Integer pushRecords;

    @Option(names = "--push-batch", paramLabel = "N", description = "Records per push request, at most 500 (default: 100).")
    Integer pushBatch;

    @Option(names = "--push-senders", paramLabel = "N", description = "Concurrent push senders (default: 8; --quick: 4).")
    Integer pushSenders;

    @Option(names = "--streams-events", paramLabel = "N", description = "Raw events through the Streams probe (default: 100000; --quick: 5000).")
    Integer streamsEvents;

    @Option(names = "--sink-commands", paramLabel = "N", description = "ERP commands through the sink probe (default: 50000; --quick: 2000).")
    Integer sinkCommands;

    @Option(names = "--e2e-seconds", paramLabel = "S", description = "Seconds of traffic per end-to-end rate (default: 15; --quick: 3).")
    Double e2eSeconds;

    @Option(names = "--e2e-rates", paramLabel = "RATES", split = ",",
            description = "End-to-end rates, events/s, comma separated (default: 100,500,1000).")
    List<Integer> e2eRates;

    @Option(names = "--e2e-senders", paramLabel = "N", description = "Sender threads of the end-to-end pushes (default: 4).")
    Integer e2eSenders;

    @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = "data/bench",
            description = "Where bench-<time>.json is written, created if needed (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the brokers' logs, sandboxes and service state go (default: a temporary directory).")
    Path dataDir;

    @Option(names = "--keep", description = "Keep --data-dir afterwards.")
    boolean keep;

    @Spec
    CommandSpec spec;

    private final Stages stages;
    private final Clock clock;

    public BenchCommand() {
        this(new BenchRunner(), Clock.systemDefaultZone());
    }

    BenchCommand(Stages stages, Clock clock) {
        this.stages = stages;
        this.clock = clock;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<BenchStage> chosen = stages();
        BenchSizes sizes = sizes();

        out.println("machine: " + Machine.describe());
        out.println("stages: " + chosen.stream().map(BenchStage::id).collect(Collectors.joining(", ")) + describe(sizes));
        out.flush();
        boolean temporary = dataDir == null;
        Path dir = temporary ? Files.createTempDirectory("ptsl-bench-") : dataDir;
        Files.createDirectories(dir);
        BenchProgress progress = new BenchProgress(err, chosen.size());
        List<BenchRow> rows = new ArrayList<>();
        rows.add(Machine.row());
        try {
            rows.addAll(stages.run(chosen, sizes, dir, progress));
        } catch (RuntimeException e) {
            rows.add(BenchRow.failed("bench", "-", Failures.reason(e)));
        } finally {
            if (keep) {
                progress.line("data kept in " + dir);
            } else {
                deleteTree(dir, progress);
            }
        }
        progress.line(String.format(Locale.US, "done in %.0f s", progress.elapsedSeconds()));

        BenchReport report = new BenchReport(rows);
        out.println();
        out.print(report.table());
        out.println();
        Path file;
        try {
            file = report.write(outDir, LocalDateTime.now(clock));
        } catch (IOException e) {
            out.flush();
            err.println("Error: cannot write the report to " + outDir + ": " + e.getMessage());
            err.flush();
            return 1;
        }
        out.println(file);
        out.flush();
        return 0;
    }

    private Set<BenchStage> stages() {
        if (only == null || only.isEmpty()) {
            return EnumSet.allOf(BenchStage.class);
        }
        try {
            return BenchStage.parse(String.join(",", only));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--only: " + e.getMessage());
        }
    }

    private BenchSizes sizes() {
        BenchSizes base = quick ? BenchSizes.quick() : BenchSizes.full();
        try {
            return new BenchSizes(or(rawRecords, base.rawRecords()), or(pushRecords, base.pushRecords()),
                    or(pushBatch, base.pushBatch()), or(pushSenders, base.pushSenders()), or(streamsEvents, base.streamsEvents()),
                    or(sinkCommands, base.sinkCommands()), e2eSeconds != null ? e2eSeconds : base.e2eSeconds(),
                    e2eRates != null ? e2eRates : base.e2eRates(), or(e2eSenders, base.e2eSenders()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static int or(Integer given, int fallback) {
        return given != null ? given : fallback;
    }

    private static String describe(BenchSizes s) {
        return String.format(Locale.US, "; sizes: raw %,d records, push %,d records (%d per request, %d senders), streams %,d events, "
                        + "sink %,d commands, e2e %.0f s at %s events/s", s.rawRecords(), s.pushRecords(), s.pushBatch(),
                s.pushSenders(), s.streamsEvents(), s.sinkCommands(), s.e2eSeconds(),
                s.e2eRates().stream().map(String::valueOf).collect(Collectors.joining(", ")));
    }

    private static void deleteTree(Path dir, BenchProgress progress) {
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
            progress.line("could not delete " + dir + ": " + e.getMessage());
        }
    }

    /** Runs the benchmark without {@code ptsl}'s subcommand registration. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).execute(args));
    }
}
