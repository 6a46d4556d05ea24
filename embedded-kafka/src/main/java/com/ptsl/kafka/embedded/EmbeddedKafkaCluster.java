package com.ptsl.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka KRaft cluster inside this JVM. One broker runs as a single combined broker+controller
 * node; more brokers get one dedicated controller, because a quorum of combined nodes loses its
 * majority while being shut down one by one and then hangs.
 */
public final class EmbeddedKafkaCluster implements KafkaCluster {
  static {
    QuietKafkaLogging.apply(); // before any Kafka server class creates its loggers
  }

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration MEMBERSHIP_TIMEOUT = Duration.ofSeconds(60);
  private static final int CONTROLLER_NODE_ID = 1000;

  private final int brokerCount;
  private final List<KRaftNode> brokers;
  private final KRaftNode controller; // null when the only broker is also the controller
  private final Path root;
  private final boolean deleteRootOnClose;
  private final AtomicBoolean closed = new AtomicBoolean();
  private Admin admin;

  private EmbeddedKafkaCluster(int brokerCount, List<KRaftNode> brokers, KRaftNode controller, Path root, boolean deleteRootOnClose) {
    this.brokerCount = brokerCount;
    this.brokers = brokers;
    this.controller = controller;
    this.root = root;
    this.deleteRootOnClose = deleteRootOnClose;
  }

