package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.sink.ledger.CommandTag;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a PostPayment the way SL's payment application screen (08030) leaves it before release
 * (dynamics-sl.md §5): one PA ARDoc in the day's integration batch, one 'U' ARTran per invoice paid
 * ({@link ApplicationLines}), the unapplied rest in ARDoc.ApplAmt, and the batch totals kept equal to
 * its documents. Everything is validated before the first write, so a rejected command leaves no trace in SL.
 */
final class PaymentPoster {

    static final int REFNBR_LENGTH = 10;

    private final SqlDialect dialect;
    private final PostingSettings settings;
    private final GlRules rules;
    private final ArLookups lookups;
    private final DepositBatches batches;
    private final RowWriters rows;
    private final ApplicationLines lines;

    PaymentPoster(SqlDialect dialect, PostingSettings settings, GlRules rules, RowWriters rows) {
        this.dialect = dialect;
        this.settings = settings;
        this.rules = rules;
        this.lookups = new ArLookups(dialect);
        this.batches = new DepositBatches(dialect, settings, rows);
        this.rows = rows;
        this.lines = new ApplicationLines(settings, rows);
    }

    PostingOutcome post(Connection c, ErpCommand command, PostPayment payment, LocalDateTime now) throws SQLException, Rejection {
        String custId = command.getCustId().strip();
        String refNbr = payment.getTransactionId().strip();
        BigDecimal amount = SlConventions.money(payment.getAmount());
        LocalDate docDate = payment.getDocDate();

        checkShape(custId, refNbr, amount, payment);
        ArLookups.Customer customer = payingCustomer(custId, lookups.customer(c, custId));
        firstPayment(refNbr, lookups.payment(c, refNbr));

        SlSetup.Ar ar = SlSetup.readAr(c, dialect);
        SlSetup.Gl gl = SlSetup.readGl(c, dialect);
        ApplicationPlan plan = plan(c, custId, payment);
        Entry entry = entry(payment, refNbr, amount, plan, ar, gl);
        String batNbr = batches.openOrCreate(c, entry.cash(), docDate, entry.newBatch(), now);
        int batSeq = batches.nextBatSeq(c, batNbr);
        rows.get(c, "ARDoc").insert(c, document(custId, entry, batNbr, batSeq, now));
        lines.write(c, entry.lines(custId, batNbr, settings.cpnyId()), plan.lines(), ApplicationLines.FIRST_LINE_NBR, 1, customer, ar,
                CommandTag.of(command.getCommandId()), now);
        batches.retotal(c, batNbr, now);
        return outcome(entry, batNbr);
    }

    /** What a validated payment becomes in SL, whatever batch it lands in: periods, cash account, text, amounts. */
    record Entry(PostPayment payment, String refNbr, BigDecimal amount, ApplicationPlan plan, String perPost, String perEnt,
                 CashAccount cash, String description, String curyId, DepositBatches.NewBatch newBatch) {

        BigDecimal unapplied() {
            return amount.subtract(plan.appliedTotal());
        }

        ApplicationLines.Payment lines(String custId, String batNbr, String cpnyId) {
            return new ApplicationLines.Payment(custId, refNbr, batNbr, cpnyId, perPost, perEnt, payment.getDocDate(), description,
                    curyId);
        }
    }

    /** The entry for a payment whose applications were planned. */
    Entry entry(PostPayment payment, String refNbr, BigDecimal amount, ApplicationPlan plan, SlSetup.Ar ar, SlSetup.Gl gl) {
        return entry(payment, refNbr, amount, plan, ar, gl, gl.postingPeriod(payment.getDocDate()));
    }

    /** {@link #entry}, with the posting period of the payment's DocDate already known ({@code gl.postingPeriod(docDate)}). */
    Entry entry(PostPayment payment, String refNbr, BigDecimal amount, ApplicationPlan plan, SlSetup.Ar ar, SlSetup.Gl gl,
                String perPost) {
        LocalDate docDate = payment.getDocDate();
        // PerEnt is the AR period current when the entry is made; SL screens take it from ARSetup.PerNbr.
        String perEnt = ar.perNbr().isEmpty() ? perPost : ar.perNbr();
        // The GL rule for the payment's method, card type and merchant account (blank = only '*' rules match).
        CashAccount cash = rules.match(payment.getPaymentMethod(), payment.getCardType(), payment.getMerchantAccount()).account();
        return new Entry(payment, refNbr, amount, plan, perPost, perEnt, cash, describe(payment), gl.baseCuryId(),
                new DepositBatches.NewBatch(perPost, perEnt, gl.baseCuryId(), ar.glPostOpt(),
                        "PayTrace " + methodLabel(payment.getPaymentMethod()) + " " + docDate));
    }

