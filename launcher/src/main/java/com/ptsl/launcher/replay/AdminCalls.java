package com.ptsl.launcher.replay;

import com.ptsl.launcher.kafka.KafkaTopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The Admin client of one replay, and the one way its answers are awaited: bounded by the timeout, and every failure a
 * one-line {@link ReplayException} naming the broker and what was asked, so an unreachable cluster is a message and
 * exit 2, never a hang or a stack trace.
 */
final class AdminCalls implements AutoCloseable {

    private final Admin admin;
    private final String bootstrap;
    private final Duration timeout;

    private AdminCalls(Admin admin, String bootstrap, Duration timeout) {
        this.admin = admin;
        this.bootstrap = bootstrap;
        this.timeout = timeout;
    }

    static AdminCalls connect(String bootstrap, Duration timeout) {
        int millis = (int) timeout.toMillis();
        try {
            return new AdminCalls(Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.CLIENT_ID_CONFIG, "ptsl-replay",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis)), bootstrap, timeout);
        } catch (KafkaException e) {
            throw new ReplayException("--bootstrap-server " + bootstrap + ": " + KafkaTopicReader.rootMessage(e), e);
        }
    }

    Admin admin() {
        return admin;
    }

    String bootstrap() {
        return bootstrap;
    }

    /** Waits for an answer up to the timeout. */
    <T> T get(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw unreachable(cause);
            }
            throw new ReplayException("cannot " + what + " on Kafka at " + bootstrap + ": " + KafkaTopicReader.rootMessage(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayException("interrupted while waiting for Kafka to " + what, e);
        }
    }

    private ReplayException unreachable(Throwable e) {
        return new ReplayException("Kafka at " + bootstrap + " did not answer within " + timeout.toSeconds()
                + " s: is the broker running, and is --bootstrap-server (or KAFKA_BOOTSTRAP_SERVERS) right?", e);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
