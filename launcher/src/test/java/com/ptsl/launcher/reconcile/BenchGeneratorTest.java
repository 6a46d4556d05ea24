package com.ptsl.launcher.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ptsl.launcher.reconcile.BenchGenerator.Deposit;
import com.ptsl.launcher.reconcile.BenchGenerator.Ledger;
import com.ptsl.launcher.reconcile.BenchGenerator.Payment;
import com.ptsl.launcher.reconcile.BenchGenerator.Refund;
import com.ptsl.launcher.reconcile.BenchGenerator.Totals;
import com.ptsl.processor.classify.Classifier;
import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.parse.PayTraceTransaction;
import com.ptsl.processor.parse.TransactionParser;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import com.ptsl.schemas.avro.ReversePayment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's day is consistent: what the raw records say, what the commands command and what SL holds agree,
 * the way the real pipeline leaves them, so a correct reconciliation finds nothing to report. Checked independently
 * of the reconciler, with the stream processor's own parser and classifier.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchGeneratorTest {

    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final LocalDate DAY = LocalDate.of(2026, 11, 1); // the DST change: a 25-hour day
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Recorded day = new Recorded();
    private Totals totals;
    private BenchGenerator.Spec spec;

    /** Everything the generator wrote. */
    static final class Recorded implements BenchGenerator.Output {
        final List<Long> rawTimes = new ArrayList<>();
        final List<RawPayTraceRecord> raw = new ArrayList<>();
        final List<Long> otherTimes = new ArrayList<>();
        final List<RawSettlementBatch> batches = new ArrayList<>();
        final Map<String, ErpCommand> commands = new HashMap<>();
        final Map<String, String> commandKeys = new HashMap<>();
        final List<Payment> payments = new ArrayList<>();
        final List<Refund> refunds = new ArrayList<>();
        final Map<String, Ledger> ledger = new HashMap<>();
        final List<Deposit> deposits = new ArrayList<>();
        int endOfBatch;

        @Override
        public void raw(long timestamp, RawPayTraceRecord record) {
            rawTimes.add(timestamp);
            raw.add(record);
        }

        @Override
        public void batch(long timestamp, RawSettlementBatch batch) {
            otherTimes.add(timestamp);
            batches.add(batch);
        }

        @Override
        public void command(long timestamp, String key, ErpCommand command) {
            otherTimes.add(timestamp);
            assertThat(commands.put(command.getCommandId(), command)).as("commandId " + command.getCommandId() + " once").isNull();
            commandKeys.put(command.getCommandId(), key);
        }

        @Override
        public void payment(Payment payment) {
            payments.add(payment);
        }

        @Override
        public void refund(Refund refund) {
            refunds.add(refund);
        }

        @Override
        public void ledger(Ledger row) {
            assertThat(ledger.put(row.commandId(), row)).as("ledger row " + row.commandId() + " once").isNull();
        }

        @Override
        public void deposit(Deposit deposit) {
            deposits.add(deposit);
        }

        @Override
        public void endOfBatch(Totals soFar) {
            endOfBatch++;
        }
    }

    @BeforeAll
    void generate() throws Exception {
        List<OpenInvoice> invoices = List.of(
                new OpenInvoice("PTSL", "C00001", "0000010001", new BigDecimal("1000.00"), new BigDecimal("800.00")),
                new OpenInvoice("PTSL", "C00002", "0000010002", new BigDecimal("50.00"), new BigDecimal("50.00")),
                new OpenInvoice("PTSL", "C00003", "0000010003", new BigDecimal("9000.00"), new BigDecimal("9000.00")));
        spec = new BenchGenerator.Spec(6001, DAY, LA, 100, 7L, invoices, "000101", "000102", 500_000_001L, 9001);
        totals = new BenchGenerator(spec).run(day);
    }

    @Test
    void threeRawRecordsPerTransactionAllInsideTheWindow() {
        assertThat(totals.transactions()).isEqualTo(2000);
        assertThat(totals.events()).isEqualTo(6000).isEqualTo(day.raw.size());
        assertThat(totals.sales() + totals.voidedSales() + totals.declines() + totals.refunds()).isEqualTo(2000);
        assertThat(totals.voidedSales()).isPositive();
        assertThat(totals.declines()).isPositive();
        assertThat(totals.refunds()).isPositive();
        long from = spec.from().toInstant().toEpochMilli();
        long to = spec.to().toInstant().toEpochMilli();
        assertThat(day.rawTimes).allSatisfy(t -> assertThat(t).isBetween(from, to - 1));
        assertThat(day.otherTimes).allSatisfy(t -> assertThat(t).isBetween(from, to - 1));
        assertThat(day.raw.stream().collect(Collectors.groupingBy(RawPayTraceRecord::getTransactionId, Collectors.counting())))
                .hasSize(2000).allSatisfy((tx, n) -> assertThat(n).isEqualTo(3));
        assertThat(day.endOfBatch).isEqualTo(20);
    }

    @Test
    void everyRecordParsesAndEachTransactionEndsInTheStateItsKindSays() throws Exception {
        Map<String, PayTraceTransaction> latest = new HashMap<>();
        Map<String, Long> latestAt = new HashMap<>();
        for (int i = 0; i < day.raw.size(); i++) {
            RawPayTraceRecord r = day.raw.get(i);
            byte[] bytes = Topics.RAW_TRANSACTIONS.valueSerde().serializer().serialize(Topics.RAW_TRANSACTIONS.name(), r);
            PayTraceTransaction parsed = TransactionParser.parse(r.getTransactionId(), bytes);
            assertThat(parsed.createdAt().toLocalDate()).isEqualTo(DAY);
            long at = day.rawTimes.get(i);
            if (at >= latestAt.getOrDefault(r.getTransactionId(), Long.MIN_VALUE)) {
                latest.put(r.getTransactionId(), parsed);
                latestAt.put(r.getTransactionId(), at);
            }
        }
        Map<TransactionKind, Long> finalKinds = latest.values().stream()
                .collect(Collectors.groupingBy(Classifier::classify, Collectors.counting()));
        assertThat(finalKinds).containsOnlyKeys(TransactionKind.SALE_SETTLED, TransactionKind.VOIDED,
                TransactionKind.DECLINED, TransactionKind.REFUND_SETTLED);
        assertThat(finalKinds.get(TransactionKind.SALE_SETTLED)).isEqualTo(totals.sales());
        assertThat(finalKinds.get(TransactionKind.VOIDED)).isEqualTo(totals.voidedSales());
        assertThat(finalKinds.get(TransactionKind.DECLINED)).isEqualTo(totals.declines());
        assertThat(finalKinds.get(TransactionKind.REFUND_SETTLED)).isEqualTo(totals.refunds());
        assertThat(day.raw).allSatisfy(r -> assertThat(r.getJson()).doesNotContainPattern("\\d{13,19}"));
    }

    @Test
    void commandsLedgerAndSlDocumentsAgree() {
        Map<Class<?>, Long> types = day.commands.values().stream()
                .collect(Collectors.groupingBy(c -> c.getPayload().getClass(), Collectors.counting()));
        assertThat(types.get(PostPayment.class)).isEqualTo(totals.sales() + totals.voidedSales());
        assertThat(types.get(ReversePayment.class)).isEqualTo(totals.voidedSales());
        assertThat(types.get(PostRefund.class)).isEqualTo(totals.refunds());
        assertThat(types.get(CloseDeposit.class)).isEqualTo(totals.settlementBatches()).isEqualTo(day.batches.size());
        assertThat(totals.commands()).isEqualTo(day.commands.size());
        assertThat(day.ledger.keySet()).as("every command applied once").isEqualTo(day.commands.keySet());
        day.commands.forEach((id, c) -> {
            if (c.getPayload() instanceof CloseDeposit d) {
                assertThat(day.commandKeys.get(id)).isEqualTo("deposit:" + d.getBatchNumber());
                assertThat(id).startsWith("CloseDeposit:" + d.getBatchNumber() + ":").hasSize(("CloseDeposit:" + d.getBatchNumber() + ":").length() + 12);
            } else {
                assertThat(day.commandKeys.get(id)).as("keyed by customer").isEqualTo(c.getCustId()).startsWith("C0000");
            }
        });

        assertThat(day.payments).hasSize((int) totals.sales());
        assertThat(day.refunds).hasSize((int) totals.refunds());
        assertThat(totals.slDocuments()).isEqualTo(totals.sales() + 2 * totals.refunds());
        Map<String, BigDecimal> paid = day.payments.stream().collect(Collectors.toMap(Payment::transactionId, Payment::amount));
        for (Payment p : day.payments) {
            PostPayment command = (PostPayment) day.commands.get("PostPayment:" + p.transactionId()).getPayload();
            assertThat(command.getAmount()).isEqualByComparingTo(p.amount());
            assertThat(day.commands.get("PostPayment:" + p.transactionId()).getCustId()).isEqualTo(p.custId());
            if (p.invoiceRefNbr().isEmpty()) {
                assertThat(command.getApplications()).isEmpty();
            } else {
                assertThat(command.getApplications()).singleElement().satisfies(a -> {
                    assertThat(a.getInvoiceRefNbr()).isEqualTo(p.invoiceRefNbr());
                    assertThat(a.getAmount()).isEqualByComparingTo(p.amount());
                });
            }
        }
        Set<String> refunded = new HashSet<>();
        for (Refund r : day.refunds) {
            assertThat(paid).as("a refund's original is a sale still in SL").containsKey(r.originalTransactionId());
            assertThat(r.amount()).isPositive().isLessThanOrEqualTo(paid.get(r.originalTransactionId()));
            assertThat(refunded.add(r.originalTransactionId())).as("refunded once: " + r.originalTransactionId()).isTrue();
        }
        BigDecimal slNet = day.payments.stream().map(Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .subtract(day.refunds.stream().map(Refund::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(slNet).isEqualByComparingTo(totals.expectedNet());
    }

    @Test
    void eachApprovedTransactionIsInExactlyOneBatchWhoseFiguresAddUp() throws Exception {
        Set<String> seen = new HashSet<>();
        BigDecimal net = BigDecimal.ZERO;
        for (int i = 0; i < day.batches.size(); i++) {
            RawSettlementBatch b = day.batches.get(i);
            JsonNode summary = JSON.readTree(b.getJson());
            JsonNode transactions = JSON.readTree(b.getTransactionsJson());
            assertThat(transactions).hasSize(b.getTransactionIds().size());
            assertThat(summary.get("transaction_count").asInt()).isEqualTo(b.getTransactionIds().size());
            assertThat(b.getTransactionIds()).isSorted();
            BigDecimal sales = BigDecimal.ZERO;
            BigDecimal refunds = BigDecimal.ZERO;
            for (JsonNode t : transactions) {
                assertThat(t.get("status_code").asText()).isEqualTo("GB" + b.getBatchNumber());
                assertThat(seen.add(t.get("transaction_id").asText())).isTrue();
                BigDecimal amount = t.get("amount").decimalValue();
                if (t.get("transaction_type").asText().equals("REFUND")) {
                    refunds = refunds.add(amount);
                } else {
                    sales = sales.add(amount);
                }
            }
            assertThat(summary.get("sales_amount").decimalValue()).isEqualByComparingTo(sales);
            assertThat(summary.get("refund_amount").decimalValue()).isEqualByComparingTo(refunds);
            assertThat(summary.get("net_amount").decimalValue()).isEqualByComparingTo(sales.subtract(refunds));
            Deposit deposit = day.deposits.get(i);
            assertThat(deposit.batchNumber()).isEqualTo(b.getBatchNumber());
            assertThat(deposit.net()).isEqualByComparingTo(sales.subtract(refunds));
            assertThat(deposit.lines()).hasSize(transactions.size())
                    .allSatisfy(l -> assertThat(l.slAmount()).isEqualByComparingTo(l.amount()));
            CloseDeposit close = (CloseDeposit) day.commands.get(deposit.commandId()).getPayload();
            assertThat(close.getNetAmount()).isEqualByComparingTo(deposit.net());
            assertThat(close.getTransactions()).hasSize(transactions.size());
            net = net.add(deposit.net());
        }
        assertThat(seen).hasSize((int) (totals.sales() + totals.refunds()));
        assertThat(net).isEqualByComparingTo(totals.expectedNet());
    }

    @Test
    void theSameSeedMakesTheSameDay() throws Exception {
        Recorded again = new Recorded();
        Totals second = new BenchGenerator(spec).run(again);

        assertThat(second).isEqualTo(totals);
        assertThat(again.raw.get(4321).getJson()).isEqualTo(day.raw.get(4321).getJson());
    }
}