  /** Starts a cluster whose data lives in a temp dir that is deleted on close. */
  public static EmbeddedKafkaCluster start(int brokers) {
    try {
      return start(brokers, Files.createTempDirectory("embedded-kafka-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a cluster whose log dirs persist under {@code dataDir} across runs (ports are new each run). */
  public static EmbeddedKafkaCluster start(int brokers, Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(brokers, dataDir, false);
  }

  private static EmbeddedKafkaCluster start(int brokerCount, Path root, boolean temporary) {
    if (brokerCount < 1) {
      throw new IllegalArgumentException("brokers must be >= 1, was " + brokerCount);
    }
    long started = System.nanoTime();
    EmbeddedKafkaCluster cluster = layout(brokerCount, root, temporary);
    try {
      cluster.boot();
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    LOG.info(String.format(Locale.ROOT, "Embedded KRaft cluster (%s) up at %s in %.1f s",
        brokers(brokerCount), cluster.bootstrapServers(), (System.nanoTime() - started) / 1e9));
    return cluster;
  }

  private static EmbeddedKafkaCluster layout(int brokerCount, Path root, boolean temporary) {
    List<KRaftNode> brokers = new ArrayList<>();
    KRaftNode controller = null;
    if (brokerCount == 1) {
      int port = FreePorts.next();
      int controllerPort = FreePorts.next();
      brokers.add(new KRaftNode("node-1", 1, port,
          NodeConfigs.combined(1, port, controllerPort, root.resolve("node-1")), root.resolve("node-1.properties")));
    } else {
      int controllerPort = FreePorts.next();
      String voters = CONTROLLER_NODE_ID + "@" + NodeConfigs.HOST + ":" + controllerPort;
      controller = new KRaftNode("controller", CONTROLLER_NODE_ID, -1,
          NodeConfigs.controller(CONTROLLER_NODE_ID, controllerPort, brokerCount, root.resolve("controller")),
          root.resolve("controller.properties"));
      for (int i = 0; i < brokerCount; i++) {
        String name = "broker-" + i;
        int port = FreePorts.next();
        brokers.add(new KRaftNode(name, i + 1, port,
            NodeConfigs.broker(i + 1, port, voters, brokerCount, root.resolve(name)), root.resolve(name + ".properties")));
      }
    }
    return new EmbeddedKafkaCluster(brokerCount, List.copyOf(brokers), controller, root, temporary);
  }

  private void boot() {
    String clusterId = clusterId();
    allNodes().forEach(n -> n.format(clusterId));
    if (controller != null) {
      controller.start();
    }
    // Each broker's startup() blocks until it caught up with the quorum; in sequence that adds up.
    inParallel(brokers, KRaftNode::start, STARTUP_TIMEOUT);
    admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-admin"));
    awaitBrokers(brokers.stream().map(b -> b.nodeId).collect(Collectors.toSet()), STARTUP_TIMEOUT);
  }

  /** Persistent data must keep its cluster id, or the formatted log dirs would be rejected. */
  private String clusterId() {
    Path file = root.resolve("cluster.id");
    try {
      if (Files.exists(file)) {
        return Files.readString(file, StandardCharsets.UTF_8).trim();
      }
      String id = Uuid.randomUuid().toString();
      Files.writeString(file, id, StandardCharsets.UTF_8);
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String bootstrapServers() {
    return brokers.stream().map(KRaftNode::address).collect(Collectors.joining(","));
  }

  @Override
  public String description() {
    return controller == null ? "embedded KRaft, 1 broker" : "embedded KRaft, " + brokers(brokerCount) + " + 1 controller";
  }

  public int brokerCount() {
    return brokerCount;
  }

  @Override
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    ensureOpen();
    TopicAdmin.create(admin, name, partitions, Math.min(3, brokerCount), configs);
  }

  /** Controlled shutdown of one broker; its log dir stays so {@link #restartBroker} resumes it. */
  public void stopBroker(int index) {
    ensureOpen();
    KRaftNode broker = broker(index);
    broker.stop();
    Set<Integer> stillUp = runningBrokerIds();
    if (!stillUp.isEmpty()) {
      awaitBrokers(stillUp, MEMBERSHIP_TIMEOUT);
    }
    LOG.info("Stopped broker {} ({})", index, broker.address());
  }

  /** Restarts the broker on its old port and log dir; returns once it is back in the ISR of its partitions. */
  public void restartBroker(int index) {
    ensureOpen();
    KRaftNode broker = broker(index);
    long started = System.nanoTime();
    broker.start();
    awaitBrokers(runningBrokerIds(), MEMBERSHIP_TIMEOUT);
    Poll.until("broker " + index + " back in sync", MEMBERSHIP_TIMEOUT, () -> inSyncEverywhere(broker.nodeId));
    LOG.info(String.format(Locale.ROOT, "Restarted broker %d (%s) in %.1f s", index, broker.address(),
        (System.nanoTime() - started) / 1e9));
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long started = System.nanoTime();
    if (admin != null) {
      quietly("closing admin client", () -> admin.close(Duration.ofSeconds(5)));
    }
    // Brokers first: their controlled shutdown needs a live controller.
    for (KRaftNode broker : brokers) {
      quietly("stopping " + broker.name, broker::stop);
    }
    if (controller != null) {
      quietly("stopping controller", controller::stop);
    }
    if (deleteRootOnClose) {
      quietly("deleting " + root, () -> deleteRecursively(root));
    }
    LOG.info(String.format(Locale.ROOT, "Embedded KRaft cluster (%s) stopped in %.1f s",
        brokers(brokerCount), (System.nanoTime() - started) / 1e9));
  }

  private KRaftNode broker(int index) {
    if (index < 0 || index >= brokers.size()) {
      throw new IndexOutOfBoundsException("broker index " + index + " not in 0.." + (brokers.size() - 1));
    }
    return brokers.get(index);
  }

  private Set<Integer> runningBrokerIds() {
    return brokers.stream().filter(KRaftNode::running).map(b -> b.nodeId).collect(Collectors.toSet());
  }

  /** Waits until the cluster's view of live brokers is exactly {@code expected}. */
  private void awaitBrokers(Set<Integer> expected, Duration timeout) {
    Poll.until("brokers " + expected + " to be the live set", timeout, () -> {
      Collection<Node> nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
      return nodes.stream().map(Node::id).collect(Collectors.toSet()).equals(expected);
    });
  }

  private boolean inSyncEverywhere(int nodeId) throws Exception {
    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(5, TimeUnit.SECONDS);
    if (topics.isEmpty()) {
      return true;
    }
    return admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).values().stream()
        .flatMap(t -> t.partitions().stream())
        .filter(p -> p.replicas().stream().anyMatch(r -> r.id() == nodeId))
        .allMatch(p -> p.isr().stream().anyMatch(r -> r.id() == nodeId));
  }

  private List<KRaftNode> allNodes() {
    return controller == null ? brokers : Stream.concat(Stream.of(controller), brokers.stream()).collect(Collectors.toList());
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("cluster is closed");
    }
  }

  private static void inParallel(List<KRaftNode> nodes, java.util.function.Consumer<KRaftNode> action, Duration timeout) {
    if (nodes.size() == 1) {
      action.accept(nodes.get(0));
      return;
    }
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    for (KRaftNode node : nodes) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          action.accept(node);
          f.complete(null);
        } catch (Throwable e) {
          f.completeExceptionally(e);
        }
      }, "embedded-kafka-start-" + node.name);
      t.setDaemon(true); // a hung startup must not keep the JVM alive
      t.start();
      futures.add(f);
    }
    try {
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted starting brokers", e);
    } catch (java.util.concurrent.ExecutionException | CompletionException e) {
      throw new IllegalStateException("A broker failed to start", e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Brokers did not start within " + timeout.toSeconds() + " s", e);
    }
  }

  private static void quietly(String what, Runnable action) {
    try {
      action.run();
    } catch (RuntimeException | Error e) {
      LOG.warn("Ignoring failure while {}", what, e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String brokers(int n) {
    return n == 1 ? "1 broker" : n + " brokers";
  }

  @Override
  public String toString() {
    return description() + " at " + bootstrapServers();
  }
}
