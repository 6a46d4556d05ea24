package com.ptsl.processor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.processor.parse.TransactionParser;
import com.ptsl.schemas.SlKeys;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;

/**
 * The streams probe's input: SL customers with open invoices (what erp-sink's feed publishes on sl.customers and
 * sl.invoices) and a day of PayTrace export records that pay them, shaped like the sandbox's export records
 * (paytrace-api.md §3.1, TransactionRecordJson) and wrapped in the raw topic's envelope as the gateway writes it.
 * Deterministic for a given size, and light: only a small spec per record is kept, the JSON is rendered while it
 * is produced (a duplicate renders its original's spec again, so it carries the same content and fingerprint).
 *
 * <p>The mix, in stream order (follow-ups only ever come after the record they concern):
 * <ul>
 *   <li>approved sales naming an open invoice in invoice_id (as SL prints it, or without the leading zeros) or its
 *       customer PO in customer_reference_id: one PostPayment each, applied in full (every invoice's balance covers
 *       the payments that name it, so there is no overpayment);</li>
 *   <li>approved sales naming no document, from the customer's reference or vault id: one PostPayment each, on account
 *       (usually with an UNMATCHED review item);</li>
 *   <li>declines and uncaptured authorizations: one NOT_POSTED result each;</li>
 *   <li>voids and refunds of earlier invoice sales: one ReversePayment / PostRefund each;</li>
 *   <li>settled copies of earlier sales (status GB&lt;batch&gt;) and exact re-polls of earlier records: nothing.</li>
 * </ul>
 */
final class BenchWorkload {

    static final String CPNY_ID = "PTSL";
    /** Invoices per customer; with about ten records per customer, a customer's matcher state stays a handful of rows. */
    static final int INVOICES_PER_CUSTOMER = 3;
    static final int EVENTS_PER_CUSTOMER = 10;
    private static final long FIRST_TRANSACTION_ID = 700_000_000L;
    private static final LocalDate DOC_DATE = LocalDate.of(2026, 1, 2);
    private static final LocalDateTime DAY = LocalDateTime.of(2026, 1, 5, 8, 0);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Kind {
        /** SALE naming an invoice by its RefNbr. */
        INVOICE_SALE,
        /** SALE naming an invoice by the customer's PO in customer_reference_id. */
        PO_SALE,
        /** SALE naming no document: posted on account of the customer found by reference or vault id. */
        ON_ACCOUNT_SALE,
        DECLINE,
        AUTHORIZATION,
        /** The sale of {@code original}, voided (same id, a new version of its record). */
        VOID,
        /** A refund of {@code original} (a new id naming it in original_transaction_id). */
        REFUND,
        /** The sale of {@code original}, settled (same id): already posted, nothing new. */
        SETTLED,
        /** Record {@code original} reported again, unchanged (an overlapping poll window). */
        DUPLICATE
    }

    /**
     * @param index    position in the stream (of all workloads of the run); fixes the transaction id and created.at
     * @param original for a follow-up, the position in this workload of the record it concerns; else -1
     * @param customer the customer's number (of all workloads of the run)
     * @param invoice  the invoice's number (customer * INVOICES_PER_CUSTOMER + n), -1 when none is named
     * @param style    how the payer typed the reference (0: as SL prints it, 1: without leading zeros)
     */
    record Spec(int index, Kind kind, int customer, int invoice, BigDecimal amount, int original, int style) {
        long transactionId() {
            return FIRST_TRANSACTION_ID + index;
        }
    }

    /** What the topology must write for this input, per output topic. */
    record Expected(int commands, int results) {
    }

    private final int customerBase;
    private final int customers;
    private final List<Spec> specs;
    private final BigDecimal[] invoiceBalance;
    private final int[] kindCounts = new int[Kind.values().length];

    private BenchWorkload(int customerBase, int customers, List<Spec> specs, BigDecimal[] invoiceBalance) {
        this.customerBase = customerBase;
        this.customers = customers;
        this.specs = specs;
        this.invoiceBalance = invoiceBalance;
        specs.forEach(s -> kindCounts[s.kind().ordinal()]++);
    }

