package com.ptsl.launcher.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own {@code org.apache.kafka.tools.ProducerPerformance} and {@code ConsumerPerformance} (kafka-tools), the
 * limits the ingestion figures are set beside, each run in a child JVM ({@link ChildJvm}) against the benchmark's
 * broker, and their printed totals parsed.
 */
public final class KafkaPerfTools {

    static final String PRODUCER = "org.apache.kafka.tools.ProducerPerformance";
    static final String CONSUMER = "org.apache.kafka.tools.ConsumerPerformance";

    /** ProducerPerformance's total line (Stats.printTotal), the one with the percentiles. */
    private static final Pattern PRODUCER_TOTAL = Pattern.compile(
            "^(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th, (\\d+) ms 99\\.9th\\.\\s*$");

    /** ProducerPerformance's summary. */
    public record ProducerFigures(long records, double recordsPerSecond, double mbPerSecond, double avgLatencyMs,
                                  double maxLatencyMs, long p50Ms, long p95Ms, long p99Ms, long p999Ms) {
    }

    /** ConsumerPerformance's summary; {@code fetchRecordsPerSecond} leaves out the group join (rebalance) time. */
    public record ConsumerFigures(long records, double recordsPerSecond, double fetchRecordsPerSecond, double mbPerSecond,
                                  long rebalanceMs, long fetchMs) {
    }

    private final ChildJvm jvm;

    public KafkaPerfTools(Duration timeout) {
        this.jvm = new ChildJvm("512m", timeout);
    }

    /**
     * Produces {@code records} keyed records of {@code recordBytes} bytes to {@code topic} as fast as the producer goes, with
     * {@code acks=all} and idempotence (the gateway's durability); keys are distinct, like transaction ids, so the records
     * spread over the partitions as the raw topic's do.
     */
    public ProducerFigures producer(String bootstrap, String topic, long records, int recordBytes, Consumer<String> progress)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", bootstrap, "--topic", topic,
                "--num-records", Long.toString(records), "--record-size", Integer.toString(recordBytes),
                "--throughput", "-1", "--key-distribution", "range", "--record-key-range", Integer.toString(Integer.MAX_VALUE),
                "--reporting-interval", "2000",
                "--command-property", "acks=all", "enable.idempotence=true", "client.id=ptsl-bench-producer-performance"));
        ChildJvm.Output out = jvm.run(PRODUCER, args, line -> {
            if (line.contains("records sent")) {
                progress.accept("ProducerPerformance: " + line.strip());
            }
        });
        if (out.exitCode() != 0) {
            throw new IOException("ProducerPerformance exited " + out.exitCode() + ": " + out.stderrTail());
        }
        return parseProducer(out.stdout());
    }

    /** Reads {@code records} records of {@code topic} from its beginning with a fresh group. */
    public ConsumerFigures consumer(String bootstrap, String topic, long records, Consumer<String> progress) throws IOException {
        List<String> args = List.of("--bootstrap-server", bootstrap, "--topic", topic, "--num-records", Long.toString(records),
                "--timeout", "30000", "--group", "ptsl-bench-consumer-performance-" + System.nanoTime(),
                "--command-property", "client.id=ptsl-bench-consumer-performance");
        ChildJvm.Output out = jvm.run(CONSUMER, args, line -> { });
        if (out.exitCode() != 0) {
            throw new IOException("ConsumerPerformance exited " + out.exitCode() + ": " + out.stderrTail());
        }
        for (String line : out.stdout()) {
            if (line.startsWith("WARNING")) {
                progress.accept("ConsumerPerformance: " + line.strip());
            }
        }
        return parseConsumer(out.stdout());
    }

    /** The total of ProducerPerformance's output (the last line with percentiles; the steady-state one if it was asked for). */
    static ProducerFigures parseProducer(List<String> stdout) throws IOException {
        ProducerFigures found = null;
        for (String line : stdout) {
            Matcher m = PRODUCER_TOTAL.matcher(line.strip());
            if (m.matches()) {
                found = new ProducerFigures(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4)), Double.parseDouble(m.group(5)),
                        Long.parseLong(m.group(6)), Long.parseLong(m.group(7)), Long.parseLong(m.group(8)),
                        Long.parseLong(m.group(9)));
            }
        }
        if (found == null) {
            throw new IOException("no total line in ProducerPerformance's output: " + lastLines(stdout));
        }
        return found;
    }

    /**
     * ConsumerPerformance prints a header ({@code start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg,
     * nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}) and one line of values; read by name.
     */
    static ConsumerFigures parseConsumer(List<String> stdout) throws IOException {
        for (int i = 0; i < stdout.size() - 1; i++) {
            List<String> header = split(stdout.get(i));
            if (!header.contains("nMsg.sec") || !header.contains("fetch.nMsg.sec")) {
                continue;
            }
            List<String> values = split(stdout.get(i + 1));
            if (values.size() != header.size()) {
                throw new IOException("ConsumerPerformance's values do not fit its header: " + stdout.get(i + 1));
            }
            try {
                return new ConsumerFigures(
                        Long.parseLong(values.get(header.indexOf("data.consumed.in.nMsg"))),
                        Double.parseDouble(values.get(header.indexOf("nMsg.sec"))),
                        Double.parseDouble(values.get(header.indexOf("fetch.nMsg.sec"))),
                        Double.parseDouble(values.get(header.indexOf("MB.sec"))),
                        Long.parseLong(values.get(header.indexOf("rebalance.time.ms"))),
                        Long.parseLong(values.get(header.indexOf("fetch.time.ms"))));
            } catch (RuntimeException e) {
                throw new IOException("cannot read ConsumerPerformance's values '" + stdout.get(i + 1) + "': " + e.getMessage(), e);
            }
        }
        throw new IOException("no header and values in ConsumerPerformance's output: " + lastLines(stdout));
    }

    private static List<String> split(String line) {
        return Arrays.stream(line.split(",")).map(String::strip).toList();
    }

    private static String lastLines(List<String> lines) {
        return lines.isEmpty() ? "(nothing)" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    static String describe(ProducerFigures f) {
        return String.format(Locale.US, "%,d records, %.2f MB/s, latency avg %.1f ms, p99 %d ms, max %.0f ms",
                f.records(), f.mbPerSecond(), f.avgLatencyMs(), f.p99Ms(), f.maxLatencyMs());
    }
}
