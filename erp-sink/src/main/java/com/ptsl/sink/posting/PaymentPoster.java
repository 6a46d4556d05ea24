package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a PostPayment the way SL's payment application screen (08030) leaves it before release
 * (dynamics-sl.md §5): one PA ARDoc in the day's integration batch, one 'U' ARTran per invoice paid,
 * the unapplied rest in ARDoc.ApplAmt, and the batch totals kept equal to its documents. Everything
 * is validated before the first write, so a rejected command leaves no trace in SL.
 */
final class PaymentPoster {

    static final int REFNBR_LENGTH = 10;
    /** Debit documents a payment can pay. */
    private static final Set<String> PAYABLE_TYPES = Set.of("IN", "DM", "FI");
    private static final short FIRST_LINE_NBR = Short.MIN_VALUE;

    private final SqlDialect dialect;
    private final PostingSettings settings;
    private final ArLookups lookups;
    private final DepositBatches batches;
    private final RowWriters rows;

    PaymentPoster(SqlDialect dialect, PostingSettings settings, RowWriters rows) {
        this.dialect = dialect;
        this.settings = settings;
        this.lookups = new ArLookups(dialect);
        this.batches = new DepositBatches(dialect, settings, rows);
        this.rows = rows;
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

        String perPost = gl.calendar().period(docDate);
        // PerEnt is the AR period current when the entry is made; SL screens take it from ARSetup.PerNbr.
        String perEnt = ar.perNbr().isEmpty() ? perPost : ar.perNbr();
        CashAccount cash = settings.cashAccountFor(payment.getPaymentMethod());
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

        short lineNbr = FIRST_LINE_NBR;
        int lineId = 1;
        String fiscYr = FiscalCalendar.fiscalYear(perPost);
        for (ApplicationPlan.Line line : plan.lines()) {
            ArLookups.Invoice invoice = line.invoice();
            String[] account = arAccount(invoice, customer, ar);
            Map<String, Object> tran = new LinkedHashMap<>();
            tran.put("CustId", custId);
            tran.put("TranType", "PA");
            tran.put("RefNbr", refNbr);
            tran.put("BatNbr", batNbr);
            tran.put("CpnyID", settings.cpnyId());
            tran.put("LineNbr", lineNbr++);
            tran.put("LineId", lineId++);
            tran.put("DrCr", "U");
            tran.put("SiteId", invoice.refNbr());
            tran.put("CostType", invoice.docType());
            tran.put("TranAmt", line.amount());
            tran.put("CuryTranAmt", line.amount());
            tran.put("Acct", account[0]);
            tran.put("Sub", account[1]);
            tran.put("PerPost", perPost);
            tran.put("PerEnt", perEnt);
            tran.put("FiscYr", fiscYr);
            tran.put("JrnlType", "AR");
            tran.put("ExtRefNbr", refNbr);
            tran.put("TranDate", docDate);
            tran.put("TranDesc", description);
            tran.put("Rlsed", (short) 0);
            tran.put("CuryId", gl.baseCuryId());
            tran.put("CuryMultDiv", "M");
            tran.put("CuryRate", BigDecimal.ONE);
            // On 'U' lines CuryUnitPrice is the discount taken (none) and UnitPrice the invoice's rate.
            tran.put("UnitPrice", invoice.curyRate() > 0 ? Double.valueOf(invoice.curyRate()) : Double.valueOf(1.0));
            audit(tran, now);
            rows.get(c, "ARTran").insert(c, tran);
        }
        batches.retotal(c, batNbr, now);
        return PostingOutcome.applied(batNbr, refNbr, plan.cappedNote(), 1);
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
            String ref = a.getInvoiceRefNbr().strip();
            if (ref.isEmpty() || ref.length() > REFNBR_LENGTH) {
                throw new Rejection("application to invoice '" + ref + "': not an SL RefNbr (1.." + REFNBR_LENGTH + " characters)");
            }
            String type = docType(a);
            if (!PAYABLE_TYPES.contains(type)) {
                throw new Rejection("application to " + type + " " + ref + ": a payment can only pay IN, DM or FI documents");
            }
            BigDecimal applied = SlConventions.money(a.getAmount());
            if (applied.signum() <= 0) {
                throw new Rejection("application to " + type + " " + ref + " must be positive, is " + applied);
            }
            requested = requested.add(applied);
        }
        if (requested.compareTo(amount) > 0) {
            throw new Rejection("applications total " + requested + " exceeds the payment amount " + amount);
        }
    }

    private ApplicationPlan plan(Connection c, String custId, PostPayment payment) throws SQLException, Rejection {
        ApplicationPlan plan = new ApplicationPlan();
        for (Application a : payment.getApplications()) {
            String type = docType(a);
            String ref = a.getInvoiceRefNbr().strip();
            ArLookups.Invoice invoice = lookups.invoice(c, custId, type, ref)
                    .orElseThrow(() -> new Rejection("invoice " + type + " " + ref + " does not exist for customer " + custId));
            if (!invoice.released()) {
                throw new Rejection("invoice " + type + " " + ref + " of customer " + custId
                        + " is not released (SL would refuse the application: error 12306)");
            }
            BigDecimal available = invoice.docBal().subtract(lookups.pendingApplications(c, custId, type, ref));
            plan.apply(invoice, SlConventions.money(a.getAmount()), available);
        }
        return plan;
    }

    /** The invoice's AR account (its BankAcct/BankSub), else the customer's, else ARSetup's default. */
    private static String[] arAccount(ArLookups.Invoice invoice, ArLookups.Customer customer, SlSetup.Ar ar) throws SlSetupException {
        if (!invoice.arAcct().isEmpty() && !invoice.arSub().isEmpty()) {
            return new String[] {invoice.arAcct(), invoice.arSub()};
        }
        if (!customer.arAcct().isEmpty() && !customer.arSub().isEmpty()) {
            return new String[] {customer.arAcct(), customer.arSub()};
        }
        if (!ar.arAcct().isEmpty() && !ar.arSub().isEmpty()) {
            return new String[] {ar.arAcct(), ar.arSub()};
        }
        throw new SlSetupException("No AR account for invoice " + invoice.refNbr() + " of customer " + customer.custId()
                + ": blank on the invoice, the customer and ARSetup");
    }

    private static String docType(Application a) {
        String t = a.getInvoiceDocType() == null ? "" : a.getInvoiceDocType().strip().toUpperCase(java.util.Locale.ROOT);
        return t.isEmpty() ? "IN" : t;
    }

    /** "PayTrace card xxxx5439": only the last four digits of an already masked number ever reach SL. */
    static String describe(PostPayment payment) {
        String digits = payment.getMaskedAccount() == null ? "" : payment.getMaskedAccount().replaceAll("\\D", "");
        String suffix = digits.length() >= 4 ? " xxxx" + digits.substring(digits.length() - 4) : "";
        return SlConventions.fit("PayTrace " + methodLabel(payment.getPaymentMethod()) + suffix, 30);
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
