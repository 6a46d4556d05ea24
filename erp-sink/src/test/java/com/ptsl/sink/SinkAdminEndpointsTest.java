package com.ptsl.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.sl.SlTcpEndpoint;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.service.admin.AdminClient;
import com.ptsl.service.admin.AdminConfig;
import com.ptsl.service.metrics.Scrape;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.KafkaTopics;
import com.ptsl.sink.support.SlReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sink's /metrics and /health over real HTTP, with a real broker and the SL sandbox: the counters
 * Prometheus scrapes are the sink's own record, and readiness follows the database going away and
 * coming back while no command is lost or applied twice.
 */
class SinkAdminEndpointsTest {

    private final AdminClient client = new AdminClient(null);

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final LocalDate TODAY = LocalDate.now();
    private static KafkaTopics topics;

    private H2SlSandboxDatabase db;
    private SlReader sl;
    private SinkService sink;

    @BeforeAll
    static void createTopics() throws Exception {
        TopicCreator.ensure(kafka.bootstrapServers(), List.of(Topics.ERP_COMMANDS, Topics.ERP_RESULTS));
        topics = new KafkaTopics(kafka.bootstrapServers());
    }

    @AfterAll
    static void closeTopics() throws Exception {
        topics.close();
    }

    @BeforeEach
    void freshDatabaseAndTopics() throws Exception {
        topics.truncate(Topics.ERP_COMMANDS);
        topics.truncate(Topics.ERP_RESULTS);
        db = H2SlSandboxDatabase.seeded();
        sl = new SlReader(db);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (sink != null) {
            sink.close();
        }
        db.close();
    }

    @Test
    void metricsShowWhatWasCommittedAndReadinessIsUp() throws Exception {
        int n = 8;
        List<ErpCommand> commands = payments("m-", 870000, n);
        // Half carry PayTrace's record time (whole seconds, as created.at gives it); the rest are v1-shaped commands.
        for (int i = 0; i < n; i += 2) {
            commands.get(i).setSourceRecordTime(Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1));
        }
        commands.forEach(topics::send);

        sink = new SinkService(config(db.jdbcUrl())).start();
        String admin = sink.adminUrl();
        await().atMost(DEADLINE).until(() -> sink.metrics().applied() == n);
        // Ready also needs the SL feed's first cycle, which runs beside the commands.
        await().atMost(DEADLINE).until(() -> client.readiness(admin).status() == 200);

