package com.ptsl.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class SingleBrokerClusterTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static EmbeddedKafkaCluster cluster;

  @BeforeAll
  static void start() {
    cluster = EmbeddedKafkaCluster.start(1);
  }

  @AfterAll
  static void closeTwice() {
    cluster.close();
    assertThatCode(cluster::close).doesNotThrowAnyException();
    assertThatThrownBy(() -> cluster.createTopic("after-close", 1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void describesItself() {
    assertThat(cluster.description()).isEqualTo("embedded KRaft, 1 broker");
    assertThat(cluster.brokerCount()).isEqualTo(1);
    assertThat(cluster.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
  }

  @Test
  void idempotentProducerRecordsArrive() throws Exception {
    cluster.createTopic("idempotent", 3, Map.of("cleanup.policy", "delete"));
    cluster.createTopic("idempotent", 3); // already exists: fine
    List<String> sent = values("i", 50);
    try (KafkaProducer<String, String> producer = TestClients.idempotentProducer(cluster.bootstrapServers())) {
      for (String v : sent) {
        producer.send(new ProducerRecord<>("idempotent", v, v)).get();
      }
    }
    assertThat(TestClients.readCommitted(cluster.bootstrapServers(), "idempotent", sent.size(), WAIT))
        .containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void readCommittedSeesCommittedTransactionsOnly() {
    cluster.createTopic("transactional", 2);
    List<String> committed = values("c", 20);
    try (KafkaProducer<String, String> producer = TestClients.transactionalProducer(cluster.bootstrapServers())) {
      producer.initTransactions();
      producer.beginTransaction();
      values("aborted", 5).forEach(v -> producer.send(new ProducerRecord<>("transactional", v, v)));
      producer.abortTransaction();
      producer.beginTransaction();
      committed.forEach(v -> producer.send(new ProducerRecord<>("transactional", v, v)));
      producer.commitTransaction();
    }
    assertThat(TestClients.readCommitted(cluster.bootstrapServers(), "transactional", committed.size(), WAIT))
        .containsExactlyInAnyOrderElementsOf(committed);
  }

  @Test
  void persistentDataDirSurvivesRestart(@TempDir Path dataDir) throws Exception {
    try (EmbeddedKafkaCluster first = EmbeddedKafkaCluster.start(1, dataDir)) {
      first.createTopic("durable", 1);
      try (KafkaProducer<String, String> producer = TestClients.idempotentProducer(first.bootstrapServers())) {
        producer.send(new ProducerRecord<>("durable", "k", "kept")).get();
      }
    }
    try (EmbeddedKafkaCluster second = EmbeddedKafkaCluster.start(1, dataDir)) {
      second.createTopic("durable", 1);
      assertThat(TestClients.readCommitted(second.bootstrapServers(), "durable", 1, WAIT)).containsExactly("kept");
    }
  }

  @Test
  void restartsTheOnlyNode() throws Exception {
    try (EmbeddedKafkaCluster own = EmbeddedKafkaCluster.start(1)) {
      own.createTopic("outage", 1);
      own.stopBroker(0);
      own.restartBroker(0);
      try (KafkaProducer<String, String> producer = TestClients.idempotentProducer(own.bootstrapServers())) {
        producer.send(new ProducerRecord<>("outage", "k", "after-restart")).get();
      }
      assertThat(TestClients.readCommitted(own.bootstrapServers(), "outage", 1, WAIT)).containsExactly("after-restart");
    }
  }

  static List<String> values(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).collect(Collectors.toList());
  }
}
