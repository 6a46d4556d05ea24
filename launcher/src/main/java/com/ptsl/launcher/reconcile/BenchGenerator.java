package com.ptsl.launcher.reconcile;

import com.ptsl.launcher.reconcile.BenchRecords.Tx;
import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.CloseDeposit;
import com.ptsl.schemas.avro.DepositTransaction;
import com.ptsl.schemas.avro.DepositTransactionKind;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.PostRefund;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RawSettlementBatch;
import com.ptsl.schemas.avro.RecordSource;
import com.ptsl.schemas.avro.ReversePayment;
import com.ptsl.sandbox.sl.OpenInvoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Makes one merchant day for the reconciliation benchmark: what the gateway would have put on
 * {@code paytrace.transactions.raw} and {@code paytrace.batches.raw}, what the stream processor would have put on
 * {@code erp.commands}, and what the erp-sink would have written to SL for all of it, consistent with each other so
 * that a correct reconciliation finds every transaction and every settlement batch MATCHED.
 *
 * <p>Every transaction has exactly three raw records, so a run of N events has N/3 transactions:
 * <ul>
 *   <li>sale (80 %): approved (Y, POLL), the same record again (SILENT_POST), settled (GB&lt;n&gt;);
 *       PostPayment, 3 in 4 applied to one invoice of the customer, else on account; a PA in SL</li>
 *   <li>voided sale (7 %): approved, voided (N Voided), the void again (SILENT_POST); PostPayment then
 *       ReversePayment; the unreleased PA was deleted, so SL has no document, and the ledger has both</li>
 *   <li>decline (5 %): DECLINED three times (POLL, SILENT_POST, a re-poll); no command, nothing in SL</li>
 *   <li>refund (8 %) of an earlier settled sale, whole or in part: approved, again, settled; PostRefund; a CM and a
 *       DM in SL (the default CREDIT_MEMO policy)</li>
 * </ul>
 * Transactions are spread evenly over the day; every {@code settlementBatchSize} of them PayTrace cuts a settlement
 * batch of the approved ones, which the processor closes as a CloseDeposit and the sink records as a MATCHED deposit.
 * State kept between batches is bounded (the sales still open for a refund), so a million events need no more memory
 * than a thousand.
 */
final class BenchGenerator {

    /** What the day is made of. {@code paymentBatch}/{@code memoBatch}: the SL AR batches (08030, 08010) of the day. */
    record Spec(long events, LocalDate day, ZoneId zone, int settlementBatchSize, long seed, List<OpenInvoice> invoices,
                String paymentBatch, String memoBatch, long firstTransactionId, int firstBatchNumber) {
        Spec {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(zone, "zone");
            invoices = List.copyOf(invoices);
            if (events < 3) {
                throw new IllegalArgumentException("events must be 3 or more (three records per transaction), was " + events);
            }
            if (settlementBatchSize < 1) {
                throw new IllegalArgumentException("settlementBatchSize must be 1 or more, was " + settlementBatchSize);
            }
            if (invoices.isEmpty()) {
                throw new IllegalArgumentException("the SL sandbox has no open invoices to pay");
            }
        }

        long transactions() {
            return events / 3;
        }

        ZonedDateTime from() {
            return day.atStartOfDay(zone);
        }

        ZonedDateTime to() {
            return day.plusDays(1).atStartOfDay(zone);
        }
    }

    /** The kinds of transaction the day holds. */
    enum Kind { SALE, VOIDED_SALE, DECLINE, REFUND }

    /** A PA the sink posted and that is still in SL; {@code invoiceRefNbr} "" when it went on account. */
    record Payment(String transactionId, String custId, BigDecimal amount, String invoiceRefNbr, String approvalCode,
                   String maskedAccount, LocalDateTime at) {
    }

    /** The CM and DM of a refund. */
    record Refund(String transactionId, String originalTransactionId, String custId, BigDecimal amount,
                  String invoiceRefNbr, LocalDateTime at) {
    }

    /** One PTSL_CommandLedger row, as the sink writes it when it applies a command. */
    record Ledger(String commandId, String custId, String sourceTransactionId, String batNbr, String refNbr,
                  Instant sourceReceivedAt, Instant processedAt, String event, String commandType, BigDecimal amount,
                  String documents) {
    }

    /** A PTSL_DepositLine row. */
    record DepositLine(String transactionId, String kind, BigDecimal amount, BigDecimal slAmount, String documents) {
    }

    /** A PTSL_Deposit row with its lines, MATCHED. */
    record Deposit(String batchNumber, String commandId, LocalDate depositDate, BigDecimal net, BigDecimal sales,
                   BigDecimal refunds, String slBatches, Instant recordedAt, List<DepositLine> lines) {
    }

