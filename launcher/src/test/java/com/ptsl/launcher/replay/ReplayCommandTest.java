package com.ptsl.launcher.replay;

import com.ptsl.processor.ProcessorConfig;
import com.ptsl.schemas.Topics;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of {@code ptsl replay} that need no broker: times, the topology's topics, the offset rule, usage errors. */
class ReplayCommandTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final TopicPartition RAW = new TopicPartition(Topics.RAW_TRANSACTIONS.name(), 0);

    @Test
    void defaultsAreTheProcessorsOwn() {
        assertThat(ReplayCommand.DEFAULT_APPLICATION_ID).isEqualTo(ProcessorConfig.APPLICATION_ID.defaultValue());
        assertThat(ReplayCommand.DEFAULT_ZONE).isEqualTo(ProcessorConfig.MERCHANT_ZONE.defaultValue());
    }

    @Test
    void aDateIsTheStartOfThatDayInTheMerchantsZoneAndAnOffsetIsTakenAsItSays() {
        assertThat(ReplayStart.parse("2026-03-02", LA).at()).contains(Instant.parse("2026-03-02T08:00:00Z"));
        assertThat(ReplayStart.parse("2026-03-02T06:30", LA).at()).contains(Instant.parse("2026-03-02T14:30:00Z"));
        assertThat(ReplayStart.parse("2026-03-02T06:30:00Z", LA).at()).contains(Instant.parse("2026-03-02T06:30:00Z"));
        assertThat(ReplayStart.parse("2026-03-02T06:30:00+01:00", LA).at()).contains(Instant.parse("2026-03-02T05:30:00Z"));
        assertThat(ReplayStart.parse("EARLIEST", LA).isEarliest()).isTrue();
        assertThatThrownBy(() -> ReplayStart.parse("yesterday-ish", LA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--from 'yesterday-ish' is not a time").hasMessageContaining("earliest");
    }

    @Test
    void theProcessorsInputsAreReadFromItsTopology() {
        ProcessorTopics topics = ProcessorTopics.ofProcessor("ptsl-stream-processor");

        assertThat(topics.eventLogs()).contains(Topics.RAW_TRANSACTIONS.name(), Topics.REVIEW_RESOLUTIONS.name())
                .doesNotContain(Topics.SL_INVOICES.name(), Topics.SL_CUSTOMERS.name(), Topics.SL_LOOKUP.name());
        assertThat(topics.tables()).containsExactlyInAnyOrder(Topics.SL_INVOICES.name(), Topics.SL_CUSTOMERS.name());
        assertThat(topics.globalTables()).containsExactly(Topics.SL_LOOKUP.name());
        assertThat(topics.outputs()).contains(Topics.ERP_COMMANDS.name(), Topics.ERP_RESULTS.name(), Topics.PAYMENTS_REVIEW.name());
        assertThat(topics.groupInputs()).noneMatch(t -> t.endsWith("-repartition"));
    }

    @Test
    void anEventLogResumesAtTheTimeButNeverSkipsWhatWasNotReadYet() {
        PartitionReset atTime = ReplayPlanner.reset(RAW, 90, 0, 100, 40L, false, false);
        assertThat(atTime.target()).isEqualTo(40);
        assertThat(atTime.toReprocess()).isEqualTo(60);
        assertThat(atTime.why()).isEqualTo(PartitionReset.Why.AT_TIME);

        PartitionReset nothingAfter = ReplayPlanner.reset(RAW, 100, 0, 100, -1L, false, false);
        assertThat(nothingAfter.target()).isEqualTo(100);
        assertThat(nothingAfter.why()).isEqualTo(PartitionReset.Why.END_NO_RECORD_AFTER);

        PartitionReset behind = ReplayPlanner.reset(RAW, 30, 0, 100, 40L, false, false);
        assertThat(behind.target()).as("records 30..39 were never processed").isEqualTo(30);
        assertThat(behind.why()).isEqualTo(PartitionReset.Why.KEPT_UNREAD);

        PartitionReset neverRead = ReplayPlanner.reset(RAW, -1, 5, 100, 40L, false, false);
        assertThat(neverRead.target()).isEqualTo(5);

        assertThat(ReplayPlanner.reset(RAW, 90, 3, 100, null, true, false).target()).as("a table").isEqualTo(3);
        assertThat(ReplayPlanner.reset(RAW, 90, 3, 100, null, false, true).target()).as("earliest").isEqualTo(3);
    }

    @Test
    void internalTopicsAreTheApplicationsChangelogsAndRepartitionsOnly() {
        assertThat(ReplayPlanner.isInternal("ptsl-stream-processor-dedupe-store-changelog", "ptsl-stream-processor")).isTrue();
        assertThat(ReplayPlanner.isInternal("ptsl-stream-processor-payments-by-customer-repartition", "ptsl-stream-processor")).isTrue();
        assertThat(ReplayPlanner.isInternal("other-app-dedupe-store-changelog", "ptsl-stream-processor")).isFalse();
        assertThat(ReplayPlanner.isInternal("ptsl-stream-processor-notes", "ptsl-stream-processor")).isFalse();
    }

    @Test
    void aBadTimeOrZoneIsAUsageErrorAndAnUnreachableBrokerTooWithinTheTimeout() throws Exception {
        assertThat(run("--from", "soon").exit()).isEqualTo(2);
        assertThat(run("--from", "soon").out()).contains("is not a time");
        assertThat(run("--from", "2026-03-02", "--zone", "Mars/Olympus").out()).contains("is not a time zone");
        assertThat(run().exit()).as("--from is required").isEqualTo(2);

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Cli unreachable = run("--from", "2026-03-02", "--bootstrap-server", "127.0.0.1:" + closedPort, "--timeout", "2",
                "--state-dir", Path.of(".").toString());
        assertThat(unreachable.exit()).isEqualTo(2);
        assertThat(unreachable.out()).contains("did not answer within 2 s").contains("nothing was changed");
    }

    private record Cli(int exit, String out) {
    }

    private static Cli run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new ReplayCommand());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        return new Cli(line.execute(args), out.toString());
    }
}
