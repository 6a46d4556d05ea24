package com.ptsl.sink.posting;

import com.ptsl.sink.sql.SlConventions;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 'U' ARTran lines of an unreleased 08030 payment (dynamics-sl.md §5), one per invoice paid: TranType
 * 'PA', SiteId/CostType = the invoice, TranAmt = the amount. SL's release turns them into ARAdjust and GL
 * lines and deletes them. Each line carries the {@link com.ptsl.sink.ledger.CommandTag} of the command that
 * wrote it in User1, so the SL feed can attribute it.
 */
final class ApplicationLines {

    /** SL numbers lines from -32768 up (dynamics-sl.md §1). */
    static final short FIRST_LINE_NBR = Short.MIN_VALUE;

    /** The payment document the lines belong to, and the period of its batch. */
    record Payment(String custId, String refNbr, String batNbr, String cpnyId, String perPost, String perEnt, LocalDate docDate,
                   String description, String curyId) {
    }

    private final PostingSettings settings;
    private final RowWriters rows;

    ApplicationLines(PostingSettings settings, RowWriters rows) {
        this.settings = settings;
        this.rows = rows;
    }

    /** Writes one line per plan line, numbered from {@code firstLineNbr} / {@code firstLineId}. */
    void write(Connection c, Payment payment, List<ApplicationPlan.Line> lines, int firstLineNbr, int firstLineId,
               ArLookups.Customer customer, SlSetup.Ar ar, String tag, LocalDateTime now) throws SQLException {
        for (Map<String, Object> tran : rows(payment, lines, firstLineNbr, firstLineId, customer, ar, tag, now)) {
            rows.get(c, "ARTran").insert(c, tran);
        }
    }

    /** The ARTran rows {@link #write} inserts, for a caller that batches them. */
    List<Map<String, Object>> rows(Payment payment, List<ApplicationPlan.Line> lines, int firstLineNbr, int firstLineId,
                                   ArLookups.Customer customer, SlSetup.Ar ar, String tag, LocalDateTime now) throws SlSetupException {
        List<Map<String, Object>> out = new ArrayList<>(lines.size());
        int lineNbr = firstLineNbr;
        int lineId = firstLineId;
        String fiscYr = FiscalCalendar.fiscalYear(payment.perPost());
        for (ApplicationPlan.Line line : lines) {
            ArLookups.Invoice invoice = line.invoice();
            String[] account = arAccount(invoice, customer, ar);
            Map<String, Object> tran = new LinkedHashMap<>();
            tran.put("CustId", payment.custId());
            tran.put("TranType", "PA");
            tran.put("RefNbr", payment.refNbr());
            tran.put("BatNbr", payment.batNbr());
            tran.put("CpnyID", payment.cpnyId());
            tran.put("LineNbr", (short) lineNbr++);
            tran.put("LineId", lineId++);
            tran.put("DrCr", "U");
            tran.put("SiteId", invoice.refNbr());
            tran.put("CostType", invoice.docType());
            tran.put("TranAmt", line.amount());
            tran.put("CuryTranAmt", line.amount());
            tran.put("Acct", account[0]);
            tran.put("Sub", account[1]);
            tran.put("PerPost", payment.perPost());
            tran.put("PerEnt", payment.perEnt());
            tran.put("FiscYr", fiscYr);
            tran.put("JrnlType", "AR");
            tran.put("ExtRefNbr", payment.refNbr());
            tran.put("TranDate", payment.docDate());
            tran.put("TranDesc", payment.description());
            tran.put("Rlsed", (short) 0);
            tran.put("CuryId", payment.curyId());
            tran.put("CuryMultDiv", "M");
            tran.put("CuryRate", BigDecimal.ONE);
            // On 'U' lines CuryUnitPrice is the discount taken (none) and UnitPrice the invoice's rate.
            tran.put("UnitPrice", invoice.curyRate() > 0 ? Double.valueOf(invoice.curyRate()) : Double.valueOf(1.0));
            tran.put("User1", SlConventions.fit(tag, 30));
            tran.put("Crtd_DateTime", now);
            tran.put("Crtd_Prog", settings.program());
            tran.put("Crtd_User", settings.user());
            tran.put("LUpd_DateTime", now);
            tran.put("LUpd_Prog", settings.program());
            tran.put("LUpd_User", settings.user());
            out.add(tran);
        }
        return out;
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
}
