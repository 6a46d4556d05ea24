package com.ptsl.reconciler;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.reconciler.support.EventLog;
import com.ptsl.reconciler.support.PayTraceRecords;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Usage and access problems end in a ReconcileException whose message names the bad input, and no report: an unknown
 * topic, a broker or database that does not answer, a window without data, a window that is no window. The topics of
 * this broker are created step by step, so the order of the tests matters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileInputErrorsTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final Duration SHORT = Duration.ofSeconds(3);

    private static ReconcileOptions options(String bootstrap, String jdbcUrl, ZonedDateTime from, ZonedDateTime to) {
        return new ReconcileOptions(bootstrap, jdbcUrl, "sa", "", from, to, ZONE, "PTSL", false, line -> { });
    }

    private static ReconcileOptions lastHour(String jdbcUrl) {
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        return options(kafka.bootstrapServers(), jdbcUrl, now.minusHours(1), now.plusMinutes(1));
    }

    @Test
    @Order(1)
    void aTopicTheBrokerDoesNotHaveIsNamed() {
        TopicCreator.ensure(kafka.bootstrapServers(), List.of(Topics.RAW_TRANSACTIONS, Topics.RAW_BATCHES, Topics.ERP_COMMANDS));
        assertThatThrownBy(() -> Reconciler.run(lastHour("jdbc:h2:mem:unused"), SHORT))
                .isInstanceOf(ReconcileException.class)
                .hasMessageContaining("unknown topic payments.review");
    }

    @Test
    @Order(2)
    void aWindowWithoutRawRecordsIsRefused() {
        TopicCreator.ensure(kafka.bootstrapServers(), List.of(Topics.PAYMENTS_REVIEW));
        assertThatThrownBy(() -> Reconciler.run(lastHour("jdbc:h2:mem:unused"), SHORT))
                .isInstanceOf(ReconcileException.class)
                .hasMessageContaining("no paytrace.transactions.raw records between");
    }

    @Test
    @Order(3)
    void anUnreachableDatabaseIsNamedWithoutItsProperties() throws IOException {
        try (EventLog log = new EventLog(kafka.bootstrapServers())) {
            String json = PayTraceRecords.sale(910001, "5.00", "Y", LocalDateTime.now(ZONE));
            log.send(Topics.RAW_TRANSACTIONS, "910001", PayTraceRecords.envelope(json, Instant.now()));
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + freePort() + "/mem:nowhere;IFEXISTS=TRUE";
        assertThatThrownBy(() -> Reconciler.run(lastHour(url), SHORT))
                .isInstanceOf(ReconcileException.class)
                .hasMessageContaining("SL database jdbc:h2:tcp://127.0.0.1:")
                .hasMessageContaining("unreachable")
                .hasMessageNotContaining("IFEXISTS");
    }

    @Test
    @Order(4)
    void aDatabaseTheSinkNeverRanAgainstIsRefused() {
        try (SlSandbox sl = SlSandbox.inMemory("reconcile_errors_no_ledger")) {
            assertThatThrownBy(() -> Reconciler.run(lastHour(sl.jdbcUrl()), SHORT))
                    .isInstanceOf(ReconcileException.class)
                    .hasMessageContaining("PTSL_CommandLedger");
        }
    }

    @Test
    void anUnreachableBrokerIsNamed() throws IOException {
        String nowhere = "127.0.0.1:" + freePort();
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        assertThatThrownBy(() -> Reconciler.run(options(nowhere, "jdbc:h2:mem:unused", now.minusHours(1), now), SHORT))
                .isInstanceOf(ReconcileException.class)
                .hasMessageContaining("Kafka broker " + nowhere + " unreachable");
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        assertThatThrownBy(() -> Reconciler.run(options(kafka.bootstrapServers(), "jdbc:h2:mem:unused", now, now.minusHours(1)), SHORT))
                .isInstanceOf(ReconcileException.class)
                .hasMessageContaining("the window is empty");
    }

    @Test
    void missingBootstrapServersAreNamed() {
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        assertThatThrownBy(() -> Reconciler.run(options(" ", "jdbc:h2:mem:unused", now.minusHours(1), now), SHORT))
                .isInstanceOf(ReconcileException.class)
                .hasMessageContaining("no Kafka bootstrap servers");
    }

    @Test
    void aJdbcUrlOfAnotherDatabaseIsRefusedBeforeAnythingIsRead() {
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        assertThatThrownBy(() -> Reconciler.run(options("127.0.0.1:1", "jdbc:postgresql://db/sl;password=secret", now.minusHours(1), now), SHORT))
                .isInstanceOf(ReconcileException.class)
                .hasMessageContaining("must start with jdbc:sqlserver: or jdbc:h2:")
                .hasMessageNotContaining("secret");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
