package com.ptsl.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/** Topic creation shared by every {@link KafkaCluster} implementation. */
final class TopicAdmin {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TopicAdmin() {}

  static void create(Admin admin, String name, int partitions, int replicationFactor, Map<String, String> configs) {
    NewTopic topic = new NewTopic(name, partitions, (short) replicationFactor).configs(configs);
    try {
      admin.createTopics(List.of(topic)).all().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic " + name, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted creating topic " + name, e);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Timed out creating topic " + name, e);
    }
    // CreateTopics returns once the controller committed the record; brokers learn about it a little later.
    Poll.until("leaders for all partitions of topic " + name, TIMEOUT, () -> allPartitionsLed(admin, name));
  }

  private static boolean allPartitionsLed(Admin admin, String name) throws Exception {
    TopicDescription description =
        admin.describeTopics(List.of(name)).allTopicNames().get(5, TimeUnit.SECONDS).get(name);
    return description != null
        && !description.partitions().isEmpty()
        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
  }
}
