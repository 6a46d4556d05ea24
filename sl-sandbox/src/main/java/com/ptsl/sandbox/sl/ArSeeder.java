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

    private final SlRowWriter writer;
    private final SeedPlan plan;
    private final Map<String, Object> entryAudit;
    private final Map<String, Object> releaseAudit;
    private final InvoiceRows invoiceRows;

    ArSeeder(SlRowWriter writer, SeedPlan plan, LocalDateTime now) {
        this.writer = writer;
        this.plan = plan;
        this.entryAudit = Audit.columns(Audit.INVOICE_ENTRY, now);
        this.releaseAudit = Audit.columns(Audit.AR_RELEASE, now);
        this.invoiceRows = new InvoiceRows(writer, plan.spec.cpnyId(), now);
    }

    void seed() throws SQLException {
        for (SeedPlan.CustomerPlan customer : plan.customers) {
            customer(customer);
        }
        for (SeedPlan.BatchPlan batch : plan.batches) {
            invoiceRows.write(batch, InvoiceRows.GlState.POSTED);
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
}
