package com.ptsl.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaClustersTest {
  @RegisterExtension
  static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

  @Test
  void withoutDockerTestsGetTheEmbeddedCluster() {
    assumeFalse(TestcontainersKafkaCluster.dockerAvailable(), "a Docker engine answers here");
    assertThat(kafka.cluster()).isInstanceOf(EmbeddedKafkaCluster.class);
    assertThat(kafka.cluster().description()).isEqualTo("embedded KRaft, 1 broker");
    assertThat(kafka.embedded().brokerCount()).isEqualTo(1);
  }

  @Test
  void extensionExposesAUsableCluster() {
    assertThat(kafka.bootstrapServers()).isEqualTo(kafka.cluster().bootstrapServers()).isNotBlank();
    kafka.cluster().createTopic("via-extension", 1);
  }
}
