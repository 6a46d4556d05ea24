package com.ptsl.launcher.scale;

import com.ptsl.launcher.Main;
import com.ptsl.launcher.traffic.GroundTruthFile;
import com.ptsl.launcher.traffic.GroundTruthRow;
import com.ptsl.sandbox.sl.ArDocRow;
import com.ptsl.sandbox.sl.SlSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ptsl run --instances 2 --brokers 3} as a user runs it: the stream processor and the sink as two child JVMs
 * each over a real three-broker cluster, one instance of each SIGKILLed half-way through the sales. The survivors must
 * own every partition afterwards and the run's invariants, read in SL, must hold: not one payment lost or doubled.
 */
class ScaleOutRunTest {

    /** {@code [ptsl]   erp-sink-1  3 partitions: [0,1,2] of erp.commands}. */
    private static final Pattern OWNER = Pattern.compile("^\\[ptsl]   (\\S+)\\s+(\\d+) partitions?: (.*)$");

    @Test
    void twoInstancesOfEachShareThePartitionsAndTheSurvivorsTakeOverAKillWithoutLosingOrDoublingAPayment(@TempDir Path dir)
            throws Exception {
        Path data = dir.resolve("run");
        Run run = run("run", "--instances", "2", "--brokers", "3", "--sales", "40", "--rate", "20", "--mix", "simple",
                "--lifecycle", "0", "--settle-every", "0", "--poll-interval-ms", "200", "--timeout", "180",
                "--data-dir", data.toString());
        List<String> lines = run.output().lines().toList();

        Map<String, Integer> processorsBefore = owners(lines, "[ptsl] partitions of stream-processor ");
        Map<String, Integer> sinksBefore = owners(lines, "[ptsl] partitions of erp-sink ");
        assertThat(processorsBefore).containsOnlyKeys("stream-processor-1", "stream-processor-2").allSatisfy((i, n) -> assertThat(n).isPositive());
        assertThat(sinksBefore).containsOnlyKeys("erp-sink-1", "erp-sink-2").allSatisfy((i, n) -> assertThat(n).isPositive());
        assertThat(sinksBefore.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
        int processorPartitions = processorsBefore.values().stream().mapToInt(Integer::intValue).sum();

        assertThat(run.output()).containsPattern("killed stream-processor-2 \\(pid \\d+\\) and erp-sink-2 \\(pid \\d+\\) with SIGKILL after sale 20 of 40");
        assertThat(owners(lines, "[ptsl] stream-processor: the survivor owns all " + processorPartitions + " partitions"))
                .containsExactly(Map.entry("stream-processor-1", processorPartitions));
        assertThat(owners(lines, "[ptsl] erp-sink: the survivor owns all 6 partitions")).containsExactly(Map.entry("erp-sink-1", 6));

        assertThat(run.exit()).isZero();
        assertThat(run.output()).doesNotContain("FAIL").contains("[ptsl] reconciliation: no variance");
        assertThat(lines.stream().filter(l -> l.contains("[ ok ]")).count()).isEqualTo(9);

        // SL itself: one payment document per approved sale, none for a declined one, whatever the kill interrupted.
        List<GroundTruthRow> truth = GroundTruthFile.read(data.resolve(GroundTruthFile.FILE_NAME));
        Map<String, Long> paymentsPerTransaction;
        try (SlSandbox sl = SlSandbox.fileBacked(data.resolve("sl"))) {
            paymentsPerTransaction = sl.queries().documents("PA").stream()
                    .collect(Collectors.groupingBy(ArDocRow::refNbr, Collectors.counting()));
        }
        assertThat(truth).hasSize(40);
        Map<String, Long> expected = truth.stream().filter(GroundTruthRow::approved)
                .collect(Collectors.toMap(GroundTruthRow::transactionId, r -> 1L));
        assertThat(expected).hasSizeGreaterThan(30);
        assertThat(paymentsPerTransaction).isEqualTo(expected);

        // Every child JVM is gone with the run, and each wrote its log where the run said.
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
        for (String log : List.of("stream-processor-1", "stream-processor-2", "erp-sink-1", "erp-sink-2")) {
            Path file = data.resolve("logs").resolve(log + ".log");
            assertThat(run.output()).contains("log " + file);
            assertThat(Files.size(file)).isPositive();
        }
    }

    /** The owner lines right after the line starting with {@code header}: instance → number of partitions. */
    private static Map<String, Integer> owners(List<String> lines, String header) {
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(header)) {
                at = i;
                break;
            }
        }
        assertThat(at).as("a line starting with '%s'", header).isNotNegative();
        Map<String, Integer> owners = new LinkedHashMap<>();
        List<String> following = new ArrayList<>(lines.subList(at + 1, lines.size()));
        for (String line : following) {
            Matcher m = OWNER.matcher(line);
            if (!m.matches()) {
                break;
            }
            owners.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        return owners;
    }

    private record Run(int exit, String output) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        return new Run(exit, output);
    }
}
