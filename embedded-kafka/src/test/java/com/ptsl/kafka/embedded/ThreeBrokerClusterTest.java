package com.ptsl.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ThreeBrokerClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static EmbeddedKafkaCluster cluster;
  private static Admin admin;

  @BeforeAll
  static void start() {
    cluster = EmbeddedKafkaCluster.start(3);
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    if (admin != null) {
      admin.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void survivesOneBrokerDownAndRejoins() throws Exception {
    assertThat(cluster.description()).isEqualTo("embedded KRaft, 3 brokers + 1 controller");
    assertThat(cluster.bootstrapServers().split(",")).hasSize(3);
    cluster.createTopic("replicated", 3, Map.of("min.insync.replicas", "2"));
    TopicDescription topic = admin.describeTopics(List.of("replicated")).allTopicNames().get(10, TimeUnit.SECONDS).get("replicated");
    assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));

    List<String> before = SingleBrokerClusterTest.values("before", 30);
    List<String> during = SingleBrokerClusterTest.values("during", 30);
    List<String> after = SingleBrokerClusterTest.values("after", 30);

    try (KafkaProducer<String, String> producer = TestClients.idempotentProducer(cluster.bootstrapServers())) {
      send(producer, before);
      assertThat(TestClients.readCommitted(cluster.bootstrapServers(), "replicated", 30, WAIT))
          .containsExactlyInAnyOrderElementsOf(before);

      cluster.stopBroker(1);
      assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(2);
      send(producer, during); // acks=all with 2 of 3 in sync still meets min ISR 2
      assertThat(TestClients.readCommitted(cluster.bootstrapServers(), "replicated", 60, WAIT))
          .containsExactlyInAnyOrderElementsOf(concat(before, during));

      cluster.restartBroker(1);
      assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(3);
      send(producer, after);
    }
    assertThat(TestClients.readCommitted(cluster.bootstrapServers(), "replicated", 90, WAIT))
        .containsExactlyInAnyOrderElementsOf(concat(concat(before, during), after));
    TopicDescription healed = admin.describeTopics(List.of("replicated")).allTopicNames().get(10, TimeUnit.SECONDS).get("replicated");
    assertThat(healed.partitions()).allSatisfy(p -> assertThat(p.isr()).hasSize(3));
  }

  @Test
  void transactionsWorkWithReplicatedStateLog() {
    cluster.createTopic("replicated-tx", 2);
    List<String> values = SingleBrokerClusterTest.values("tx", 10);
    try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(cluster.bootstrapServers())) {
      producer.initTransactions();
      producer.beginTransaction();
      values.forEach(v -> producer.send(new ProducerRecord<>("replicated-tx", v, v)));
      producer.commitTransaction();
    }
    assertThat(TestClients.readCommitted(cluster.bootstrapServers(), "replicated-tx", values.size(), WAIT))
        .containsExactlyInAnyOrderElementsOf(values);
  }

  private static void send(KafkaProducer<String, String> producer, List<String> values) throws Exception {
    for (String v : values) {
      producer.send(new ProducerRecord<>("replicated", v, v)).get(30, TimeUnit.SECONDS);
    }
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new java.util.ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
