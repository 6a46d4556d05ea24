package com.ptsl.sandbox.sl;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Map;

/**
 * The single-row setup tables and the reference data every AR document points at (dynamics-sl.md §8):
 * Currncy, GLSetup, ARSetup, CASetup, Account, SubAcct, CashAcct.
 */
final class SetupSeeder {

    static final String BASE_CURY = "USD";
    static final String LEDGER = "0000";

    private final SlRowWriter writer;
    private final SeedPlan plan;
    private final Map<String, Object> audit;

    SetupSeeder(SlRowWriter writer, SeedPlan plan, LocalDateTime now) {
        this.writer = writer;
        this.plan = plan;
        this.audit = Audit.columns(Audit.INVOICE_ENTRY, now);
    }

    void seed() throws SQLException {
        currency();
        glSetup();
        arSetup();
        caSetup();
        accounts();
        writer.into("SubAcct").setAll(audit).set("Sub", SlAccounts.SUB).set("Descr", "Corporate").set("Active", 1).insert();
        cashAccount(SlAccounts.CARD_CLEARING, "Card clearing");
        cashAccount(SlAccounts.ACH_CLEARING, "ACH clearing");
    }

    private void currency() throws SQLException {
        // Base currency: DecPl drives SL's rounding of every amount (dynamics-sl.md §1).
        writer.into("Currncy").setAll(audit).set("CuryId", BASE_CURY).set("Descr", "US Dollar")
                .set("CuryCapt", "US Dollars").set("CurySym", "$").set("DecPl", 2).insert();
    }

    private void glSetup() throws SQLException {
        YearMonth current = plan.spec.currentPeriod();
        int year = current.getYear();
        SlRowWriter.Row row = writer.into("GLSetup").setAll(audit)
                .set("SetupId", "GL").set("BaseCuryId", BASE_CURY).set("LedgerID", LEDGER)
                .set("CpnyId", plan.spec.cpnyId()).set("CpnyName", plan.spec.cpnyId() + " Sandbox Company")
                .set("NbrPer", 12).set("BegFiscalYr", year)
                // GL post skips batches whose PerPost is later than this (pp_01520).
                .set("PerNbr", plan.currentPeriod())
                .set("LastClosePerNbr", SlValues.period(current.minusMonths(1)))
                .set("LastBatNbr", SlValues.zeroPad(0, 6))
                .set("AutoRef", "1").set("Init", 1).set("ValidateAcctSub", 1).set("UpdateCA", 1)
                .set("PerRetHist", 5).set("PerRetTran", 3).set("PerRetModTran", 3)
                .set("Country", "USA").set("BudgetYear", String.valueOf(year));
        // Calendar fiscal year: period n ends on the last day of month n; the 13th period (unused with
        // NbrPer 12) shares December's end.
        for (int p = 0; p <= 12; p++) {
            LocalDate end = YearMonth.of(year, Math.min(p + 1, 12)).atEndOfMonth();
            row.set(String.format("FiscalPerEnd%02d", p), String.format("%02d%02d", end.getMonthValue(), end.getDayOfMonth()));
        }
        row.insert();
    }

    private void arSetup() throws SQLException {
        writer.into("ARSetup").setAll(audit)
                .set("SetupId", "AR")
                .set("ArAcct", SlAccounts.ACCOUNTS_RECEIVABLE).set("ArSub", SlAccounts.SUB)
                .set("PrePayAcct", SlAccounts.CUSTOMER_PREPAYMENTS).set("PrePaySub", SlAccounts.SUB)
                .set("DiscAcct", SlAccounts.SALES_DISCOUNTS).set("DiscSub", SlAccounts.SUB)
                // The refund account a returned-goods CM debits (the erp-sink's default when none is configured).
                .set("RfndAcct", SlAccounts.SALES_RETURNS).set("RfndSub", SlAccounts.SUB)
                .set("ChkAcct", SlAccounts.CARD_CLEARING).set("ChkSub", SlAccounts.SUB)
                // Batch numbering: next batch = LastBatNbr + 1, zero-padded (ARAutoBatchNbr).
                .set("LastBatNbr", plan.lastBatNbr)
                // AutoRef = 1: LastRefNbr supplies document numbers.
                .set("LastRefNbr", plan.lastRefNbr).set("AutoRef", 1)
                .set("PerNbr", plan.currentPeriod()).set("CurrPerNbr", plan.currentPeriod())
                .set("GLPostOpt", "D").set("DfltClass", "TRADE").set("DfltStmtCycle", "01").set("DfltStmtType", "O")
                .set("DecPlPrcCst", 2).set("DecPlQty", 2).set("Init", 1)
                .set("PerRetHist", 5).set("PerRetTran", 3).set("PerRetStmtDtl", 3)
                .insert();
    }

    private void caSetup() throws SQLException {
        YearMonth current = plan.spec.currentPeriod();
        writer.into("CASetup").setAll(audit)
                .set("SetUpId", "CA")
                // AR deposits count as CA receipts from this date on (pp_08400CashSum).
                .set("AcceptTransDate", LocalDate.of(current.getYear(), 1, 1))
                .set("lastbatnbr", SlValues.zeroPad(0, 6))
                .set("PerNbr", plan.currentPeriod()).set("CurrPerNbr", plan.currentPeriod())
                .set("GlPostOpt", "D").set("Init", 1).set("PerretBal", 3).set("PerRetTran", 3)
                .insert();
    }

    private void accounts() throws SQLException {
        // AcctType: sort digit + class (A asset, L liability, I income, E expense).
        account(SlAccounts.CARD_CLEARING, "Card clearing", "1A");
        account(SlAccounts.ACH_CLEARING, "ACH clearing", "1A");
        account(SlAccounts.ACCOUNTS_RECEIVABLE, "Accounts receivable", "1A");
        account(SlAccounts.CUSTOMER_PREPAYMENTS, "Customer prepayments", "2L");
        account(SlAccounts.SALES, "Sales", "3I");
        account(SlAccounts.SALES_RETURNS, "Sales returns", "3I");
        account(SlAccounts.SALES_DISCOUNTS, "Sales discounts", "3I");
        account(SlAccounts.MERCHANT_FEES, "Merchant fees", "4E");
    }

    private void account(String acct, String descr, String acctType) throws SQLException {
        writer.into("Account").setAll(audit).set("Acct", acct).set("Descr", descr).set("AcctType", acctType)
                .set("Active", 1).set("CuryId", BASE_CURY).set("SummPost", "N").insert();
    }

    private void cashAccount(String acct, String name) throws SQLException {
        // CashAcct key (CpnyID, BankAcct, BankSub) = what Batch/ARDoc.BankAcct/BankSub of a deposit points at.
        writer.into("CashAcct").setAll(audit)
                .set("CpnyID", plan.spec.cpnyId()).set("BankAcct", acct).set("BankSub", SlAccounts.SUB)
                .set("CashAcctName", name).set("AcctType", "C").set("Active", 1).set("AcceptGLUpdates", 1)
                .set("CuryID", BASE_CURY).set("BankID", "SANDBOX").set("Name", "Sandbox Bank")
                .set("AcctNbr", "000" + acct).set("transitnbr", "123456789").set("Country", "USA")
                .insert();
    }
}