    /**
     * @param customerBase the first customer number: workloads of one run use disjoint customers (and invoices)
     * @param indexBase    the first record's position: workloads of one run use disjoint transaction ids
     */
    static BenchWorkload of(int events, int customerBase, int indexBase) {
        if (events < 1) {
            throw new IllegalArgumentException("events must be at least 1, was " + events);
        }
        int customers = Math.max(1, (events + EVENTS_PER_CUSTOMER - 1) / EVENTS_PER_CUSTOMER);
        Random random = new Random(20260105L ^ events ^ ((long) indexBase << 32));
        List<Spec> specs = new ArrayList<>(events);
        // Records that already have their follow-up (a void, refund, settled copy or re-poll): each gets at most one.
        boolean[] followed = new boolean[events];
        BigDecimal[] balance = new BigDecimal[customers * INVOICES_PER_CUSTOMER];
        java.util.Arrays.fill(balance, BigDecimal.ZERO.setScale(2));
        for (int i = 0; i < events; i++) {
            int roll = random.nextInt(100);
            Kind kind = roll < 62 ? Kind.INVOICE_SALE
                    : roll < 66 ? Kind.PO_SALE
                    : roll < 74 ? Kind.ON_ACCOUNT_SALE
                    : roll < 82 ? Kind.DECLINE
                    : roll < 84 ? Kind.AUTHORIZATION
                    : roll < 87 ? Kind.VOID
                    : roll < 90 ? Kind.REFUND
                    : roll < 97 ? Kind.SETTLED
                    : Kind.DUPLICATE;
            int original = -1;
            if (kind == Kind.VOID || kind == Kind.SETTLED || kind == Kind.REFUND || kind == Kind.DUPLICATE) {
                // A refund comes well after its sale, as in a real day: one from the older half of the records so far.
                int bound = kind == Kind.REFUND ? i / 2 : i;
                original = earlier(specs, followed, random, bound, kind == Kind.DUPLICATE);
                if (original < 0) {
                    kind = Kind.INVOICE_SALE; // nothing earlier to follow up yet
                }
            }
            Spec spec;
            if (original >= 0) {
                Spec o = specs.get(original);
                BigDecimal amount = kind != Kind.REFUND || random.nextBoolean() ? o.amount()
                        : o.amount().divide(BigDecimal.valueOf(2), 2, java.math.RoundingMode.DOWN).max(new BigDecimal("0.01"));
                spec = new Spec(indexBase + i, kind, o.customer(), o.invoice(), amount, original, kind == Kind.REFUND ? 0 : o.style());
                // A record with a follow-up is not re-polled unchanged afterwards (it changed), and vice versa.
                followed[original] = true;
            } else {
                int customer = customerBase + random.nextInt(customers);
                boolean names = kind == Kind.INVOICE_SALE || kind == Kind.PO_SALE;
                int invoice = names ? customer * INVOICES_PER_CUSTOMER + random.nextInt(INVOICES_PER_CUSTOMER) : -1;
                BigDecimal amount = BigDecimal.valueOf(2_000 + random.nextInt(88_000), 2);
                spec = new Spec(indexBase + i, kind, customer, invoice, amount, -1, random.nextInt(5) == 0 ? 1 : 0);
                if (names) {
                    int n = invoice - customerBase * INVOICES_PER_CUSTOMER;
                    balance[n] = balance[n].add(amount);
                }
            }
            specs.add(spec);
        }
        for (int n = 0; n < balance.length; n++) {
            // Enough for every payment naming the invoice, plus an open remainder: applied in full, never an overpayment.
            balance[n] = balance[n].add(BigDecimal.valueOf(10_000 + (n % 7) * 2_500L, 2));
        }
        return new BenchWorkload(customerBase, customers, List.copyOf(specs), balance);
    }

    /**
     * A random earlier record (position below {@code bound}) that has no follow-up yet: for a re-poll any record PayTrace
     * reported on its own, else a sale that named an invoice (so its void or refund has a posting to undo); -1 when a
     * few draws find none.
     */
    private static int earlier(List<Spec> specs, boolean[] followed, Random random, int bound, boolean repoll) {
        for (int attempt = 0; bound > 0 && attempt < 16; attempt++) {
            int j = random.nextInt(bound);
            Spec s = specs.get(j);
            boolean fits = repoll ? s.original() < 0 : s.kind() == Kind.INVOICE_SALE || s.kind() == Kind.PO_SALE;
            if (fits && !followed[j]) {
                return j;
            }
        }
        return -1;
    }

