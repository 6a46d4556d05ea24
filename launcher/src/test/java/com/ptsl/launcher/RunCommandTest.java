package com.ptsl.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, as a user runs it (minus the build): it must finish green and say what it did. */
class RunCommandTest {

    @Test
    void runMakesSalesPostsThemAndReportsInvariantsHolding(@TempDir Path dataDir) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            exit = new CommandLine(new Main()).execute("run", "--sales", "20", "--rate", "0", "--decline-share", "0.2",
                    "--data-dir", dataDir.resolve("run").toString(), "--timeout", "60");
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);

        assertThat(exit).isZero();
        assertThat(output)
                .contains("run summary")
                .contains("sales made in the PayTrace sandbox   20")
                .containsPattern("latency sale -> SL commit\\s+p50 \\d+ ms")
                .doesNotContain("FAIL");
        assertThat(output.lines().filter(l -> l.contains("[ ok ]")).count()).isEqualTo(5);
    }

    @Test
    void helpListsTheOptions() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new java.io.PrintWriter(captured, true, StandardCharsets.UTF_8));

        int exit = cli.execute("run", "--help");

        assertThat(exit).isZero();
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--sales", "--brokers", "--stay", "--data-dir");
    }
}