    /** The PA ARDoc row of the entry at {@code batNbr}/{@code batSeq}. */
    Map<String, Object> document(String custId, Entry entry, String batNbr, int batSeq, LocalDateTime now) {
        String refNbr = entry.refNbr();
        BigDecimal amount = entry.amount();
        BigDecimal unapplied = entry.unapplied();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("CustId", custId);
        doc.put("DocType", "PA");
        doc.put("RefNbr", refNbr);
        doc.put("BatNbr", batNbr);
        doc.put("BatSeq", batSeq);
        doc.put("CpnyID", settings.cpnyId());
        doc.put("DocDate", entry.payment().getDocDate());
        doc.put("PerPost", entry.perPost());
        doc.put("PerEnt", entry.perEnt());
        doc.put("OrigDocAmt", amount);
        doc.put("CuryOrigDocAmt", amount);
        doc.put("DocBal", amount);
        doc.put("CuryDocBal", amount);
        doc.put("ApplBatNbr", batNbr);
        doc.put("ApplBatSeq", batSeq);
        doc.put("ApplAmt", unapplied);
        doc.put("CuryApplAmt", unapplied);
        doc.put("BankAcct", entry.cash().acct());
        doc.put("BankSub", entry.cash().sub());
        doc.put("CustOrdNbr", refNbr);
        doc.put("DocDesc", entry.description());
        doc.put("DocClass", "N");
        doc.put("Rlsed", (short) 0);
        doc.put("OpenDoc", (short) 1);
        doc.put("LineCntr", entry.plan().lines().size());
        doc.put("CuryId", entry.curyId());
        doc.put("CuryMultDiv", "M");
        doc.put("CuryRate", BigDecimal.ONE);
        doc.put("User1", SlConventions.fit("PayTrace " + refNbr, 30));
        doc.put("User5", SlConventions.fit(entry.payment().getApprovalCode(), 10));
        audit(doc, now);
        return doc;
    }

    static PostingOutcome outcome(Entry entry, String batNbr) {
        return PostingOutcome.applied(PostingEvent.POSTED, batNbr, entry.refNbr(), entry.plan().cappedNote(), 1,
                List.of(PostingOutcome.document("PA", entry.refNbr(), batNbr)), entry.amount());
    }

    /** The customer as SL has it: there, and not inactive. */
    static ArLookups.Customer payingCustomer(String custId, Optional<ArLookups.Customer> found) throws Rejection {
        ArLookups.Customer customer = found.orElseThrow(() -> new Rejection("unknown customer '" + custId + "': no SL Customer row"));
        if ("I".equals(customer.status())) {
            throw new Rejection("customer " + custId + " is inactive (Customer.Status 'I')");
        }
        return customer;
    }

    /** At most one SL payment per PayTrace transaction: no PA with the RefNbr yet. */
    static void firstPayment(String refNbr, Optional<ArLookups.ExistingPayment> existing) throws Rejection {
        if (existing.isPresent()) {
            throw new Rejection("a payment with RefNbr " + refNbr + " already exists in SL (customer "
                    + existing.get().custId() + ", batch " + existing.get().batNbr() + ")");
        }
    }

    /** The validations that need no database: transaction id, amount, customer id, the applications' shape and total. */
    static void checkShape(String custId, String refNbr, BigDecimal amount, PostPayment payment) throws Rejection {
        if (refNbr.isEmpty()) {
            throw new Rejection("PostPayment has no transactionId");
        }
        if (refNbr.length() > REFNBR_LENGTH) {
            throw new Rejection("PayTrace transaction id '" + refNbr + "' has " + refNbr.length()
                    + " characters; SL ARDoc.RefNbr holds " + REFNBR_LENGTH);
        }
        if (amount.signum() <= 0) {
            throw new Rejection("payment amount must be positive, is " + amount);
        }
        if (custId.isEmpty() || custId.length() > 15) {
            throw new Rejection("unknown customer '" + custId + "': not an SL CustId");
        }
        BigDecimal requested = BigDecimal.ZERO;
        for (Application a : payment.getApplications()) {
            requested = requested.add(InvoiceApplications.check(a));
        }
        if (requested.compareTo(amount) > 0) {
            throw new Rejection("applications total " + requested + " exceeds the payment amount " + amount);
        }
    }

    private ApplicationPlan plan(Connection c, String custId, PostPayment payment) throws SQLException, Rejection {
        ApplicationPlan plan = new ApplicationPlan();
        InvoiceApplications.plan(c, lookups, custId, payment.getApplications(), plan);
        return plan;
    }

    /** "PayTrace card xxxx5439": only the last four digits of an already masked number ever reach SL. */
    static String describe(PostPayment payment) {
        return describe("PayTrace", payment.getPaymentMethod(), payment.getMaskedAccount());
    }

    /** {@code what} + " card xxxx5439" (or " ACH …"), cut to ARDoc.DocDesc's 30 characters. */
    static String describe(String what, PaymentMethod method, String maskedAccount) {
        String digits = lastDigits(maskedAccount, 4);
        String suffix = digits.length() == 4 ? " xxxx" + digits : "";
        return SlConventions.fit(what + " " + methodLabel(method) + suffix, 30);
    }

    /** The last {@code n} digits of the text (fewer if it has fewer), ignoring everything that is not a digit. */
    private static String lastDigits(String text, int n) {
        if (text == null) {
            return "";
        }
        char[] out = new char[n];
        int found = 0;
        for (int i = text.length() - 1; i >= 0 && found < n; i--) {
            char ch = text.charAt(i);
            if (ch >= '0' && ch <= '9') {
                out[n - 1 - found++] = ch;
            }
        }
        return new String(out, n - found, found);
    }

    private static String methodLabel(PaymentMethod method) {
        return method == PaymentMethod.ACH ? "ACH" : "card";
    }

    private void audit(Map<String, Object> row, LocalDateTime now) {
        row.put("Crtd_DateTime", now);
        row.put("Crtd_Prog", settings.program());
        row.put("Crtd_User", settings.user());
        row.put("LUpd_DateTime", now);
        row.put("LUpd_Prog", settings.program());
        row.put("LUpd_User", settings.user());
    }
}