    int events() {
        return specs.size();
    }

    int customers() {
        return customers;
    }

    int invoices() {
        return invoiceBalance.length;
    }

    int count(Kind kind) {
        return kindCounts[kind.ordinal()];
    }

    Expected expected() {
        int commands = count(Kind.INVOICE_SALE) + count(Kind.PO_SALE) + count(Kind.ON_ACCOUNT_SALE) + count(Kind.VOID) + count(Kind.REFUND);
        int results = count(Kind.DECLINE) + count(Kind.AUTHORIZATION);
        return new Expected(commands, results);
    }

    /** Keys of the lookup index the feed yields: per customer its CustId (and vault id), per invoice its RefNbr and PO. */
    int lookupEntries() {
        int vaults = 0;
        for (int c = customerBase; c < customerBase + customers; c++) {
            vaults += vault(c) == null ? 0 : 1;
        }
        return customers + vaults + invoices() * 2;
    }

    /** The customer number after this workload's: where the next workload of the run starts. */
    int nextCustomer() {
        return customerBase + customers;
    }

    static String custId(int customer) {
        return String.format("C%06d", customer);
    }

    static String refNbr(int invoice) {
        return String.format("%010d", 10_000 + invoice);
    }

    static String po(int invoice) {
        return "PO-" + (50_000 + invoice);
    }

    static String vault(int customer) {
        return customer % 2 == 0 ? "vault-" + customer : null;
    }

    // ---- SL's feed ----

    void customers(BiConsumer<String, SlCustomerSnapshot> out, Instant capturedAt) {
        for (int c = customerBase; c < customerBase + customers; c++) {
            String id = custId(c);
            out.accept(SlKeys.customer(id), SlCustomerSnapshot.newBuilder()
                    .setCustId(id).setName("Bench Customer " + c).setStatus("A").setPayTraceCustomerId(vault(c))
                    .setChangeVersion(1).setCapturedAt(capturedAt).build());
        }
    }

    void invoices(BiConsumer<String, SlInvoiceSnapshot> out, Instant capturedAt) {
        for (int n = 0; n < invoiceBalance.length; n++) {
            int invoice = customerBase * INVOICES_PER_CUSTOMER + n;
            String ref = refNbr(invoice);
            out.accept(SlKeys.invoice(CPNY_ID, ref), SlInvoiceSnapshot.newBuilder()
                    .setCpnyId(CPNY_ID).setCustId(custId(invoice / INVOICES_PER_CUSTOMER)).setDocType("IN").setRefNbr(ref)
                    .setOrdNbr("").setCustOrdNbr(po(invoice))
                    .setDocDate(DOC_DATE.plusDays(invoice % INVOICES_PER_CUSTOMER)).setDueDate(DOC_DATE.plusDays(30))
                    .setOrigDocAmt(invoiceBalance[n]).setDocBal(invoiceBalance[n]).setReleased(true).setOpen(true)
                    .setApplications(List.of()).setChangeVersion(invoice + 1L).setCapturedAt(capturedAt).build());
        }
    }

    // ---- PayTrace's records ----

    /** Every raw record in stream order: key (transaction id) and the raw topic's value bytes. */
    void rawRecords(BiConsumer<String, byte[]> out, Instant receivedAt) {
        @SuppressWarnings("unchecked")
        var serde = (com.ptsl.schemas.AvroSerde<RawPayTraceRecord>) Topics.RAW_TRANSACTIONS.valueSerde();
        MessageDigest sha256 = sha256();
        for (Spec spec : specs) {
            Spec content = spec.kind() == Kind.DUPLICATE ? specs.get(spec.original()) : spec;
            long id = content.kind() == Kind.VOID || content.kind() == Kind.SETTLED
                    ? specs.get(content.original()).transactionId() : content.transactionId();
            String json = render(content, id).toString();
            RawPayTraceRecord envelope = RawPayTraceRecord.newBuilder()
                    .setTransactionId(Long.toString(id))
                    .setSource(RecordSource.POLL)
                    .setReceivedAt(receivedAt.plusMillis(spec.index()))
                    .setJson(json)
                    .setFingerprint(HexFormat.of().formatHex(sha256.digest(json.getBytes(StandardCharsets.UTF_8))))
                    .setPansScrubbed(0)
                    .build();
            out.accept(Long.toString(id), serde.serialize(Topics.RAW_TRANSACTIONS.name(), envelope));
        }
    }