    /** Where the day goes: Kafka records (with their timestamps) and SL rows. */
    interface Output {
        void raw(long timestamp, RawPayTraceRecord record) throws Exception;

        void batch(long timestamp, RawSettlementBatch batch) throws Exception;

        void command(long timestamp, String key, ErpCommand command) throws Exception;

        void payment(Payment payment) throws Exception;

        void refund(Refund refund) throws Exception;

        void ledger(Ledger row) throws Exception;

        void deposit(Deposit deposit) throws Exception;

        /** After each settlement batch: a point to flush, commit and report progress. */
        void endOfBatch(Totals soFar) throws Exception;
    }

    /** What was made. {@code slDocuments}: PA + CM + DM rows. */
    record Totals(long events, long transactions, long sales, long voidedSales, long declines, long refunds,
                  long settlementBatches, long commands, long slDocuments, BigDecimal expectedNet) {
    }

    private static final int SALE_PERCENT = 80;
    private static final int VOID_PERCENT = 7;
    private static final int DECLINE_PERCENT = 5;
    private static final int APPLIED_PERCENT = 75;
    /** Settled sales kept as refund candidates; older ones drop out, so memory stays flat. */
    private static final int REFUNDABLE_POOL = 4096;
    private static final long MINUTE = 60_000L;

    private final Spec spec;
    private final SplittableRandom random;
    private final ArrayDeque<Refundable> refundable = new ArrayDeque<>();
    private final long startMillis;
    private final double stepMillis;

    private long events;
    private long transactions;
    private long sales;
    private long voided;
    private long declines;
    private long refunds;
    private long batches;
    private long commands;
    private long documents;
    private BigDecimal expectedNet = BigDecimal.ZERO.setScale(2);

    /** A settled sale that can still be refunded. */
    private record Refundable(String transactionId, String custId, BigDecimal amount, String invoiceRefNbr, int person) {
    }

    /** A transaction of the current settlement batch, waiting for the cut-off. */
    private record Pending(Tx tx, String custId, Kind kind, String documents) {
    }

    BenchGenerator(Spec spec) {
        this.spec = spec;
        this.random = new SplittableRandom(spec.seed());
        // From a minute after midnight to a quarter before the next: every record, cut-off and command is in the window.
        this.startMillis = spec.from().toInstant().toEpochMilli() + MINUTE;
        long endMillis = spec.to().toInstant().toEpochMilli() - 15 * MINUTE;
        this.stepMillis = (endMillis - startMillis) / (double) spec.transactions();
    }

    Totals run(Output out) throws Exception {
        long total = spec.transactions();
        int batchNumber = spec.firstBatchNumber();
        for (long first = 0; first < total; first += spec.settlementBatchSize()) {
            long last = Math.min(total, first + spec.settlementBatchSize());
            List<Pending> settling = new ArrayList<>();
            for (long i = first; i < last; i++) {
                transaction(out, i, settling);
            }
            // After every record of the batch's transactions (the last one's duplicate comes 400 ms after it), so each
            // settled snapshot is its transaction's latest record.
            long cutOff = millisOf(last - 1) + Math.max(1000, gap());
            if (!settling.isEmpty()) {
                settle(out, batchNumber++, cutOff, settling);
            }
            out.endOfBatch(totals());
        }
        return totals();
    }

    private Totals totals() {
        return new Totals(events, transactions, sales, voided, declines, refunds, batches, commands, documents, expectedNet);
    }

    /** Half the time between two transactions, at most a minute: when a void or a cut-off follows a transaction. */
    private long gap() {
        return (long) Math.min(stepMillis / 2, MINUTE);
    }

    private long millisOf(long index) {
        return startMillis + (long) (index * stepMillis);
    }

