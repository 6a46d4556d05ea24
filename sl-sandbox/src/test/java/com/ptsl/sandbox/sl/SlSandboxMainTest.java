package com.ptsl.sandbox.sl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SlSandboxMainTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SlSandboxMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsage() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--dir <path>").contains("--seed");
    }

    @Test
    void badOptionsExitWithUsage() {
        assertThat(run("--bogus").exit()).isEqualTo(2);
        assertThat(run("--dir").err()).contains("--dir needs a value");
        assertThat(run("--customers", "x").exit()).isEqualTo(2);
    }

    @Test
    void seedCreatesSeedsAndSummarises(@TempDir Path dir) {
        Run seeded = run("--dir", dir.toString(), "--seed", "--customers", "3", "--invoices", "2");
        assertThat(seeded.exit()).as(seeded.err()).isZero();
        assertThat(seeded.out()).contains("Tables: 16").contains("Customers: 3").contains("Open invoices: 6")
                .containsPattern("Total open balance: \\d+\\.\\d{2}").containsPattern("ARDoc\\s+6 rows");

        Run reopened = run("--dir", dir.toString());
        assertThat(reopened.exit()).isZero();
        assertThat(reopened.out()).contains("Customers: 3").contains("Open invoices: 6");
        String total = seeded.out().lines().filter(l -> l.startsWith("Total")).findFirst().orElseThrow();
        assertThat(reopened.out()).contains(total);
    }
}
