package com.ptsl.sandbox.sl;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Customers and their released, open invoices, in the state SL's AR release (pp_08400) and GL post
 * (pp_01520) leave them (dynamics-sl.md §11): batch Status 'P', documents and lines Rlsed 1, GLTran lines
 * posted, AR_Balances holding the open total.
 */
final class ArSeeder {

    /** SL numbers lines from -32768 up (dynamics-sl.md §1). */
    private static final int FIRST_LINE_NBR = Short.MIN_VALUE;

    private final SlRowWriter writer;
    private final SeedPlan plan;
    private final Map<String, Object> entryAudit;
    private final Map<String, Object> releaseAudit;

    ArSeeder(SlRowWriter writer, SeedPlan plan, LocalDateTime now) {
        this.writer = writer;
        this.plan = plan;
        this.entryAudit = Audit.columns(Audit.INVOICE_ENTRY, now);
        this.releaseAudit = Audit.columns(Audit.AR_RELEASE, now);
    }

    void seed() throws SQLException {
        for (SeedPlan.CustomerPlan customer : plan.customers) {
            customer(customer);
        }
        for (SeedPlan.BatchPlan batch : plan.batches) {
            batch(batch);
            int glLine = FIRST_LINE_NBR;
            for (SeedPlan.InvoicePlan invoice : batch.invoices()) {
                invoice(invoice);
                salesLine(invoice);
                glLine = glLines(invoice, glLine);
            }
        }
        for (SeedPlan.CustomerPlan customer : plan.customers) {
            balances(customer.custId());
        }
    }

    private String cpny() {
        return plan.spec.cpnyId();
    }

    private void customer(SeedPlan.CustomerPlan c) throws SQLException {
        CompanyNames.Company co = c.company();
        // Customer has a DEFAULT on every column; only what SL's screen would fill in is given here.
        writer.into("Customer").setAll(entryAudit)
                .set("CustId", c.custId()).set("Name", co.name()).set("Status", "A").set("ClassId", "TRADE")
                .set("Terms", "30").set("CuryId", SetupSeeder.BASE_CURY)
                // Blank ArAcct/ArSub: release falls back to ARSetup.ArAcct/ArSub.
                .set("ArAcct", c.ownArAccount() ? SlAccounts.ACCOUNTS_RECEIVABLE : SlValues.BLANK)
                .set("ArSub", c.ownArAccount() ? SlAccounts.SUB : SlValues.BLANK)
                .set("Addr1", co.addr1()).set("City", co.city()).set("State", co.state()).set("Zip", co.zip())
                .set("Country", "USA").set("Phone", co.phone()).set("EMailAddr", co.email()).set("Attn", co.attn())
                .set("BillName", co.name()).set("BillAddr1", co.addr1()).set("BillCity", co.city())
                .set("BillState", co.state()).set("BillZip", co.zip()).set("BillCountry", "USA")
                .set("BillPhone", co.phone()).set("BillAttn", co.attn())
                .set("StmtCycleId", "01").set("StmtType", "O").set("PrtStmt", 1)
                .set("PerNbr", plan.currentPeriod()).set("SetupDate", plan.asOf.minusYears(2))
                .insert();
    }

