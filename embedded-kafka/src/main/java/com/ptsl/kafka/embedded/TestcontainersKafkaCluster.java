package com.ptsl.kafka.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** A single-node Kafka in Docker, for machines that have a Docker engine. */
public final class TestcontainersKafkaCluster implements KafkaCluster {
  private static final Logger LOG = LoggerFactory.getLogger(TestcontainersKafkaCluster.class);
  static final String IMAGE = "apache/kafka:4.4.0";

  private final KafkaContainer container;
  private final Admin admin;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TestcontainersKafkaCluster(KafkaContainer container) {
    this.container = container;
    this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, container.getBootstrapServers()));
  }

  /**
   * Asks Testcontainers, but only when some Docker endpoint is plausible: its probe logs a multi-line
   * ERROR when it finds nothing, which would clutter every test run on Docker-less machines.
   */
  public static boolean dockerAvailable() {
    if (!dockerHinted()) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  private static boolean dockerHinted() {
    if (System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null) {
      return true;
    }
    String home = System.getProperty("user.home", "");
    String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
    return Files.exists(Path.of("/var/run/docker.sock"))
        || Files.exists(Path.of(home, ".testcontainers.properties"))
        || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
        || Files.exists(Path.of(home, ".colima", "default", "docker.sock"))
        || (runtimeDir != null && (Files.exists(Path.of(runtimeDir, "docker.sock"))
            || Files.exists(Path.of(runtimeDir, "podman", "podman.sock"))))
        || System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win");
  }

  public static TestcontainersKafkaCluster start() {
    long started = System.nanoTime();
    KafkaContainer container = new KafkaContainer(IMAGE)
        // Testcontainers sets the offsets/transaction replication to 1 but not the share coordinator's.
        .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
        .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1")
        .withEnv("KAFKA_TRANSACTION_STATE_LOG_NUM_PARTITIONS", "5");
    container.start();
    TestcontainersKafkaCluster cluster = new TestcontainersKafkaCluster(container);
    LOG.info(String.format(Locale.ROOT, "Testcontainers %s up at %s in %.1f s",
        IMAGE, cluster.bootstrapServers(), (System.nanoTime() - started) / 1e9));
    return cluster;
  }

  @Override
  public String bootstrapServers() {
    return container.getBootstrapServers();
  }

  @Override
  public String description() {
    return "Testcontainers " + IMAGE;
  }

  @Override
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    if (closed.get()) {
      throw new IllegalStateException("cluster is closed");
    }
    TopicAdmin.create(admin, name, partitions, 1, configs);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      admin.close(Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      LOG.warn("Ignoring failure closing admin client", e);
    }
    try {
      container.stop();
    } catch (RuntimeException e) {
      LOG.warn("Ignoring failure stopping Kafka container", e);
    }
  }

  @Override
  public String toString() {
    return description() + " at " + bootstrapServers();
  }
}
