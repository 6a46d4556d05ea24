package com.ptsl.processor;

import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.InvoiceApplication;
import com.ptsl.schemas.avro.ResolutionAction;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole topology under TopologyTestDriver with typed helpers: SL's feed (customers, invoices),
 * PayTrace records, settlement batches, people's resolutions in; commands, status results, review items and invalid records out.
 */
public final class TopologyFixture implements AutoCloseable {

    static final Instant START = Instant.parse("2026-01-05T12:00:00Z");
    static final String CPNY = "PTSL";

    final ProcessorConfig config;
    final ProcessorMetrics metrics = ProcessorMetrics.unscraped();
    final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> raw;
    private final TestInputTopic<String, SlInvoiceSnapshot> invoices;
    private final TestInputTopic<String, SlCustomerSnapshot> customers;
    private final TestInputTopic<String, ReviewResolution> resolutions;
    private final TestInputTopic<String, byte[]> batches;
    final TestOutputTopic<String, ErpCommand> commands;
    final TestOutputTopic<String, ReviewItem> review;
    final TestOutputTopic<String, InvalidRecord> invalid;
    final TestOutputTopic<String, ErpResult> results;
    private long version;

    public TopologyFixture(ProcessorConfig config) {
        this.config = config;
        driver = new TopologyTestDriver(PaymentTopology.build(config, metrics), ProcessorService.streamsProperties(config, metrics), START);
        raw = driver.createInputTopic(Topics.RAW_TRANSACTIONS.name(), new StringSerializer(), new ByteArraySerializer());
        invoices = driver.createInputTopic(Topics.SL_INVOICES.name(), Topics.SL_INVOICES.keySerde().serializer(),
                Topics.SL_INVOICES.valueSerde().serializer());
        customers = driver.createInputTopic(Topics.SL_CUSTOMERS.name(), Topics.SL_CUSTOMERS.keySerde().serializer(),
                Topics.SL_CUSTOMERS.valueSerde().serializer());
        resolutions = driver.createInputTopic(Topics.REVIEW_RESOLUTIONS.name(), Topics.REVIEW_RESOLUTIONS.keySerde().serializer(),
                Topics.REVIEW_RESOLUTIONS.valueSerde().serializer());
        batches = driver.createInputTopic(Topics.RAW_BATCHES.name(), new StringSerializer(), new ByteArraySerializer());
        commands = driver.createOutputTopic(Topics.ERP_COMMANDS.name(),
                Topics.ERP_COMMANDS.keySerde().deserializer(), Topics.ERP_COMMANDS.valueSerde().deserializer());
        review = driver.createOutputTopic(Topics.PAYMENTS_REVIEW.name(),
                Topics.PAYMENTS_REVIEW.keySerde().deserializer(), Topics.PAYMENTS_REVIEW.valueSerde().deserializer());
        invalid = driver.createOutputTopic(Topics.RAW_INVALID.name(),
                Topics.RAW_INVALID.keySerde().deserializer(), Topics.RAW_INVALID.valueSerde().deserializer());
        results = driver.createOutputTopic(Topics.ERP_RESULTS.name(),
                Topics.ERP_RESULTS.keySerde().deserializer(), Topics.ERP_RESULTS.valueSerde().deserializer());
    }

    void send(PayTraceExportRecord record) {
        raw.pipeInput(record.key(), record.bytes());
    }

    void sendRaw(String key, byte[] value) {
        raw.pipeInput(key, value);
    }

    void sendBatch(SettlementBatchRecord batch) {
        batches.pipeInput(batch.key(), batch.bytes());
    }

    void sendBatchRaw(String key, byte[] value) {
        batches.pipeInput(key, value);
    }

    void customer(String custId) {
        customer(custId, null);
    }

    void customer(String custId, String vaultId) {
        customers.pipeInput(SlKeys.customer(custId), SlCustomerSnapshot.newBuilder()
                .setCustId(custId).setName("Customer " + custId).setStatus("A").setPayTraceCustomerId(vaultId)
                .setChangeVersion(++version).setCapturedAt(START).build());
    }

    void deleteCustomer(String custId) {
        customers.pipeInput(SlKeys.customer(custId), null);
    }

    /** An open, released IN invoice with nothing applied yet. */
    InvoiceBuilder invoice(String custId, String refNbr, String amount) {
        return new InvoiceBuilder(custId, refNbr, new BigDecimal(amount));
    }

    void closeInvoice(String refNbr) {
        invoices.pipeInput(SlKeys.invoice(CPNY, refNbr), null);
    }

    void resolve(String transactionId, ResolutionAction action, String custId, String... invoiceRefs) {
        resolveWithAmounts(transactionId, action, custId, List.of(invoiceRefs), List.of());
    }

    /** {@code amounts} parallel to {@code invoiceRefs}; null = what is left. */
    void resolveWithAmounts(String transactionId, ResolutionAction action, String custId, List<String> invoiceRefs, List<BigDecimal> amounts) {
        resolutions.pipeInput(transactionId, ReviewResolution.newBuilder()
                .setTransactionId(transactionId).setAction(action).setCustId(custId).setInvoices(invoiceRefs).setAmounts(amounts)
                .setResolvedBy("tester").setNote("").setResolvedAt(START).build());
    }

    void advance(Duration d) {
        driver.advanceWallClockTime(d);
    }

    @Override
    public void close() {
        driver.close();
    }

    final class InvoiceBuilder {
        private final SlInvoiceSnapshot.Builder b;
        private final List<InvoiceApplication> applications = new ArrayList<>();

        private InvoiceBuilder(String custId, String refNbr, BigDecimal amount) {
            b = SlInvoiceSnapshot.newBuilder().setCpnyId(CPNY).setCustId(custId).setDocType("IN").setRefNbr(refNbr)
                    .setOrdNbr("").setCustOrdNbr("").setDocDate(LocalDate.of(2026, 1, 1)).setDueDate(LocalDate.of(2026, 1, 31))
                    .setOrigDocAmt(amount.setScale(2)).setDocBal(amount.setScale(2)).setReleased(true).setOpen(true)
                    .setCapturedAt(START);
        }

        InvoiceBuilder order(String ordNbr) {
            b.setOrdNbr(ordNbr);
            return this;
        }

        InvoiceBuilder po(String custOrdNbr) {
            b.setCustOrdNbr(custOrdNbr);
            return this;
        }

        InvoiceBuilder dated(LocalDate docDate) {
            b.setDocDate(docDate);
            return this;
        }

        InvoiceBuilder balance(String docBal) {
            b.setDocBal(new BigDecimal(docBal).setScale(2));
            return this;
        }

        InvoiceBuilder unreleased() {
            b.setReleased(false);
            return this;
        }

        /** An unreleased 'U' line from a payment SL already holds. */
        InvoiceBuilder applied(String paymentRefNbr, String amount) {
            applications.add(InvoiceApplication.newBuilder().setPaymentRefNbr(paymentRefNbr)
                    .setCommandId("PostPayment:" + paymentRefNbr).setAmount(new BigDecimal(amount).setScale(2)).setReleased(false).build());
            return this;
        }

        /** Publishes the snapshot on sl.invoices. */
        void send() {
            SlInvoiceSnapshot snapshot = b.setApplications(List.copyOf(applications)).setChangeVersion(++version).build();
            invoices.pipeInput(SlKeys.invoice(snapshot.getCpnyId(), snapshot.getRefNbr()), snapshot);
        }
    }
}
