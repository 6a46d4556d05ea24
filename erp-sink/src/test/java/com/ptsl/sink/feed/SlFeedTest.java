package com.ptsl.sink.feed;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.InvoiceApplication;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import com.ptsl.sink.SinkConfig;
import com.ptsl.sink.SinkService;
import com.ptsl.sink.support.Commands;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.KafkaTopics;
import com.ptsl.sink.support.SlKeying;
import com.ptsl.sink.support.SlReader;
import com.ptsl.sink.support.SnapshotTopics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The SL → Kafka feed, run by a real SinkService against a real broker and the SL sandbox: SL's own changes
 * (keyed by hand, made by the sink, by release, deleted) reach sl.invoices / sl.customers, and nothing is
 * published twice or skipped.
 */
class SlFeedTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final Duration FRESHNESS = Duration.ofSeconds(2);
    private static final LocalDate TODAY = LocalDate.now();
    private static final String CPNY = "PTSL";
    private static final int SEEDED_INVOICES = 100;
    private static final int SEEDED_CUSTOMERS = 20;
    private static KafkaTopics topics;
    private static SnapshotTopics snapshots;

    private H2SlSandboxDatabase db;
    private SlReader sl;
    private final List<SinkService> services = new ArrayList<>();

    @BeforeAll
    static void createTopics() {
        SnapshotTopics.createTruncatable(kafka.bootstrapServers());
        TopicCreator.ensure(kafka.bootstrapServers(), List.of(Topics.ERP_COMMANDS, Topics.ERP_RESULTS));
        topics = new KafkaTopics(kafka.bootstrapServers());
        snapshots = new SnapshotTopics(kafka.bootstrapServers());
    }

    @AfterAll
    static void closeTopics() {
        snapshots.close();
        topics.close();
    }

    @BeforeEach
    void freshDatabaseAndTopics() {
        topics.truncate(Topics.SL_INVOICES);
        topics.truncate(Topics.SL_CUSTOMERS);
        topics.truncate(Topics.ERP_COMMANDS);
        topics.truncate(Topics.ERP_RESULTS);
        snapshots.readFromStart();
        db = H2SlSandboxDatabase.seeded();
        sl = new SlReader(db);
    }

    @AfterEach
    void stopEverything() {
        services.forEach(SinkService::close);
        services.clear();
        db.close();
    }

    @Test
    void theFirstStartPublishesEveryOpenInvoiceAndEveryCustomer() {
        List<Map<String, Object>> open = sl.rows("SELECT * FROM " + sl.dialect().table("ARDoc")
                + " WHERE DocType = 'IN' AND OpenDoc = 1 AND DocBal > 0 ORDER BY RefNbr");
        assertThat(open).hasSize(SEEDED_INVOICES);

        SinkService sink = start(config());
        awaitFirstSnapshot();

        Map<String, SlInvoiceSnapshot> published = snapshots.invoices();
        for (Map<String, Object> row : open) {
            SlInvoiceSnapshot s = published.get(SlKeys.invoice(CPNY, (String) row.get("RefNbr")));
            assertThat(s).as((String) row.get("RefNbr")).isNotNull();
            assertThat(s.getCpnyId()).isEqualTo(CPNY);
            assertThat(s.getCustId()).isEqualTo(row.get("CustId"));
            assertThat(s.getDocType()).isEqualTo("IN");
            assertThat(s.getRefNbr()).isEqualTo(row.get("RefNbr"));
            assertThat(s.getCustOrdNbr()).isEqualTo(row.get("CustOrdNbr"));
            assertThat(s.getOrdNbr()).isEqualTo(row.get("OrdNbr"));
            assertThat(s.getDocDate()).isEqualTo(((LocalDateTime) row.get("DocDate")).toLocalDate());
            assertThat(s.getDueDate()).isEqualTo(((LocalDateTime) row.get("DueDate")).toLocalDate());
            assertThat(s.getOrigDocAmt()).isEqualByComparingTo((BigDecimal) row.get("OrigDocAmt"));
            assertThat(s.getDocBal()).isEqualByComparingTo((BigDecimal) row.get("DocBal")).matches(b -> b.scale() == 2, "cents");
            assertThat(s.getReleased()).isTrue();
            assertThat(s.getOpen()).isTrue();
            assertThat(s.getApplications()).isEmpty();
            assertThat(s.getChangeVersion()).isEqualTo(((Number) row.get("tstamp")).longValue());
        }
        assertThat(snapshots.records(Topics.SL_INVOICES)).as("each invoice once").hasSize(SEEDED_INVOICES);

        Map<String, SlCustomerSnapshot> customers = snapshots.customers();
        for (Map<String, Object> row : sl.rows("SELECT * FROM " + sl.dialect().table("Customer"))) {
            SlCustomerSnapshot c = customers.get((String) row.get("CustId"));
            assertThat(c).isNotNull();
            assertThat(c.getName()).isEqualTo(row.get("Name"));
            assertThat(c.getStatus()).isEqualTo("A");
            assertThat(c.getPayTraceCustomerId()).as("User2 is blank in the seed").isNull();
        }
        assertThat(snapshots.records(Topics.SL_CUSTOMERS)).hasSize(SEEDED_CUSTOMERS);

        assertThat(sink.metrics().feedSnapshots(Topics.SL_INVOICES)).isEqualTo(SEEDED_INVOICES);
        assertThat(sink.metrics().feedSnapshots(Topics.SL_CUSTOMERS)).isEqualTo(SEEDED_CUSTOMERS);
        assertThat(sink.metrics().feedTombstones(Topics.SL_INVOICES)).isZero();
        long maxVersion = ((Number) sl.rows("SELECT MAX(tstamp) AS V FROM " + sl.dialect().table("Customer")).get(0).get("V")).longValue();
        await().atMost(DEADLINE).untilAsserted(() -> {
            assertThat(sink.metrics().feedHighWater(Topics.SL_CUSTOMERS)).isGreaterThanOrEqualTo(maxVersion);
            assertThat(sink.readiness().evaluate().checks().get("feed").ok()).isTrue();
        });
        assertThat(sl.rows("SELECT * FROM " + sl.dialect().table(com.ptsl.sink.sql.dialect.SqlDialect.FEED_STATE_TABLE)))
                .extracting(r -> r.get("FeedName")).containsExactlyInAnyOrder("sl.invoices", "sl.customers");
    }

    @Test
    void anInvoiceKeyedInSlIsOnTheTopicWithinTwoSeconds() throws SQLException {
        start(config());
        awaitFirstSnapshot();

        LongSummaryStatistics latency = new LongSummaryStatistics();
        for (int i = 1; i <= 5; i++) {
            String refNbr = String.format("00000900%02d", i);
            try (Connection c = db.connect()) {
                SlKeying.invoice(c, CPNY, "C00003", refNbr, String.format("0090%02d", i), "321.45", TODAY.minusDays(1), false);
            }
            Instant committed = Instant.now();
            String key = SlKeys.invoice(CPNY, refNbr);
            await().atMost(FRESHNESS).pollInterval(Duration.ofMillis(10)).until(() -> snapshots.last(Topics.SL_INVOICES, key).isPresent());
            SnapshotTopics.Published record = snapshots.last(Topics.SL_INVOICES, key).orElseThrow();
            latency.accept(record.timestamp() - committed.toEpochMilli());

            SlInvoiceSnapshot s = (SlInvoiceSnapshot) record.value();
            assertThat(s.getReleased()).as("still in its 08010 batch: not payable yet").isFalse();
            assertThat(s.getOpen()).isTrue();
            assertThat(s.getCustId()).isEqualTo("C00003");
            assertThat(s.getDocBal()).isEqualByComparingTo("321.45");
            assertThat(s.getOrigDocAmt()).isEqualByComparingTo("321.45");
            assertThat(s.getCustOrdNbr()).isEqualTo("PO-" + refNbr);
            assertThat(s.getOrdNbr()).isEqualTo("SO-" + refNbr);
            assertThat(s.getDocDate()).isEqualTo(TODAY.minusDays(1));
            assertThat(s.getDueDate()).isEqualTo(TODAY.plusDays(29));
        }
        System.out.printf("SL feed latency, invoice committed in SL -> record on %s: avg %.0f ms, max %d ms (%d samples)%n",
                Topics.SL_INVOICES, latency.getAverage(), latency.getMax(), latency.getCount());
        assertThat(latency.getMax()).isLessThan(FRESHNESS.toMillis());
        assertThat(snapshots.records(Topics.SL_INVOICES)).hasSize(SEEDED_INVOICES + 5);
    }

    @Test
    void paymentsAppliedByTheSinkShowAsUnreleasedApplicationsWithTheirCommandIds() {
        SinkService sink = start(config());
        awaitFirstSnapshot();
        List<SlReader.Invoice> open = sl.openInvoices("C00005");
        SlReader.Invoice first = open.get(0);
        SlReader.Invoice second = open.get(1);
        String firstKey = SlKeys.invoice(CPNY, first.refNbr());
        String secondKey = SlKeys.invoice(CPNY, second.refNbr());
        long versionBefore = snapshots.invoices().get(firstKey).getChangeVersion();

        topics.send(Commands.payment("PostPayment:820001", "C00005", "820001", "60.00", TODAY, Commands.application(first.refNbr(), "40.00")));

        await().atMost(DEADLINE).until(() -> snapshots.invoices().get(firstKey).getApplications().size() == 1);
        SlInvoiceSnapshot paid = snapshots.invoices().get(firstKey);
        InvoiceApplication pending = paid.getApplications().get(0);
        assertThat(pending.getPaymentRefNbr()).isEqualTo("820001");
        assertThat(pending.getCommandId()).isEqualTo("PostPayment:820001");
        assertThat(pending.getAmount()).isEqualByComparingTo("40.00");
        assertThat(pending.getReleased()).isFalse();
        assertThat(paid.getDocBal()).as("DocBal moves only at release").isEqualByComparingTo(first.docBal());
        assertThat(paid.getChangeVersion()).isGreaterThan(versionBefore);

        // Unapplied cash of the same payment applied later: its line names its own command, not the PostPayment.
        topics.send(Commands.applyPayment("ApplyPayment:820001:1", "C00005", "820001", Commands.application(second.refNbr(), "20.00")));

        await().atMost(DEADLINE).until(() -> snapshots.invoices().get(secondKey).getApplications().size() == 1);
        InvoiceApplication later = snapshots.invoices().get(secondKey).getApplications().get(0);
        assertThat(later.getPaymentRefNbr()).isEqualTo("820001");
        assertThat(later.getCommandId()).isEqualTo("ApplyPayment:820001:1");
        assertThat(later.getAmount()).isEqualByComparingTo("20.00");
        assertThat(later.getReleased()).isFalse();
        assertThat(snapshots.invoices().get(firstKey).getApplications()).extracting(InvoiceApplication::getCommandId)
                .containsExactly("PostPayment:820001");
        assertThat(sink.metrics().applied()).isEqualTo(2);
    }

    @Test
    void aReleasedApplicationIsListedAsReleasedWithTheBalanceSlReduced() throws SQLException {
        start(config());
        awaitFirstSnapshot();
        SlReader.Invoice invoice = sl.openInvoices("C00006").get(0);
        String key = SlKeys.invoice(CPNY, invoice.refNbr());

        // What release leaves: an ARAdjust row and a lower DocBal, in one transaction.
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            SlKeying.releasedApplication(c, "C00006", invoice.refNbr(), "CHK1001", "10.00", TODAY);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + sl.dialect().table("ARDoc")
                    + " SET DocBal = DocBal - 10, CuryDocBal = CuryDocBal - 10 WHERE DocType = 'IN' AND RefNbr = ?")) {
                ps.setString(1, invoice.refNbr());
                ps.executeUpdate();
            }
            c.commit();
        }

        await().atMost(DEADLINE).until(() -> !snapshots.invoices().get(key).getApplications().isEmpty());
        SlInvoiceSnapshot s = snapshots.invoices().get(key);
        assertThat(s.getDocBal()).isEqualByComparingTo(invoice.docBal().subtract(new BigDecimal("10.00")));
        assertThat(s.getApplications()).singleElement().satisfies(a -> {
            assertThat(a.getPaymentRefNbr()).isEqualTo("CHK1001");
            assertThat(a.getCommandId()).as("a payment keyed in SL").isNull();
            assertThat(a.getAmount()).isEqualByComparingTo("10.00");
            assertThat(a.getReleased()).isTrue();
        });
    }

    @Test
    void anInvoiceThatClosesOrIsVoidedBecomesATombstone() {
        SinkService sink = start(config());
        awaitFirstSnapshot();
        List<SlReader.Invoice> open = sl.openInvoices("C00007");
        String paidKey = SlKeys.invoice(CPNY, open.get(0).refNbr());
        String voidedKey = SlKeys.invoice(CPNY, open.get(1).refNbr());

        sl.execute("UPDATE " + sl.dialect().table("ARDoc") + " SET DocBal = 0, CuryDocBal = 0, OpenDoc = 0, PerClosed = '202601'"
                + " WHERE DocType = 'IN' AND RefNbr = ?", open.get(0).refNbr());
        sl.execute("UPDATE " + sl.dialect().table("ARDoc") + " SET DocType = 'VT' WHERE DocType = 'IN' AND RefNbr = ?", open.get(1).refNbr());

        await().atMost(DEADLINE).until(() -> !snapshots.invoices().containsKey(paidKey) && !snapshots.invoices().containsKey(voidedKey));
        assertThat(snapshots.last(Topics.SL_INVOICES, paidKey).orElseThrow().value()).as("a tombstone").isNull();
        assertThat(snapshots.last(Topics.SL_INVOICES, voidedKey).orElseThrow().value()).isNull();
        assertThat(sink.metrics().feedTombstones(Topics.SL_INVOICES)).isEqualTo(2);
        assertThat(snapshots.invoices()).hasSize(SEEDED_INVOICES - 2);
    }

    @Test
    void aDeletedInvoiceAndADeletedCustomerBecomeTombstonesAtTheNextSweep() {
        SinkService sink = start(config("SINK_FEED_SWEEP_INTERVAL_MS", "1000"));
        awaitFirstSnapshot();
        String refNbr = sl.openInvoices("C00008").get(0).refNbr();
        String key = SlKeys.invoice(CPNY, refNbr);

        // A DELETE leaves no row version behind: only the sweep can notice.
        sl.execute("DELETE FROM " + sl.dialect().table("ARDoc") + " WHERE DocType = 'IN' AND RefNbr = ?", refNbr);
        sl.execute("DELETE FROM " + sl.dialect().table("Customer") + " WHERE CustId = ?", "C00020");

        await().atMost(DEADLINE).until(() -> !snapshots.invoices().containsKey(key) && !snapshots.customers().containsKey("C00020"));
        assertThat(snapshots.last(Topics.SL_INVOICES, key).orElseThrow().value()).isNull();
        assertThat(snapshots.last(Topics.SL_CUSTOMERS, "C00020").orElseThrow().value()).isNull();
        assertThat(sink.metrics().feedTombstones(Topics.SL_INVOICES)).isEqualTo(1);
        assertThat(sink.metrics().feedTombstones(Topics.SL_CUSTOMERS)).isEqualTo(1);
        // Sweeps that find nothing new publish nothing.
        long cycles = sink.metrics().feedCycles();
        await().atMost(DEADLINE).until(() -> sink.metrics().feedCycles() > cycles + 10);
        assertThat(snapshots.records()).hasSize(SEEDED_INVOICES + SEEDED_CUSTOMERS + 2);
    }

    @Test
    void aRestartPublishesOnlyWhatChangedWhileTheFeedWasDown() {
        SinkService first = start(config());
        awaitFirstSnapshot();
        first.close();
        int before = snapshots.records().size();
        assertThat(before).isEqualTo(SEEDED_INVOICES + SEEDED_CUSTOMERS);

        List<SlReader.Invoice> open = sl.openInvoices("C00009");
        for (SlReader.Invoice i : open.subList(0, 2)) {
            sl.execute("UPDATE " + sl.dialect().table("ARDoc") + " SET DocBal = DocBal - 1, CuryDocBal = CuryDocBal - 1"
                    + " WHERE DocType = 'IN' AND RefNbr = ?", i.refNbr());
        }
        sl.execute("UPDATE " + sl.dialect().table("Customer") + " SET Name = 'Renamed while the feed was down' WHERE CustId = ?", "C00010");

        SinkService second = start(config());

        await().atMost(DEADLINE).until(() -> snapshots.records().size() >= before + 3);
        long cycles = second.metrics().feedCycles();
        await().atMost(DEADLINE).until(() -> second.metrics().feedCycles() >= cycles + 5);
        List<SnapshotTopics.Published> all = snapshots.records();
        List<SnapshotTopics.Published> after = all.subList(before, all.size());
        assertThat(after).extracting(SnapshotTopics.Published::key).containsExactlyInAnyOrder(
                SlKeys.invoice(CPNY, open.get(0).refNbr()), SlKeys.invoice(CPNY, open.get(1).refNbr()), "C00010");
        assertThat(snapshots.invoices().get(SlKeys.invoice(CPNY, open.get(0).refNbr())).getDocBal())
                .isEqualByComparingTo(open.get(0).docBal().subtract(BigDecimal.ONE));
        assertThat(snapshots.customers().get("C00010").getName()).isEqualTo("Renamed while the feed was down");
        assertThat(second.metrics().feedSnapshots(Topics.SL_INVOICES)).isEqualTo(2);
        assertThat(second.metrics().feedSnapshots(Topics.SL_CUSTOMERS)).isEqualTo(1);
    }

    @Test
    void theConfiguredUserFieldBecomesThePayTraceCustomerId() {
        sl.execute("UPDATE " + sl.dialect().table("Customer") + " SET User5 = 'VLT-0004', User2 = 'not this one' WHERE CustId = ?", "C00004");

        start(config("SINK_FEED_VAULT_FIELD", "User5"));
        awaitFirstSnapshot();

        assertThat(snapshots.customers().get("C00004").getPayTraceCustomerId()).isEqualTo("VLT-0004");
        assertThat(snapshots.customers()).allSatisfy((id, c) -> {
            if (!id.equals("C00004")) {
                assertThat(c.getPayTraceCustomerId()).as(id).isNull();
            }
        });

        sl.execute("UPDATE " + sl.dialect().table("Customer") + " SET User5 = 'VLT-0011' WHERE CustId = ?", "C00011");
        await().atMost(DEADLINE).until(() -> "VLT-0011".equals(snapshots.customers().get("C00011").getPayTraceCustomerId()));
    }

    @Test
    void aChangeOfATransactionStillOpenIsNotSkippedByALaterCommittedOne() throws SQLException {
        SinkService sink = start(config());
        awaitFirstSnapshot();
        String early = SlKeys.invoice(CPNY, "0000091001");
        String late = SlKeys.invoice(CPNY, "0000091002");

        long openVersion;
        try (Connection open = db.connect()) {
            open.setAutoCommit(false);
            SlKeying.invoice(open, CPNY, "C00012", "0000091001", "009101", "11.00", TODAY, true);
            openVersion = version(open, "0000091001");
            try (Connection other = db.connect()) {
                SlKeying.invoice(other, CPNY, "C00012", "0000091002", "009102", "22.00", TODAY, true);
            }
            assertThat(version(open, "0000091002")).isGreaterThan(openVersion);

            // The later version is committed, but moving the mark past it would skip the earlier one for good.
            long cycles = sink.metrics().feedCycles();
            await().atMost(DEADLINE).until(() -> sink.metrics().feedCycles() >= cycles + 3);
            assertThat(snapshots.invoices()).doesNotContainKeys(early, late);
            assertThat(sink.metrics().feedHighWater(Topics.SL_INVOICES)).isLessThan(openVersion);
            open.commit();
        }

        await().atMost(FRESHNESS).until(() -> snapshots.invoices().containsKey(early) && snapshots.invoices().containsKey(late));
        assertThat(sink.metrics().feedHighWater(Topics.SL_INVOICES)).isGreaterThan(openVersion);
    }

    private static long version(Connection c, String refNbr) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT tstamp FROM dbo.ARDoc WHERE DocType = 'IN' AND RefNbr = ?")) {
            ps.setString(1, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getLong(1);
            }
        }
    }

    /** Every seeded open invoice and every customer is on the topics. */
    private void awaitFirstSnapshot() {
        await().atMost(DEADLINE).until(() -> snapshots.invoices().size() == SEEDED_INVOICES
                && snapshots.customers().size() == SEEDED_CUSTOMERS);
    }

    private SinkConfig config(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SINK_GROUP_ID", "feed-test-" + UUID.randomUUID());
        env.put("SL_JDBC_URL", db.jdbcUrl());
        env.put("SL_DB_USER", db.user());
        env.put("SL_DB_PASSWORD", db.password());
        env.put("SINK_FEED_SWEEP_INTERVAL_MS", "3600000");
        env.put("ADMIN_PORT", "0");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return SinkConfig.fromEnv(env);
    }

    private SinkService start(SinkConfig config) {
        SinkService service = new SinkService(config).start();
        services.add(service);
        return service;
    }
}
