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
        ArLookups.Customer customer = lookups.customer(c, custId)
                .orElseThrow(() -> new Rejection("unknown customer '" + custId + "': no SL Customer row"));
        if ("I".equals(customer.status())) {
            throw new Rejection("customer " + custId + " is inactive (Customer.Status 'I')");
        }
        Optional<ArLookups.ExistingPayment> existing = lookups.payment(c, refNbr);
        if (existing.isPresent()) {
            throw new Rejection("a payment with RefNbr " + refNbr + " already exists in SL (customer "
                    + existing.get().custId() + ", batch " + existing.get().batNbr() + ")");
        }

        SlSetup.Ar ar = SlSetup.readAr(c, dialect);
        SlSetup.Gl gl = SlSetup.readGl(c, dialect);
        ApplicationPlan plan = plan(c, custId, payment);
        BigDecimal unapplied = amount.subtract(plan.appliedTotal());

        String perPost = gl.postingPeriod(docDate);
        // PerEnt is the AR period current when the entry is made; SL screens take it from ARSetup.PerNbr.
        String perEnt = ar.perNbr().isEmpty() ? perPost : ar.perNbr();
        // The GL rule for the payment's method, card type and merchant account (blank = only '*' rules match).
        CashAccount cash = rules.match(payment.getPaymentMethod(), payment.getCardType(), payment.getMerchantAccount()).account();
        String description = describe(payment);
        String batNbr = batches.openOrCreate(c, cash, docDate, new DepositBatches.NewBatch(perPost, perEnt, gl.baseCuryId(),
                ar.glPostOpt(), "PayTrace " + methodLabel(payment.getPaymentMethod()) + " " + docDate), now);
        int batSeq = batches.nextBatSeq(c, batNbr);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("CustId", custId);
        doc.put("DocType", "PA");
        doc.put("RefNbr", refNbr);
        doc.put("BatNbr", batNbr);
        doc.put("BatSeq", batSeq);
        doc.put("CpnyID", settings.cpnyId());
        doc.put("DocDate", docDate);
        doc.put("PerPost", perPost);
        doc.put("PerEnt", perEnt);
        doc.put("OrigDocAmt", amount);
        doc.put("CuryOrigDocAmt", amount);
        doc.put("DocBal", amount);
        doc.put("CuryDocBal", amount);
        doc.put("ApplBatNbr", batNbr);
        doc.put("ApplBatSeq", batSeq);
        doc.put("ApplAmt", unapplied);
        doc.put("CuryApplAmt", unapplied);
        doc.put("BankAcct", cash.acct());
        doc.put("BankSub", cash.sub());
        doc.put("CustOrdNbr", refNbr);
        doc.put("DocDesc", description);
        doc.put("DocClass", "N");
        doc.put("Rlsed", (short) 0);
        doc.put("OpenDoc", (short) 1);
        doc.put("LineCntr", plan.lines().size());
        doc.put("CuryId", gl.baseCuryId());
        doc.put("CuryMultDiv", "M");
        doc.put("CuryRate", BigDecimal.ONE);
        doc.put("User1", SlConventions.fit("PayTrace " + refNbr, 30));
        doc.put("User5", SlConventions.fit(payment.getApprovalCode(), 10));
        audit(doc, now);
        rows.get(c, "ARDoc").insert(c, doc);

        ApplicationLines.Payment paid = new ApplicationLines.Payment(custId, refNbr, batNbr, settings.cpnyId(), perPost, perEnt,
                docDate, description, gl.baseCuryId());
        lines.write(c, paid, plan.lines(), ApplicationLines.FIRST_LINE_NBR, 1, customer, ar, CommandTag.of(command.getCommandId()), now);
        batches.retotal(c, batNbr, now);
        return PostingOutcome.applied(PostingEvent.POSTED, batNbr, refNbr, plan.cappedNote(), 1,
                List.of(PostingOutcome.document("PA", refNbr, batNbr)), amount);
    }

    private static void checkShape(String custId, String refNbr, BigDecimal amount, PostPayment payment) throws Rejection {
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
        String digits = maskedAccount == null ? "" : maskedAccount.replaceAll("\\D", "");
        String suffix = digits.length() >= 4 ? " xxxx" + digits.substring(digits.length() - 4) : "";
        return SlConventions.fit(what + " " + methodLabel(method) + suffix, 30);
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
