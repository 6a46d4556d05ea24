package com.ptsl.launcher.reconcile;

import com.ptsl.reconciler.Reconciler;
import com.ptsl.sandbox.sl.SlSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

/**
 * The real reconciler behind {@code ptsl reconcile} when the broker is not there: exit 2 with a message naming the
 * address, within the reconciler's timeouts, and no report.
 */
class ReconcileCommandUnreachableTest {

    /** The reconciler gives up on a broker after at most 15 s. */
    private static final Duration BOUND = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private Run ptsl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ReconcileCommand(Map.of(), Clock.systemUTC(), Reconciler::run));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void anUnreachableBrokerIsExitTwoNamingIt() throws IOException {
        String nobody = "127.0.0.1:" + freePort();
        try (SlSandbox sl = SlSandbox.inMemory("reconcile-nobroker-" + UUID.randomUUID())) {
            Run run = assertTimeout(BOUND, () -> ptsl("--bootstrap-server", nobody, "--sl-jdbc-url", sl.jdbcUrl(),
                    "--sl-user", sl.user(), "--sl-password", sl.password(), "--from", "yesterday",
                    "--report", dir.resolve("reports").toString()));

            assertThat(run.exit()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).contains("Error: ").contains(nobody);
            if (!sl.password().isEmpty()) {
                assertThat(run.err()).doesNotContain(sl.password());
            }
            assertThat(run.out()).isEmpty();
            assertThat(dir.resolve("reports")).doesNotExist();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there
        }
    }
}
