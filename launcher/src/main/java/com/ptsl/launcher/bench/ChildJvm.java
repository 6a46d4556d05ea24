package com.ptsl.launcher.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a main class of this JVM's class path in a JVM of its own and returns what it printed. Kafka's perf tools end
 * their JVM on an error ({@code Exit.exit}) and print their figures to {@code System.out}: in a child, neither touches
 * the benchmark, and the tool is run exactly as {@code kafka-producer-perf-test.sh} runs it.
 */
final class ChildJvm {

    /** What a finished child printed. */
    record Output(int exitCode, List<String> stdout, String stderrTail) {
    }

    private final String heap;
    private final Duration timeout;

    ChildJvm(String heap, Duration timeout) {
        this.heap = heap;
        this.timeout = timeout;
    }

    /**
     * @param lines told each stdout line as it comes (the tools' progress lines)
     * @throws IOException when the child cannot start, does not finish within the timeout (it is killed), or is interrupted
     */
    Output run(String mainClass, List<String> args, Consumer<String> lines) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        // The tools print figures with String.format in the default locale; parse them in one known locale.
        command.add("-Duser.language=en");
        command.add("-Duser.country=US");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        Path stderr = Files.createTempFile("ptsl-bench-child-", ".err");
        Process process = new ProcessBuilder(command).redirectErrorStream(false).redirectError(stderr.toFile()).start();
        try {
            process.getOutputStream().close();
            List<String> out = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (out) {
                            out.add(line);
                        }
                        lines.accept(line);
                    }
                } catch (IOException e) {
                    // The child went away; its exit code says how.
                }
            }, "bench-child-stdout");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException(mainClass + " did not finish within " + timeout.toSeconds() + " s (killed)");
            }
            reader.join(5_000);
            synchronized (out) {
                return new Output(process.exitValue(), List.copyOf(out), tail(stderr));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(mainClass + " interrupted", e);
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            Files.deleteIfExists(stderr);
        }
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }
}
