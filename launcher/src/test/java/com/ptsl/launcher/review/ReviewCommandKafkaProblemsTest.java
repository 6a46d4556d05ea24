package com.ptsl.launcher.review;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.launcher.review.KafkaFixture.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** When Kafka cannot serve the review commands: exit 2 with one line saying why, and nothing created or written. */
class ReviewCommandKafkaProblemsTest {

    /** A broker on which the pipeline never ran: none of its topics exist. */
    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    @Test
    void listOnAClusterWithoutTheTopicSaysSoAndCreatesNothing() {
        try (KafkaFixture cluster = new KafkaFixture(kafka.bootstrapServers())) {
            Run run = cluster.review("list");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("Error: topic payments.review does not exist on Kafka at " + kafka.bootstrapServers()
                    + " (has the pipeline run against this cluster?)\n");
            assertThat(run.out()).isEmpty();
            assertThat(cluster.topicExists("payments.review")).isFalse();
        }
    }

    @Test
    void resolveOnAClusterWithoutTheTopicsWritesNothing() {
        try (KafkaFixture cluster = new KafkaFixture(kafka.bootstrapServers())) {
            Run run = cluster.review("resolve", "9000001", "--ignore");

            assertThat(run.exit()).isEqualTo(2);
            assertThat(run.err()).startsWith("Error: topic payments.review.resolutions does not exist on Kafka at ");
            assertThat(cluster.topicExists("payments.review.resolutions")).isFalse();
        }
    }

    @Test
    void anUnreachableBrokerIsReportedWithinTheTimeout() throws IOException {
        String nobody = "127.0.0.1:" + freePort();

        Run list = KafkaFixture.ptsl("review", "list", "--bootstrap-server", nobody, "--timeout", "2");
        assertThat(list.exit()).isEqualTo(2);
        assertThat(list.err()).isEqualTo("Error: Kafka at " + nobody + " did not answer within 2 s: is the broker running,"
                + " and is --bootstrap-server (or KAFKA_BOOTSTRAP_SERVERS) right?\n");

        Run resolve = KafkaFixture.ptsl("review", "resolve", "9000001", "--ignore", "--bootstrap-server", nobody, "--timeout", "2");
        assertThat(resolve.exit()).isEqualTo(2);
        assertThat(resolve.err()).startsWith("Error: Kafka at " + nobody + " did not answer within 2 s");
    }

    @Test
    void aMalformedBootstrapServerIsNamed() {
        Run run = KafkaFixture.ptsl("review", "list", "--bootstrap-server", "no-port-here");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).startsWith("Error: --bootstrap-server no-port-here: ");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort(); // closed again: nothing listens there
        }
    }
}
