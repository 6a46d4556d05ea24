package com.ptsl.sink.bench;

import com.ptsl.kafka.embedded.EmbeddedKafkaCluster;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.sandbox.sl.SlTcpEndpoint;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The probe by hand, for measuring while changing the sink (never a test: benchmarks do not run in the build): a
 * one-broker embedded cluster and a fresh seeded sandbox, as {@code ptsl bench} gives it.
 * {@code java -cp target/classes:target/test-classes:<test classpath> com.ptsl.sink.bench.SinkBenchMain [commands] [--tcp]}
 * ({@code --tcp}: the sandbox over H2's TCP server instead of in-process). Besides the probe's figures it prints the CPU
 * time the sink's thread and the baseline used, which a busy machine does not blur the way it blurs wall-clock rates.
 */
public final class SinkBenchMain {

    private SinkBenchMain() {
    }

    /** CPU µs spent between {@code from} and {@code to} commands applied, interpolated between the samples. */
    private static double cpuBetween(java.util.List<long[]> samples, long from, long to) {
        return (cpuAt(samples, to) - cpuAt(samples, from)) / 1e3;
    }

    private static double cpuAt(java.util.List<long[]> samples, long applied) {
        long[] previous = {0, 0};
        for (long[] s : samples) {
            if (s[0] >= applied) {
                return s[0] == previous[0] ? s[1] : previous[1] + (double) (s[1] - previous[1]) * (applied - previous[0]) / (s[0] - previous[0]);
            }
            previous = s;
        }
        return previous[1];
    }

    public static void main(String[] args) {
        int commands = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 50_000;
        boolean tcp = Arrays.asList(args).contains("--tcp");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> sinkCpu = new HashMap<>();
        java.util.List<long[]> cpuByApplied = new java.util.ArrayList<>();
        long[] baselineCpu = new long[2];
        try (EmbeddedKafkaCluster kafka = EmbeddedKafkaCluster.start(1);
             SlSandbox sl = SlSandbox.inMemory("sinkbench").seed(SeedSpec.defaults())) {
            SlTcpEndpoint endpoint = tcp ? sl.serveTcp() : null;
            String url = endpoint == null ? sl.jdbcUrl() : endpoint.jdbcUrl();
            long started = System.nanoTime();
            SinkBench.Result r = SinkBench.run(new SinkBench.Options(kafka.bootstrapServers(), url, sl.user(), sl.password(), "PTSL",
                    commands), line -> {
                        System.out.println(line);
                        // The sink's consumer thread is still alive until the service closes, just before the baseline starts.
                        for (long id : threads.getAllThreadIds()) {
                            var info = threads.getThreadInfo(id);
                            if (info != null && info.getThreadName().startsWith("erp-sink-ptsl-sink-bench")) {
                                sinkCpu.put(id, threads.getThreadCpuTime(id));
                            }
                        }
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("sink: ([0-9,]+) (?:/ [0-9,]+ applied|commands in .*)").matcher(line);
                        if (m.matches()) {
                            cpuByApplied.add(new long[] {Long.parseLong(m.group(1).replace(",", "")),
                                    sinkCpu.values().stream().mapToLong(Long::longValue).sum()});
                        }
                        if (line.startsWith("sink baseline: inserting")) {
                            baselineCpu[0] = threads.getCurrentThreadCpuTime();
                        } else if (line.matches("sink baseline: [0-9,]+ pairs/s")) {
                            baselineCpu[1] = threads.getCurrentThreadCpuTime();
                        }
                    });
            double sinkSeconds = sinkCpu.values().stream().mapToLong(Long::longValue).sum() / 1e9;
            double baselineSeconds = (baselineCpu[1] - baselineCpu[0]) / 1e9;
            int pairs = Math.min(commands, SinkBench.BASELINE_CAP);
            System.out.printf("RESULT %s%nprobe took %.1f s (%s)%n", r, (System.nanoTime() - started) / 1e9, tcp ? "H2 over TCP" : "H2 in process");
            System.out.printf("CPU: sink thread %.2f s = %.0f µs/command (%,.0f commands per CPU-second); baseline %.2f s = %.0f µs/pair"
                    + " (%,.0f pairs per CPU-second); ratio %.2f%n", sinkSeconds, sinkSeconds * 1e6 / commands, commands / sinkSeconds,
                    baselineSeconds, baselineSeconds * 1e6 / pairs, pairs / baselineSeconds,
                    (commands / sinkSeconds) / (pairs / baselineSeconds));
            // CPU per command over the first and the last fifth (from the once-a-second progress lines): flatness without the
            // machine's load in it.
            long fifth = commands / 5;
            System.out.printf("CPU per command: first fifth %.0f µs, last fifth %.0f µs%n", cpuBetween(cpuByApplied, 0, fifth) / fifth,
                    cpuBetween(cpuByApplied, commands - fifth, commands) / fifth);
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }
}
