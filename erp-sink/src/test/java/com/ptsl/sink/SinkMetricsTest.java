package com.ptsl.sink;

import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.apply.PollBatchApplier;
import com.ptsl.sink.ledger.DeadLetterRow;
import com.ptsl.sink.support.Commands;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What one committed batch does to the meters, and the lag gauges following partition ownership. */
class SinkMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final SinkMetrics metrics = new SinkMetrics(registry);

    @Test
    void aCommittedBatchMovesTheCountersAndRecordsEndToEndLatencies() {
        Instant committedAt = Instant.parse("2026-03-01T10:00:05Z");
        ErpCommand withRecordTime = command("a", committedAt.minusMillis(1_500), committedAt.minusSeconds(4));
        ErpCommand withoutRecordTime = command("b", committedAt.minusMillis(500), null);
        // Clocks of two machines: a receipt "after" the commit must not become a negative latency.
        ErpCommand clockSkewed = command("c", committedAt.plusSeconds(3), committedAt.plusSeconds(2));

        metrics.committed(new PollBatchApplier.Committed(List.of(), List.of(), List.of(withRecordTime, withoutRecordTime, clockSkewed),
                5, 2, 3, committedAt, List.of(), PollBatchApplier.Redrives.NONE), TimeUnit.MILLISECONDS.toNanos(40));

        assertThat(metrics.applied()).isEqualTo(3);
        assertThat(metrics.rejected()).isEqualTo(2);
        assertThat(metrics.duplicates()).isZero();
        assertThat(metrics.commandsIn()).isEqualTo(5);
        assertThat(metrics.slDocumentsWritten()).isEqualTo(3);
        assertThat(metrics.lastCommitTime()).isEqualTo(committedAt);
        assertThat(metrics.endToEndCount()).isEqualTo(3);
        assertThat(metrics.paytraceToSlCount()).isEqualTo(2);
        assertThat(registry.get("ptsl.e2e.gateway.to.sl").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_000);
        assertThat(registry.get("ptsl.e2e.paytrace.to.sl").timer().max(TimeUnit.MILLISECONDS)).isEqualTo(4_000);
        assertThat(registry.get("ptsl.sink.sql.transaction").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(registry.get("ptsl.sink.commands.per.transaction").summary().totalAmount()).isEqualTo(5);
        assertThat(registry.get("ptsl.sink.last.commit.age").gauge().value()).isBetween(0.0, 60.0);
    }

    @Test
    void deadLettersAreCountedWhenTheyEnterTheQueueByKindAndRedrivesByOutcome() {
        Instant at = Instant.parse("2026-03-01T10:00:05Z");
        List<DeadLetterRow> rows = List.of(deadLetter("a", DeadLetterRow.Kind.POISON, 1, false),
                deadLetter("b", DeadLetterRow.Kind.REJECTED, 1, false),
                deadLetter("c", DeadLetterRow.Kind.REJECTED, 2, false),
                deadLetter("d", DeadLetterRow.Kind.REJECTED, 3, true));

        metrics.committed(new PollBatchApplier.Committed(List.of(), List.of(), List.of(), 4, 3, 0, at, rows,
                new PollBatchApplier.Redrives(1, 1, 2)), 1_000);

        assertThat(metrics.deadLetters(DeadLetterRow.Kind.POISON)).isEqualTo(1);
        assertThat(metrics.deadLetters(DeadLetterRow.Kind.REJECTED)).as("a re-drive refused again is not a new dead letter").isEqualTo(1);
        assertThat(metrics.deadLetters(DeadLetterRow.Kind.ERROR)).isZero();
        assertThat(metrics.redrivesApplied()).isEqualTo(1);
        assertThat(metrics.redrivesRejected()).isEqualTo(1);
        assertThat(metrics.redrivesIgnored()).isEqualTo(2);
        assertThat(registry.find("ptsl.sink.dead.letters").counters()).extracting(c -> c.getId().getTag("kind"))
                .containsExactlyInAnyOrder("poison", "rejected", "error");
        assertThat(registry.find("ptsl.sink.redrives").counters()).extracting(c -> c.getId().getTag("outcome"))
                .containsExactlyInAnyOrder("applied", "rejected", "ignored");
        assertThat(registry.get("ptsl.sink.paused.partitions").gauge().value()).isZero();
    }

    @Test
    void depositsAreCountedByOutcomeFromTheCommittedResultsAndBothMetersExistFromTheStart() {
        assertThat(registry.find("ptsl.sink.deposits").counters()).extracting(c -> c.getId().getTag("outcome"))
                .containsExactlyInAnyOrder("matched", "mismatch");
        Instant at = Instant.parse("2026-03-01T10:00:05Z");
        List<ErpResult> results = List.of(result("CloseDeposit:1:a", ResultStatus.APPLIED, "DEPOSIT_MATCHED"),
                result("CloseDeposit:2:b", ResultStatus.APPLIED, "DEPOSIT_MISMATCH"),
                result("CloseDeposit:3:c", ResultStatus.APPLIED, "DEPOSIT_MISMATCH"),
                result("CloseDeposit:4:d", ResultStatus.REJECTED, "REJECTED"),
                result("PostPayment:5", ResultStatus.APPLIED, "POSTED"));

        metrics.committed(new PollBatchApplier.Committed(results, List.of(), List.of(), 5, 1, 1, at, List.of(),
                PollBatchApplier.Redrives.NONE), 1_000);

        assertThat(metrics.depositsMatched()).isEqualTo(1);
        assertThat(metrics.depositsMismatched()).isEqualTo(2);
        assertThat(registry.get("ptsl.sink.deposits").tag("outcome", "mismatch").counter().count()).isEqualTo(2.0);
    }

    private static ErpResult result(String commandId, ResultStatus status, String event) {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        return ErpResult.newBuilder().setCommandId(commandId).setStatus(status).setCustId("").setSourceTransactionId("x")
                .setSourceReceivedAt(at).setProcessedAt(at).setEvent(event)
                .setCommandType(commandId.substring(0, commandId.indexOf(':'))).build();
    }

    private static DeadLetterRow deadLetter(String id, DeadLetterRow.Kind kind, int attempts, boolean resolved) {
        Instant at = Instant.parse("2026-03-01T10:00:00Z");
        return new DeadLetterRow(id, kind, new byte[] {1}, "C1", "erp.commands", "why", attempts, at, at, "C1", id, "PostPayment",
                null, resolved);
    }

    @Test
    void everyResultCounterExistsBeforeTheFirstCommand() {
        assertThat(registry.find("ptsl.sink.commands").counters()).extracting(c -> c.getId().getTag("result"))
                .containsExactlyInAnyOrder("APPLIED", "DUPLICATE", "REJECTED");
        assertThat(metrics.lastCommitTime()).isNull();
    }

    @Test
    void theFeedMetersExistBeforeTheFirstCycleWithOnlyTheTopicAsLabel() {
        assertThat(registry.find("ptsl.sink.feed.snapshots.published").counters()).extracting(c -> c.getId().getTag("topic"))
                .containsExactlyInAnyOrder("sl.invoices", "sl.customers");
        assertThat(registry.find("ptsl.sink.feed.tombstones.published").counters()).hasSize(2);
        assertThat(registry.find("ptsl.sink.feed.high.water").gauges()).hasSize(2);
        assertThat(registry.get("ptsl.sink.feed.cycle").timer().count()).isZero();
        assertThat(registry.get("ptsl.sink.feed.cycle.failures").counter().count()).isZero();
        assertThat(registry.get("ptsl.sink.feed.last.success.age").gauge().value()).isBetween(0.0, 60.0);
    }

    @Test
    void aFeedCycleMovesItsCountersTheTimerAndTheHighWaterGauge() {
        metrics.published(Topics.SL_INVOICES, 3, 1);
        metrics.published(Topics.SL_CUSTOMERS, 2, 0);
        metrics.cycleSucceeded(TimeUnit.MILLISECONDS.toNanos(12));
        metrics.cycleFailed(TimeUnit.MILLISECONDS.toNanos(3));
        metrics.highWater(Topics.SL_INVOICES, 4711);

        assertThat(metrics.feedSnapshots(Topics.SL_INVOICES)).isEqualTo(3);
        assertThat(metrics.feedTombstones(Topics.SL_INVOICES)).isEqualTo(1);
        assertThat(metrics.feedSnapshots(Topics.SL_CUSTOMERS)).isEqualTo(2);
        assertThat(metrics.feedCycles()).isEqualTo(1);
        assertThat(metrics.feedCycleFailures()).isEqualTo(1);
        assertThat(registry.get("ptsl.sink.feed.high.water").tag("topic", "sl.invoices").gauge().value()).isEqualTo(4711);
        assertThat(registry.get("ptsl.sink.feed.cycle").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(12);
    }

    @Test
    void aPartitionHasALagGaugeOnlyWhileItIsOwned() {
        TopicPartition p0 = new TopicPartition("erp.commands", 0);
        TopicPartition p4 = new TopicPartition("erp.commands", 4);

        metrics.lag().assigned(List.of(p0, p4));
        metrics.lag().assigned(List.of(p4));
        assertThat(lagPartitions()).containsExactlyInAnyOrder("0", "4");

        metrics.lag().released(List.of(p0));
        assertThat(lagPartitions()).containsExactly("4");

        metrics.lag().assigned(List.of(p0));
        assertThat(lagPartitions()).containsExactlyInAnyOrder("0", "4");
        assertThat(registry.get("ptsl.sink.consumer.lag.records").tag("partition", "0").gauge().value()).isZero();
    }

    private List<String> lagPartitions() {
        return registry.find("ptsl.sink.consumer.lag.records").meters().stream().map(Meter::getId)
                .map(id -> id.getTag("partition")).toList();
    }

    private static ErpCommand command(String id, Instant receivedAt, Instant recordTime) {
        ErpCommand c = Commands.payment(id, "C00001", "8900" + id.length(), "1.00", LocalDate.of(2026, 3, 1));
        c.setSourceReceivedAt(receivedAt);
        c.setSourceRecordTime(recordTime);
        return c;
    }
}
