package com.ptsl.processor.health;

import com.ptsl.processor.errors.Redaction;
import com.ptsl.service.health.Check;
import org.apache.kafka.streams.KafkaStreams;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The decisions behind the "streams" and "threads" readiness checks. Pure, so that every
 * {@link KafkaStreams.State} is tested without a broker; the service only gathers the inputs.
 */
public final class StreamsHealth {

    /** Kafka's StreamsException messages embed a whole stack trace; a first line this long tells failures apart. */
    private static final int MAX_MESSAGE = 200;

    private StreamsHealth() {
    }

    /**
     * One local stream thread as {@link org.apache.kafka.streams.ThreadMetadata} reports it.
     *
     * @param state a {@code StreamThread.State} name (CREATED, STARTING, PARTITIONS_ASSIGNED, RUNNING, PENDING_SHUTDOWN, DEAD...)
     */
    public record LocalThread(String name, String state) {

        public boolean alive() {
            return !"DEAD".equals(state) && !"PENDING_SHUTDOWN".equals(state);
        }
    }

    /**
     * "streams": ready only in RUNNING. REBALANCING is not ready on purpose: no partitions are processed then.
     *
     * @param lastFailure the last stream thread's death as {@link #describe} wrote it, or null
     */
    public static Check.Result streams(KafkaStreams.State state, List<LocalThread> threads, String lastFailure) {
        if (state == KafkaStreams.State.RUNNING) {
            return Check.Result.ok("RUNNING, " + count(threads.stream().filter(LocalThread::alive).count()));
        }
        String why = switch (state) {
            case CREATED -> ": not started yet";
            case PENDING_ERROR, ERROR -> ": every stream thread died (see logs)";
            default -> "";
        };
        return Check.Result.failing("Kafka Streams is " + state + why + lastFailure(lastFailure));
    }

    /** "threads": at least one local stream thread, and none of them dying or dead. */
    public static Check.Result threads(KafkaStreams.State state, List<LocalThread> threads, String lastFailure) {
        if (state == KafkaStreams.State.CREATED) {
            return Check.Result.failing("stream threads not started (Kafka Streams is CREATED)");
        }
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            return Check.Result.failing("stream threads stopped (Kafka Streams is " + state + ")" + lastFailure(lastFailure));
        }
        List<LocalThread> notAlive = threads.stream().filter(t -> !t.alive()).toList();
        if (!notAlive.isEmpty()) {
            return Check.Result.failing("stream thread(s) not alive: "
                    + notAlive.stream().map(t -> t.name() + " (" + t.state() + ")").collect(Collectors.joining(", "))
                    + lastFailure(lastFailure));
        }
        if (threads.isEmpty()) {
            return Check.Result.failing("no stream threads" + lastFailure(lastFailure));
        }
        // Healthy, but a replaced thread is worth showing: a thread dying every minute is still "ready".
        String replaced = lastFailure == null ? "" : "; last replaced: " + lastFailure;
        return Check.Result.ok(count(threads.size()) + " alive" + replaced);
    }

    /**
     * What the uncaught-exception handler keeps of a thread's death: thread, time, exception class and
     * message (and its root cause's), shortened and with card-like digit runs removed. No record contents:
     * Kafka's own messages carry topic, partition and offset, never a value.
     */
    public static String describe(String threadName, Instant at, Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = threadName + " died at " + at + ": " + oneLine(e) + (root == e ? "" : " (cause: " + oneLine(root) + ")");
        return Redaction.digitRuns(text);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip().lines().findFirst().orElse("");
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "...";
        }
        return t.getClass().getName() + (message.isEmpty() ? "" : ": " + message);
    }

    private static String lastFailure(String lastFailure) {
        return lastFailure == null ? "" : "; last stream-thread failure: " + lastFailure;
    }

    private static String count(long threads) {
        return threads + (threads == 1 ? " stream thread" : " stream threads");
    }
}
