package com.ptsl.schemas;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates the catalogue's topics with their partitions and configs if they do not exist yet.
 * Services call it at start so that a fresh cluster works without a manual step; on a managed
 * cluster where topics are provisioned by operations it finds them all present and does nothing.
 */
public final class TopicCreator {

    private TopicCreator() {
    }

    /**
     * Creation returns once the controller has the topics; a broker's metadata may lag a little. A global
     * table reads its topic's partitions exactly once at start and fails on an unknown topic, so wait until
     * the brokers describe every topic.
     */
    private static void awaitVisible(Admin admin, Collection<Topic<?, ?>> topics) throws InterruptedException, TimeoutException {
        List<String> names = topics.stream().map(Topic::name).toList();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Topics " + names + " not visible: " + e.getCause().getMessage(), e.getCause());
                }
                Thread.sleep(50); // metadata propagation between controller and brokers, bounded by the deadline above
            }
        }
    }

    public static void ensure(String bootstrapServers, Collection<Topic<?, ?>> topics) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            int brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
            short replication = (short) Math.min(3, brokers);
            for (Topic<?, ?> topic : topics) {
                NewTopic spec = new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.of(replication))
                        .configs(topic.configs());
                try {
                    admin.createTopics(List.of(spec)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic.name() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
            awaitVisible(admin, topics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer: " + e.getMessage(), e);
        }
    }
}
