package com.ptsl.launcher;

import com.ptsl.sandbox.paytrace.TestCards;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.sl.ArDocRow;
import com.ptsl.sandbox.sl.ArTranRow;
import com.ptsl.processor.ProcessorMetrics;
import com.ptsl.sandbox.sl.BatchRow;
import com.ptsl.sandbox.sl.NewInvoice;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.schemas.Topics;
import com.ptsl.gateway.push.PushSignature;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton end to end on real parts: sales made over HTTP in the PayTrace sandbox, a real
 * KRaft broker, the three services, and the SL sandbox database, checked in SL itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    private EmbeddedPipeline pipeline;
    private TrafficGenerator generator;

    @BeforeAll
    void startPipeline(@TempDir Path dataDir) {
        pipeline = EmbeddedPipeline.start(EmbeddedPipeline.Options.forTests(dataDir, "e2e-" + UUID.randomUUID()), step -> { });
        List<TrafficGenerator.Target> targets = pipeline.sl().openInvoices().stream()
                .map(inv -> new TrafficGenerator.Target(inv.custId(), inv.refNbr(), quarter(inv)))
                .toList();
        generator = new TrafficGenerator(pipeline.payTrace().baseUrl(), pipeline.payTrace().config().username(),
                pipeline.payTrace().config().password(), targets, 11);
    }

    @AfterAll
    void stopPipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void salesMadeInPayTraceAppearAsPaymentDocumentsInSl() {
        List<SaleMade> sales = generator.makeSales(12);
        Map<String, OpenInvoice> invoices = pipeline.sl().openInvoices().stream()
                .collect(Collectors.toMap(OpenInvoice::refNbr, Function.identity()));

        Map<String, ArDocRow> posted = awaitPaymentsFor(sales);

        for (SaleMade sale : sales) {
            ArDocRow pa = posted.get(Long.toString(sale.transactionId()));
            assertThat(pa.custId()).isEqualTo(sale.customerRef());
            assertThat(pa.origDocAmt()).isEqualByComparingTo(sale.amount());
            assertThat(pa.refNbr()).isEqualTo(Long.toString(sale.transactionId()));
            assertThat(pa.rlsed()).isZero();

            List<ArTranRow> lines = pipeline.sl().queries().applicationLines(pa.custId(), pa.refNbr());
            assertThat(lines).singleElement().satisfies(line -> {
                assertThat(line.drCr()).isEqualTo("U");
                assertThat(line.siteId()).isEqualTo(sale.invoiceId());
                assertThat(line.costType()).isEqualTo("IN");
                assertThat(line.batNbr()).isEqualTo(pa.batNbr());
            });
            assertThat(invoices).containsKey(sale.invoiceId());

            BatchRow batch = pipeline.sl().queries().batch("AR", pa.batNbr()).orElseThrow();
            assertThat(batch.editScrnNbr()).isEqualTo("08030");
        }
        assertEveryBatchBalanced();
    }

    @Test
    void aPaymentNamingOnlyTheInvoicePostsToTheInvoicesCustomer() {
        OpenInvoice invoice = pipeline.sl().openInvoices().get(0);
        String shortRef = invoice.refNbr().replaceFirst("^0+", "");
        SaleMade sale = generator.makeSale(new TrafficGenerator.SaleRequest(new BigDecimal("1.00"), shortRef, "", ""));

        ArDocRow pa = awaitPaymentsFor(List.of(sale)).get(Long.toString(sale.transactionId()));

        assertThat(pa.custId()).isEqualTo(invoice.custId());
        assertThat(pipeline.sl().queries().applicationLines(pa.custId(), pa.refNbr())).singleElement().satisfies(line -> {
            assertThat(line.siteId()).isEqualTo(invoice.refNbr());
            assertThat(line.tranAmt()).isEqualByComparingTo("1.00");
        });
    }

    @Test
    void anInvoiceEnteredInSlAfterItsPaymentGetsThePaymentWithinTheDeadline() {
        long waitedBefore = pipeline.processor().metrics().waited(ProcessorMetrics.WaitStage.CUSTOMER);
        SaleMade sale = generator.makeSale(new TrafficGenerator.SaleRequest(new BigDecimal("42.00"), "SO-E2E-0001", "", "deposit"));
        // The processor has the payment and nothing in SL names SO-E2E-0001 yet.
        await().atMost(DEADLINE).until(() -> pipeline.processor().metrics().waited(ProcessorMetrics.WaitStage.CUSTOMER) > waitedBefore);
        String custId = pipeline.sl().openInvoices().get(1).custId();

        String refNbr = pipeline.sl().enterInvoice(new NewInvoice(custId, new BigDecimal("100.00"), LocalDate.now(), "SO-E2E-0001", ""));

        ArDocRow pa = awaitPaymentsFor(List.of(sale)).get(Long.toString(sale.transactionId()));
        assertThat(pa.custId()).isEqualTo(custId);
        // Past the deadline it would have been posted on account with no 'U' line: applied means it matched in time.
        assertThat(pipeline.sl().queries().applicationLines(pa.custId(), pa.refNbr())).singleElement().satisfies(line -> {
            assertThat(line.siteId()).as("applied to the new invoice, not left on account").isEqualTo(refNbr);
            assertThat(line.tranAmt()).isEqualByComparingTo("42.00");
        });
    }

    @Test
    void pollingTwiceAndRestartingTheSinkStillGivesOnePaymentPerTransaction() throws Exception {
        List<SaleMade> first = generator.makeSales(8);
        awaitPaymentsFor(first);

        pipeline.stopSink();
        List<SaleMade> second = generator.makeSales(8);
        // Forget the gateway's checkpoint: the next polls re-publish every record of the window (overlap).
        pipeline.stopGateway();
        deleteRecursively(pipeline.gatewayStateDir());
        long duplicatesBefore = pipeline.processor().metrics().duplicatesDropped();
        pipeline.startGateway();
        await().atMost(DEADLINE).until(() -> pipeline.processor().metrics().duplicatesDropped() >= duplicatesBefore + first.size());
        pipeline.startSink();

        List<SaleMade> all = new ArrayList<>(first);
        all.addAll(second);
        awaitPaymentsFor(all);

        Map<String, Long> perTransaction = pipeline.sl().queries().documents("PA").stream()
                .collect(Collectors.groupingBy(ArDocRow::custOrdNbr, Collectors.counting()));
        for (SaleMade sale : all) {
            assertThat(perTransaction.get(Long.toString(sale.transactionId())))
                    .as("SL payment documents for PayTrace transaction %d", sale.transactionId()).isEqualTo(1L);
        }
        assertEveryBatchBalanced();
    }

    @Test
    void malformedRawRecordGoesToInvalidTopicAndThePipelineKeepsGoing() {
        byte[] garbage = "{\"this is\": \"not an Avro RawPayTraceRecord\"}".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RAW_TRANSACTIONS.name(), "poison".getBytes(StandardCharsets.UTF_8), garbage));
        }

        List<SaleMade> after = generator.makeSales(3);

        assertThat(awaitInvalidRecords()).anySatisfy(invalid -> {
            assertThat(invalid.getValue().array()).isEqualTo(garbage);
            assertThat(invalid.getReason()).isNotBlank();
        });
        awaitPaymentsFor(after);
    }

    @Test
    void noCardNumberReachesKafkaOrSl() throws Exception {
        awaitPaymentsFor(generator.makeSales(5));

        List<String> texts = new ArrayList<>();
        try (var c = pipeline.sl().connect(); var st = c.createStatement()) {
            for (String table : List.of("Batch", "ARDoc", "ARTran", "PTSL_CommandLedger")) {
                try (var rs = st.executeQuery("SELECT * FROM dbo." + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            texts.add(String.valueOf(rs.getObject(i)));
                        }
                    }
                }
            }
        }
        for (String topic : List.of(Topics.RAW_TRANSACTIONS.name(), Topics.ERP_COMMANDS.name(), Topics.ERP_RESULTS.name())) {
            readAll(topic).forEach(bytes -> texts.add(new String(bytes, StandardCharsets.ISO_8859_1)));
        }

        assertThat(texts).isNotEmpty();
        for (String card : TestCards.ALL) {
            assertThat(texts).noneMatch(text -> text.contains(card));
        }
    }

    @Test
    void pushAndPollReportingTheSameTransactionGiveOneSlPayment() throws Exception {
        List<SaleMade> sales = generator.makeSales(6);
        awaitPaymentsFor(sales);
        Set<String> ids = sales.stream().map(s -> Long.toString(s.transactionId())).collect(Collectors.toSet());
        long duplicatesBefore = pipeline.processor().metrics().duplicatesDropped();

        // The poller reports them again: with its checkpoint gone it re-publishes the whole window as POLL.
        pipeline.stopGateway();
        deleteRecursively(pipeline.gatewayStateDir());
        pipeline.startGateway();
        // A partner pushes the very records PayTrace exported, signed, as source PUSH.
        Map<String, String> exported = new java.util.HashMap<>();
        for (RawPayTraceRecord raw : rawRecords()) {
            if (ids.contains(raw.getTransactionId())) {
                exported.putIfAbsent(raw.getTransactionId(), raw.getJson());
            }
        }
        assertThat(exported.keySet()).isEqualTo(ids);
        for (String json : exported.values()) {
            assertThat(push(json).statusCode()).as("push answer").isEqualTo(202);
        }

        await().atMost(DEADLINE).until(() -> {
            Map<String, Set<RecordSource>> sources = new java.util.HashMap<>();
            rawRecords().forEach(r -> sources.computeIfAbsent(r.getTransactionId(), k -> new java.util.HashSet<>()).add(r.getSource()));
            return ids.stream().allMatch(id -> sources.getOrDefault(id, Set.of()).containsAll(Set.of(RecordSource.POLL, RecordSource.PUSH)));
        });
        await().atMost(DEADLINE).until(() -> pipeline.processor().metrics().duplicatesDropped() >= duplicatesBefore + 2L * ids.size());
        Map<String, Long> perTransaction = pipeline.sl().queries().documents("PA").stream()
                .collect(Collectors.groupingBy(ArDocRow::custOrdNbr, Collectors.counting()));
        for (String id : ids) {
            assertThat(perTransaction.get(id)).as("SL payment documents for PayTrace transaction %s", id).isEqualTo(1L);
        }
        assertEveryBatchBalanced();
    }

    private java.net.http.HttpResponse<String> push(String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        long now = java.time.Instant.now().getEpochSecond();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(pipeline.pushUrl() + "/v1/push/transactions"))
                .header("Content-Type", "application/json")
                .header(PushSignature.TIMESTAMP_HEADER, Long.toString(now))
                .header(PushSignature.SIGNATURE_HEADER, PushSignature.header(pipeline.pushSecret(), now, body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    /** Every committed record of the raw topic, decoded. */
    private List<RawPayTraceRecord> rawRecords() {
        List<RawPayTraceRecord> records = new ArrayList<>();
        for (byte[] value : readAll(Topics.RAW_TRANSACTIONS.name())) {
            try {
                records.add(Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize(Topics.RAW_TRANSACTIONS.name(), value));
            } catch (RuntimeException e) {
                // the poison record another test writes on purpose
            }
        }
        return records;
    }

    /** Every value currently in a topic, as raw bytes, read to its end. */
    private List<byte[]> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<byte[]> values = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !consumer.assignment().isEmpty()
                        && consumer.endOffsets(consumer.assignment()).entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
            return values;
        }
    }

    private Map<String, ArDocRow> awaitPaymentsFor(List<SaleMade> sales) {
        Set<String> wanted = sales.stream().filter(SaleMade::approved)
                .map(s -> Long.toString(s.transactionId())).collect(Collectors.toSet());
        return await().atMost(DEADLINE).until(
                () -> pipeline.sl().queries().documents("PA").stream()
                        .filter(d -> wanted.contains(d.custOrdNbr()))
                        .collect(Collectors.toMap(ArDocRow::custOrdNbr, Function.identity(), (a, b) -> a)),
                found -> found.keySet().containsAll(wanted));
    }

    private List<InvalidRecord> awaitInvalidRecords() {
        try (KafkaConsumer<String, InvalidRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "e2e-invalid-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                Topics.RAW_INVALID.keySerde().deserializer(), Topics.RAW_INVALID.valueSerde().deserializer())) {
            consumer.subscribe(List.of(Topics.RAW_INVALID.name()));
            List<InvalidRecord> seen = new ArrayList<>();
            await().atMost(DEADLINE).until(() -> {
                for (ConsumerRecord<String, InvalidRecord> r : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(r.value());
                }
                return !seen.isEmpty();
            });
            return seen;
        }
    }

    private void assertEveryBatchBalanced() {
        Map<String, BigDecimal> sumPerBatch = pipeline.sl().queries().documents("PA").stream()
                .collect(Collectors.groupingBy(ArDocRow::batNbr,
                        Collectors.reducing(BigDecimal.ZERO, ArDocRow::origDocAmt, BigDecimal::add)));
        assertThat(sumPerBatch).isNotEmpty();
        sumPerBatch.forEach((batNbr, sum) -> assertThat(pipeline.sl().queries().batch("AR", batNbr).orElseThrow().ctrlTot())
                .as("control total of batch %s", batNbr).isEqualByComparingTo(sum));
    }

    private static BigDecimal quarter(OpenInvoice invoice) {
        return invoice.docBal().divide(BigDecimal.valueOf(4), 2, RoundingMode.DOWN).max(new BigDecimal("1.00"));
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
