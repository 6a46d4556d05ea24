package com.ptsl.sandbox.sl;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * The rows of a released 08010 invoice batch, as SL's invoice entry screen writes them and AR release
 * (pp_08400) completes them: Batch, one ARDoc and one ARTran sales line per invoice, and release's two GLTran
 * lines per invoice. Shared by the seed and by {@link InvoiceEntry}, so an invoice entered during a run carries
 * exactly the column values of a seeded one.
 */
final class InvoiceRows {

    /** SL numbers lines from -32768 up (dynamics-sl.md §1). */
    static final int FIRST_LINE_NBR = Short.MIN_VALUE;

    /** Batch.Status and GLTran.Posted of a released batch: 'U' released, not posted; 'P' posted to GL. */
    enum GlState {
        RELEASED("U"), POSTED("P");

        private final String code;

        GlState(String code) {
            this.code = code;
        }
    }

    private final SlRowWriter writer;
    private final String cpnyId;
    private final Map<String, Object> entryAudit;
    private final Map<String, Object> releaseAudit;

    InvoiceRows(SlRowWriter writer, String cpnyId, LocalDateTime now) {
        this.writer = writer;
        this.cpnyId = cpnyId;
        this.entryAudit = Audit.columns(Audit.INVOICE_ENTRY, now);
        this.releaseAudit = Audit.columns(Audit.AR_RELEASE, now);
    }

    /** The batch, then per invoice its document, sales line and GL lines. */
    void write(SeedPlan.BatchPlan batch, GlState state) throws SQLException {
        batch(batch, state);
        int glLine = FIRST_LINE_NBR;
        for (SeedPlan.InvoicePlan invoice : batch.invoices()) {
            invoice(invoice);
            salesLine(invoice);
            glLine = glLines(invoice, glLine, state);
        }
    }

    private void batch(SeedPlan.BatchPlan b, GlState state) throws SQLException {
        double total = SlValues.money(b.total()).doubleValue();
        // Before release CrTot = CtrlTot = the document total (error 12123 otherwise); release then writes the
        // GL totals, which for a one-line-per-invoice batch are the same amount on both sides.
        writer.into("Batch").setAll(entryAudit).set("LUpd_Prog", Audit.AR_RELEASE)
                .set("Module", "AR").set("BatNbr", b.batNbr()).set("CpnyID", cpnyId)
                .set("EditScrnNbr", Audit.INVOICE_ENTRY).set("JrnlType", "AR").set("BatType", "N")
                .set("Status", state.code).set("Rlsed", 1)
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
                .set("CpnyID", cpnyId).set("CustId", i.custId()).set("DocType", "IN").set("RefNbr", i.refNbr())
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
                .set("DocClass", "N").set("DocDesc", "Invoice").set("Terms", "30")
                .set("CustOrdNbr", i.custOrdNbr()).set("OrdNbr", i.ordNbr())
                .set("LineCntr", 1).set("CurrentNbr", 1)
                .insert();
    }

    private void salesLine(SeedPlan.InvoicePlan i) throws SQLException {
        double amount = SlValues.money(i.amount()).doubleValue();
        String perPost = i.perPost();
        writer.into("ARTran").setAll(entryAudit).set("LUpd_Prog", Audit.AR_RELEASE)
                .set("CpnyID", cpnyId).set("CustId", i.custId()).set("TranType", "IN").set("RefNbr", i.refNbr())
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
    private int glLines(SeedPlan.InvoicePlan i, int lineNbr, GlState state) throws SQLException {
        double amount = SlValues.money(i.amount()).doubleValue();
        glLine(i, lineNbr, SlAccounts.ACCOUNTS_RECEIVABLE, amount, 0.0, state);
        glLine(i, lineNbr + 1, SlAccounts.SALES, 0.0, amount, state);
        return lineNbr + 2;
    }

    private void glLine(SeedPlan.InvoicePlan i, int lineNbr, String acct, double dr, double cr, GlState state)
            throws SQLException {
        String perPost = i.perPost();
        writer.into("GLTran").setAll(releaseAudit)
                .set("Module", "AR").set("BatNbr", i.batNbr()).set("LineNbr", lineNbr).set("CpnyID", cpnyId)
                .set("Acct", acct).set("Sub", SlAccounts.SUB)
                .set("DrAmt", dr).set("CrAmt", cr).set("CuryDrAmt", dr).set("CuryCrAmt", cr)
                .set("CuryId", SetupSeeder.BASE_CURY).set("CuryMultDiv", "M").set("CuryRate", 1.0)
                .set("CuryEffDate", i.docDate())
                .set("LedgerID", SetupSeeder.LEDGER).set("BalanceType", "A").set("BaseCuryID", SetupSeeder.BASE_CURY)
                .set("JrnlType", "AR")
                // Must equal Batch.PerPost or GL post rejects the batch (msg 6035).
                .set("PerPost", perPost).set("PerEnt", perPost).set("FiscYr", SlValues.fiscalYear(perPost))
                .set("Posted", state.code).set("Rlsed", 1)
                .set("RefNbr", i.refNbr()).set("TranType", "IN").set("Id", i.custId())
                .set("TranDate", i.docDate()).set("TranDesc", "Services").set("ExtRefNbr", right(i.custOrdNbr(), 15))
                .insert();
    }

    private static String right(String value, int n) {
        return value.length() <= n ? value : value.substring(value.length() - n);
    }
}
