package com.ptsl.launcher.scale;

import com.ptsl.processor.ProcessorConfig;
import com.ptsl.sink.SinkConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The stream-processor and the erp-sink scaled out: {@code n} instances of each, every one a separate JVM started
 * from the launcher's own classpath with the environment the in-process services get, plus what must differ per
 * instance (ADMIN_PORT, PROCESSOR_STATE_DIR, SINK_FEED_ENABLED) and an SL JDBC URL another process can reach.
 * Stopped by {@link #close()} and, should the launcher exit without closing, by a shutdown hook; a child whose
 * launcher died stops by itself ({@link ChildMain}).
 */
public final class ScaledServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScaledServices.class);
    /**
     * Kafka's default session.timeout.ms, which neither service overrides: a member that dies without leaving its
     * group (SIGKILL, a host lost) keeps its partitions this long before the coordinator drops it.
     */
    public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(45);
    /**
     * How long a killed instance's partitions may stand still: its session timeout, then a rebalance and the
     * survivors restoring its tasks' state. A settlement batch whose deposit closed within this time of a kill could
     * be compared with SL before its payments got there, so a deposit must wait at least this much more than the
     * match deadline.
     */
    public static final Duration FAILOVER_STALL = SESSION_TIMEOUT.plusSeconds(15);
    /** Longer than a service's own close (the sink joins its threads for up to 30 s). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(40);

    /**
     * Heaps: the processor holds RocksDB's caches off-heap and little on it; the sink holds one poll's batch. Child
     * logs at INFO (the launcher's console keeps WARN), Kafka's and Jetty's at WARN.
     */
    private static final List<String> LOGGING = List.of(
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
            "-Dorg.slf4j.simpleLogger.log.com.ptsl=info",
            "-Dorg.slf4j.simpleLogger.log.org.apache.kafka=warn",
            "-Dorg.slf4j.simpleLogger.log.kafka=warn",
            "-Dorg.slf4j.simpleLogger.log.org.eclipse.jetty=warn");
    static final List<String> PROCESSOR_JVM = jvm("-Xmx384m");
    static final List<String> SINK_JVM = jvm("-Xmx256m");

    private final InstanceFleet processors;
    private final InstanceFleet sinks;
    private final Thread hook;
    private boolean closed;

    private ScaledServices(InstanceFleet processors, InstanceFleet sinks) {
        this.processors = processors;
        this.sinks = sinks;
        this.hook = new Thread(this::close, "ptsl-stop-instances");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code instances} sinks and as many processors (all at once; the caller waits for /health/ready).
     *
     * @param environment  what the in-process services are given (EmbeddedPipeline's environment map)
     * @param slJdbcUrl    SL as another process reaches it: the sandbox's TCP endpoint, or a file database's AUTO_SERVER URL
     * @param dataDir      the run's data directory: state under {@code streams-<n>}, logs under {@code logs}
     */
    public static ScaledServices start(int instances, Map<String, String> environment, String slJdbcUrl, Path dataDir,
                                       Consumer<String> progress) {
        if (instances < 2) {
            throw new IllegalArgumentException("scale-out needs at least 2 instances, was " + instances);
        }
        Path logs = dataDir.resolve("logs");
        List<Integer> ports = freePorts(2 * instances);
        String applicationId = ProcessorConfig.fromEnv(environment).applicationId();
        List<ServiceInstance> sinkInstances = new ArrayList<>();
        List<ServiceInstance> processorInstances = new ArrayList<>();
        ScaledServices started = null;
        try {
            for (int n = 1; n <= instances; n++) {
                int port = ports.get(n - 1);
                Map<String, String> env = instanceEnvironment(environment, port, slJdbcUrl);
                // The SL feed has no leader election: one feed per deployment, on the first instance.
                env.put("SINK_FEED_ENABLED", Boolean.toString(n == 1));
                sinkInstances.add(ServiceInstance.start("erp-sink", n, ChildMain.SINK_MAIN, SINK_JVM, env, port, logs));
            }
            for (int n = 1; n <= instances; n++) {
                int port = ports.get(instances + n - 1);
                Map<String, String> env = instanceEnvironment(environment, port, slJdbcUrl);
                // RocksDB locks its state directory: each instance keeps its own, as each container has its own volume.
                env.put("PROCESSOR_STATE_DIR", dataDir.resolve("streams-" + n).toString());
                processorInstances.add(ServiceInstance.start("stream-processor", n, ChildMain.PROCESSOR_MAIN, PROCESSOR_JVM, env, port, logs));
            }
            String sinkGroup = SinkConfig.fromEnv(instanceEnvironment(environment, ports.get(0), slJdbcUrl)).groupId();
            started = new ScaledServices(new InstanceFleet("stream-processor", applicationId, processorInstances),
                    new InstanceFleet("erp-sink", sinkGroup, sinkInstances));
            progress.accept(String.format("started %d stream-processor and %d erp-sink instances as separate JVMs; logs in %s",
                    instances, instances, logs));
            return started;
        } finally {
            if (started == null) {
                // Whatever failed, nothing half-started stays behind.
                processorInstances.forEach(ServiceInstance::requestStop);
                sinkInstances.forEach(ServiceInstance::requestStop);
                processorInstances.forEach(i -> i.awaitStop(Duration.ofSeconds(5)));
                sinkInstances.forEach(i -> i.awaitStop(Duration.ofSeconds(5)));
            }
        }
    }

    private static Map<String, String> instanceEnvironment(Map<String, String> base, int adminPort, String slJdbcUrl) {
        Map<String, String> env = new HashMap<>(base);
        env.put("ADMIN_HOST", "127.0.0.1");
        env.put("ADMIN_PORT", Integer.toString(adminPort));
        env.put("SL_JDBC_URL", slJdbcUrl);
        return env;
    }

    private static List<String> jvm(String heap) {
        List<String> options = new ArrayList<>();
        options.add(heap);
        options.addAll(LOGGING);
        return List.copyOf(options);
    }

    /** Distinct free loopback ports, all held open while choosing so no two instances get the same. */
    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new IllegalStateException("no free ports for the instances' admin servers: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException e) {
                    log.debug("closing a probe socket: {}", e.toString());
                }
            }
        }
    }

    public InstanceFleet processors() {
        return processors;
    }

    public InstanceFleet sinks() {
        return sinks;
    }

    /** Each running instance's admin URL, by instance name, processors first (the in-process order: upstream first). */
    public Map<String, String> adminUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        for (InstanceFleet fleet : List.of(processors, sinks)) {
            fleet.live().forEach(i -> urls.put(i.name(), i.adminUrl()));
        }
        return urls;
    }

    /** Throws, with the end of its log, if an instance that was not killed has exited (e.g. its admin port was taken). */
    public void requireRunning() {
        processors.requireRunning();
        sinks.requireRunning();
    }

    /** Stops the processors (upstream) first, then the sinks, each fleet at once; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        processors.stop(STOP_GRACE);
        sinks.stop(STOP_GRACE);
        if (Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down: the hook runs and finds everything closed.
            }
        }
    }
}
