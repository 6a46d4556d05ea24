package com.ptsl.sink;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.sink.kafka.BackoffSettings;
import com.ptsl.sink.ledger.CommandLedger;
import com.ptsl.sink.ledger.LedgerEntry;
import com.ptsl.sink.sql.IntegrationTables;
import com.ptsl.sink.sql.dialect.SqlDialect;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.KafkaTopics;
import com.ptsl.sink.support.SlReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sink against a real Kafka broker and the SL sandbox: exactly one SL payment per command, results
 * on erp.results, offsets kept in SL across restarts, zombies fenced, the result outbox drained.
 */
class SinkServiceTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final LocalDate TODAY = LocalDate.now();
    private static KafkaTopics topics;

    private H2SlSandboxDatabase db;
    private SlReader sl;
    private String groupId;
    private final List<SinkService> services = new ArrayList<>();

    @BeforeAll
    static void createTopics() {
        TopicCreator.ensure(kafka.bootstrapServers(), List.of(Topics.ERP_COMMANDS, Topics.ERP_RESULTS));
        topics = new KafkaTopics(kafka.bootstrapServers());
    }

    @AfterAll
    static void closeTopics() {
        topics.close();
    }

    @BeforeEach
    void freshDatabaseGroupAndTopics() {
        topics.truncate(Topics.ERP_COMMANDS);
        topics.truncate(Topics.ERP_RESULTS);
        topics.readResultsFromStart();
        db = H2SlSandboxDatabase.seeded();
        sl = new SlReader(db);
        groupId = "sink-test-" + UUID.randomUUID();
    }

    @AfterEach
    void stopEverything() {
        services.forEach(SinkService::close);
        services.clear();
        db.close();
    }

    @Test
    void everyCommandIsAppliedOnceAndARepeatedCommandIdIsReportedDuplicate() {
        List<ErpCommand> commands = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String cust = String.format("C%05d", i);
            String invoice = sl.openInvoices(cust).get(0).refNbr();
            commands.add(Commands.payment("cmd-" + i, cust, "81000" + i, "20.00", TODAY, Commands.application(invoice, "15.00")));
        }
        ErpCommand unknownCustomer = Commands.payment("cmd-unknown", "NOBODY", "810099", "5.00", TODAY);
        commands.forEach(topics::send);
        topics.send(commands.get(0), unknownCustomer, commands.get(0));

        SinkService sink = start(config(200));

        Map<String, List<ResultStatus>> results = awaitResults(7);
        assertThat(results.get("cmd-1")).containsExactly(ResultStatus.APPLIED, ResultStatus.DUPLICATE, ResultStatus.DUPLICATE);
        for (int i = 2; i <= 6; i++) {
            assertThat(results.get("cmd-" + i)).containsExactly(ResultStatus.APPLIED);
        }
        assertThat(results.get("cmd-unknown")).containsExactly(ResultStatus.REJECTED);
        for (int i = 1; i <= 6; i++) {
            assertThat(sl.paymentsWithRefNbr("81000" + i)).hasSize(1);
        }
        assertThat(sl.payments()).hasSize(6);
        assertThat(sl.ledger()).hasSize(7).allSatisfy(row -> assertThat(row.get("ResultSent")).isEqualTo(1));
        assertThat(sink.metrics().applied()).isEqualTo(6);
        assertThat(sink.metrics().duplicates()).isEqualTo(2);
        assertThat(sink.metrics().rejected()).isEqualTo(1);
        assertThat(sink.metrics().slDocumentsWritten()).isEqualTo(6);
        ErpResult applied = topics.results().stream().filter(r -> r.getCommandId().equals("cmd-2")).findFirst().orElseThrow();
        assertThat(applied.getRefNbr()).isEqualTo("810002");
        assertThat(applied.getBatNbr()).isEqualTo("000101");
        assertThat(applied.getCustId()).isEqualTo("C00002");
    }

    @Test
    void aSinkStoppedMidStreamAndReplacedLeavesExactlyOnePaymentPerCommand() {
        int count = 40;
        List<ErpCommand> commands = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            commands.add(Commands.payment("restart-" + i, String.format("C%05d", 1 + i % 20), String.valueOf(820000 + i), "3.00", TODAY));
        }
        commands.forEach(topics::send);

        SinkService first = start(config(3));
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(5)).until(() -> first.metrics().applied() >= 6);
        first.close();
        long appliedByFirst = first.metrics().applied();
        assertThat(appliedByFirst).as("stopped mid-stream").isLessThan(count);
        SinkService second = start(config(3));

        Map<String, List<ResultStatus>> results = awaitResults(count);
        assertThat(results).hasSize(count).allSatisfy((id, statuses) -> assertThat(statuses).containsExactly(ResultStatus.APPLIED));
        assertThat(appliedByFirst + second.metrics().applied()).isEqualTo(count);
        for (ErpCommand c : commands) {
            assertThat(sl.paymentsWithRefNbr(c.getSourceTransactionId())).as(c.getCommandId()).hasSize(1);
        }
        assertThat(second.metrics().duplicates()).isZero();
        awaitStoredOffsetsAtEnd();
    }

    @Test
    void anApplyPaymentIsAppliedOnceAndItsRepeatIsADuplicate() {
        String invoice = sl.openInvoices("C00017").get(0).refNbr();
        ErpCommand post = Commands.payment("pay-1", "C00017", "815001", "25.00", TODAY);
        ErpCommand apply = Commands.applyPayment("apply-1", "C00017", "815001", Commands.application(invoice, "10.00"));
        topics.send(post, apply, apply);

        start(config(200));

        awaitResults(2);
        await().atMost(DEADLINE).until(() -> results().getOrDefault("apply-1", List.of()).size() == 2);
        Map<String, List<ResultStatus>> results = results();
        assertThat(results.get("pay-1")).containsExactly(ResultStatus.APPLIED);
        assertThat(results.get("apply-1")).containsExactly(ResultStatus.APPLIED, ResultStatus.DUPLICATE);
        assertThat(sl.applicationLines("C00017", "815001")).hasSize(1);
        assertThat((java.math.BigDecimal) sl.paymentsWithRefNbr("815001").get(0).get("ApplAmt")).isEqualByComparingTo("15.00");
        ErpResult applied = topics.results().stream().filter(r -> r.getCommandId().equals("apply-1")
                && r.getStatus() == ResultStatus.APPLIED).findFirst().orElseThrow();
        assertThat(applied.getRefNbr()).isEqualTo("815001");
        assertThat(applied.getBatNbr()).isEqualTo(sl.paymentsWithRefNbr("815001").get(0).get("BatNbr"));
    }

    @Test
    void aZombieThatLostItsPartitionCannotCommitAndNothingIsWrittenTwice() throws SQLException {
        String invoice = sl.openInvoices("C00010").get(0).refNbr();
        SinkConfig zombieProne = config(200).withMaxPollIntervalMs(4_000).withLockTimeoutMs(90_000);
        SinkService a = start(zombieProne);
        topics.send(Commands.payment("z-1", "C00010", "830001", "10.00", TODAY, Commands.application(invoice, "5.00")));
        await().atMost(DEADLINE).until(() -> a.metrics().applied() == 1);
        String batNbr = (String) sl.paymentsWithRefNbr("830001").get(0).get("BatNbr");

        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            lockBatch(holder, batNbr);
            // A takes the invoice's lock, then waits for the batch; past max.poll.interval the group drops it.
            topics.send(Commands.payment("z-2", "C00010", "830002", "10.00", TODAY, Commands.application(invoice, "5.00")));
            await().atMost(DEADLINE).until(() -> blockedSessions() >= 1);
            // B joins the same group, is given the partition, reads the stored offset (still before z-2) and waits behind A.
            SinkService b = start(config(200).withLockTimeoutMs(90_000));
            await().atMost(DEADLINE).until(() -> blockedSessions() >= 2);
            holder.rollback();

            await().atMost(DEADLINE).until(() -> a.metrics().zombieFences() + b.metrics().zombieFences() >= 1);
            topics.send(Commands.payment("z-3", "C00011", "830003", "7.00", TODAY));
            awaitResults(3);
            assertThat(sl.paymentsWithRefNbr("830001")).hasSize(1);
            assertThat(sl.paymentsWithRefNbr("830002")).hasSize(1);
            assertThat(sl.paymentsWithRefNbr("830003")).hasSize(1);
            assertThat(sl.applicationLines("C00010", "830002")).hasSize(1);
            assertThat(sl.ledger()).hasSize(3);
            assertThat(a.metrics().applied() + b.metrics().applied()).isEqualTo(3);
            assertThat(results().get("z-2")).containsExactly(ResultStatus.APPLIED);
            awaitStoredOffsetsAtEnd();
        }
    }

    @Test
    void lockTimeoutsAreRetriedWithoutSkippingOrDuplicating() throws SQLException {
        SinkService sink = start(config(200).withLockTimeoutMs(200));
        topics.send(Commands.payment("t-1", "C00012", "850001", "4.00", TODAY));
        await().atMost(DEADLINE).until(() -> sink.metrics().applied() == 1);
        String batNbr = (String) sl.paymentsWithRefNbr("850001").get(0).get("BatNbr");

        try (Connection holder = db.connect()) {
            holder.setAutoCommit(false);
            lockBatch(holder, batNbr);
            topics.send(Commands.payment("t-2", "C00012", "850002", "6.00", TODAY));
            await().atMost(DEADLINE).until(() -> sink.metrics().transientRetries() >= 2);
            assertThat(sl.paymentsWithRefNbr("850002")).isEmpty();
            holder.rollback();
        }

        awaitResults(2);
        assertThat(results()).containsEntry("t-2", List.of(ResultStatus.APPLIED));
        assertThat(sl.paymentsWithRefNbr("850002")).hasSize(1);
        assertThat((java.math.BigDecimal) sl.batch(batNbr).get("CtrlTot")).isEqualByComparingTo("10.00");
        assertThat(sink.metrics().applied()).isEqualTo(2);
    }

    @Test
    void backoffsLongerThanMaxPollIntervalAreWaitedOutPausedInTheGroupAndEachCommandAppliesOnceAfterTheLockGoes() throws Exception {
        // Each retry waits 2.5 s, past max.poll.interval.ms (1.5 s): a consumer that slept instead of polling would
        // leave the group and come back as a new member, with a rebalance each time.
        SinkService sink = start(config(200).withLockTimeoutMs(200).withMaxPollIntervalMs(1_500)
                .withRetry(new BackoffSettings(Duration.ofMillis(2_500), Duration.ofMillis(2_500))));
        topics.send(Commands.payment("w-1", "C00014", "880001", "4.00", TODAY));
        await().atMost(DEADLINE).until(() -> sink.metrics().applied() == 1);
        String batNbr = (String) sl.paymentsWithRefNbr("880001").get(0).get("BatNbr");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
             Connection holder = db.connect()) {
            Set<String> members = new HashSet<>(memberIds(admin));
            assertThat(members).hasSize(1);
            holder.setAutoCommit(false);
            lockBatch(holder, batNbr);
            topics.send(Commands.payment("w-2", "C00014", "880002", "5.00", TODAY),
                    Commands.payment("w-3", "C00014", "880003", "6.00", TODAY),
                    Commands.payment("w-4", "C00014", "880004", "7.00", TODAY));
            AtomicBoolean sawPaused = new AtomicBoolean();
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100)).until(() -> {
                members.addAll(memberIds(admin));
                sawPaused.compareAndSet(false, sink.metrics().pausedPartitions() > 0);
                return sink.metrics().transientRetries() >= 3;
            });
            assertThat(members).as("the same member throughout").hasSize(1);
            assertThat(sawPaused).isTrue();
            assertThat(sl.paymentsWithRefNbr("880002")).isEmpty();
            holder.rollback();
        }

        Map<String, List<ResultStatus>> results = awaitResults(4);
        assertThat(results).hasSize(4).allSatisfy((id, statuses) -> assertThat(statuses).containsExactly(ResultStatus.APPLIED));
        for (String refNbr : List.of("880001", "880002", "880003", "880004")) {
            assertThat(sl.paymentsWithRefNbr(refNbr)).as(refNbr).hasSize(1);
        }
        assertThat((java.math.BigDecimal) sl.batch(batNbr).get("CtrlTot")).isEqualByComparingTo("22.00");
        assertThat(sl.ledger()).hasSize(4);
        assertThat(sink.metrics().applied()).isEqualTo(4);
        await().atMost(DEADLINE).until(() -> sink.metrics().pausedPartitions() == 0);
        awaitStoredOffsetsAtEnd();
    }

    private Set<String> memberIds(Admin admin) throws Exception {
        Set<String> ids = new HashSet<>();
        admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).members().forEach(m -> ids.add(m.consumerId()));
        return ids;
    }

    @Test
    void aPoisonPillIsRejectedAndThePartitionKeepsFlowing() {
        topics.sendRaw("C00013", "not avro at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        topics.send(Commands.payment("p-1", "C00013", "860001", "9.00", TODAY));

        SinkService sink = start(config(200));

        Map<String, List<ResultStatus>> results = awaitResults(2);
        assertThat(results).containsEntry("p-1", List.of(ResultStatus.APPLIED));
        assertThat(results.keySet()).anySatisfy(id -> assertThat(id).startsWith("undecodable:" + Topics.ERP_COMMANDS.name() + "-"));
        assertThat(topics.results()).filteredOn(r -> r.getStatus() == ResultStatus.REJECTED).singleElement()
                .satisfies(r -> assertThat(r.getReason()).contains("not a readable ErpCommand"));
        assertThat(sink.metrics().rejected()).isEqualTo(1);
        assertThat(sl.paymentsWithRefNbr("860001")).hasSize(1);
    }

    @Test
    void aResultLeftUnsentInTheLedgerIsPublishedAtStart() throws SQLException {
        Instant received = Instant.parse("2026-01-02T03:04:05Z");
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            SqlDialect dialect = SqlDialect.forJdbcUrl(db.jdbcUrl());
            IntegrationTables.ensure(c, dialect);
            new CommandLedger(dialect).insert(c, new LedgerEntry("cmd-unsent", ResultStatus.APPLIED, null, "C00001", "840001",
                    "000777", "840001", received, received.plusSeconds(1)));
            c.commit();
        }

        start(config(200));

        await().atMost(DEADLINE).until(() -> topics.results().stream().anyMatch(r -> r.getCommandId().equals("cmd-unsent")));
        ErpResult result = topics.results().stream().filter(r -> r.getCommandId().equals("cmd-unsent")).findFirst().orElseThrow();
        assertThat(result.getStatus()).isEqualTo(ResultStatus.APPLIED);
        assertThat(result.getBatNbr()).isEqualTo("000777");
        assertThat(result.getSourceReceivedAt()).isEqualTo(received);
        await().atMost(DEADLINE).until(() -> sl.ledger().get(0).get("ResultSent").equals(1));
    }

    private SinkConfig config(int maxPollRecords) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SINK_GROUP_ID", groupId);
        env.put("SL_JDBC_URL", db.jdbcUrl());
        env.put("SL_DB_USER", db.user());
        env.put("SL_DB_PASSWORD", db.password());
        env.put("SINK_MAX_POLL_RECORDS", String.valueOf(maxPollRecords));
        env.put("ADMIN_PORT", "0");
        // The SL feed has its own tests (SlFeedTest); here its sessions would only blur blockedSessions().
        env.put("SINK_FEED_ENABLED", "false");
        return SinkConfig.fromEnv(env);
    }

    private SinkService start(SinkConfig config) {
        SinkService service = new SinkService(config).start();
        services.add(service);
        return service;
    }

    private Map<String, List<ResultStatus>> results() {
        return topics.results().stream().collect(Collectors.groupingBy(ErpResult::getCommandId, HashMap::new,
                Collectors.mapping(ErpResult::getStatus, Collectors.toList())));
    }

    /** Waits until the results of {@code distinctCommands} commands arrived, plus a moment for stragglers (duplicates). */
    private Map<String, List<ResultStatus>> awaitResults(int distinctCommands) {
        await().atMost(DEADLINE).until(() -> results().size() >= distinctCommands && sl.ledger().stream()
                .allMatch(r -> r.get("ResultSent").equals(1)));
        return results();
    }

    /** The exactly-once ledger of offsets: each partition's stored NextOffset is the topic's end offset. */
    private void awaitStoredOffsetsAtEnd() {
        Map<Integer, Long> end = topics.endOffsets(Topics.ERP_COMMANDS);
        await().atMost(DEADLINE).untilAsserted(() -> {
            Map<Integer, Long> stored = new HashMap<>();
            sl.storedOffsets(groupId).forEach(r -> stored.put((Integer) r.get("PartitionNbr"), ((Number) r.get("NextOffset")).longValue()));
            assertThat(stored).isEqualTo(end);
        });
    }

    private void lockBatch(Connection c, String batNbr) throws SQLException {
        SqlDialect d = SqlDialect.forJdbcUrl(db.jdbcUrl());
        try (PreparedStatement ps = c.prepareStatement("SELECT BatNbr FROM " + d.lockedTable("Batch")
                + " WHERE Module = 'AR' AND BatNbr = ?" + d.lockSuffix())) {
            ps.setString(1, batNbr);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
    }

    /** H2: sessions waiting for a lock another session holds. */
    private int blockedSessions() {
        return ((Number) sl.rows("SELECT COUNT(*) AS N FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")
                .get(0).get("N")).intValue();
    }
}
