package com.ptsl.reconciler.log;

import com.ptsl.reconciler.ReconcileException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Before anything is read: the broker answers within the access timeout, and every topic the reconciliation needs
 * exists. Either failing is a usage or access problem ({@link ReconcileException}), never a half-read report.
 */
public final class KafkaCheck {

    private KafkaCheck() {
    }

    public static void require(String bootstrapServers, List<String> topics, Duration timeout) throws ReconcileException {
        Admin admin;
        try {
            admin = Admin.create(KafkaClients.admin(bootstrapServers, timeout));
        } catch (KafkaException e) {
            throw new ReconcileException("Kafka bootstrap servers '" + bootstrapServers + "' are not usable: " + rootMessage(e), e);
        }
        try {
            try {
                admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                throw new ReconcileException("Kafka broker " + bootstrapServers + " unreachable: no answer within "
                        + timeout.toSeconds() + " s (" + rootMessage(e) + ")", e);
            }
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
            List<String> unknown = new ArrayList<>();
            for (String topic : topics) {
                try {
                    described.get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                        unknown.add(topic);
                    } else {
                        throw new ReconcileException("cannot describe topic " + topic + " on " + bootstrapServers + ": " + rootMessage(e), e);
                    }
                } catch (TimeoutException e) {
                    throw new ReconcileException("Kafka broker " + bootstrapServers + " did not describe topic " + topic + " within "
                            + timeout.toSeconds() + " s", e);
                }
            }
            if (!unknown.isEmpty()) {
                throw new ReconcileException((unknown.size() == 1 ? "unknown topic " : "unknown topics ") + String.join(", ", unknown)
                        + " on Kafka " + bootstrapServers);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReconcileException("interrupted while checking Kafka " + bootstrapServers, e);
        } finally {
            admin.close(Duration.ofSeconds(2));
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
