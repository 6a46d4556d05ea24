package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ApplyPayment;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.sink.ledger.CommandTag;
import com.ptsl.sink.sql.SlConventions;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;

/**
 * ApplyPayment: spends unapplied cash of a payment this integration already posted (the PA whose RefNbr is
 * the PayTrace transaction id) on the invoices a finance user chose. While the PA is unreleased in one of the
 * integration's 08030 batches this is what the 08030 screen does to a payment still being entered: more 'U'
 * lines, ApplAmt down by what they apply, LineCntr up. The document total and so the batch total do not
 * change (the cash is the same; only its application moves). Once SL released the payment its unapplied cash
 * is an open credit on the customer, which only SL's own application screen may apply: rejected with that advice.
 *
 * <p>Amounts are capped per invoice by its available balance and in total by the PA's current ApplAmt, so a
 * decision taken on a stale view cannot drive an invoice below zero or apply cash that is not there.
 */
final class UnappliedCashApplier {

    private final SqlDialect dialect;
    private final PostingSettings settings;
    private final ArLookups lookups;
    private final DepositBatches batches;
    private final ApplicationLines lines;

    UnappliedCashApplier(SqlDialect dialect, PostingSettings settings, RowWriters rows) {
        this.dialect = dialect;
        this.settings = settings;
        this.lookups = new ArLookups(dialect);
        this.batches = new DepositBatches(dialect, settings, rows);
        this.lines = new ApplicationLines(settings, rows);
    }

    PostingOutcome apply(Connection c, ErpCommand command, ApplyPayment apply, LocalDateTime now) throws SQLException, Rejection {
        String custId = command.getCustId().strip();
        String refNbr = apply.getTransactionId().strip();
        checkShape(refNbr, apply);

        // Lock order as in PaymentPoster: documents first (here the payment, then the invoices), the batch last.
        ArLookups.PostedPayment pa = lookups.postedPayment(c, refNbr)
                .orElseThrow(() -> new Rejection("unknown payment " + refNbr + ": SL has no PA document with that RefNbr"));
        if (!pa.custId().equals(custId)) {
            throw new Rejection("payment " + refNbr + " belongs to customer " + pa.custId() + ", not " + custId);
        }
        if (pa.released()) {
            throw released(refNbr);
        }
        BigDecimal unapplied = pa.applAmt();
        if (unapplied.signum() <= 0) {
            throw new Rejection("payment " + refNbr + " has no unapplied cash left (ApplAmt " + unapplied + ")");
        }
        ApplicationPlan plan = ApplicationPlan.withinCash(unapplied);
        InvoiceApplications.plan(c, lookups, custId, apply.getApplications(), plan);
        DepositBatches.Owner batch = batches.owner(c, pa.batNbr())
                .orElseThrow(() -> new Rejection("payment " + refNbr + " is in batch " + pa.batNbr() + ", which SL does not have"));
        if (batch.released()) {
            throw released(refNbr);
        }
        if (!batches.isOurs(batch)) {
            throw new Rejection("payment " + refNbr + " is in batch " + pa.batNbr() + ", which this integration did not create;"
                    + " apply its unapplied cash in SL (screen 08.030)");
        }
        if (plan.lines().isEmpty()) {
            throw new Rejection("nothing applied from payment " + refNbr + ": " + plan.cappedNote());
        }

        ArLookups.Customer customer = lookups.customer(c, custId)
                .orElseThrow(() -> new Rejection("unknown customer '" + custId + "': no SL Customer row"));
        SlSetup.Ar ar = SlSetup.readAr(c, dialect);
        ArLookups.NextLine next = lookups.nextLine(c, custId, refNbr);
        if (next.lineNbr() + plan.lines().size() - 1 > Short.MAX_VALUE) {
            throw new Rejection("payment " + refNbr + " has no line numbers left for " + plan.lines().size() + " more applications");
        }
        ApplicationLines.Payment paid = new ApplicationLines.Payment(custId, refNbr, pa.batNbr(), pa.cpnyId(), pa.perPost(),
                pa.perEnt().isEmpty() ? pa.perPost() : pa.perEnt(), pa.docDate(), pa.docDesc(), pa.curyId());
        lines.write(c, paid, plan.lines(), next.lineNbr(), next.lineId(), customer, ar, CommandTag.of(command.getCommandId()), now);
        reduceUnapplied(c, pa, plan.appliedTotal(), plan.lines().size(), now);
        return PostingOutcome.applied(PostingEvent.CASH_APPLIED, pa.batNbr(), refNbr, plan.cappedNote(), 0,
                List.of(PostingOutcome.document("PA", refNbr, pa.batNbr())), plan.appliedTotal());
    }

    private static Rejection released(String refNbr) {
        return new Rejection("payment " + refNbr + " is already released; apply its unapplied cash in SL (screen 08.030)");
    }

    private static void checkShape(String refNbr, ApplyPayment apply) throws Rejection {
        if (refNbr.isEmpty() || refNbr.length() > PaymentPoster.REFNBR_LENGTH) {
            throw new Rejection("ApplyPayment names payment '" + refNbr + "': not an SL RefNbr (1.." + PaymentPoster.REFNBR_LENGTH
                    + " characters)");
        }
        if (apply.getApplications().isEmpty()) {
            throw new Rejection("ApplyPayment for payment " + refNbr + " lists no invoices");
        }
        for (Application a : apply.getApplications()) {
            InvoiceApplications.check(a);
        }
    }

    /** ApplAmt is the unapplied part of an unreleased payment (dynamics-sl.md §3); release credits what is left to AR. */
    private void reduceUnapplied(Connection c, ArLookups.PostedPayment pa, BigDecimal applied, int newLines, LocalDateTime now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + dialect.table("ARDoc") + " SET [ApplAmt] = ?, [CuryApplAmt] = ?,"
                + " [LineCntr] = [LineCntr] + ?, [LUpd_DateTime] = ?, [LUpd_Prog] = ?, [LUpd_User] = ?"
                + " WHERE [CustId] = ? AND [DocType] = 'PA' AND [RefNbr] = ? AND [BatNbr] = ? AND [BatSeq] = ?")) {
            ps.setDouble(1, SlConventions.toFloat(pa.applAmt().subtract(applied)));
            ps.setDouble(2, SlConventions.toFloat(pa.curyApplAmt().subtract(applied).max(BigDecimal.ZERO)));
            ps.setInt(3, newLines);
            ps.setTimestamp(4, SlConventions.timestamp(now));
            ps.setString(5, settings.program());
            ps.setString(6, settings.user());
            ps.setString(7, pa.custId());
            ps.setString(8, pa.refNbr());
            ps.setString(9, pa.batNbr());
            ps.setInt(10, pa.batSeq());
            ps.executeUpdate();
        }
    }
}
