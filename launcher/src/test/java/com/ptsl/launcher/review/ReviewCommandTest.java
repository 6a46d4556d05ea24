package com.ptsl.launcher.review;

import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.launcher.review.KafkaFixture.Run;
import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.TopicCreator;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ResolutionAction;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.ReviewStatus;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static com.ptsl.launcher.review.Fixtures.candidate;
import static com.ptsl.launcher.review.Fixtures.item;
import static com.ptsl.launcher.review.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ptsl review list} and {@code ptsl review resolve} as a user runs them, against a real broker holding
 * review items, SL invoices and customers as the processor and erp-sink write them.
 */
class ReviewCommandTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    private static KafkaFixture topics;

    @BeforeAll
    static void slCatalogue() {
        TopicCreator.ensure(kafka.bootstrapServers(), Topics.all());
        topics = new KafkaFixture(kafka.bootstrapServers());
        Map<String, SlInvoiceSnapshot> invoices = new LinkedHashMap<>();
        for (SlInvoiceSnapshot i : Fixtures.invoices()) {
            invoices.put(SlKeys.invoice(i.getCpnyId(), i.getRefNbr()), i);
        }
        topics.send(Topics.SL_INVOICES, invoices);
        // An invoice SL has since closed: its snapshot, then the tombstone.
        String closed = SlKeys.invoice("0060", "0000010009");
        topics.send(Topics.SL_INVOICES, closed, Fixtures.invoice("0000010009", "C00001", "15.00", LocalDate.of(2026, 9, 1)).build());
        topics.send(Topics.SL_INVOICES, closed, null);
        Map<String, SlCustomerSnapshot> customers = new LinkedHashMap<>();
        for (SlCustomerSnapshot c : Fixtures.customers()) {
            customers.put(SlKeys.customer(c.getCustId()), c);
        }
        topics.send(Topics.SL_CUSTOMERS, customers);
    }

    @AfterAll
    static void close() {
        topics.close();
    }

    /**
     * <pre>
     * 9000001 UNMATCHED        C00001  100.00, 100.00 on account, candidates 0000010001, 0000010002
     * 9000002 UNKNOWN_CUSTOMER unknown  25.50, nothing posted
     * 9000003 UNMATCHED        C00001  raised OPEN, then RESOLVED
     * 9000004 OVERPAYMENT      C00002   70.00, 10.00 on account
     * 9000005 UNDERPAYMENT     C00001   80.00,  80.00 on account
     * </pre>
     */
    @BeforeEach
    void queue() {
        topics.truncate(Topics.PAYMENTS_REVIEW);
        topics.truncate(Topics.REVIEW_RESOLUTIONS);
        Map<String, ReviewItem> items = new LinkedHashMap<>();
        items.put("9000001", item("9000001")
                .setCandidates(List.of(candidate("C00001", "0000010001", "80.00", "same customer, oldest"),
                        candidate("C00001", "0000010002", "50.00", "same customer")))
                .build());
        items.put("9000002", item("9000002").setReason(ReviewReason.UNKNOWN_CUSTOMER).setCustId(null)
                .setAmount(money("25.50")).setPostedOnAccount(null).setRaisedAt(Fixtures.RAISED.plusSeconds(60))
                .setDecision("Which customer paid?").build());
        items.put("9000003", item("9000003").build());
        items.put("9000004", item("9000004").setReason(ReviewReason.OVERPAYMENT).setCustId("C00002")
                .setAmount(money("70.00")).setPostedOnAccount(money("10.00")).setRaisedAt(Fixtures.RAISED.plusSeconds(120)).build());
        items.put("9000005", item("9000005").setReason(ReviewReason.UNDERPAYMENT).setAmount(money("80.00"))
                .setPostedOnAccount(money("80.00")).setRaisedAt(Fixtures.RAISED.plusSeconds(180)).build());
        topics.send(Topics.PAYMENTS_REVIEW, items);
        topics.send(Topics.PAYMENTS_REVIEW, "9000003", item("9000003").setStatus(ReviewStatus.RESOLVED)
                .setResolution("applied to 0000010002 by bob").build());
    }

    @Test
    void listShowsTheOpenItemsWithTheirAmountsAndCandidates() {
        Run run = topics.review("list");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("9000001", "9000002", "9000004", "9000005")
                .doesNotContain("9000003")
                .containsPattern("9000001 +UNMATCHED +OPEN +C00001 +100\\.00 +100\\.00 +2026-11-30T09:15:00Z")
                .containsPattern("9000002 +UNKNOWN_CUSTOMER +OPEN +unknown +25\\.50 +- +2026-11-30T09:16:00Z")
                .contains("    decide: Which customer paid?")
                .contains("      0000010001  available 80.00  same customer, oldest")
                .contains("4 open items: UNKNOWN_CUSTOMER 1 (25.50), UNMATCHED 1 (100.00), OVERPAYMENT 1 (70.00), "
                        + "UNDERPAYMENT 1 (80.00); amount 275.50, on account 190.00")
                .doesNotContain(Fixtures.CARDHOLDER);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void listAllAlsoShowsResolvedItemsAndReasonFilters() {
        Run all = topics.review("list", "--all");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).contains("9000003").contains("resolution: applied to 0000010002 by bob")
                .contains("5 items (4 open, 1 resolved)");

        Run some = topics.review("list", "--reason", "overpayment,UNKNOWN_CUSTOMER");
        assertThat(some.exit()).isZero();
        assertThat(some.out()).contains("9000002", "9000004").doesNotContain("9000001").doesNotContain("9000005")
                .contains("2 open items");
    }

    @Test
    void listAsJson() throws Exception {
        Run run = topics.review("list", "--format", "json");

        assertThat(run.exit()).isZero();
        JsonNode items = new ObjectMapper().readTree(run.out());
        assertThat(items).extracting(i -> i.get("transactionId").asText()).containsExactly("9000001", "9000002", "9000004", "9000005");
        assertThat(items.get(0).get("amount").asText()).isEqualTo("100.00");
        assertThat(run.out()).doesNotContain(Fixtures.CARDHOLDER);
    }

    @Test
    void listOfAnEmptyQueueSaysSo() {
        topics.truncate(Topics.PAYMENTS_REVIEW);

        Run run = topics.review("list");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("No open review items.\n");
    }

    @Test
    void aLongReadReportsProgressOnStderr() {
        StringWriter err = new StringWriter();
        // Progress due at once instead of after 2 s: the queue here reads in milliseconds.
        try (KafkaTopicReader reader = new KafkaTopicReader(kafka.bootstrapServers(), Duration.ofSeconds(10),
                new PrintWriter(err, true), Duration.ZERO)) {
            assertThat(new ReviewQueueReader(reader).read().open()).hasSize(4);
        }
        assertThat(err.toString()).containsPattern("reading payments.review: \\d+ of 6 records \\.\\.\\.");
    }

    @Test
    void resolveApplyWritesExactlyOneResolution() {
        Run run = topics.review("resolve", "9000001", "--apply", "10001,0000010002", "--note", "paid by phone");

        assertThat(run.exit()).as(run.err()).isZero();
        List<ConsumerRecord<String, ReviewResolution>> written = topics.readAll(Topics.REVIEW_RESOLUTIONS);
        assertThat(written).hasSize(1);
        assertThat(written.get(0).key()).isEqualTo("9000001");
        ReviewResolution r = written.get(0).value();
        assertThat(r.getTransactionId()).isEqualTo("9000001");
        assertThat(r.getAction()).isEqualTo(ResolutionAction.APPLY);
        assertThat(r.getCustId()).isEqualTo("C00001");
        assertThat(r.getInvoices()).containsExactly("0000010001", "0000010002");
        assertThat(r.getResolvedBy()).isEqualTo(System.getProperty("user.name"));
        assertThat(r.getNote()).isEqualTo("paid by phone");
        assertThat(r.getResolvedAt()).isNotNull();
        assertThat(run.out())
                .contains("Wrote resolution of 9000001 to payments.review.resolutions (partition " + written.get(0).partition()
                        + ", offset " + written.get(0).offset() + ")")
                .containsPattern("invoices +0000010001, 0000010002")
                .containsPattern("0000010001  available +80\\.00  gets +80\\.00  \\(oldest first\\)")
                .containsPattern("0000010002  available +50\\.00  gets +20\\.00  \\(oldest first\\)")
                .contains("stays on account 0.00");
    }

    @Test
    void resolveOnAccountOfAnUnknownCustomerWritesTheNamedCustomer() {
        Run run = topics.review("resolve", "9000002", "--on-account", "--customer", "c00002");

        assertThat(run.exit()).as(run.err()).isZero();
        List<ConsumerRecord<String, ReviewResolution>> written = topics.readAll(Topics.REVIEW_RESOLUTIONS);
        assertThat(written).singleElement().satisfies(rec -> {
            assertThat(rec.value().getAction()).isEqualTo(ResolutionAction.ON_ACCOUNT);
            assertThat(rec.value().getCustId()).isEqualTo("C00002");
            assertThat(rec.value().getInvoices()).isEmpty();
        });
    }

    @Test
    void explicitAmountsAreWrittenNextToTheirInvoices() {
        Run run = topics.review("resolve", "9000001", "--apply", "10001:60,10002");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(topics.readAll(Topics.REVIEW_RESOLUTIONS)).singleElement().satisfies(rec -> {
            assertThat(rec.value().getInvoices()).containsExactly("0000010001", "0000010002");
            assertThat(rec.value().getAmounts()).containsExactly(new BigDecimal("60.00"), null);
            assertThat(rec.value().getNote()).isEmpty();
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "resolve 9009999 --ignore                       | no review item with transaction id 9009999 in payments.review",
            "resolve 9000003 --ignore                       | review item 9000003 is already RESOLVED: applied to 0000010002 by bob",
            "resolve 9000001                                | say what to do with 9000001: give exactly one of --apply, --on-account or --ignore",
            "resolve 9000001 --on-account --ignore          | --on-account and --ignore cannot be combined",
            "resolve 9000001 --apply 10099                  | --apply 10099: no open invoice 10099 in sl.invoices",
            "resolve 9000001 --apply 10009                  | --apply 10009: no open invoice 10009 in sl.invoices",
            "resolve 9000001 --apply 10003                  | --apply 10003: invoice 0000010003 belongs to customer C00002, not to the payment's customer C00001",
            "resolve 9000001 --apply 10004                  | --apply 10004: invoice 0000010004 is not released in SL",
            "resolve 9000001 --apply 10001:80.01            | --apply 10001:80.01: 80.01 is more than invoice 0000010001 has available (80.00)",
            "resolve 9000001 --apply 10001:60,10002:40.01   | --apply: the amounts add up to 100.01, more than the payment can still apply (100.00 posted on account)",
            "resolve 9000005 --apply 10002,10001            | --apply: the payment (80.00 posted on account) is used up before invoice 0000010002, which would get nothing",
            "resolve 9000002 --apply 10003,20001            | --apply: the invoices belong to different customers (0000010003 C00002, 0000020001 C00003)",
            "resolve 9000002 --on-account                   | review item 9000002 has no known customer: --on-account needs --customer CUSTID",
            "resolve 9000002 --on-account --customer C09999 | --customer C09999: no such customer in sl.customers",
            "resolve 9000001 --apply 10001:abc              | --apply 10001:abc: 'abc' is not an amount",
            "resolve 9000001 --ignore --wait -1             | --wait -1: give seconds, 0 or more"})
    void badInputIsNamedExitsTwoAndWritesNothing(String args, String message) {
        Run run = topics.review(args.strip().split(" +"));

        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).startsWith("Error: ").contains(message);
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(topics.readAll(Topics.REVIEW_RESOLUTIONS)).isEmpty();
    }

    @Test
    void waitShowsTheItemOnceTheProcessorResolvedIt() throws Exception {
        CompletableFuture<Run> resolving = CompletableFuture.supplyAsync(() ->
                topics.review("resolve", "9000004", "--ignore", "--note", "test charge", "--wait", "60"));

        // Stand in for the stream processor: once the resolution is there, mark the item RESOLVED.
        await().atMost(Duration.ofSeconds(30)).until(() -> topics.readAll(Topics.REVIEW_RESOLUTIONS).size() == 1);
        topics.send(Topics.PAYMENTS_REVIEW, "9000004", item("9000004").setReason(ReviewReason.OVERPAYMENT).setCustId("C00002")
                .setStatus(ReviewStatus.RESOLVED).setResolution("ignored by the review desk: test charge").build());

        Run run = resolving.get(60, TimeUnit.SECONDS);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote resolution of 9000004")
                .contains("resolution: ignored by the review desk: test charge")
                .contains("9000004 is RESOLVED.");
        assertThat(topics.readAll(Topics.REVIEW_RESOLUTIONS)).singleElement()
                .satisfies(rec -> assertThat(rec.value().getAction()).isEqualTo(ResolutionAction.IGNORE));
    }

    @Test
    void waitGivesUpWithExitOneWhenNothingResolvesTheItem() {
        Run run = topics.review("resolve", "9000004", "--ignore", "--wait", "1");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("Wrote resolution of 9000004").containsPattern("9000004 +OVERPAYMENT +OPEN");
        assertThat(run.err()).contains("Error: 9000004 is still OPEN after 1 s; the resolution is written");
        assertThat(topics.readAll(Topics.REVIEW_RESOLUTIONS)).hasSize(1);
    }

    @Test
    void helpExplainsTheOptionsWithExamples() {
        Run resolve = KafkaFixture.ptsl("review", "resolve", "--help");
        assertThat(resolve.exit()).isZero();
        assertThat(resolve.out()).contains("--apply=INVOICE[:AMOUNT][,INVOICE[:AMOUNT]...]", "--on-account", "--customer=CUSTID",
                "--ignore", "--note=TEXT", "--wait=SECONDS", "--bootstrap-server=HOST:PORT", "KAFKA_BOOTSTRAP_SERVERS",
                "localhost:9092", "Exit code", "Examples:", "ptsl review resolve 1000123 --apply 10001");

        Run list = KafkaFixture.ptsl("review", "list", "--help");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("--all", "--reason=REASON", "--format=FORMAT", "--bootstrap-server=HOST:PORT",
                "KAFKA_BOOTSTRAP_SERVERS", "Examples:", "ptsl review list --reason UNMATCHED,OVERPAYMENT");

        assertThat(KafkaFixture.ptsl("--help").out()).contains("review");
    }
}