    private void batch(SeedPlan.BatchPlan b) throws SQLException {
        double total = SlValues.money(b.total()).doubleValue();
        // Before release CrTot = CtrlTot = the document total (error 12123 otherwise); release then writes the
        // GL totals, which for a one-line-per-invoice batch are the same amount on both sides.
        writer.into("Batch").setAll(entryAudit).set("LUpd_Prog", Audit.AR_RELEASE)
                .set("Module", "AR").set("BatNbr", b.batNbr()).set("CpnyID", cpny())
                .set("EditScrnNbr", Audit.INVOICE_ENTRY).set("JrnlType", "AR").set("BatType", "N")
                .set("Status", "P").set("Rlsed", 1)
                .set("PerPost", b.perPost()).set("PerEnt", b.perPost()).set("DateEnt", b.dateEnt())
                .set("CtrlTot", total).set("CrTot", total).set("DrTot", total)
                .set("CuryCtrlTot", total).set("CuryCrTot", total).set("CuryDrTot", total)
                .set("CuryId", SetupSeeder.BASE_CURY).set("CuryMultDiv", "M").set("CuryRate", 1.0)
                .set("CuryEffDate", b.dateEnt())
                .set("LedgerID", SetupSeeder.LEDGER).set("BalanceType", "A").set("BaseCuryID", SetupSeeder.BASE_CURY)
                .set("GLPostOpt", "D").set("Descr", "Invoices " + b.dateEnt())
                .insert();
    }

    private void invoice(SeedPlan.InvoicePlan i) throws SQLException {
        double amount = SlValues.money(i.amount()).doubleValue();
        // ARDoc has no DEFAULTs: SlRowWriter fills the rest with blanks, 0 and 1900-01-01.
        writer.into("ARDoc").setAll(entryAudit).set("LUpd_Prog", Audit.AR_RELEASE)
                .set("CpnyID", cpny()).set("CustId", i.custId()).set("DocType", "IN").set("RefNbr", i.refNbr())
                .set("BatNbr", i.batNbr()).set("BatSeq", i.batSeq())
                .set("DocDate", i.docDate()).set("DueDate", i.dueDate()).set("DiscDate", i.docDate())
                .set("PerPost", i.perPost()).set("PerEnt", i.perPost())
                .set("OrigDocAmt", amount).set("CuryOrigDocAmt", amount).set("DocBal", amount).set("CuryDocBal", amount)
                // Set by release: Rlsed, OpenDoc while the balance is not 0, PerOpen in S4Future01.
                .set("Rlsed", 1).set("OpenDoc", 1).set("S4Future01", i.perPost())
                // For IN documents release debits OrigDocAmt to BankAcct/BankSub: the AR account.
                .set("BankAcct", SlAccounts.ACCOUNTS_RECEIVABLE).set("BankSub", SlAccounts.SUB)
                .set("CuryId", SetupSeeder.BASE_CURY).set("CuryMultDiv", "M").set("CuryRate", 1.0)
                .set("CuryEffDate", i.docDate())
                .set("DocClass", "N").set("DocDesc", "Invoice").set("Terms", "30").set("CustOrdNbr", i.custOrdNbr())
                .set("LineCntr", 1).set("CurrentNbr", 1)
                .insert();
    }

    private void salesLine(SeedPlan.InvoicePlan i) throws SQLException {
        double amount = SlValues.money(i.amount()).doubleValue();
        String perPost = i.perPost();
        writer.into("ARTran").setAll(entryAudit).set("LUpd_Prog", Audit.AR_RELEASE)
                .set("CpnyID", cpny()).set("CustId", i.custId()).set("TranType", "IN").set("RefNbr", i.refNbr())
                .set("BatNbr", i.batNbr()).set("LineNbr", FIRST_LINE_NBR).set("LineId", 1).set("LineRef", "00001")
                .set("Acct", SlAccounts.SALES).set("Sub", SlAccounts.SUB).set("DrCr", "C")
                .set("TranAmt", amount).set("CuryTranAmt", amount).set("Qty", 1.0).set("UnitPrice", amount)
                .set("CuryUnitPrice", amount).set("CnvFact", 1.0)
                .set("CuryId", SetupSeeder.BASE_CURY).set("CuryMultDiv", "M").set("CuryRate", 1.0)
                .set("TranDate", i.docDate()).set("TranDesc", "Services").set("TranClass", "N").set("JrnlType", "AR")
                .set("PerPost", perPost).set("PerEnt", perPost).set("FiscYr", SlValues.fiscalYear(perPost))
                .set("Rlsed", 1).set("AcctDist", 1)
                // ExtRefNbr = the right-hand 15 characters of ARDoc.CustOrdNbr.
                .set("ExtRefNbr", right(i.custOrdNbr(), 15))
                .insert();
    }

