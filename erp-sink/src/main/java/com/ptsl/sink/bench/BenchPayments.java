package com.ptsl.sink.bench;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The probe's PostPayment commands, shaped as the stream processor builds them ({@code PostPayments.postPayment}: commandId
 * {@code PostPayment:<tx>}, keyed by CustId, card, approval code, match strategy) and drawn against what the SL database
 * really holds: about 60 % pay part of one open invoice, 15 % parts of two invoices of the same customer, 25 % are on
 * account; a fifth of the paying ones leave a little unapplied. Every application stays within what the invoice still has
 * available (DocBal less its pending 'U' lines, less what earlier commands of the run took), so the sink never has to cap
 * one and SL never sees an invoice over-applied. Transaction ids are ten digits, {@code <prefix><6-digit sequence>}, the
 * prefix chosen so that no SL document and no ledger row uses it yet: every command is new to the sink.
 */
final class BenchPayments {

    static final int MAX_COMMANDS = 1_000_000;
    private static final String COMMAND_ID_PREFIX = "PostPayment:";

    /** What was generated: the commands in production order and the transaction-id prefix that marks them. */
    record Generated(List<ErpCommand> commands, String prefix, int applications, int onAccount) {

        /** The ledger's CommandId pattern of this run's commands (LIKE). */
        String commandIdPattern() {
            return COMMAND_ID_PREFIX + prefix + "%";
        }
    }

    /** An open invoice and the cents the run may still apply to it. */
    private static final class Invoice {
        final String custId;
        final String docType;
        final String refNbr;
        final long balanceCents;
        long leftCents;

        Invoice(String custId, String docType, String refNbr, long balanceCents) {
            this.custId = custId;
            this.docType = docType;
            this.refNbr = refNbr;
            this.balanceCents = balanceCents;
            this.leftCents = balanceCents;
        }
    }

    private BenchPayments() {
    }

    static Generated generate(Connection c, SqlDialect dialect, String cpnyId, int count, LocalDate docDate, long seed)
            throws SQLException {
        if (count < 1 || count > MAX_COMMANDS) {
            throw new IllegalArgumentException("commands must be 1.." + MAX_COMMANDS + " (six-digit sequence in a ten-digit RefNbr), was "
                    + count);
        }
        List<String> customers = activeCustomers(c, dialect);
        if (customers.isEmpty()) {
            throw new IllegalStateException("SL has no active customer to post payments for (is the database seeded?)");
        }
        List<Invoice> invoices = openInvoices(c, dialect, cpnyId, customers);
        Random random = new Random(seed);
        String prefix = freePrefix(c, dialect, random);
        Map<String, List<Invoice>> byCustomer = new HashMap<>();
        invoices.forEach(i -> byCustomer.computeIfAbsent(i.custId, k -> new ArrayList<>()).add(i));
        List<Invoice> open = new ArrayList<>(invoices);
        // About 0.9 applications per command: each takes at most 1/hits of the invoice, so the invoices last the whole run.
        long hits = invoices.isEmpty() ? 1 : (long) Math.ceil(count * 0.9 / invoices.size()) + 1;
        Instant now = Instant.now();
        List<ErpCommand> commands = new ArrayList<>(count);
        int applications = 0;
        int onAccount = 0;
        for (int i = 0; i < count; i++) {
            String tx = prefix + String.format("%06d", i);
            double kind = random.nextDouble();
            List<Application> applied = new ArrayList<>();
            String custId;
            long cents = 0;
            open.removeIf(inv -> inv.leftCents <= 0);
            if (kind < 0.75 && !open.isEmpty()) {
                Invoice first = open.get(random.nextInt(open.size()));
                custId = first.custId;
                cents += take(first, hits, random, applied);
                if (kind >= 0.60) {
                    for (Invoice other : byCustomer.get(custId)) {
                        if (other != first && other.leftCents > 0) {
                            cents += take(other, hits, random, applied);
                            break;
                        }
                    }
                }
                if (random.nextInt(5) == 0) {
                    cents += 1 + random.nextInt(999); // a little left unapplied on account
                }
            } else {
                custId = customers.get(random.nextInt(customers.size()));
                cents = 100 + random.nextInt(49_901);
                onAccount++;
            }
            applications += applied.size();
            commands.add(command(tx, custId, BigDecimal.valueOf(cents, 2), docDate, applied, random, now));
        }
        return new Generated(commands, prefix, applications, onAccount);
    }

    /** Part of what the invoice has left: 1 cent up to its balance / hits. */
    private static long take(Invoice invoice, long hits, Random random, List<Application> into) {
        long most = Math.max(1, invoice.balanceCents / hits);
        long cents = Math.min(invoice.leftCents, 1 + (long) (random.nextDouble() * most));
        invoice.leftCents -= cents;
        into.add(Application.newBuilder().setInvoiceRefNbr(invoice.refNbr).setInvoiceDocType(invoice.docType)
                .setAmount(BigDecimal.valueOf(cents, 2)).build());
        return cents;
    }

