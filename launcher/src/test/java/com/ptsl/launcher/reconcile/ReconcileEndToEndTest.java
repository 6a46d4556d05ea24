package com.ptsl.launcher.reconcile;

import com.ptsl.launcher.EmbeddedPipeline;
import com.ptsl.launcher.Main;
import com.ptsl.launcher.TopicFollower;
import com.ptsl.launcher.lifecycle.Chain;
import com.ptsl.launcher.lifecycle.ChainOutcome;
import com.ptsl.launcher.lifecycle.ChainPlan;
import com.ptsl.launcher.lifecycle.LifecycleTraffic;
import com.ptsl.launcher.traffic.Completion;
import com.ptsl.launcher.traffic.GroundTruthRow;
import com.ptsl.launcher.traffic.PaymentMix;
import com.ptsl.launcher.traffic.PaymentTraffic;
import com.ptsl.reconciler.ReconcileOptions;
import com.ptsl.reconciler.Reconciler;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;
import com.ptsl.reconciler.report.Report;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import com.ptsl.schemas.avro.ReviewItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reconciliation on the real pipeline: after a mixed run (payments of the mix and every lifecycle chain, settled into
 * PayTrace batches that close as SL deposits) {@code ptsl reconcile} finds no variance. Then SL is tampered with the
 * ways that happen at a real site, each is reported once in its category, {@code --redrive} re-posts the deleted payment
 * (once, however often it runs) and, with the other changes undone, the window reconciles to zero again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReconcileEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String UNKNOWN_TX = "99999999";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private EmbeddedPipeline pipeline;
    private TopicFollower<ErpResult, ErpResult> results;
    private ZoneId zone;
    private ZonedDateTime from;
    private Path reports;
    private Tampered tampered;

    /** The unreleased payments the test changes, and what they were. */
    private record Tampered(String deletedTx, String amountTx, String reappliedTx, String reappliedFrom, String reappliedTo,
                            String reappliedToCustomer) {
    }

    @BeforeAll
    void mixedRun(@TempDir Path dataDir) throws InterruptedException {
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.forTests(dataDir, "reconcile-" + UUID.randomUUID()), step -> { });
        results = TopicFollower.results(pipeline.kafka().bootstrapServers());
        TopicFollower<ReviewItem, String> reviews = TopicFollower.reviewReasons(pipeline.kafka().bootstrapServers());
        zone = pipeline.payTrace().config().merchantZone();
        from = ZonedDateTime.now(zone).minusMinutes(1);
        reports = dataDir.resolve("reports");
        int firstBatch = pipeline.payTrace().nextBatchNumber();

        List<OpenInvoice> open = pipeline.sl().openInvoices();
        Map<String, List<OpenInvoice>> byCustomer = open.stream().collect(Collectors.groupingBy(OpenInvoice::custId));
        List<String> customers = byCustomer.keySet().stream().sorted().toList();
        Set<String> chainCustomers = Set.copyOf(customers.subList(0, Chain.values().length));
        List<ChainPlan.InvoiceSlot> slots = chainCustomers.stream().sorted().map(c -> byCustomer.get(c).get(0))
                .map(i -> new ChainPlan.InvoiceSlot(i.custId(), i.refNbr(), i.docBal())).toList();
        TrafficGenerator generator = new TrafficGenerator(pipeline.payTrace().baseUrl(), pipeline.payTrace().config().username(),
                pipeline.payTrace().config().password(), 11);
        // Every lifecycle first (one chain releases SL's batches), then payments of the mix into a fresh, unreleased batch.
        List<ChainOutcome> chains = new LifecycleTraffic(LifecycleTraffic.merchant(generator, () -> pipeline.payTrace().settleNow(),
                () -> pipeline.sl().releaseAll()), id -> results.latest().containsKey(id), step -> { })
                .run(ChainPlan.plan(1, slots), DEADLINE);
        assertThat(chains).allSatisfy(c -> assertThat(c.problem()).as(c.plan().chain().name()).isNull());
        List<OpenInvoice> forMix = open.stream().filter(i -> !chainCustomers.contains(i.custId())).toList();
        List<GroundTruthRow> truth = new PaymentTraffic(generator::makeSale, pipeline.sl()::enterInvoice, 20, step -> { })
                .run(PaymentMix.simple(forMix, 16, 5, 0.1).payments());
        Set<String> chainCommands = chains.stream().flatMap(c -> c.expectedCommands().stream()).collect(Collectors.toSet());
        await().atMost(DEADLINE).until(() -> chainCommands.stream().allMatch(results.latest()::containsKey)
                && Completion.of(truth, TopicFollower.paymentResults(results.latest()), reviews.latest().keySet()).done());
        reviews.close();

        pipeline.payTrace().settleNow(); // the day's last cut-off: every approved sale is in a settlement batch
        int next = pipeline.payTrace().nextBatchNumber();
        assertThat(next - firstBatch).as("settlement batches of the run").isGreaterThanOrEqualTo(2);
        // The gateway polls the new batch and the processor holds it for PROCESSOR_DEPOSIT_DELAY_MS.
        int recorded = DepositsClosed.await(pipeline.sl(), firstBatch, next,
                EmbeddedPipeline.DEPOSIT_DELAY.plus(DEADLINE), step -> { });
        assertThat(recorded).as("settlement batches recorded as SL deposits").isEqualTo(next - firstBatch);
    }

    @AfterAll
    void stop() {
        if (results != null) {
            results.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void aMixedRunReconcilesWithoutVarianceAndTheCliExitsZero() throws Exception {
        Report report = reconcile(false);
        assertThat(report.linesOf(Category.MATCHED)).as("matched transactions").hasSizeGreaterThanOrEqualTo(20);
        assertThat(report.lines().stream().filter(l -> l.category().variance()).toList()).as("variance lines").isEmpty();
        assertThat(report.perSettlementBatch()).as("settlement batches").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(t -> assertThat(t.difference()).as(t.key()).isEqualByComparingTo("0"));

        Cli cli = cli();
        assertThat(cli.exit).as(cli.out + cli.err).isZero();
        try (Stream<Path> files = Files.list(reports)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.endsWith(".html")).anyMatch(n -> n.endsWith(".json")).anyMatch(n -> n.endsWith(".csv"));
        }
    }

    @Test
    @Order(2)
    void eachTamperingIsReportedOnceInItsCategory() throws Exception {
        tampered = tamper();
        Report report = reconcile(false);
        assertThat(only(report, tampered.deletedTx()).category()).isEqualTo(Category.MISSING_IN_SL);
        assertThat(only(report, tampered.amountTx()).category()).isEqualTo(Category.DIFFERS);
        Line reapplied = only(report, tampered.reappliedTx());
        assertThat(reapplied.category()).isEqualTo(Category.DIFFERS);
        assertThat(reapplied.detail()).contains(tampered.reappliedTo());
        assertThat(only(report, UNKNOWN_TX).category()).isEqualTo(Category.UNKNOWN_TO_PAYTRACE);
        List<Line> variance = report.lines().stream().filter(l -> l.category().variance() && l.transactionId() != null).toList();
        assertThat(variance).as("transaction lines with a variance").hasSize(4);
        assertThat(cli().exit).isEqualTo(1);
    }

    @Test
    @Order(3)
    void redriveRepostsTheDeletedPaymentOnceAndReconcileIsBackToZero() throws Exception {
        Report first = reconcile(true);
        assertThat(first.redriven()).as("commands re-driven").hasSize(1);
        String repost = first.redriven().get(0).commandId();
        assertThat(repost).isEqualTo("PostPayment:" + tampered.deletedTx() + ":repost-1");
        await().atMost(DEADLINE).until(() -> results.latest().containsKey(repost));
        assertThat(results.latest().get(repost).getStatus()).isEqualTo(ResultStatus.APPLIED);

        Report second = reconcile(true);
        assertThat(second.redriven()).as("a second --redrive sends nothing new").isEmpty();
        assertThat(second.linesOf(Category.MISSING_IN_SL)).isEmpty();

        undoTheRest();
        Report after = reconcile(false);
        assertThat(after.lines().stream().filter(l -> l.category().variance()).toList()).as("variance lines").isEmpty();
        assertThat(cli().exit).isZero();
    }

    private Report reconcile(boolean redrive) throws Exception {
        return Reconciler.run(new ReconcileOptions(pipeline.kafka().bootstrapServers(), pipeline.sl().jdbcUrl(),
                pipeline.sl().user(), pipeline.sl().password(), from, ZonedDateTime.now(zone).plusMinutes(1), zone, "PTSL",
                redrive, step -> { }));
    }

    private record Cli(int exit, String out, String err) {
    }

    private Cli cli() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("reconcile", "--bootstrap-server", pipeline.kafka().bootstrapServers(),
                "--sl-jdbc-url", pipeline.sl().jdbcUrl(), "--sl-user", pipeline.sl().user(), "--sl-password", pipeline.sl().password(),
                "--from", from.toLocalDateTime().format(LOCAL), "--to", ZonedDateTime.now(zone).plusMinutes(1).toLocalDateTime().format(LOCAL),
                "--zone", zone.getId(), "--report", reports.toString());
        return new Cli(exit, out.toString(), err.toString());
    }

    private static Line only(Report report, String tx) {
        List<Line> lines = report.lines().stream().filter(l -> tx.equals(l.transactionId())).toList();
        assertThat(lines).as("lines of " + tx).hasSize(1);
        return lines.get(0);
    }

    /**
     * Three unreleased PAs of the mix, each with an application line: one deleted (an SL user removed it from the
     * batch), one whose amount was changed, one re-applied to another customer's invoice; and a PA PayTrace never saw.
     */
    private Tampered tamper() throws SQLException {
        try (Connection c = pipeline.sl().connect()) {
            List<Map<String, Object>> pas = rows(c, "SELECT d.* FROM dbo.[ARDoc] d JOIN dbo.[Batch] b ON b.[Module] = 'AR' AND b.[BatNbr] = d.[BatNbr]"
                    + " WHERE d.[DocType] = 'PA' AND d.[Rlsed] = 0 AND b.[Rlsed] = 0 AND d.[User1] LIKE 'PayTrace %'"
                    + " AND EXISTS (SELECT 1 FROM dbo.[ARTran] t WHERE t.[RefNbr] = d.[RefNbr] AND t.[TranType] = 'PA' AND t.[DrCr] = 'U')"
                    + " ORDER BY d.[RefNbr]");
            assertThat(pas).as("unreleased PAs with applications").hasSizeGreaterThanOrEqualTo(3);
            Map<String, Object> deleted = pas.get(0);
            Map<String, Object> amount = pas.get(1);
            Map<String, Object> reapplied = pas.get(2);
            String deletedRef = trim(deleted.get("REFNBR"));
            update(c, "DELETE FROM dbo.[ARTran] WHERE [TranType] = 'PA' AND [RefNbr] = ?", deletedRef);
            update(c, "DELETE FROM dbo.[ARDoc] WHERE [DocType] = 'PA' AND [RefNbr] = ?", deletedRef);
            update(c, "UPDATE dbo.[ARDoc] SET [OrigDocAmt] = [OrigDocAmt] + 1, [CuryOrigDocAmt] = [CuryOrigDocAmt] + 1,"
                    + " [DocBal] = [DocBal] + 1, [CuryDocBal] = [CuryDocBal] + 1 WHERE [DocType] = 'PA' AND [RefNbr] = ?", trim(amount.get("REFNBR")));
            String reappliedRef = trim(reapplied.get("REFNBR"));
            String payer = trim(reapplied.get("CUSTID"));
            String invoice = trim(rows(c, "SELECT [SiteId] FROM dbo.[ARTran] WHERE [TranType] = 'PA' AND [DrCr] = 'U' AND [RefNbr] = '"
                    + reappliedRef + "' ORDER BY [LineNbr]").get(0).get("SITEID"));
            OpenInvoice other = pipeline.sl().openInvoices().stream().filter(i -> !i.custId().equals(payer)).findFirst().orElseThrow();
            update(c, "UPDATE dbo.[ARTran] SET [SiteId] = ? WHERE [TranType] = 'PA' AND [DrCr] = 'U' AND [RefNbr] = ? AND [SiteId] = ?",
                    other.refNbr(), reappliedRef, invoice);
            Map<String, Object> unknown = new LinkedHashMap<>(amount);
            unknown.put("REFNBR", UNKNOWN_TX);
            unknown.put("USER1", "PayTrace " + UNKNOWN_TX);
            unknown.remove("TSTAMP"); // SL's rowversion: the database numbers the new row
            insert(c, "ARDoc", unknown);
            return new Tampered(trim(deleted.get("USER1")).substring("PayTrace ".length()),
                    trim(amount.get("USER1")).substring("PayTrace ".length()),
                    trim(reapplied.get("USER1")).substring("PayTrace ".length()), invoice, other.refNbr(), other.custId());
        }
    }

    private void undoTheRest() throws SQLException {
        try (Connection c = pipeline.sl().connect()) {
            String amountRef = tampered.amountTx();
            update(c, "UPDATE dbo.[ARDoc] SET [OrigDocAmt] = [OrigDocAmt] - 1, [CuryOrigDocAmt] = [CuryOrigDocAmt] - 1,"
                    + " [DocBal] = [DocBal] - 1, [CuryDocBal] = [CuryDocBal] - 1 WHERE [DocType] = 'PA' AND [User1] = ?", "PayTrace " + amountRef);
            update(c, "UPDATE dbo.[ARTran] SET [SiteId] = ? WHERE [TranType] = 'PA' AND [DrCr] = 'U' AND [SiteId] = ? AND [RefNbr] IN"
                            + " (SELECT [RefNbr] FROM dbo.[ARDoc] WHERE [DocType] = 'PA' AND [User1] = ?)",
                    tampered.reappliedFrom(), tampered.reappliedTo(), "PayTrace " + tampered.reappliedTx());
            update(c, "DELETE FROM dbo.[ARDoc] WHERE [DocType] = 'PA' AND [RefNbr] = ?", UNKNOWN_TX);
        }
    }

    private static String trim(Object value) {
        return value == null ? "" : value.toString().trim();
    }

    private static void update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            assertThat(ps.executeUpdate()).as(sql).isPositive();
        }
    }

    private static List<Map<String, Object>> rows(Connection c, String sql) throws SQLException {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i).toUpperCase(), rs.getObject(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private static void insert(Connection c, String table, Map<String, Object> row) throws SQLException {
        String columns = row.keySet().stream().map(k -> "[" + k + "]").collect(Collectors.joining(", "));
        String marks = row.keySet().stream().map(k -> "?").collect(Collectors.joining(", "));
        update(c, "INSERT INTO dbo.[" + table + "] (" + columns + ") VALUES (" + marks + ")", row.values().toArray());
    }
}
