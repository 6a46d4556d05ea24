package com.ptsl.launcher.scale;

import com.ptsl.service.admin.AdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One instance of a service running as a child JVM of the launcher: the service's own main, configured through
 * the environment only (as in a container), its admin server on a port chosen here so the launcher knows where to
 * ask, its output in a log file of its own.
 */
public final class ServiceInstance {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceInstance.class);
    /** Inherited from the launcher's environment besides the service's own keys: what a JVM needs to run at all. */
    private static final List<String> PASSED_THROUGH = List.of("PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "TZ");

    private final String service;
    private final int number;
    private final String adminUrl;
    private final Path log;
    private final Process process;
    private volatile String lastMetrics;
    private volatile boolean killed;

    private ServiceInstance(String service, int number, String adminUrl, Path log, Process process) {
        this.service = service;
        this.number = number;
        this.adminUrl = adminUrl;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code mainClass} in a new JVM with exactly {@code environment} (plus {@link #PASSED_THROUGH}), so the
     * child sees what an in-process service is given and nothing of the shell's PTSL settings.
     *
     * @param adminPort the ADMIN_PORT set in {@code environment}; the instance's admin URL is built from it
     */
    static ServiceInstance start(String service, int number, String mainClass, List<String> jvmOptions,
                                 Map<String, String> environment, int adminPort, Path logDir) {
        Path logFile = logDir.resolve(service + "-" + number + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildMain.class.getName());
        command.add(mainClass);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        Map<String, String> env = builder.environment();
        Map<String, String> inherited = Map.copyOf(env);
        env.clear();
        PASSED_THROUGH.forEach(key -> {
            if (inherited.containsKey(key)) {
                env.put(key, inherited.get(key));
            }
        });
        env.putAll(environment);
        try {
            Files.createDirectories(logDir);
            Process process = builder.start();
            return new ServiceInstance(service, number, "http://127.0.0.1:" + adminPort, logFile, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service + "-" + number + ": " + e.getMessage(), e);
        }
    }

    /** The JVM running the launcher, so the children run on the same Java. */
    static String javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (Files.isExecutable(home)) {
            return home.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    /** {@code stream-processor-2}. */
    public String name() {
        return service + "-" + number;
    }

    public String service() {
        return service;
    }

    public int number() {
        return number;
    }

    /** {@code http://127.0.0.1:<port>}: /health/live, /health/ready, /metrics. */
    public String adminUrl() {
        return adminUrl;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public boolean killed() {
        return killed;
    }

    /** Its /metrics text as read just before {@link #kill}, null before: what it had counted when it died. */
    public String lastMetrics() {
        return lastMetrics;
    }

    /**
     * SIGKILL ({@link Process#destroyForcibly()}), the harsh case: no shutdown hook, no leave-group, no commit, the
     * open transaction and the JDBC session simply cut. Its meters are read first so the run's figures keep what it
     * had counted.
     */
    void kill(AdminClient http) {
        try {
            lastMetrics = http.metricsText(adminUrl);
        } catch (IOException e) {
            LOG.warn("Could not read {}'s metrics before killing it: {}", name(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        killed = true;
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    /** Asks the instance to stop (SIGTERM: its shutdown hook closes the service); the caller waits with {@link #awaitStop}. */
    void requestStop() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /** Waits up to {@code grace} for the stop asked for, then kills it: nothing is left behind. */
    void awaitStop(Duration grace) {
        if (!awaitExit(grace)) {
            LOG.warn("{} (pid {}) did not stop within {} s; killing it", name(), pid(), grace.toSeconds());
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(10));
        }
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Why it is not running: its exit code and the end of its log. */
    String exitDescription() {
        StringBuilder text = new StringBuilder(name()).append(" exited");
        if (!process.isAlive()) {
            text.append(" with code ").append(process.exitValue());
        }
        text.append(" (log ").append(log).append(")");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> text.append(System.lineSeparator()).append("  ").append(l));
        } catch (IOException e) {
            text.append("; its log cannot be read: ").append(e.getMessage());
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return name() + "[pid " + pid() + ", " + adminUrl + (killed ? ", killed" : alive() ? "" : ", exited") + "]";
    }
}
