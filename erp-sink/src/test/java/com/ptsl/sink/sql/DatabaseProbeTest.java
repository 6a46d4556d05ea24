package com.ptsl.sink.sql;

import com.ptsl.service.health.Check;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The "database" readiness check against a real database, a closed port and a server that never answers. */
class DatabaseProbeTest {

    private static final String PASSWORD = "pr0be-Secret";

    @Test
    void aReachableDatabaseIsUp() {
        try (H2SlSandboxDatabase db = H2SlSandboxDatabase.seeded();
             DatabaseProbe probe = new DatabaseProbe(db.jdbcUrl(), db.user(), db.password())) {
            Check.Result result = probe.check();

            assertThat(result.ok()).as(result.detail()).isTrue();
        }
    }

    @Test
    void aClosedPortIsDownWithTheReasonAndWithoutThePassword() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + closed + "/mem:absent;password=" + PASSWORD;
        try (DatabaseProbe probe = new DatabaseProbe(url, "sa", PASSWORD)) {
            Check.Result result = probe.check();

            assertThat(result.ok()).isFalse();
            assertThat(result.detail()).startsWith("SL database did not answer within 2 s: ").doesNotContain(PASSWORD);
        }
    }

    @Test
    void aServerThatNeverAnswersCostsEachCallerAtMostTheBoundAndOneConnection() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             DatabaseProbe probe = new DatabaseProbe("jdbc:h2:tcp://127.0.0.1:" + silent.getLocalPort() + "/mem:silent", "sa", "")) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closedByTheTest) {
                    // done
                }
            }, "silent-db");
            acceptor.setDaemon(true);
            acceptor.start();

            ExecutorService callers = Executors.newFixedThreadPool(4);
            try {
                List<Future<Check.Result>> results = callers.invokeAll(List.of(probe::check, probe::check, probe::check, probe::check));
                for (Future<Check.Result> r : results) {
                    assertThat(r.get().ok()).isFalse();
                    assertThat(r.get().detail()).startsWith("SL database did not answer within 2 s: ");
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(probe.check().ok()).isFalse();
            assertThat(accepted).as("one probe in flight, shared by every caller").hasSize(1);
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }
}
