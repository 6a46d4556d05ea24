package com.ptsl.reconciler;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;
import com.ptsl.reconciler.report.Report;
import com.ptsl.reconciler.support.Commands;
import com.ptsl.reconciler.support.EventLog;
import com.ptsl.reconciler.support.PayTraceRecords;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.sandbox.sl.release.ReleaseResult;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawSettlementBatch;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.sink.SinkConfig;
import com.ptsl.sink.SinkService;
import org.apache.kafka.common.TopicPartition;
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
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reconciler against the real thing: an embedded Kafka broker holding the window's raw records, settlement batch,
 * commands and review items, and the SL sandbox into which the real erp-sink posted those commands. A mixed run
 * reconciles clean; then SL is tampered with the ways that happen in real life, each is reported once in its category;
 * {@code --redrive} sends exactly one command for the missing payment, with the same id when repeated; the sink applies
 * it once; undoing the other tampering brings the report back to zero variance.
 */
class ReconcileAgainstSinkTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private SlSandbox sl;
    private EventLog log;
    private SinkService sink;
    private String sinkGroup;
    private final List<String> progress = new ArrayList<>();
    private final Map<String, String> invoiceOf = new HashMap<>();
    private LocalDate today;
    private ZonedDateTime from;
    private ZonedDateTime to;

    @BeforeAll
    static void topics() {
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all());
    }

    @BeforeEach
    void pipeline() {
        sl = SlSandbox.inMemory("reconcile_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).seed(SeedSpec.defaults());
        log = new EventLog(kafka.bootstrapServers());
        sinkGroup = "reconcile-test-sink-" + UUID.randomUUID();
        for (OpenInvoice i : sl.openInvoices()) {
            invoiceOf.putIfAbsent(i.custId(), i.refNbr());
        }
        ZonedDateTime now = ZonedDateTime.now(ZONE);
        today = now.toLocalDate();
        from = now.minusHours(1);
        to = now.plusHours(1);
    }

    @AfterEach
    void stop() {
        if (sink != null) {
            sink.close();
        }
        log.close();
        sl.close();
    }

    @Test
    void aMixedRunReconcilesCleanTamperingIsReportedOnceEachAndRedriveRepostsTheMissingPaymentOnce() throws Exception {
        LocalDateTime at = LocalDateTime.now(ZONE).withNano(0);
        Instant received = Instant.now();
        String settledSale = PayTraceRecords.sale(900001, "25.00", "GB1", at);
        String settledCapture = PayTraceRecords.capturedAuthorization(900002, "40.00", "GB1", at);
        String settledOnAccount = PayTraceRecords.sale(900003, "30.00", "GB1", at);

        // PayTrace's log of the window: every state each transaction went through, latest last.
        raw(PayTraceRecords.sale(900001, "25.00", "Y", at), settledSale);
        raw(PayTraceRecords.authorizationOnly(900002, "40.00", at), PayTraceRecords.capturedAuthorization(900002, "40.00", "Y", at), settledCapture);
        raw(PayTraceRecords.sale(900003, "30.00", "Y", at), settledOnAccount);
        raw(PayTraceRecords.sale(900004, "15.00", "Y", at), PayTraceRecords.voidedSale(900004, "15.00", at));
        raw(PayTraceRecords.refund(900005, "10.00", "Y", at, 900001));
        raw(PayTraceRecords.sale(900006, "20.00", "Y", at));
        raw(PayTraceRecords.sale(900007, "35.00", "Y", at));
        raw(PayTraceRecords.sale(900008, "18.00", "Y", at), PayTraceRecords.voidedSale(900008, "18.00", at));
        raw(PayTraceRecords.declined(900009, "1.12", at));
        raw(PayTraceRecords.authorizationOnly(900010, "80.00", at));
        raw(PayTraceRecords.autoVoidedSale(900011, "22.00", at));
        raw(PayTraceRecords.sale(900012, "50.00", "Y", at));
        RawSettlementBatch batch = PayTraceRecords.batch(1, at.plusHours(4), List.of(settledSale, settledCapture, settledOnAccount), received);
        log.send(Topics.RAW_BATCHES, "1", batch);
        log.send(Topics.PAYMENTS_REVIEW, "900003", Commands.openReview("900003", ReviewReason.UNMATCHED, "30.00", "C00003", "30.00", settledOnAccount));
        log.send(Topics.PAYMENTS_REVIEW, "900012", Commands.openReview("900012", ReviewReason.UNKNOWN_CUSTOMER, "50.00", null, null,
                PayTraceRecords.sale(900012, "50.00", "Y", at)));

        // What the processor commanded, applied by the real sink: the first payments released, then a void of a
        // released payment (an NS), a refund (CM + DM), and payments left unreleased, one of them voided (removed).
        sink = startSink();
        log.command(Commands.postPayment("900001", "C00001", "25.00", today, Commands.application(invoiceOf.get("C00001"), "25.00")));
        log.command(Commands.postPayment("900002", "C00002", "40.00", today, Commands.application(invoiceOf.get("C00002"), "40.00")));
        log.command(Commands.postPayment("900003", "C00003", "30.00", today));
        log.command(Commands.postPayment("900004", "C00004", "15.00", today, Commands.application(invoiceOf.get("C00004"), "15.00")));
        awaitLedger(4);
        assertThat(sl.releaseAll()).isNotEmpty().allMatch(ReleaseResult::released);
        log.command(Commands.reversePayment("900004", "C00004", "15.00", today));
        log.command(Commands.postRefund("900005", "C00001", "900001", "10.00", today, invoiceOf.get("C00001")));
        log.command(Commands.postPayment("900006", "C00005", "20.00", today, Commands.application(invoiceOf.get("C00005"), "20.00")));
        log.command(Commands.postPayment("900007", "C00006", "35.00", today, Commands.application(invoiceOf.get("C00006"), "35.00")));
        log.command(Commands.postPayment("900008", "C00007", "18.00", today, Commands.application(invoiceOf.get("C00007"), "18.00")));
        log.command(Commands.reversePayment("900008", "C00007", "18.00", today));
        awaitLedger(10);
        assertThat(ledgerStatuses().values()).as("the sink applied every command").containsOnly("APPLIED");
        // The settlement batch closes after its payments are posted (PROCESSOR_DEPOSIT_DELAY_MS); the sink records it.
        log.send(Topics.ERP_COMMANDS, "deposit:1", Commands.closeDeposit("1", batch.getFingerprint(), today, "95.00",
                List.of(Commands.sold("900001", "25.00"), Commands.sold("900002", "40.00"), Commands.sold("900003", "30.00"))));
        awaitLedger(11);
        assertThat(depositStatus("1")).isEqualTo("MATCHED");

        // 1. A clean run: every transaction matched, or explained by its open review item.
        long started = System.nanoTime();
        Report clean = reconcile(false);
        long cleanMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(clean.hasVariance()).as("variance in %s", clean.lines()).isFalse();
        assertThat(clean.exitCode()).isZero();
        assertThat(transactionLines(clean)).hasSize(12);
        assertThat(clean.linesOf(Category.OPEN_REVIEW)).extracting(Line::transactionId).containsExactly("900003", "900012");
        assertThat(transactionLines(clean)).filteredOn(l -> l.category() == Category.MATCHED).extracting(Line::transactionId)
                .containsExactly("900001", "900002", "900004", "900005", "900006", "900007", "900008", "900009", "900010", "900011");
        Line deposit = batchLine(clean);
        assertThat(deposit.category()).isEqualTo(Category.MATCHED);
        assertThat(deposit.payTraceAmount()).isEqualByComparingTo("95.00");
        assertThat(line(clean, "900005").slAmount()).isEqualByComparingTo("-10.00");
        assertThat(line(clean, "900004").slDocuments()).hasSize(2);
        assertThat(clean.sources().transactions()).isEqualTo(12);
        assertThat(clean.sources().settlementBatches()).isEqualTo(1);
        assertThat(clean.perSettlementBatch()).singleElement().satisfies(t -> assertThat(t.difference()).isEqualByComparingTo("0"));
        assertThat(clean.redriven()).isEmpty();

        // 2. Tampering, as SL users do it: a payment deleted from its unreleased batch, an amount changed, a payment
        //    keyed with a PayTrace marker PayTrace never saw, an application moved to another customer's invoice.
        String otherCustomersInvoice = invoiceOf.get("C00009");
        try (Connection c = sl.connect()) {
            update(c, "DELETE FROM dbo.[ARTran] WHERE [TranType] = 'PA' AND [RefNbr] = '900006'");
            update(c, "DELETE FROM dbo.[ARDoc] WHERE [DocType] = 'PA' AND [RefNbr] = '900006'");
            update(c, "UPDATE dbo.[ARDoc] SET [OrigDocAmt] = 45, [CuryOrigDocAmt] = 45 WHERE [DocType] = 'PA' AND [RefNbr] = '900002'");
            update(c, "UPDATE dbo.[ARTran] SET [SiteId] = '" + otherCustomersInvoice + "' WHERE [TranType] = 'PA' AND [RefNbr] = '900007'"
                    + " AND [DrCr] = 'U'");
            try (SlRowWriter rows = new SlRowWriter(c)) {
                rows.into("ARDoc").set("CustId", "C00008").set("DocType", "PA").set("RefNbr", "999999").set("BatNbr", "009999")
                        .set("CpnyID", "PTSL").set("DocDate", today).set("OrigDocAmt", new BigDecimal("12.34"))
                        .set("CuryOrigDocAmt", new BigDecimal("12.34")).set("DocBal", new BigDecimal("12.34"))
                        .set("User1", "PayTrace 999999").set("Crtd_Prog", "08030").set("CuryId", "USD").insert();
            }
        }
        Report tampered = reconcile(false);
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.counts()).containsEntry(Category.MISSING_IN_SL, 1L).containsEntry(Category.DIFFERS, 2L)
                .containsEntry(Category.UNKNOWN_TO_PAYTRACE, 1L).containsEntry(Category.DEPOSIT_MISMATCH, 1L)
                .containsEntry(Category.POSTED_TWICE, 0L).containsEntry(Category.OPEN_DLQ, 0L);
        for (String tx : List.of("900002", "900006", "900007", "999999")) {
            assertThat(tampered.lines()).as("one line for %s", tx).filteredOn(l -> tx.equals(l.transactionId())).hasSize(1);
        }
        assertThat(line(tampered, "900006").category()).isEqualTo(Category.MISSING_IN_SL);
        assertThat(line(tampered, "900006").detail()).contains("PostPayment:900006", "the document is gone from SL");
        assertThat(line(tampered, "900002").category()).isEqualTo(Category.DIFFERS);
        assertThat(line(tampered, "900002").detail()).contains("45.00", "40.00");
        assertThat(line(tampered, "900007").category()).isEqualTo(Category.DIFFERS);
        assertThat(line(tampered, "900007").detail()).contains(otherCustomersInvoice + " of customer C00009", invoiceOf.get("C00006"));
        Line stranger = line(tampered, "999999");
        assertThat(stranger.category()).isEqualTo(Category.UNKNOWN_TO_PAYTRACE);
        assertThat(stranger.slAmount()).isEqualByComparingTo("12.34");
        assertThat(stranger.slDocuments()).containsExactly("PA/999999/009999");
        assertThat(batchLine(tampered).category()).isEqualTo(Category.DEPOSIT_MISMATCH);
        assertThat(batchLine(tampered).detail()).contains("tx 900002 SALE 40.00: SL 45.00");

        // 3. --redrive with the sink stopped: exactly one command, the deleted payment's re-post; again, the same id.
        sink.close();
        sink = null;
        Map<TopicPartition, Long> before = log.endOffsets(Topics.ERP_COMMANDS);
        Report redriven = reconcile(true);
        assertThat(redriven.redriven()).singleElement().satisfies(r -> {
            assertThat(r.commandId()).isEqualTo("PostPayment:900006:repost-1");
            assertThat(r.originalCommandId()).isEqualTo("PostPayment:900006");
            assertThat(r.custId()).isEqualTo("C00005");
            assertThat(r.amount()).isEqualByComparingTo("20.00");
        });
        List<EventLog.Keyed> sent = log.commandsSince(before);
        assertThat(sent).singleElement().satisfies(k -> {
            assertThat(k.key()).isEqualTo("C00005");
            assertThat(k.command().getCommandId()).isEqualTo("PostPayment:900006:repost-1");
            assertThat(k.command().getSourceTransactionId()).isEqualTo("900006");
        });
        Map<TopicPartition, Long> beforeSecond = log.endOffsets(Topics.ERP_COMMANDS);
        Report again = reconcile(true);
        assertThat(again.redriven()).extracting(r -> r.commandId()).containsExactly("PostPayment:900006:repost-1");
        assertThat(log.commandsSince(beforeSecond)).extracting(k -> k.command().getCommandId()).containsExactly("PostPayment:900006:repost-1");

        // 4. The sink applies the re-post once (the second copy is a DUPLICATE); the missing payment is back.
        sink = startSink();
        awaitLedger(12);
        assertThat(ledgerStatuses()).containsEntry("PostPayment:900006:repost-1", "APPLIED");
        Report repaired = reconcile(false);
        assertThat(line(repaired, "900006").category()).isEqualTo(Category.MATCHED);
        assertThat(repaired.counts()).containsEntry(Category.MISSING_IN_SL, 0L).containsEntry(Category.DIFFERS, 2L);
        assertThat(countPayments("900006")).isEqualTo(1);

        // 5. Undoing the rest brings the report back to no variance, and --redrive has nothing left to send.
        try (Connection c = sl.connect()) {
            update(c, "UPDATE dbo.[ARDoc] SET [OrigDocAmt] = 40, [CuryOrigDocAmt] = 40 WHERE [DocType] = 'PA' AND [RefNbr] = '900002'");
            update(c, "UPDATE dbo.[ARTran] SET [SiteId] = '" + invoiceOf.get("C00006") + "' WHERE [TranType] = 'PA' AND [RefNbr] = '900007'"
                    + " AND [DrCr] = 'U'");
            update(c, "DELETE FROM dbo.[ARDoc] WHERE [DocType] = 'PA' AND [RefNbr] = '999999'");
        }
        Map<TopicPartition, Long> beforeLast = log.endOffsets(Topics.ERP_COMMANDS);
        Report back = reconcile(true);
        assertThat(back.hasVariance()).as("variance in %s", back.lines()).isFalse();
        assertThat(back.redriven()).isEmpty();
        assertThat(log.commandsSince(beforeLast)).isEmpty();
        assertThat(progress).anyMatch(p -> p.startsWith("reading paytrace.transactions.raw")).anyMatch(p -> p.startsWith("compared:"));
        System.out.println("reconcile of the clean run took " + cleanMillis + " ms");
    }

    private void raw(String... states) {
        for (String json : states) {
            log.send(Topics.RAW_TRANSACTIONS, PayTraceRecords.envelope(json, Instant.now()).getTransactionId(),
                    PayTraceRecords.envelope(json, Instant.now()));
        }
    }

    private Report reconcile(boolean redrive) throws ReconcileException {
        return Reconciler.run(new ReconcileOptions(kafka.bootstrapServers(), sl.jdbcUrl(), sl.user(), sl.password(), from, to, ZONE, "PTSL",
                redrive, progress::add));
    }

    private SinkService startSink() {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("SINK_GROUP_ID", sinkGroup);
        env.put("SL_JDBC_URL", sl.jdbcUrl());
        env.put("SL_DB_USER", sl.user());
        env.put("SL_DB_PASSWORD", sl.password());
        env.put("ADMIN_PORT", "0");
        env.put("SINK_FEED_ENABLED", "false");
        return new SinkService(SinkConfig.fromEnv(env)).start();
    }

    private void awaitLedger(int rows) {
        await().atMost(DEADLINE).until(() -> ledgerStatuses().size() >= rows);
    }

    private Map<String, String> ledgerStatuses() throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Connection c = sl.connect(); PreparedStatement ps = c.prepareStatement("SELECT [CommandId], [Status] FROM dbo.[PTSL_CommandLedger]")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1).strip(), rs.getString(2).strip());
                }
            }
        } catch (SQLException e) {
            if (e.getMessage().contains("PTSL_CommandLedger")) {
                return out; // the sink has not created its tables yet
            }
            throw e;
        }
        return out;
    }

    private String depositStatus(String batchNumber) throws SQLException {
        try (Connection c = sl.connect(); PreparedStatement ps = c.prepareStatement("SELECT [Status] FROM dbo.[PTSL_Deposit] WHERE [BatchNumber] = ?")) {
            ps.setString(1, batchNumber);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1).strip() : null;
            }
        }
    }

    private int countPayments(String refNbr) throws SQLException {
        try (Connection c = sl.connect(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dbo.[ARDoc] WHERE [DocType] = 'PA' AND [RefNbr] = ?")) {
            ps.setString(1, refNbr);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void update(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            assertThat(ps.executeUpdate()).as(sql).isPositive();
        }
    }

    private static List<Line> transactionLines(Report report) {
        return report.lines().stream().filter(l -> l.transactionId() != null).toList();
    }

    private static Line line(Report report, String tx) {
        return report.lines().stream().filter(l -> tx.equals(l.transactionId())).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + tx + " in " + report.lines()));
    }

    private static Line batchLine(Report report) {
        return report.lines().stream().filter(l -> l.transactionId() == null && "1".equals(l.settlementBatch())).findFirst()
                .orElseThrow(() -> new AssertionError("no line for settlement batch 1 in " + report.lines()));
    }

}
