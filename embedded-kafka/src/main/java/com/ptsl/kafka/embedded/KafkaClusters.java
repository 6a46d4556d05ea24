package com.ptsl.kafka.embedded;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the Kafka engine for tests. */
public final class KafkaClusters {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaClusters.class);
  static final String ENGINE_PROPERTY = "ptsl.kafka.engine";
  static final String ENGINE_ENV = "PTSL_KAFKA_ENGINE";

  private KafkaClusters() {}

  /**
   * Testcontainers when a Docker engine answers and the engine is not forced to "embedded" (system
   * property {@code ptsl.kafka.engine} or env {@code PTSL_KAFKA_ENGINE}); the in-process cluster
   * otherwise. More than one broker is always embedded: the Kafka container is a single node, and
   * fault tests need {@link EmbeddedKafkaCluster#stopBroker}.
   */
  public static KafkaCluster forTests(int brokers) {
    String engine = engineSetting();
    KafkaCluster cluster;
    if (brokers == 1 && !"embedded".equals(engine) && TestcontainersKafkaCluster.dockerAvailable()) {
      cluster = TestcontainersKafkaCluster.start();
    } else {
      cluster = EmbeddedKafkaCluster.start(brokers);
    }
    LOG.info("Kafka for tests: {} at {}", cluster.description(), cluster.bootstrapServers());
    return cluster;
  }

  private static String engineSetting() {
    String value = System.getProperty(ENGINE_PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(ENGINE_ENV);
    }
    return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
  }
}