    /** Release's GL lines for one invoice: debit the document's BankAcct (AR), credit the sales line's account. */
    private int glLines(SeedPlan.InvoicePlan i, int lineNbr) throws SQLException {
        double amount = SlValues.money(i.amount()).doubleValue();
        glLine(i, lineNbr, SlAccounts.ACCOUNTS_RECEIVABLE, amount, 0.0);
        glLine(i, lineNbr + 1, SlAccounts.SALES, 0.0, amount);
        return lineNbr + 2;
    }

    private void glLine(SeedPlan.InvoicePlan i, int lineNbr, String acct, double dr, double cr) throws SQLException {
        String perPost = i.perPost();
        writer.into("GLTran").setAll(releaseAudit)
                .set("Module", "AR").set("BatNbr", i.batNbr()).set("LineNbr", lineNbr).set("CpnyID", cpny())
                .set("Acct", acct).set("Sub", SlAccounts.SUB)
                .set("DrAmt", dr).set("CrAmt", cr).set("CuryDrAmt", dr).set("CuryCrAmt", cr)
                .set("CuryId", SetupSeeder.BASE_CURY).set("CuryMultDiv", "M").set("CuryRate", 1.0)
                .set("CuryEffDate", i.docDate())
                .set("LedgerID", SetupSeeder.LEDGER).set("BalanceType", "A").set("BaseCuryID", SetupSeeder.BASE_CURY)
                .set("JrnlType", "AR")
                // Must equal Batch.PerPost or GL post rejects the batch (msg 6035).
                .set("PerPost", perPost).set("PerEnt", perPost).set("FiscYr", SlValues.fiscalYear(perPost))
                .set("Posted", "P").set("Rlsed", 1)
                .set("RefNbr", i.refNbr()).set("TranType", "IN").set("Id", i.custId())
                .set("TranDate", i.docDate()).set("TranDesc", "Services").set("ExtRefNbr", right(i.custOrdNbr(), 15))
                .insert();
    }

    private void balances(String custId) throws SQLException {
        List<SeedPlan.InvoicePlan> open = plan.invoices.stream().filter(i -> i.custId().equals(custId)).toList();
        BigDecimal[] aging = {BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO};
        BigDecimal total = BigDecimal.ZERO;
        LocalDate lastInvoice = SlValues.EMPTY_DATE;
        for (SeedPlan.InvoicePlan i : open) {
            total = total.add(i.amount());
            // AgeBal00 current, 01..04 = 1-30, 31-60, 61-90, over 90 days past due.
            long overdue = ChronoUnit.DAYS.between(i.dueDate(), plan.asOf);
            int bucket = overdue <= 0 ? 0 : (int) Math.min(4, (overdue - 1) / 30 + 1);
            aging[bucket] = aging[bucket].add(i.amount());
            if (i.docDate().isAfter(lastInvoice)) {
                lastInvoice = i.docDate();
            }
        }
        SlRowWriter.Row row = writer.into("AR_Balances").setAll(releaseAudit)
                .set("CpnyID", cpny()).set("CustID", custId).set("CuryID", SetupSeeder.BASE_CURY)
                .set("CurrBal", SlValues.money(total).doubleValue())
                .set("PerNbr", plan.currentPeriod())
                .set("LastInvcDate", lastInvoice).set("LastActDate", lastInvoice).set("LastAgeDate", plan.asOf);
        for (int b = 0; b < aging.length; b++) {
            row.set(String.format("AgeBal%02d", b), SlValues.money(aging[b]).doubleValue());
        }
        row.insert();
    }

    private static String right(String value, int n) {
        return value.length() <= n ? value : value.substring(value.length() - n);
    }
}
