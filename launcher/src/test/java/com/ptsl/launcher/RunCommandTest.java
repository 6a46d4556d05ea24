package com.ptsl.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, as a user runs it (minus the build): it must finish green, say what it did and how well it matched. */
class RunCommandTest {

    @Test
    void runMakesTheRealisticMixPostsItAndScoresItAgainstTheGroundTruth(@TempDir Path dataDir) throws Exception {
        Run run = run("run", "--sales", "20", "--rate", "0", "--decline-share", "0.2",
                "--data-dir", dataDir.resolve("run").toString(), "--timeout", "90");

        assertThat(run.exit()).isZero();
        assertThat(run.output())
                .contains("run summary")
                .contains("payment mix (realistic, seed 7)")
                .contains("sales made in the PayTrace sandbox   20")
                .containsPattern("latency sale -> SL commit\\s+p50 \\d+ ms")
                .containsPattern("auto-applied correctly\\s+\\d+ of \\d+ matchable payments")
                .containsPattern("wrong applications\\s+0 ")
                .doesNotContain("FAIL");
        assertThat(run.output().lines().filter(l -> l.contains("[ ok ]")).count()).isEqualTo(9);
        assertThat(run.output()).contains("lifecycle chains (every card transaction kind, end to end)")
                .containsPattern("SALE_SETTLE_REFUNDS\\s+2/2 ok")
                .containsPattern("SL batches of the run by status\\s+\\{");
        Path groundTruth = dataDir.resolve("run").resolve("ground-truth.jsonl");
        assertThat(run.output()).contains("ground truth of 20 payments: " + groundTruth);
        assertThat(Files.readAllLines(groundTruth)).hasSize(20).allSatisfy(l -> assertThat(l).startsWith("{\"transactionId\":"));
    }

    @Test
    void theSimpleMixStillRuns(@TempDir Path dataDir) {
        Run run = run("run", "--mix", "simple", "--sales", "10", "--rate", "0",
                "--data-dir", dataDir.resolve("run").toString(), "--timeout", "60");

        assertThat(run.exit()).isZero();
        assertThat(run.output()).contains("payment mix (simple, seed 7)", "simple mix)").doesNotContain("FAIL");
    }

    @Test
    void theSeedHoldsEnoughInvoicesForTheSales() {
        assertThat(RunCommand.seedFor(200).customers() * RunCommand.seedFor(200).invoicesPerCustomer()).isGreaterThanOrEqualTo(320);
        assertThat(RunCommand.seedFor(0).customers()).isEqualTo(20);
        assertThat(RunCommand.seedFor(5000).customers() * RunCommand.seedFor(5000).invoicesPerCustomer()).isGreaterThanOrEqualTo(8000);
    }

    @Test
    void helpListsTheOptions() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new java.io.PrintWriter(captured, true, StandardCharsets.UTF_8));

        int exit = cli.execute("run", "--help");

        assertThat(exit).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--sales", "--brokers", "--stay", "--data-dir", "--mix");
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
