package com.ptsl.sandbox.sl;

import org.h2.tools.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;

/**
 * An in-memory sandbox served over H2's TCP server, so a test can take the database away from its
 * clients ({@link #stop()}: the server and every client session end, as when a SQL Server goes down)
 * and bring it back ({@link #start()}, same port, same data: the sandbox's own connection keeps the
 * in-memory database alive meanwhile).
 *
 * <p>Without {@code -tcpAllowOthers} H2 closes any connection that does not come from this machine.
 * The listening socket binds the address in the system property {@code h2.bindAddress} (H2 reads it
 * once), which is every interface when unset; the build's tests and the {@code ptsl} script set
 * {@code -Dh2.bindAddress=127.0.0.1}, so it is loopback only there. {@code -ifExists} stops a client from creating other databases through it.
 */
public final class SlTcpEndpoint implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlTcpEndpoint.class);

    private final String database;
    private final String options;
    private int port;
    private Server server;

    /** {@code database} as H2 names it after the host, e.g. {@code mem:sink_1}; {@code options} without a leading ';'. */
    SlTcpEndpoint(String database, String options) {
        this.database = database;
        this.options = options;
        this.port = 0;
        start();
    }

    /** {@code jdbc:h2:tcp://127.0.0.1:<port>/mem:<name>;<the sandbox's options>}; unchanged across stop/start. */
    public synchronized String jdbcUrl() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/" + database + ";" + options;
    }

    public synchronized int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return server != null && server.isRunning(false);
    }

    /** Listens again, on the port of the first start; a no-op while running. */
    public synchronized SlTcpEndpoint start() {
        if (isRunning()) {
            return this;
        }
        try {
            // Daemon threads: a test that forgets to stop the endpoint must not keep its JVM alive.
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifExists", "-tcpDaemon").start();
        } catch (SQLException e) {
            throw new SlSandboxException("cannot serve " + database + " over TCP on port " + port, e);
        }
        port = server.getPort();
        log.info("Serving {} over TCP on port {}", database, port);
        return this;
    }

    /** Stops listening and ends every client session; the data stays. Idempotent. */
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
            log.info("Stopped serving {} over TCP (port {})", database, port);
        }
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "SlTcpEndpoint[" + jdbcUrl() + (isRunning() ? "" : ", stopped") + "]";
    }
}