    private static ErpCommand command(String tx, String custId, BigDecimal amount, LocalDate docDate, List<Application> applications,
                                      Random random, Instant now) {
        String strategy = applications.isEmpty() ? "ON_ACCOUNT" : applications.size() == 1 ? "INVOICE_ID" : "INVOICE_LIST";
        PostPayment payment = PostPayment.newBuilder()
                .setTransactionId(tx)
                .setAmount(amount)
                .setDocDate(docDate)
                .setPaymentMethod(PaymentMethod.CARD)
                .setMaskedAccount("************" + String.format("%04d", random.nextInt(10_000)))
                .setApprovalCode("TAS" + String.format("%03d", random.nextInt(1000)))
                .setDescription(applications.isEmpty() ? "Payment" : "Invoice " + applications.get(0).getInvoiceRefNbr())
                .setApplications(applications)
                .setMatchStrategy(strategy)
                .setCardType("VISA")
                .setMerchantAccount("ptsl_api")
                .build();
        return ErpCommand.newBuilder()
                .setCommandId(COMMAND_ID_PREFIX + tx)
                .setCustId(custId)
                .setSourceTransactionId(tx)
                .setSourceReceivedAt(now)
                .setSourceRecordTime(now.truncatedTo(ChronoUnit.SECONDS))
                .setCreatedAt(now)
                .setHeldMs(0)
                .setPayload(payment)
                .build();
    }

    private static List<String> activeCustomers(Connection c, SqlDialect dialect) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT [CustId] FROM " + dialect.table("Customer")
                + " WHERE [Status] <> 'I' ORDER BY [CustId]"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(SlConventions.rtrim(rs.getString(1)));
            }
        }
        return out;
    }

    /** Released open IN documents of active customers, by key (the released row wins, as the sink picks it), less pending 'U' lines. */
    private static List<Invoice> openInvoices(Connection c, SqlDialect dialect, String cpnyId, List<String> customers)
            throws SQLException {
        Map<String, Long> pending = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT [CustId], [CostType], [SiteId], SUM([TranAmt]) FROM "
                + dialect.table("ARTran") + " WHERE [DrCr] = 'U' AND [Rlsed] = 0 GROUP BY [CustId], [CostType], [SiteId]");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pending.put(key(rs.getString(1), rs.getString(2), rs.getString(3)), cents(rs.getDouble(4)));
            }
        }
        Map<String, Invoice> out = new LinkedHashMap<>();
        Set<String> active = new HashSet<>(customers);
        try (PreparedStatement ps = c.prepareStatement("SELECT [CustId], [DocType], [RefNbr], [DocBal] FROM " + dialect.table("ARDoc")
                + " WHERE [CpnyID] = ? AND [DocType] = 'IN' AND [Rlsed] = 1 AND [OpenDoc] = 1 AND [DocBal] > 0"
                + " ORDER BY [CustId], [RefNbr], [BatNbr], [BatSeq]")) {
            ps.setString(1, cpnyId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String custId = SlConventions.rtrim(rs.getString(1));
                    String docType = SlConventions.rtrim(rs.getString(2));
                    String refNbr = SlConventions.rtrim(rs.getString(3));
                    String key = key(custId, docType, refNbr);
                    long available = cents(rs.getDouble(4)) - pending.getOrDefault(key, 0L);
                    if (active.contains(custId) && available > 0 && !out.containsKey(key)) {
                        out.put(key, new Invoice(custId, docType, refNbr, available));
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** A four-digit prefix no SL document RefNbr and no ledger commandId starts with yet. */
    private static String freePrefix(Connection c, SqlDialect dialect, Random random) throws SQLException {
        for (int attempt = 0; attempt < 50; attempt++) {
            String prefix = Integer.toString(1000 + random.nextInt(9000));
            if (count(c, "SELECT COUNT(*) FROM " + dialect.table("ARDoc") + " WHERE [RefNbr] LIKE ?", prefix + "%") == 0
                    && count(c, "SELECT COUNT(*) FROM " + dialect.table(SqlDialect.LEDGER_TABLE) + " WHERE [CommandId] LIKE ?",
                    COMMAND_ID_PREFIX + prefix + "%") == 0) {
                return prefix;
            }
        }
        throw new IllegalStateException("no free transaction-id prefix in 50 tries: the SL database holds too many payments for a probe");
    }

    static long count(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String key(String custId, String docType, String refNbr) {
        return SlConventions.rtrim(custId) + "|" + SlConventions.rtrim(docType) + "|" + SlConventions.rtrim(refNbr);
    }

    private static long cents(double amount) {
        return SlConventions.money(amount).movePointRight(2).longValueExact();
    }
}
