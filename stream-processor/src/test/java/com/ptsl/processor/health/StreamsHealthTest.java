package com.ptsl.processor.health;

import com.ptsl.processor.health.StreamsHealth.LocalThread;
import com.ptsl.service.health.Check;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The readiness decisions for every Kafka Streams state, without a broker. */
class StreamsHealthTest {

    private static final List<LocalThread> TWO_RUNNING = List.of(
            new LocalThread("app-StreamThread-1", "RUNNING"), new LocalThread("app-StreamThread-2", "RUNNING"));
    private static final String FAILURE = "app-StreamThread-1 died at 2026-01-05T12:00:00Z: java.lang.IllegalStateException: boom";

    @ParameterizedTest
    @EnumSource(State.class)
    void streamsIsReadyOnlyWhenRunningAndNamesTheStateOtherwise(State state) {
        Check.Result result = StreamsHealth.streams(state, TWO_RUNNING, null);

        if (state == State.RUNNING) {
            assertThat(result).isEqualTo(Check.Result.ok("RUNNING, 2 stream threads"));
        } else {
            assertThat(result.ok()).isFalse();
            assertThat(result.detail()).startsWith("Kafka Streams is " + state);
        }
    }

    @Test
    void streamsSaysWhatEachNotReadyStateMeans() {
        assertThat(StreamsHealth.streams(State.REBALANCING, TWO_RUNNING, null).detail()).isEqualTo("Kafka Streams is REBALANCING");
        assertThat(StreamsHealth.streams(State.CREATED, List.of(), null).detail()).isEqualTo("Kafka Streams is CREATED: not started yet");
        assertThat(StreamsHealth.streams(State.NOT_RUNNING, List.of(), null).detail()).isEqualTo("Kafka Streams is NOT_RUNNING");
        assertThat(StreamsHealth.streams(State.ERROR, List.of(), null).detail())
                .isEqualTo("Kafka Streams is ERROR: every stream thread died (see logs)");
        assertThat(StreamsHealth.streams(State.ERROR, List.of(), FAILURE).detail())
                .isEqualTo("Kafka Streams is ERROR: every stream thread died (see logs); last stream-thread failure: " + FAILURE);
    }

    @Test
    void runningCountsOnlyLiveThreads() {
        List<LocalThread> oneDying = List.of(new LocalThread("t1", "RUNNING"), new LocalThread("t2", "PENDING_SHUTDOWN"));

        assertThat(StreamsHealth.streams(State.RUNNING, oneDying, null).detail()).isEqualTo("RUNNING, 1 stream thread");
    }

    @ParameterizedTest
    @EnumSource(State.class)
    void threadsAreHealthyOnlyWhileStreamsRunsOrRebalancesWithLiveThreads(State state) {
        Check.Result result = StreamsHealth.threads(state, TWO_RUNNING, null);

        boolean processing = state == State.RUNNING || state == State.REBALANCING;
        assertThat(result.ok()).isEqualTo(processing);
        assertThat(result.detail()).isEqualTo(processing ? "2 stream threads alive"
                : state == State.CREATED ? "stream threads not started (Kafka Streams is CREATED)"
                : "stream threads stopped (Kafka Streams is " + state + ")");
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"RUNNING", "REBALANCING"})
    void threadsNameEveryThreadThatIsNotAlive(State state) {
        List<LocalThread> threads = List.of(new LocalThread("t1", "RUNNING"), new LocalThread("t2", "DEAD"),
                new LocalThread("t3", "PENDING_SHUTDOWN"), new LocalThread("t4", "PARTITIONS_ASSIGNED"));

        Check.Result result = StreamsHealth.threads(state, threads, FAILURE);

        assertThat(result).isEqualTo(Check.Result.failing(
                "stream thread(s) not alive: t2 (DEAD), t3 (PENDING_SHUTDOWN); last stream-thread failure: " + FAILURE));
    }

    @Test
    void noThreadAtAllIsNotHealthy() {
        assertThat(StreamsHealth.threads(State.RUNNING, List.of(), null)).isEqualTo(Check.Result.failing("no stream threads"));
    }

    @Test
    void aReplacedThreadIsHealthyButItsCauseIsShown() {
        Check.Result result = StreamsHealth.threads(State.RUNNING, List.of(new LocalThread("t1", "STARTING")), FAILURE);

        assertThat(result).isEqualTo(Check.Result.ok("1 stream thread alive; last replaced: " + FAILURE));
    }

    @Test
    void describeKeepsThreadTimeClassAndFirstLinesOfMessageAndCause() {
        StreamsException e = new StreamsException("Exception caught in process. taskId=0_1, topic=paytrace.transactions.raw, offset=7,"
                + " stacktrace=" + "at x.y.Z(Z.java:1)\n".repeat(50), new ProducerFencedException("epoch 3 is stale\nmore detail"));

        String text = StreamsHealth.describe("app-StreamThread-1", Instant.parse("2026-01-05T12:00:00Z"), e);

        assertThat(text).startsWith("app-StreamThread-1 died at 2026-01-05T12:00:00Z: org.apache.kafka.streams.errors.StreamsException:"
                        + " Exception caught in process. taskId=0_1")
                .endsWith("(cause: org.apache.kafka.common.errors.ProducerFencedException: epoch 3 is stale)")
                .doesNotContain("\n");
        assertThat(text.length()).isLessThan(600);
    }

    @Test
    void describeRemovesCardLikeDigitRuns() {
        String digits = "1".repeat(16); // not Luhn-valid, only the right length
        String text = StreamsHealth.describe("t1", Instant.EPOCH, new IllegalArgumentException("bad value " + digits));

        assertThat(text).doesNotContain(digits).contains("bad value [redacted]");
    }
}
