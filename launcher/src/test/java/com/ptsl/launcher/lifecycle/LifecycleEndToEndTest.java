package com.ptsl.launcher.lifecycle;

import com.ptsl.launcher.EmbeddedPipeline;
import com.ptsl.launcher.Main;
import com.ptsl.launcher.TopicFollower;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.sl.ArDocRow;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.sandbox.sl.release.ReleaseResult;
import com.ptsl.sandbox.sl.SlRowWriter;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import com.ptsl.schemas.avro.ResultStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every card transaction kind on the real pipeline (PayTrace sandbox over HTTP, a KRaft broker, the three services,
 * the SL sandbox database), driven by the same {@link LifecycleTraffic} as {@code ptsl run}, and checked in SL:
 * the documents each kind leaves, that SL's release (the sandbox's pp_08400) accepts them, and the cash invariant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private EmbeddedPipeline pipeline;
    private TopicFollower<ErpResult, ErpResult> results;
    private List<ChainOutcome> outcomes;

    @BeforeAll
    void runEveryChain(@TempDir Path dataDir) throws InterruptedException {
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.forTests(dataDir, "lifecycle-" + UUID.randomUUID()), step -> { });
        results = TopicFollower.results(pipeline.kafka().bootstrapServers());
        List<ChainPlan.InvoiceSlot> slots = pipeline.sl().openInvoices().stream()
                .collect(Collectors.groupingBy(OpenInvoice::custId)).values().stream()
                .map(list -> list.get(0)) // one invoice per customer: chains do not share a customer
                .map(i -> new ChainPlan.InvoiceSlot(i.custId(), i.refNbr(), i.docBal()))
                .limit(Chain.values().length).toList();
        TrafficGenerator generator = new TrafficGenerator(pipeline.payTrace().baseUrl(), pipeline.payTrace().config().username(),
                pipeline.payTrace().config().password(), 5);
        LifecycleTraffic traffic = new LifecycleTraffic(LifecycleTraffic.merchant(generator, () -> pipeline.payTrace().settleNow(),
                () -> pipeline.sl().releaseAll()), id -> results.latest().containsKey(id), step -> { });
        outcomes = traffic.run(ChainPlan.plan(1, slots), DEADLINE);
        await().atMost(DEADLINE).until(() -> outcomes.stream().flatMap(o -> o.expectedCommands().stream())
                .allMatch(results.latest()::containsKey));
    }

    @AfterAll
    void stop() {
        // Null when start-up failed: the pipeline must still be closed before @TempDir removes its broker's files.
        if (results != null) {
            results.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyChainRanAndEveryResultArrivedWithoutRejection() {
        assertThat(outcomes).hasSize(Chain.values().length).allSatisfy(o -> {
            assertThat(o.problem()).as(o.plan().chain().name()).isNull();
            o.expectedCommands().forEach(id -> assertThat(results.latest().get(id).getStatus())
                    .as(id).isIn(ResultStatus.APPLIED, ResultStatus.NOT_POSTED));
        });
    }

    @Test
    void aSaleVoidedBeforeSettlementNetsNothingInSl() {
        ChainOutcome voided = outcome(Chain.SALE_THEN_VOID);
        String tx = voided.transactions().get(0);
        assertThat(results.latest().get("ReversePayment:" + tx).getStatus()).isEqualTo(ResultStatus.APPLIED);
        BigDecimal pa = sum("PA", tx);
        BigDecimal ns = sum("NS", tx);
        assertThat(pa.subtract(ns)).as("PA less NS of a voided sale").isEqualByComparingTo("0");
    }

    @Test
    void aSaleVoidedAfterSlReleasedItIsReversedByAnNsLinkedToIt() {
        ChainOutcome voided = outcome(Chain.SALE_RELEASED_THEN_VOID);
        String tx = voided.transactions().get(0);
        ErpResult reversal = results.latest().get("ReversePayment:" + tx);
        assertThat(reversal.getStatus()).isEqualTo(ResultStatus.APPLIED);
        assertThat(reversal.getEvent()).isEqualTo("REVERSED");
        assertThat(sum("NS", tx)).as("the NS carries the payment's amount").isEqualByComparingTo(sum("PA", tx))
                .isEqualByComparingTo(voided.plan().amount());
    }

    @Test
    void aSettledSaleRefundedInTwoPartsLeavesTwoRefundsAndNoCash() {
        ChainOutcome refunded = outcome(Chain.SALE_SETTLE_REFUNDS);
        assertThat(refunded.transactions()).hasSize(3);
        String sale = refunded.transactions().get(0);
        BigDecimal cashOut = refunded.transactions().subList(1, 3).stream().map(r -> sum("DM", r)).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum("PA", sale)).isEqualByComparingTo(refunded.plan().amount());
        assertThat(cashOut).as("cash-out debit memos of both refunds").isEqualByComparingTo(refunded.plan().amount());
    }

    @Test
    void aPartialCapturePostsTheCapturedAmount() {
        ChainOutcome captured = outcome(Chain.AUTH_PARTIAL_CAPTURE);
        assertThat(sum("PA", captured.transactions().get(0))).isEqualByComparingTo(captured.payTraceNet())
                .isLessThan(captured.plan().amount());
    }

    @Test
    void authorizationsVoidsDeclinesAndAutoVoidsPostNothingButTellOtherSystems() {
        for (Chain chain : List.of(Chain.AUTH_THEN_VOID, Chain.AUTO_VOID_103, Chain.DECLINE)) {
            ChainOutcome o = outcome(chain);
            String tx = o.transactions().get(0);
            assertThat(sum("PA", tx)).as(chain + " posts nothing").isEqualByComparingTo("0");
            assertThat(o.expectedCommands()).allSatisfy(id -> assertThat(id).startsWith("Status:" + tx + ":"));
            o.expectedCommands().forEach(id -> assertThat(results.latest().get(id).getStatus()).isEqualTo(ResultStatus.NOT_POSTED));
        }
        assertThat(results.latest().get("Status:" + outcome(Chain.DECLINE).transactions().get(0) + ":DECLINED").getReason())
                .as("the decline reason travels with the event").isNotBlank();
    }

    @Test
    void slsReleaseAcceptsEveryBatchTheSinkWroteAndTheCashInvariantHolds() {
        List<ReleaseResult> released = pipeline.sl().releaseAll();
        assertThat(released).isNotEmpty().allSatisfy(r -> assertThat(r.released()).as("batch %s: %s", r.batNbr(), r.messages()).isTrue());
        LifecycleCheck check = LifecycleCheck.of(pipeline.sl().queries(), List.of(), outcomes, results.latest());
        assertThat(check.cashMatches()).as(String.join("\n", check.lines())).isTrue();
        assertThat(check.noInvoiceOverApplied()).isTrue();
        assertThat(check.chainsComplete()).isTrue();
    }

    @Test
    void aCommandSlRefusesWaitsInTheDeadLetterQueueAndIsAppliedOnceAfterTheFix() throws Exception {
        String bootstrap = pipeline.kafka().bootstrapServers();
        String custId = "C09901";
        String tx = "9900001";
        ErpCommand command = ErpCommand.newBuilder()
                .setCommandId("PostPayment:" + tx).setCustId(custId).setSourceTransactionId(tx)
                .setSourceReceivedAt(Instant.now()).setCreatedAt(Instant.now())
                .setPayload(PostPayment.newBuilder().setTransactionId(tx).setAmount(new BigDecimal("25.00"))
                        .setDocDate(LocalDate.now()).setPaymentMethod(PaymentMethod.CARD).setApplications(List.of()).build())
                .build();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.ERP_COMMANDS.name(), custId,
                    Topics.ERP_COMMANDS.valueSerde().serializer().serialize(Topics.ERP_COMMANDS.name(), command))).get();
        }
        await().atMost(DEADLINE).until(() -> cli("dlq", "list", "--bootstrap-server", bootstrap).out().contains("PostPayment:" + tx));
        assertThat(cli("dlq", "list", "--bootstrap-server", bootstrap).out()).contains("unknown customer");

        addCustomer(custId);
        Cli redrive = cli("dlq", "redrive", "PostPayment:" + tx, "--bootstrap-server", bootstrap, "--wait", "60");

        assertThat(redrive.exit()).as(redrive.out()).isZero();
        assertThat(redrive.out()).contains("APPLIED");
        assertThat(sum("PA", tx)).isEqualByComparingTo("25.00");
        Cli again = cli("dlq", "redrive", "PostPayment:" + tx, "--bootstrap-server", bootstrap);
        assertThat(again.exit()).as("applied and gone from the queue").isEqualTo(2);
        assertThat(pipeline.sl().queries().documents("PA").stream().filter(d -> d.refNbr().equals(tx))).hasSize(1);
    }

    private record Cli(int exit, String out) {
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new Main());
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(out, true));
        int exit = line.execute(args);
        return new Cli(exit, out.toString());
    }

    /** What an SL user does to fix "unknown customer": enters the customer (screen 08.260). */
    private void addCustomer(String custId) throws Exception {
        OpenInvoice template = pipeline.sl().openInvoices().get(0);
        try (Connection c = pipeline.sl().connect(); SlRowWriter w = new SlRowWriter(c)) {
            Map<String, Object> t;
            try (var ps = c.prepareStatement("SELECT ArAcct, ArSub FROM dbo.Customer WHERE CustId = ?")) {
                ps.setString(1, template.custId());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    t = Map.of("ArAcct", rs.getString(1), "ArSub", rs.getString(2));
                }
            }
            w.into("Customer").set("CustId", custId).set("Name", "Entered after the rejection").set("Status", "A")
                    .set("ArAcct", t.get("ArAcct")).set("ArSub", t.get("ArSub"))
                    .set("Crtd_DateTime", LocalDateTime.now()).set("Crtd_Prog", "08260").set("Crtd_User", "SLUSER")
                    .set("LUpd_DateTime", LocalDateTime.now()).set("LUpd_Prog", "08260").set("LUpd_User", "SLUSER")
                    .insert();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private ChainOutcome outcome(Chain chain) {
        return outcomes.stream().filter(o -> o.plan().chain() == chain).findFirst().orElseThrow();
    }

    private BigDecimal sum(String docType, String refNbr) {
        return pipeline.sl().queries().documents(docType).stream().filter(d -> d.refNbr().equals(refNbr))
                .map(ArDocRow::origDocAmt).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
