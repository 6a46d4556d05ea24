package com.ptsl.kafka.embedded;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Kafka cluster per test class:
 * {@code @RegisterExtension static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();}.
 * Must be registered on a static field; JUnit only calls class-level callbacks for those.
 */
public final class KafkaClusterExtension implements BeforeAllCallback, AfterAllCallback {
  private final int brokers;
  private KafkaCluster cluster;
  // @Nested classes call beforeAll/afterAll again; only the outermost pair starts and stops.
  private int depth;

  private KafkaClusterExtension(int brokers) {
    this.brokers = brokers;
  }

  public static KafkaClusterExtension singleBroker() {
    return new KafkaClusterExtension(1);
  }

  public static KafkaClusterExtension threeBrokers() {
    return new KafkaClusterExtension(3);
  }

  @Override
  public synchronized void beforeAll(ExtensionContext context) {
    if (depth++ == 0) {
      cluster = KafkaClusters.forTests(brokers);
    }
  }

  @Override
  public synchronized void afterAll(ExtensionContext context) {
    if (--depth == 0 && cluster != null) {
      cluster.close();
      cluster = null;
    }
  }

  public synchronized KafkaCluster cluster() {
    if (cluster == null) {
      throw new IllegalStateException("Kafka is not running: register the extension on a static field");
    }
    return cluster;
  }

  /** For fault tests that stop and restart brokers; fails when the cluster runs in Docker. */
  public EmbeddedKafkaCluster embedded() {
    KafkaCluster c = cluster();
    if (c instanceof EmbeddedKafkaCluster) {
      return (EmbeddedKafkaCluster) c;
    }
    throw new IllegalStateException("Not an embedded cluster: " + c.description());
  }

  public String bootstrapServers() {
    return cluster().bootstrapServers();
  }
}
