package com.ptsl.gateway.publish;

import org.apache.kafka.clients.producer.RecordMetadata;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting for the broker's acknowledgements of sends from {@link RawPublisher}, then looking at each one: a
 * checkpoint may move only for the records that were acknowledged.
 */
public final class Acknowledgements {

    private Acknowledgements() {
    }

    /**
     * Waits until every send is acknowledged or failed, at most {@link RawPublisher#ACK_WAIT}. Failures are not
     * thrown here: callers look at each send with {@link #failureOf}. An interrupt ends the wait early and stays set.
     */
    public static void awaitAll(List<CompletableFuture<RecordMetadata>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(RawPublisher.ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Looked at send by send.
        }
    }

    /** The failure of a completed send, a timeout if it has not completed, or null if the broker acknowledged it. */
    public static Throwable failureOf(CompletableFuture<RecordMetadata> ack) {
        if (!ack.isDone()) {
            return new TimeoutException("no acknowledgement within " + RawPublisher.ACK_WAIT.toSeconds() + " s");
        }
        try {
            ack.getNow(null);
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }
}
