package com.ptsl.kafka.embedded;

import java.util.Map;

/** A running Kafka cluster that tests and the launcher can talk to, whatever engine runs it. */
public interface KafkaCluster extends AutoCloseable {

  String bootstrapServers();

  /** Human-readable engine description, e.g. "embedded KRaft, 1 broker". */
  String description();

  /**
   * Creates the topic with replication factor min(3, brokers) and returns once its partitions have
   * leaders, so a producer started right after does not race topic propagation. An existing topic
   * is not an error.
   */
  void createTopic(String name, int partitions, Map<String, String> configs);

  default void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** Idempotent; never throws checked exceptions. */
  @Override
  void close();
}