    private LocalDateTime local(long millis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), spec.zone()).withNano(0);
    }

    private Kind kind() {
        int roll = random.nextInt(100);
        if (roll < SALE_PERCENT) {
            return Kind.SALE;
        }
        if (roll < SALE_PERCENT + VOID_PERCENT) {
            return Kind.VOIDED_SALE;
        }
        if (roll < SALE_PERCENT + VOID_PERCENT + DECLINE_PERCENT) {
            return Kind.DECLINE;
        }
        // No settled sale yet (the day's first batch): a sale instead.
        return refundable.isEmpty() ? Kind.SALE : Kind.REFUND;
    }

    private void transaction(Output out, long index, List<Pending> settling) throws Exception {
        long at = millisOf(index);
        String id = Long.toString(spec.firstTransactionId() + index);
        int person = random.nextInt(1 << 20);
        transactions++;
        switch (kind()) {
            case SALE -> sale(out, id, at, person, settling);
            case VOIDED_SALE -> voidedSale(out, id, at, person);
            case DECLINE -> decline(out, id, at, person);
            case REFUND -> refund(out, id, at, person, settling);
            default -> throw new IllegalStateException();
        }
    }

    private void sale(Output out, String id, long at, int person, List<Pending> settling) throws Exception {
        OpenInvoice invoice = spec.invoices().get(random.nextInt(spec.invoices().size()));
        boolean applied = random.nextInt(100) < APPLIED_PERCENT;
        BigDecimal amount = amount(applied ? invoice.docBal() : null);
        Tx tx = approvedSale(id, amount, applied ? invoice.refNbr() : "", invoice.custId(), at, person);
        raw(out, at, tx, RecordSource.POLL);
        raw(out, at + 400, tx, RecordSource.SILENT_POST);
        postPayment(out, tx, invoice.custId(), at);
        out.payment(new Payment(id, invoice.custId(), amount, tx.invoiceId(), tx.approvalCode(), maskedCard(person),
                local(at + 700)));
        documents++;
        String docs = "PA/" + id + "/" + spec.paymentBatch();
        out.ledger(ledger("PostPayment:" + id, invoice.custId(), id, spec.paymentBatch(), id, at, "POSTED", "PostPayment",
                amount, docs));
        settling.add(new Pending(tx, invoice.custId(), Kind.SALE, docs));
        sales++;
        expectedNet = expectedNet.add(amount);
    }

    private void voidedSale(Output out, String id, long at, int person) throws Exception {
        OpenInvoice invoice = spec.invoices().get(random.nextInt(spec.invoices().size()));
        BigDecimal amount = amount(null);
        Tx tx = approvedSale(id, amount, "", invoice.custId(), at, person);
        raw(out, at, tx, RecordSource.POLL);
        postPayment(out, tx, invoice.custId(), at);
        out.ledger(ledger("PostPayment:" + id, invoice.custId(), id, spec.paymentBatch(), id, at, "POSTED", "PostPayment",
                amount, "PA/" + id + "/" + spec.paymentBatch()));
        long voidAt = at + Math.max(2, gap());
        Tx voidedTx = tx.withStatus("N", "Voided", null);
        raw(out, voidAt, voidedTx, RecordSource.POLL);
        raw(out, voidAt + 300, voidedTx, RecordSource.SILENT_POST);
        ReversePayment reverse = ReversePayment.newBuilder().setTransactionId(id).setAmount(amount)
                .setDocDate(spec.day()).setReason("VOID").setPaymentCommandId("PostPayment:" + id).build();
        command(out, voidAt + 200, invoice.custId(), "ReversePayment:" + id, id, voidAt, reverse);
        out.ledger(ledger("ReversePayment:" + id, invoice.custId(), id, spec.paymentBatch(), id, voidAt,
                "REMOVED_FROM_BATCH", "ReversePayment", amount, "PA/" + id + "/" + spec.paymentBatch()));
        voided++;
    }

    private void decline(Output out, String id, long at, int person) throws Exception {
        OpenInvoice invoice = spec.invoices().get(random.nextInt(spec.invoices().size()));
        Tx tx = new Tx(id, "DECLINED", amount(null), "", invoice.custId(), "", "    DECLINE - Do not honor",
                "Full Exact Match", "", "N", "Declined", local(at), null, null, person);
        raw(out, at, tx, RecordSource.POLL);
        raw(out, at + 400, tx, RecordSource.SILENT_POST);
        raw(out, at + 900, tx, RecordSource.POLL);
        declines++;
    }

    private void refund(Output out, String id, long at, int person, List<Pending> settling) throws Exception {
        Refundable original = refundable.pollFirst();
        BigDecimal amount = random.nextBoolean() ? original.amount()
                : original.amount().multiply(BigDecimal.valueOf(25 + random.nextInt(50))).movePointLeft(2)
                .setScale(2, java.math.RoundingMode.DOWN).max(new BigDecimal("0.01"));
        Tx tx = new Tx(id, "REFUND", amount, original.invoiceRefNbr(), original.custId(), "", "", "", "", "Y",
                "Pending Settlement", local(at), null, original.transactionId(), original.person());
        raw(out, at, tx, RecordSource.POLL);
        raw(out, at + 400, tx, RecordSource.SILENT_POST);
        PostRefund refund = PostRefund.newBuilder().setTransactionId(id).setOriginalTransactionId(original.transactionId())
                .setAmount(amount).setDocDate(spec.day()).setPaymentMethod(PaymentMethod.CARD)
                .setMaskedAccount(maskedCard(person)).setCardType("VISA").setMerchantAccount("ptsl_api")
                .setInvoiceRefNbr(original.invoiceRefNbr()).setFullRefund(amount.compareTo(original.amount()) == 0)
                .setDescription("PayTrace refund").build();
        command(out, at + 300, original.custId(), "PostRefund:" + id, id, at, refund);
        out.refund(new Refund(id, original.transactionId(), original.custId(), amount, original.invoiceRefNbr(), local(at + 700)));
        documents += 2;
        String docs = "CM/" + id + "/" + spec.memoBatch() + ";DM/" + id + "/" + spec.memoBatch();
        out.ledger(ledger("PostRefund:" + id, original.custId(), id, spec.memoBatch(), id, at, "REFUNDED", "PostRefund",
                amount, docs));
        settling.add(new Pending(tx, original.custId(), Kind.REFUND, "DM/" + id + "/" + spec.memoBatch()));
        refunds++;
        expectedNet = expectedNet.subtract(amount);
    }

    /** The cut-off: each approved transaction's settled snapshot, the batch, its CloseDeposit and the sink's deposit. */
    private void settle(Output out, int number, long cutOff, List<Pending> settling) throws Exception {
        LocalDateTime settledAt = local(cutOff);
        String code = "GB" + number;
        BigDecimal salesAmount = BigDecimal.ZERO.setScale(2);
        BigDecimal refundAmount = BigDecimal.ZERO.setScale(2);
        int salesCount = 0;
        StringBuilder transactionsJson = new StringBuilder("[");
        List<String> ids = new ArrayList<>(settling.size());
        List<DepositTransaction> depositTransactions = new ArrayList<>(settling.size());
        List<DepositLine> lines = new ArrayList<>(settling.size());
        long at = cutOff;
        for (Pending p : settling) {
            Tx settled = p.tx().withStatus(code, code, settledAt);
            String json = raw(out, ++at, settled, RecordSource.POLL);
            transactionsJson.append(transactionsJson.length() > 1 ? "," : "").append(json);
            ids.add(settled.transactionId());
            boolean refund = p.kind() == Kind.REFUND;
            if (refund) {
                refundAmount = refundAmount.add(settled.amount());
            } else {
                salesAmount = salesAmount.add(settled.amount());
                salesCount++;
                remember(new Refundable(settled.transactionId(), p.custId(), settled.amount(), settled.invoiceId(),
                        settled.person()));
            }
            depositTransactions.add(DepositTransaction.newBuilder().setTransactionId(settled.transactionId())
                    .setKind(refund ? DepositTransactionKind.REFUND : DepositTransactionKind.SALE).setAmount(settled.amount()).build());
            lines.add(new DepositLine(settled.transactionId(), refund ? "REFUND" : "SALE", settled.amount(), settled.amount(),
                    p.documents()));
        }
        transactionsJson.append(']');
        ids.sort(null); // PayTrace lists a batch's transactions ascending; ids here all have the same length
        BigDecimal net = salesAmount.subtract(refundAmount);
        String summary = BenchRecords.batchJson(number, settledAt, settling.size(), net, salesCount, salesAmount,
                settling.size() - salesCount, refundAmount);
        String fingerprint = BenchRecords.fingerprint(summary + ids);
        long batchAt = at + 1000;
        out.batch(batchAt, RawSettlementBatch.newBuilder().setBatchNumber(Integer.toString(number)).setSource("POLL")
                .setReceivedAt(Instant.ofEpochMilli(batchAt)).setJson(summary).setTransactionIds(ids)
                .setTransactionsJson(transactionsJson.toString()).setFingerprint(fingerprint).build());
        String commandId = "CloseDeposit:" + number + ":" + fingerprint.substring(0, 12);
        CloseDeposit close = CloseDeposit.newBuilder().setBatchNumber(Integer.toString(number)).setDepositDate(spec.day())
                .setNetAmount(net).setSalesAmount(salesAmount).setRefundAmount(refundAmount).setFees(null)
                .setFingerprint(fingerprint).setTransactions(depositTransactions).build();
        long closeAt = batchAt + 2000;
        commands++;
        out.command(closeAt, "deposit:" + number, ErpCommand.newBuilder().setCommandId(commandId).setCustId("")
                .setSourceTransactionId("batch:" + number).setSourceReceivedAt(Instant.ofEpochMilli(batchAt))
                .setCreatedAt(Instant.ofEpochMilli(closeAt)).setSourceRecordTime(Instant.ofEpochMilli(cutOff - cutOff % 1000))
                .setHeldMs(closeAt - batchAt).setPayload(close).build());
        String slBatches = refundAmount.signum() == 0 ? spec.paymentBatch() : spec.paymentBatch() + "," + spec.memoBatch();
        out.deposit(new Deposit(Integer.toString(number), commandId, spec.day(), net, salesAmount, refundAmount, slBatches,
                Instant.ofEpochMilli(closeAt + 300), lines));
        out.ledger(ledger(commandId, "", "batch:" + number, null, null, batchAt, "DEPOSIT_MATCHED", "CloseDeposit", net,
                "Batch//" + slBatches.replace(",", ";Batch//")));
        batches++;
    }

    private void remember(Refundable sale) {
        if (refundable.size() >= REFUNDABLE_POOL) {
            refundable.pollFirst();
        }
        refundable.addLast(sale);
    }

    private Tx approvedSale(String id, BigDecimal amount, String invoiceId, String custId, long at, int person) {
        String approval = "TAS" + String.format("%03d", Long.parseLong(id) % 1000);
        return new Tx(id, "SALE", amount, invoiceId, custId, approval, "  EXACT MATCH - Approved and completed",
                "Full Exact Match", "Match", "Y", "Pending Settlement", local(at), null, null, person);
    }

    private void postPayment(Output out, Tx tx, String custId, long at) throws Exception {
        List<Application> applications = tx.invoiceId().isEmpty() ? List.of()
                : List.of(Application.newBuilder().setInvoiceRefNbr(tx.invoiceId()).setInvoiceDocType("IN").setAmount(tx.amount()).build());
        PostPayment payment = PostPayment.newBuilder().setTransactionId(tx.transactionId()).setAmount(tx.amount())
                .setDocDate(spec.day()).setPaymentMethod(PaymentMethod.CARD).setMaskedAccount(maskedCard(tx.person()))
                .setApprovalCode(tx.approvalCode()).setDescription(tx.invoiceId().isEmpty() ? "Payment" : "Invoice " + tx.invoiceId())
                .setApplications(applications).setMatchStrategy(applications.isEmpty() ? "ON_ACCOUNT" : "INVOICE_ID")
                .setCardType("VISA").setMerchantAccount("ptsl_api").build();
        command(out, at + 300, custId, "PostPayment:" + tx.transactionId(), tx.transactionId(), at, payment);
    }

    private void command(Output out, long at, String key, String commandId, String tx, long sourceAt, Object payload) throws Exception {
        commands++;
        out.command(at, key, ErpCommand.newBuilder().setCommandId(commandId).setCustId(key).setSourceTransactionId(tx)
                .setSourceReceivedAt(Instant.ofEpochMilli(sourceAt)).setCreatedAt(Instant.ofEpochMilli(at))
                .setSourceRecordTime(Instant.ofEpochMilli(sourceAt - sourceAt % 1000)).setHeldMs(0).setPayload(payload).build());
    }

    private String raw(Output out, long at, Tx tx, RecordSource source) throws Exception {
        String json = BenchRecords.json(tx);
        events++;
        out.raw(at, RawPayTraceRecord.newBuilder().setTransactionId(tx.transactionId()).setSource(source)
                .setReceivedAt(Instant.ofEpochMilli(at)).setJson(json).setFingerprint(BenchRecords.fingerprint(json))
                .setPansScrubbed(0).build());
        return json;
    }

    private Ledger ledger(String commandId, String custId, String tx, String batNbr, String refNbr, long at, String event,
                          String type, BigDecimal amount, String docs) {
        return new Ledger(commandId, custId, tx, batNbr, refNbr, Instant.ofEpochMilli(at), Instant.ofEpochMilli(at + 700),
                event, type, amount, docs);
    }

    /** 5.00 to 2,500.00, at most what the invoice still owes when it pays one. */
    private BigDecimal amount(BigDecimal cap) {
        BigDecimal amount = BigDecimal.valueOf(500 + random.nextLong(249_501), 2);
        if (cap != null && cap.signum() > 0 && amount.compareTo(cap) > 0) {
            amount = cap.setScale(2, java.math.RoundingMode.DOWN);
        }
        // 1.12 is the sandbox's decline trigger; nothing here gets near it, but a cap could.
        return amount.compareTo(new BigDecimal("1.12")) == 0 ? new BigDecimal("1.13") : amount;
    }

    private static String maskedCard(int person) {
        return "************" + (1000 + (person * 7919) % 9000);
    }
}
