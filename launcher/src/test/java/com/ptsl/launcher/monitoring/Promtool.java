package com.ptsl.launcher.monitoring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's {@code promtool} and {@code prometheus} (package prometheus), run as child processes. CI installs the
 * package (.ci/run), so there a missing binary fails the test; on a developer machine without it the test is
 * skipped with a message saying what to install.
 */
public final class Promtool {

    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    public static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");

    public record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** Fails in CI and skips elsewhere when the binary is missing. */
    public static void require(Path binary) {
        boolean present = Files.isExecutable(binary);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(binary + " is missing: .ci/run must install Debian's prometheus package");
        }
        assumeTrue(present, binary + " not installed (apt-get install prometheus); skipping");
    }

    /** Runs promtool with {@code args} in {@code dir}, feeding {@code stdin} if not null. */
    public static Result run(Path dir, String stdin, String... args) throws IOException, InterruptedException {
        require(PROMTOOL);
        List<String> command = new ArrayList<>();
        command.add(PROMTOOL.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    /** The repository's monitoring/ folder, found from the module's working directory. */
    public static Path monitoringDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("monitoring/prometheus"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no monitoring/prometheus folder above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("monitoring");
    }
}