    /** The export record, fields in PayTrace's order (paytrace-sandbox TransactionRecordJson). */
    private ObjectNode render(Spec s, long id) {
        Spec sale = s.original() >= 0 ? specs.get(s.original()) : s;
        int c = s.customer();
        ObjectNode r = JSON.createObjectNode();
        r.put("transaction_id", id);
        ObjectNode card = r.putObject("credit_card");
        card.put("masked_number", c % 3 == 0 ? "401200******" + String.format("%04d", c % 10_000) : "************" + String.format("%04d", (c * 7) % 10_000));
        card.put("expiration_month", 1 + c % 12);
        card.put("expiration_year", 27 + c % 4);
        String type = switch (s.kind()) {
            case DECLINE -> "DECLINED";
            case AUTHORIZATION -> "AUTHORIZATION";
            case REFUND -> "REFUND";
            default -> "SALE";
        };
        r.put("transaction_type", type);
        r.put("description", s.kind() == Kind.ON_ACCOUNT_SALE ? "Card payment on account" : "Invoice payment");
        r.put("amount", exportAmount(s.amount()));
        String invoiceId = "";
        if (sale.kind() == Kind.INVOICE_SALE) {
            invoiceId = sale.style() == 1 ? Long.toString(Long.parseLong(refNbr(sale.invoice()))) : refNbr(sale.invoice());
        }
        r.put("invoice_id", invoiceId);
        address(r.putObject("shipping_address"), c, true);
        address(r.putObject("billing_address"), c, false);
        r.put("receipt_emailed_to", "ap" + c + "@customer.example");
        r.put("tax_amount", "0.00");
        String reference = switch (sale.kind()) {
            case PO_SALE -> po(sale.invoice());
            case ON_ACCOUNT_SALE -> vault(c) != null && s.style() == 1 ? "" : custId(c);
            default -> custId(c);
        };
        r.put("customer_reference_id", reference);
        boolean declined = s.kind() == Kind.DECLINE;
        boolean refund = s.kind() == Kind.REFUND;
        r.put("approval_code", declined || refund ? "" : "TAS" + String.format("%03d", s.index() % 1000));
        r.put("approval_message", declined ? "    DECLINE - Do not honor" : refund ? "" : "  APPROVAL TAS" + (s.index() % 1000) + "  - Approved and completed");
        r.put("avs_response", declined || refund ? "" : "Full Exact Match");
        r.put("csc_response", declined || refund ? "" : "Match");
        String status;
        String message;
        switch (s.kind()) {
            case DECLINE -> {
                status = "N";
                message = "Declined";
            }
            case AUTHORIZATION -> {
                status = "N";
                message = "Authorization Only";
            }
            case VOID -> {
                status = "N";
                message = "Voided";
            }
            case SETTLED -> {
                status = "GB571";
                message = "GB571";
            }
            default -> {
                status = "Y";
                message = "Pending Settlement";
            }
        }
        r.put("status_code", status);
        r.put("status_message", message);
        ObjectNode created = r.putObject("created");
        created.put("through", "API");
        created.put("at", DAY.plusSeconds(sale.index() / 4).format(TransactionParser.CREATED_AT));
        created.put("by", "bench-merchant");
        created.put("from_ip", "203.0.113." + (1 + c % 250));
        r.put("settled", s.kind() == Kind.SETTLED ? DAY.plusHours(12).format(TransactionParser.CREATED_AT) : "");
        r.put("customer_id", sale.kind() == Kind.ON_ACCOUNT_SALE && vault(c) != null && s.style() == 1 ? vault(c) : "");
        if (refund) {
            r.put("original_transaction_id", sale.transactionId());
        }
        return r;
    }

    private static void address(ObjectNode node, int c, boolean shipping) {
        node.put("name", "Bench Customer " + c);
        node.put("street_address", (100 + c % 900) + " Market St.");
        node.put("street_address2", "");
        node.put("city", "Spokane");
        if (shipping) {
            node.put("county", "");
        }
        node.put("state", "WA");
        node.put("zip", "99201");
        node.put("country", "US");
    }

    /** As the sandbox exports amounts: a JSON number without trailing zeros (110, 12.3). */
    private static BigDecimal exportAmount(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