        String text = client.metricsText(admin);
        Scrape metrics = Scrape.parse(text);
        assertThat(metrics.value("ptsl_sink_commands_total", "result", "APPLIED")).isEqualTo(n);
        assertThat(metrics.value("ptsl_sink_commands_total", "result", "DUPLICATE")).isEqualTo(0);
        assertThat(metrics.value("ptsl_sink_commands_total", "result", "REJECTED")).isEqualTo(0);
        assertThat(metrics.value("ptsl_sink_documents_written_total")).isEqualTo(n);
        assertThat(metrics.value("ptsl_e2e_gateway_to_sl_seconds_count")).isEqualTo(n);
        assertThat(metrics.value("ptsl_e2e_paytrace_to_sl_seconds_count")).isEqualTo(n / 2.0);
        assertThat(text).containsPattern("(?m)^ptsl_e2e_gateway_to_sl_seconds_bucket\\{le=\"1\\.0\"\\} \\d")
                .containsPattern("(?m)^ptsl_e2e_gateway_to_sl_seconds_bucket\\{le=\"\\+Inf\"\\} " + n + "(\\.0)?$")
                .containsPattern("(?m)^ptsl_sink_sql_transaction_seconds_bucket\\{le=\"1\\.0\"\\} \\d")
                .containsPattern("(?m)^ptsl_sink_consumer_lag_records\\{partition=\"\\d+\"\\} \\d")
                .containsPattern("(?m)^kafka_consumer_\\w+\\{")
                .containsPattern("(?m)^kafka_producer_\\w+\\{");
        assertThat(metrics.value("ptsl_sink_commands_per_transaction_sum")).isEqualTo(n);
        assertThat(metrics.total("ptsl_sink_sql_transaction_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("ptsl_sink_assigned_partitions")).isEqualTo(Topics.ERP_COMMANDS.partitions());
        assertThat(metrics.samples("ptsl_sink_consumer_lag_records")).hasSize(Topics.ERP_COMMANDS.partitions());
        assertThat(metrics.sum("ptsl_sink_last_commit_age_seconds")).isPresent();
        assertThat(metrics.value("ptsl_service_ready")).isEqualTo(1);
        assertThat(undescribedFamilies(text)).as("every ptsl_ meter has a HELP text").isEmpty();

        AdminClient.Answer ready = client.readiness(admin);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        JsonNode checks = ready.json().get("checks");
        assertThat(checks.get("consumer").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("partitions").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("database").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("feed").get("status").asText()).isEqualTo("UP");
        assertThat(checks.get("feed").get("detail").asText()).startsWith("SL feed current");

        // The SL feed's meters (what it published depends on what an earlier test left on the topics: not asserted here).
        Scrape feed = client.scrape(admin);
        assertThat(feed.value("ptsl_sink_feed_high_water", "topic", "sl.invoices")).isPositive();
        assertThat(feed.value("ptsl_sink_feed_high_water", "topic", "sl.customers")).isPositive();
        assertThat(feed.samples("ptsl_sink_feed_snapshots_published_total")).hasSize(2);
        assertThat(feed.samples("ptsl_sink_feed_tombstones_published_total")).hasSize(2);
        assertThat(feed.total("ptsl_sink_feed_cycle_seconds_count")).isGreaterThanOrEqualTo(1);
        assertThat(feed.sum("ptsl_sink_feed_last_success_age_seconds")).isPresent();
        assertThat(client.get(admin, "/health/live").status()).isEqualTo(200);
    }

    @Test
    void readinessNamesTheDatabaseWhileItIsAwayAndNothingIsLostOrDoubledWhenItReturns() throws Exception {
        SlTcpEndpoint tcp = db.serveTcp();
        sink = new SinkService(config(tcp.jdbcUrl())).start();
        String admin = sink.adminUrl();
        List<ErpCommand> before = payments("out-a-", 880000, 5);
        before.forEach(topics::send);
        await().atMost(DEADLINE).until(() -> sink.metrics().applied() == 5 && allResultsSent(5));
        await().atMost(DEADLINE).until(() -> client.readiness(admin).status() == 200);

        tcp.stop();

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> client.readiness(admin).status() == 503);
        JsonNode down = client.readiness(admin).json();
        assertThat(down.get("status").asText()).isEqualTo("DOWN");
        assertThat(down.get("checks").get("database").get("status").asText()).isEqualTo("DOWN");
        assertThat(down.get("checks").get("database").get("detail").asText()).startsWith("SL database did not answer within 2 s");
        assertThat(down.get("checks").get("consumer").get("status").asText()).isEqualTo("UP");
        assertThat(client.scrape(admin).value("ptsl_service_ready")).isZero();

        long retriesBefore = sink.metrics().transientRetries();
        List<ErpCommand> during = payments("out-b-", 881000, 5);
        during.forEach(topics::send);
        // Two: the broken connection, then a reconnect refused.
        await().atMost(DEADLINE).until(() -> sink.metrics().transientRetries() >= retriesBefore + 2);
        assertThat(sl.payments()).as("nothing reaches SL while it is away").hasSize(5);

        tcp.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> client.readiness(admin).status() == 200);
        await().atMost(DEADLINE).until(() -> sink.metrics().applied() == 10 && allResultsSent(10));
        List<ErpCommand> all = new ArrayList<>(before);
        all.addAll(during);
        for (ErpCommand c : all) {
            assertThat(sl.paymentsWithRefNbr(c.getSourceTransactionId())).as(c.getCommandId()).hasSize(1);
        }
        assertThat(sl.payments()).hasSize(10);
        assertThat(sl.ledger()).hasSize(10);
        assertThat(sink.metrics().duplicates()).isZero();
        assertThat(client.scrape(admin).value("ptsl_sink_commands_total", "result", "APPLIED")).isEqualTo(10);
    }

    private SinkConfig config(String jdbcUrl) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SINK_GROUP_ID", "sink-admin-test-" + UUID.randomUUID());
        env.put("SL_JDBC_URL", jdbcUrl);
        env.put("SL_DB_USER", db.user());
        env.put("SL_DB_PASSWORD", db.password());
        return SinkConfig.fromEnv(env).withAdmin(AdminConfig.ephemeral());
    }

    /** {@code count} unapplied payments to different customers, transaction ids from {@code firstTransaction}. */
    private static List<ErpCommand> payments(String idPrefix, int firstTransaction, int count) {
        List<ErpCommand> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Commands.payment(idPrefix + i, String.format("C%05d", 1 + i % 20), String.valueOf(firstTransaction + i), "7.00", TODAY));
        }
        return out;
    }

    private boolean allResultsSent(int rows) {
        List<Map<String, Object>> ledger = sl.ledger();
        return ledger.size() == rows && ledger.stream().allMatch(r -> r.get("ResultSent").equals(1));
    }

    /** ptsl_ metric families whose HELP line is missing or empty (promtool would complain). */
    private static List<String> undescribedFamilies(String scrape) {
        List<String> missing = new ArrayList<>();
        Matcher types = Pattern.compile("(?m)^# TYPE (ptsl_\\w+) ").matcher(scrape);
        while (types.find()) {
            String family = types.group(1);
            if (!Pattern.compile("(?m)^# HELP " + family + " \\S").matcher(scrape).find()) {
                missing.add(family);
            }
        }
        return missing;
    }
}
