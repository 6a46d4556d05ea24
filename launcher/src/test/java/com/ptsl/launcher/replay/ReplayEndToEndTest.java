package com.ptsl.launcher.replay;

import com.ptsl.launcher.EmbeddedPipeline;
import com.ptsl.launcher.TopicFollower;
import com.ptsl.launcher.lifecycle.Chain;
import com.ptsl.launcher.lifecycle.ChainOutcome;
import com.ptsl.launcher.lifecycle.ChainPlan;
import com.ptsl.launcher.lifecycle.LifecycleTraffic;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ptsl replay} on the real pipeline: after a mixed run (sales paying invoices, every lifecycle chain: voids
 * before and after SL's release, refunds after settlement, captures, declines), the stream-processor is stopped, reset
 * to the start of the run with its state deleted, and started again. It re-emits the run's commands; the sink's ledger
 * answers each with DUPLICATE, and every SL table is byte for byte what it was. A transaction whose decision depended
 * on timing may be decided differently by the replay (see {@link #reDecided}); SL keeps what the run did for it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayEndToEndTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayEndToEndTest.class);

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    /** Rebuilding the state, re-emitting, the deposit delay again: longer than a first run's wait. */
    private static final Duration REPLAY_DEADLINE = Duration.ofSeconds(240);
    private static final int PLAIN_SALES = 6;
    private static final Pattern TOTAL = Pattern.compile("In total: (\\d+) records to reprocess");

    private EmbeddedPipeline pipeline;
    private TopicFollower<ErpResult, ErpResult> results;
    private Admin admin;
    private String bootstrap;
    private String appId;
    private Path stateDir;
    private ZoneId zone;
    private ProcessorTopics topics;
    private Instant runStart;

    @BeforeAll
    void mixedRun(@TempDir Path dataDir) throws InterruptedException {
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.forTests(dataDir, "replay-" + UUID.randomUUID()), step -> { });
        bootstrap = pipeline.kafka().bootstrapServers();
        appId = pipeline.processor().config().applicationId();
        stateDir = pipeline.processor().config().stateDir();
        zone = pipeline.payTrace().config().merchantZone();
        topics = ProcessorTopics.ofProcessor(appId);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        results = TopicFollower.results(bootstrap);
        runStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        // Every lifecycle chain, one customer each (as LifecycleEndToEndTest drives them) ...
        Map<String, List<OpenInvoice>> byCustomer = pipeline.sl().openInvoices().stream()
                .collect(Collectors.groupingBy(OpenInvoice::custId, TreeMap::new, Collectors.toList()));
        List<ChainPlan.InvoiceSlot> slots = byCustomer.values().stream().map(list -> list.get(0))
                .map(i -> new ChainPlan.InvoiceSlot(i.custId(), i.refNbr(), i.docBal()))
                .limit(Chain.values().length).toList();
        TrafficGenerator generator = new TrafficGenerator(pipeline.payTrace().baseUrl(), pipeline.payTrace().config().username(),
                pipeline.payTrace().config().password(), 9);
        LifecycleTraffic traffic = new LifecycleTraffic(LifecycleTraffic.merchant(generator, () -> pipeline.payTrace().settleNow(),
                () -> pipeline.sl().releaseAll()), id -> results.latest().containsKey(id), step -> { });
        List<ChainOutcome> outcomes = traffic.run(ChainPlan.plan(1, slots), DEADLINE);
        // ... and plain sales paying a quarter of other customers' invoices.
        Set<String> chainCustomers = slots.stream().map(ChainPlan.InvoiceSlot::custId).collect(Collectors.toSet());
        List<SaleMade> sales = byCustomer.entrySet().stream().filter(e -> !chainCustomers.contains(e.getKey()))
                .map(e -> e.getValue().get(0)).limit(PLAIN_SALES)
                .map(inv -> generator.makeSale(new SaleRequest(quarter(inv), inv.refNbr(), inv.custId(), "")))
                .toList();
        List<String> expected = new ArrayList<>();
        outcomes.forEach(o -> expected.addAll(o.expectedCommands()));
        sales.stream().filter(SaleMade::approved).forEach(s -> expected.add("PostPayment:" + s.transactionId()));
        await().atMost(DEADLINE).until(() -> expected.stream().allMatch(results.latest()::containsKey));
        LOG.info("Run: {} chains, {} plain sales", outcomes.size(), sales.size());
        assertThat(outcomes).allSatisfy(o -> assertThat(o.problem()).as(o.plan().chain().name()).isNull());

        // Freeze the event log: from here on, whatever happens in SL is the replay's doing.
        pipeline.stopGateway();
        await().atMost(DEADLINE).until(this::everythingProcessed);
    }

    @AfterAll
    void stop() {
        if (results != null) {
            results.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void replayRefusesWhileTheProcessorRunsAndChangesNothing() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> before = eventLogOffsets();
        List<String> internalBefore = internalTopics();

        Cli refused = replay("--from", runStart.toString(), "--state-dir", stateDir.toString());

        assertThat(refused.exit()).as(refused.out()).isEqualTo(2);
        assertThat(refused.out()).contains("the stream-processor is still running").contains("Stop the stream-processor first")
                .contains("Nothing was changed");
        assertThat(eventLogOffsets()).as("offsets of the event logs").isEqualTo(before);
        assertThat(internalTopics()).isNotEmpty().isEqualTo(internalBefore);
        assertThat(stateDir.resolve(appId)).isDirectory();
    }

    @Test
    @Order(2)
    void replayOfTheRunReemitsItsCommandsAndLeavesEverySlTableByteForByteUnchanged() throws Exception {
        pipeline.stopProcessor();
        SlChecksum slBefore = checksum();
        Map<String, String> ledgerBefore = ledger();
        Set<String> applied = ledgerBefore.entrySet().stream().filter(e -> e.getValue().startsWith("APPLIED|"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertThat(applied).as("what the run applied").anyMatch(id -> id.startsWith("PostPayment:"))
                .anyMatch(id -> id.startsWith("ReversePayment:")).anyMatch(id -> id.startsWith("PostRefund:"));
        Map<String, Long> emittedBefore = commandsPerId();
        Told toldBefore = told();
        Map<TopicPartition, OffsetAndMetadata> offsetsBefore = groupOffsets();
        String from = runStart.atZone(zone).toLocalDateTime().toString();

        // The dry run: the plan, and nothing changed. --wait: Streams stays in its group until the session expires.
        Cli dry = replay("--from", from, "--zone", zone.getId(), "--state-dir", stateDir.toString(), "--dry-run", "--wait", "90");

        assertThat(dry.exit()).as(dry.out()).isZero();
        assertThat(dry.out()).contains("Dry run: nothing was changed").contains(Topics.RAW_TRANSACTIONS.name())
                .contains(Topics.SL_INVOICES.name() + " ").contains(Topics.SL_CUSTOMERS.name() + " ").contains("table, from its beginning")
                .contains(appId + "-").contains("-changelog").contains("-repartition").contains("delete " + stateDir.resolve(appId).toAbsolutePath());
        LOG.info("Dry run:\n{}", dry.out());
        assertThat(totalToReprocess(dry.out())).isPositive();
        assertThat(groupOffsets()).as("committed offsets after the dry run").isEqualTo(offsetsBefore);
        assertThat(internalTopics()).isNotEmpty();
        assertThat(stateDir.resolve(appId)).isDirectory();

        Cli replayed = replay("--from", from, "--zone", zone.getId(), "--state-dir", stateDir.toString(), "--wait", "90");

        LOG.info("Replay:\n{}", replayed.out());
        assertThat(replayed.exit()).as(replayed.out()).isZero();
        assertThat(replayed.out()).contains("Start the stream-processor").contains("DUPLICATE");
        assertThat(internalTopics()).as("internal topics after the replay").isEmpty();
        assertThat(stateDir.resolve(appId)).doesNotExist();
        Map<TopicPartition, OffsetAndMetadata> reset = groupOffsets();
        Map<TopicPartition, Long> atRunStart = offsetsAt(Topics.RAW_TRANSACTIONS.name(), OffsetSpec.forTimestamp(runStart.toEpochMilli()));
        Map<TopicPartition, Long> rawEnd = offsetsAt(Topics.RAW_TRANSACTIONS.name(), OffsetSpec.latest());
        atRunStart.forEach((p, offset) -> assertThat(reset.get(p).offset()).as("%s", p).isEqualTo(offset < 0 ? rawEnd.get(p) : offset));
        offsetsAt(Topics.SL_INVOICES.name(), OffsetSpec.earliest())
                .forEach((p, offset) -> assertThat(reset.get(p).offset()).as("%s", p).isEqualTo(offset));

        Instant restartedAt = Instant.now();
        pipeline.startProcessor();

        // Reprocessed: the processor read every input to its end; every command it re-emitted has the sink's answer
        // since the restart; and every command the run applied was re-emitted (answered DUPLICATE) unless the replay
        // decided its transaction differently (see reDecided).
        await().atMost(REPLAY_DEADLINE).untilAsserted(() -> {
            for (String topic : topics.groupInputs()) {
                assertThat(caughtUp(topic)).as("the processor read %s to its end", topic).isTrue();
            }
            Map<String, ErpResult> latest = results.latest();
            Map<String, Long> emitted = commandsPerId();
            assertThat(emitted.keySet().stream().filter(id -> emitted.get(id) > emittedBefore.getOrDefault(id, 0L))
                    .filter(id -> !answeredSince(latest.get(id), restartedAt)).toList())
                    .as("re-emitted commands without the sink's answer yet").isEmpty();
            Set<String> reDecided = reDecided(toldBefore);
            assertThat(applied.stream().filter(id -> status(latest, id) != ResultStatus.DUPLICATE)
                    .filter(id -> !reDecided.contains(sourceTransaction(ledgerBefore, id))).map(id -> id + " " + status(latest, id)).toList())
                    .as("applied commands neither answered DUPLICATE nor decided differently by the replay").isEmpty();
        });

        SlChecksum slAfter = checksum();
        assertThat(slAfter.digests()).as("SL tables after the replay; differences:\n%s", slBefore.differencesFrom(slAfter))
                .isEqualTo(slBefore.digests());
        assertThat(slAfter.tables()).containsKeys("ARDoc", "ARTran", "ARAdjust", "Batch", "GLTran", "AR_Balances", "Customer");
        Map<String, ErpResult> latest = results.latest();
        Set<String> reDecided = reDecided(toldBefore);
        Set<String> duplicates = applied.stream().filter(id -> status(latest, id) == ResultStatus.DUPLICATE)
                .collect(Collectors.toCollection(TreeSet::new));
        if (reDecided.isEmpty()) {
            LOG.info("Replay: all {} applied commands re-emitted and answered DUPLICATE", applied.size());
        } else {
            LOG.warn("Replay: {} of {} applied commands re-emitted and answered DUPLICATE; decided differently (timing): {}",
                    duplicates.size(), applied.size(), reDecided);
        }
        assertThat(applied).as("the run's deposits").anyMatch(id -> id.startsWith("CloseDeposit:"));
        assertThat(duplicates).as("commands re-emitted by the replay").isNotEmpty()
                .anyMatch(id -> id.startsWith("PostPayment:")).anyMatch(id -> id.startsWith("PostRefund:"));
        Map<String, Long> emittedAfter = commandsPerId();
        assertThat(duplicates).allSatisfy(id -> assertThat(emittedAfter.get(id)).as("records of %s on erp.commands", id)
                .isGreaterThan(emittedBefore.get(id)));
        assertThat(emittedAfter.values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThanOrEqualTo(emittedBefore.values().stream().mapToLong(Long::longValue).sum() + duplicates.size());
        assertThat(ledger()).as("the sink's ledger: nothing applied anew").isEqualTo(ledgerBefore);
    }

    // --- what the test reads -------------------------------------------------------------------------------------

    /**
     * The run is done: the processor has read every event-log record, the sink has answered every command on
     * erp.commands, and every settlement batch has its deposit command's answer (when the processor reads batches).
     */
    private boolean everythingProcessed() throws Exception {
        for (String topic : topics.eventLogs()) {
            if (!caughtUp(topic)) {
                return false;
            }
        }
        Map<String, ErpResult> latest = results.latest();
        boolean commandsAnswered = TopicContents.read(bootstrap, Topics.ERP_COMMANDS).stream()
                .allMatch(r -> latest.containsKey(r.value().getCommandId()));
        boolean depositsAnswered = !topics.eventLogs().contains(Topics.RAW_BATCHES.name())
                || TopicContents.read(bootstrap, Topics.RAW_BATCHES).stream().map(ConsumerRecord::key).distinct()
                .allMatch(batch -> latest.keySet().stream().anyMatch(id -> id.startsWith("CloseDeposit:" + batch + ":")));
        return commandsAnswered && depositsAnswered;
    }

    /** The processor's committed offsets have reached the topic's end on every partition. */
    private boolean caughtUp(String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = groupOffsets();
        return offsetsAt(topic, OffsetSpec.latest()).entrySet().stream().allMatch(e -> e.getValue() == 0
                || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
    }

    private static ResultStatus status(Map<String, ErpResult> latest, String commandId) {
        ErpResult r = latest.get(commandId);
        return r == null ? null : r.getStatus();
    }

    private Map<String, Long> commandsPerId() {
        return TopicContents.read(bootstrap, Topics.ERP_COMMANDS).stream().map(ConsumerRecord::value)
                .collect(Collectors.groupingBy(ErpCommand::getCommandId, Collectors.counting()));
    }

    private Map<TopicPartition, OffsetAndMetadata> groupOffsets() throws ExecutionException, InterruptedException {
        return new HashMap<>(admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get());
    }

    private Map<TopicPartition, OffsetAndMetadata> eventLogOffsets() throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> offsets = groupOffsets();
        offsets.keySet().removeIf(p -> !topics.eventLogs().contains(p.topic()));
        return offsets;
    }

    private Map<TopicPartition, Long> offsetsAt(String topic, OffsetSpec spec) throws ExecutionException, InterruptedException {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), spec);
        }
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private List<String> internalTopics() throws ExecutionException, InterruptedException {
        return admin.listTopics().names().get().stream()
                .filter(t -> t.startsWith(appId + "-") && (t.endsWith("-changelog") || t.endsWith("-repartition")))
                .sorted().toList();
    }

    private SlChecksum checksum() throws Exception {
        try (Connection c = pipeline.sl().connect()) {
            return SlChecksum.of(c);
        }
    }

    /** The sink's ledger: commandId → "status|source transaction". */
    private Map<String, String> ledger() throws Exception {
        Map<String, String> rows = new TreeMap<>();
        try (Connection c = pipeline.sl().connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CommandId, Status, SourceTransactionId FROM dbo.PTSL_CommandLedger")) {
            while (rs.next()) {
                rows.put(rs.getString(1).strip(), rs.getString(2).strip() + "|" + rs.getString(3).strip());
            }
        }
        return rows;
    }

    private static String sourceTransaction(Map<String, String> ledger, String commandId) {
        String row = ledger.get(commandId);
        return row.substring(row.indexOf('|') + 1);
    }

    /** What the run told other systems besides commands: status-event keys on erp.results, (transaction, reason) of review items. */
    private record Told(Set<String> statusEvents, Set<String> reviewItems) {
    }

    private Told told() {
        Set<String> status = results.latest().keySet().stream().filter(k -> k.startsWith("Status:"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> review = TopicContents.read(bootstrap, Topics.PAYMENTS_REVIEW).stream()
                .filter(r -> r.value() != null).map(r -> r.key() + " " + r.value().getReason())
                .collect(Collectors.toCollection(TreeSet::new));
        return new Told(status, review);
    }

    /**
     * Transactions the replay decided differently from the run, which it may: it re-reads SL's invoice feed while it
     * re-reads the payments, so a payment can wait for an invoice it found at once the first time, and a void that
     * reaches it then drops it (a VOIDED_UNPOSTED status event, no command). Such a transaction has a status event or a
     * review item the run did not have; its earlier commands are not re-emitted, and SL keeps what they did.
     */
    private Set<String> reDecided(Told before) {
        Told now = told();
        Set<String> transactions = new TreeSet<>();
        now.statusEvents().stream().filter(k -> !before.statusEvents().contains(k))
                .forEach(k -> transactions.add(k.split(":")[1]));
        now.reviewItems().stream().filter(k -> !before.reviewItems().contains(k))
                .forEach(k -> transactions.add(k.substring(0, k.indexOf(' '))));
        return transactions;
    }

    private static boolean answeredSince(ErpResult result, Instant since) {
        return result != null && result.getProcessedAt() != null && !result.getProcessedAt().isBefore(since);
    }

    private static long totalToReprocess(String out) {
        Matcher m = TOTAL.matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static BigDecimal quarter(OpenInvoice invoice) {
        return invoice.docBal().divide(BigDecimal.valueOf(4), 2, RoundingMode.DOWN).max(new BigDecimal("1.00"));
    }

    private record Cli(int exit, String out) {
    }

    /** {@code ptsl replay ...} through picocli, as Main runs it, against this pipeline's broker. */
    private Cli replay(String... args) {
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", bootstrap));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new ReplayCommand());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        int exit = line.execute(all.toArray(String[]::new));
        return new Cli(exit, out.toString());
    }
}
