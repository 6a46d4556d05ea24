package com.ptsl.sandbox.sl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class SeedTest {

    static final SeedSpec SPEC = SeedSpec.defaults();
    static SlSandbox sl;

    @BeforeAll
    static void seed() {
        sl = SlSandbox.inMemory("seed-test").seed(SPEC);
    }

    @AfterAll
    static void close() {
        sl.close();
    }

    private static Map<String, Object> single(String sql) throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                // Strings RTRIMmed; smallint/int/bigint compared as long (drivers differ on Short vs Integer).
                if (v instanceof String s) {
                    v = s.stripTrailing();
                } else if (v instanceof Short || v instanceof Integer || v instanceof Long) {
                    v = ((Number) v).longValue();
                }
                row.put(rs.getMetaData().getColumnLabel(i), v);
            }
            assertThat(rs.next()).as("single row: " + sql).isFalse();
            return row;
        }
    }

    @Test
    void rowCounts() {
        SlQueries q = sl.queries();
        int invoices = SPEC.customers() * SPEC.invoicesPerCustomer();
        assertThat(q.count("Customer")).isEqualTo(20);
        assertThat(q.count("ARDoc")).isEqualTo(invoices);
        assertThat(q.count("ARTran")).isEqualTo(invoices);   // one sales line per invoice
        assertThat(q.count("GLTran")).isEqualTo(2 * invoices); // Dr AR / Cr sales per invoice
        assertThat(q.count("AR_Balances")).isEqualTo(20);
        assertThat(q.count("Batch")).isBetween(1, 60);        // one per invoicing day
        assertThat(q.count("Currncy")).isEqualTo(1);
        assertThat(q.count("GLSetup")).isEqualTo(1);
        assertThat(q.count("ARSetup")).isEqualTo(1);
        assertThat(q.count("CASetup")).isEqualTo(1);
        assertThat(q.count("Account")).isEqualTo(8);
        assertThat(q.count("SubAcct")).isEqualTo(1);
        assertThat(q.count("CashAcct")).isEqualTo(2);
        assertThat(q.count("ARAdjust")).isZero();
        assertThat(q.count("SOHeader")).isZero();
        assertThat(q.count("CATran")).isZero();
    }

    @Test
    void everyOpenInvoiceIsReleasedWithItsFullAmountOpen() {
        List<OpenInvoice> open = sl.openInvoices();
        assertThat(open).hasSize(100);
        assertThat(open).allSatisfy(i -> {
            assertThat(i.cpnyId()).isEqualTo("PTSL");
            assertThat(i.custId()).matches("C000(0[1-9]|1\\d|20)");
            assertThat(i.refNbr()).matches("\\d{10}");
            assertThat(i.docBal()).isPositive().isEqualTo(i.origDocAmt());
            assertThat(i.origDocAmt().scale()).isEqualTo(2);
            assertThat(i.origDocAmt()).isBetween(new BigDecimal("50.00"), new BigDecimal("5000.00"));
        });
        assertThat(open.stream().map(OpenInvoice::refNbr).distinct()).hasSize(100);
        assertThat(open.stream().map(OpenInvoice::custId).distinct()).hasSize(20);
    }

    @Test
    void invoiceDocumentsLookLikeReleased08010Invoices() {
        List<ArDocRow> docs = sl.queries().documents("IN");
        LocalDate today = LocalDate.now();
        assertThat(docs).hasSize(100).allSatisfy(d -> {
            assertThat(d.rlsed()).isEqualTo(1);
            assertThat(d.bankAcct()).isEqualTo(SlAccounts.ACCOUNTS_RECEIVABLE);
            assertThat(d.bankSub()).isEqualTo(SlAccounts.SUB);
            assertThat(d.docDate()).isBetween(today.minusDays(59), today);
            assertThat(d.perPost()).isEqualTo(SlValues.period(d.docDate()));
            assertThat(d.custOrdNbr()).startsWith("PO-");
            assertThat(d.applAmt()).isZero();
        });
    }

    @Test
    void customerPosAreUniqueSoThatAPoNamesOneInvoice() {
        List<OpenInvoice> open = sl.openInvoices();
        assertThat(open).allSatisfy(i -> assertThat(i.custOrdNbr()).matches("PO-\\d{5}"));
        assertThat(open.stream().map(OpenInvoice::custOrdNbr).distinct()).hasSize(open.size());
    }

    @Test
    void mostInvoicesCarryAUniqueSalesOrderNumber() {
        List<OpenInvoice> open = sl.openInvoices();
        List<String> orders = open.stream().map(OpenInvoice::ordNbr).filter(o -> !o.isEmpty()).toList();
        assertThat(orders).allSatisfy(o -> assertThat(o).matches("SO\\d{6}"));
        assertThat(orders).doesNotHaveDuplicates();
        // About 70 %: far from none and from all, whatever the seed.
        assertThat(orders.size()).isBetween(50, 90);
        // Orders were invoiced in order: numbers rise with the invoice numbers.
        List<String> byRefNbr = open.stream().sorted(java.util.Comparator.comparing(OpenInvoice::refNbr))
                .map(OpenInvoice::ordNbr).filter(o -> !o.isEmpty()).toList();
        assertThat(byRefNbr).isSorted();
    }

    @Test
    void openInvoicesCarryTheirDocumentDates() {
        Map<String, LocalDate> docDates = sl.queries().documents("IN").stream()
                .collect(Collectors.toMap(ArDocRow::refNbr, ArDocRow::docDate));
        assertThat(sl.openInvoices()).allSatisfy(i -> assertThat(i.docDate()).isEqualTo(docDates.get(i.refNbr())));
    }

    @Test
    void batchControlTotalsEqualTheSumOfTheirDocuments() {
        Map<String, BigDecimal> sums = sl.queries().documents("IN").stream().collect(Collectors.groupingBy(
                ArDocRow::batNbr, Collectors.reducing(BigDecimal.ZERO, ArDocRow::origDocAmt, BigDecimal::add)));
        assertThat(sums).hasSize(sl.queries().count("Batch"));
        sums.forEach((batNbr, sum) -> {
            BatchRow b = sl.queries().batch("AR", batNbr).orElseThrow();
            assertThat(b.ctrlTot()).as("CtrlTot of %s", batNbr).isEqualTo(sum);
            assertThat(b.crTot()).isEqualTo(sum);
            assertThat(b.status()).isEqualTo("P");
            assertThat(b.editScrnNbr()).isEqualTo("08010");
            assertThat(b.rlsed()).isEqualTo(1);
            assertThat(b.perPost()).isEqualTo(SlValues.period(b.dateEnt()));
        });
        assertThat(sl.queries().batch("AR", "999999")).isEmpty();
        assertThat(sl.queries().batch("GL", sums.keySet().iterator().next())).isEmpty();
    }

    @Test
    void arSetupNumberingContinuesAfterTheSeededDocuments() throws SQLException {
        assertThat(sl.queries().arSetupLastBatNbr()).isEqualTo("000100");
        Map<String, Object> ar = single("SELECT LastRefNbr, AutoRef, ArAcct, ArSub, PerNbr, CurrPerNbr,"
                + " (SELECT MAX(RefNbr) FROM dbo.ARDoc) AS MaxRef, (SELECT MAX(BatNbr) FROM dbo.Batch) AS MaxBat"
                + " FROM dbo.ARSetup WHERE SetupId = 'AR'");
        assertThat(ar.get("LastRefNbr")).isEqualTo(ar.get("MaxRef"));
        assertThat(ar.get("MaxBat")).isEqualTo("000100");
        assertThat(ar.get("AutoRef")).isEqualTo(1L);
        assertThat(ar.get("ArAcct")).isEqualTo("1300");
        assertThat(ar.get("ArSub")).isEqualTo("00-000-00");
        assertThat(ar.get("PerNbr")).isEqualTo(SlValues.period(SPEC.currentPeriod()));
        assertThat(ar.get("CurrPerNbr")).isEqualTo(ar.get("PerNbr"));
    }

    @Test
    void glSetupDescribesACalendarFiscalYear() throws SQLException {
        Map<String, Object> gl = single("SELECT BaseCuryId, LedgerID, NbrPer, PerNbr, BegFiscalYr, FiscalPerEnd00,"
                + " FiscalPerEnd11, CpnyId, AllowPostOpt FROM dbo.GLSetup");
        assertThat(gl).containsEntry("BaseCuryId", "USD").containsEntry("LedgerID", "0000")
                .containsEntry("NbrPer", 12L).containsEntry("PerNbr", SlValues.period(SPEC.currentPeriod()))
                .containsEntry("BegFiscalYr", (long) SPEC.currentPeriod().getYear())
                .containsEntry("FiscalPerEnd00", "0131").containsEntry("FiscalPerEnd11", "1231")
                .containsEntry("CpnyId", "PTSL").containsEntry("AllowPostOpt", "A");
        assertThat(single("SELECT DecPl FROM dbo.Currncy WHERE CuryId = 'USD'")).containsEntry("DecPl", 2L);
    }

    @Test
    void referenceDataMatchesTheChartOfAccounts() throws SQLException {
        assertThat(single("SELECT Descr, AcctType, Active FROM dbo.Account WHERE Acct = '1010'"))
                .containsEntry("Descr", "Card clearing").containsEntry("AcctType", "1A").containsEntry("Active", 1L);
        assertThat(single("SELECT Descr FROM dbo.Account WHERE Acct = '6100'")).containsEntry("Descr", "Merchant fees");
        // The refund account a returned-goods CM debits is a real account, so release accepts it.
        assertThat(single("SELECT RfndAcct, RfndSub FROM dbo.ARSetup")).containsEntry("RfndAcct", SlAccounts.SALES_RETURNS)
                .containsEntry("RfndSub", SlAccounts.SUB);
        assertThat(single("SELECT Descr, Active FROM dbo.Account WHERE Acct = '4100'"))
                .containsEntry("Descr", "Sales returns").containsEntry("Active", 1L);
        for (String cash : List.of(SlAccounts.CARD_CLEARING, SlAccounts.ACH_CLEARING)) {
            assertThat(single("SELECT COUNT(*) AS N FROM dbo.CashAcct WHERE CpnyID = 'PTSL' AND BankSub = '00-000-00'"
                    + " AND BankAcct = '" + cash + "'")).containsEntry("N", 1L);
        }
    }

    @Test
    void arBalancesHoldTheOpenTotalPerCustomer() throws SQLException {
        Map<String, BigDecimal> expected = sl.openInvoices().stream().collect(Collectors.groupingBy(
                OpenInvoice::custId, Collectors.reducing(BigDecimal.ZERO, OpenInvoice::docBal, BigDecimal::add)));
        try (Connection c = sl.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CustID, CurrBal, AgeBal00 + AgeBal01 + AgeBal02 + AgeBal03 + AgeBal04,"
                     + " CpnyID FROM dbo.AR_Balances")) {
            int rows = 0;
            while (rs.next()) {
                rows++;
                String cust = rs.getString(1).stripTrailing();
                assertThat(SlValues.money(rs.getDouble(2))).as("CurrBal of %s", cust).isEqualTo(expected.get(cust));
                assertThat(SlValues.money(rs.getDouble(3))).as("aging of %s", cust).isEqualTo(expected.get(cust));
                assertThat(rs.getString(4).stripTrailing()).isEqualTo("PTSL");
            }
            assertThat(rows).isEqualTo(20);
        }
    }

    @Test
    void glTransactionsArePostedAndBalancedPerBatch() throws SQLException {
        try (Connection c = sl.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT g.BatNbr, ROUND(SUM(g.DrAmt), 2), ROUND(SUM(g.CrAmt), 2), MIN(b.CtrlTot),"
                     + " MIN(g.Posted), MAX(g.Posted), MIN(g.PerPost), MIN(b.PerPost), MIN(g.LineNbr)"
                     + " FROM dbo.GLTran g JOIN dbo.Batch b ON b.Module = g.Module AND b.BatNbr = g.BatNbr GROUP BY g.BatNbr")) {
            while (rs.next()) {
                assertThat(rs.getDouble(2)).isEqualTo(rs.getDouble(3)).isEqualTo(rs.getDouble(4));
                assertThat(rs.getString(5)).isEqualTo("P").isEqualTo(rs.getString(6));
                assertThat(rs.getString(7)).isEqualTo(rs.getString(8));
                assertThat(rs.getInt(9)).isEqualTo(-32768);
            }
        }
    }

    @Test
    void everyRowCarriesSlAuditColumns() throws SQLException {
        for (String table : SlTables.ALL) {
            if (sl.queries().count(table) == 0) {
                continue;
            }
            Map<String, Object> audit = single("SELECT MIN(Crtd_User) AS U, MAX(LUpd_User) AS U2, MIN(Crtd_Prog) AS P,"
                    + " MIN(Crtd_DateTime) AS T FROM " + SlTables.qualified(table));
            assertThat(audit.get("U")).as(table).isEqualTo("SYSADMIN");
            assertThat(audit.get("U2")).as(table).isEqualTo("SYSADMIN");
            assertThat((String) audit.get("P")).as(table).isIn("08010", "08400");
        }
    }

    @Test
    void seedingTwiceDoesNotDuplicate() {
        Map<String, Integer> before = SlTables.ALL.stream().collect(Collectors.toMap(Function.identity(), sl.queries()::count));
        sl.seed(SPEC);
        sl.seed(SPEC.withCustomers(3).withRandomSeed(7));
        Map<String, Integer> after = SlTables.ALL.stream().collect(Collectors.toMap(Function.identity(), sl.queries()::count));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theSameSpecGivesTheSameDataAndAnotherSeedDoesNot() {
        try (SlSandbox same = SlSandbox.inMemory("seed-same").seed(SPEC);
             SlSandbox other = SlSandbox.inMemory("seed-other").seed(SPEC.withRandomSeed(43))) {
            assertThat(same.openInvoices()).isEqualTo(sl.openInvoices());
            assertThat(other.openInvoices()).isNotEqualTo(sl.openInvoices());
        }
    }

    @Test
    void aPastPeriodBoundsAllDatesAndPeriods() throws SQLException {
        SeedSpec spec = new SeedSpec("ACME", 4, 3, 1L, YearMonth.of(2024, 2));
        try (SlSandbox past = SlSandbox.inMemory("seed-past").seed(spec)) {
            assertThat(past.queries().documents("IN")).hasSize(12).allSatisfy(d -> {
                assertThat(d.docDate()).isBetween(LocalDate.of(2023, 12, 3), LocalDate.of(2024, 2, 29));
                assertThat(d.perPost()).isLessThanOrEqualTo("202402");
                assertThat(d.cpnyId()).isEqualTo("ACME");
            });
            try (Connection c = past.connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT FiscalPerEnd01, PerNbr FROM dbo.GLSetup")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("0229"); // 2024 is a leap year
                assertThat(rs.getString(2)).isEqualTo("202402");
            }
        }
    }

    @Test
    void zeroCustomersSeedsOnlySetupAndReferenceData() {
        try (SlSandbox empty = SlSandbox.inMemory("seed-zero").seed(SPEC.withCustomers(0))) {
            assertThat(empty.queries().count("GLSetup")).isEqualTo(1);
            assertThat(empty.queries().count("ARDoc")).isZero();
            assertThat(empty.queries().arSetupLastBatNbr()).isEqualTo("000100");
            assertThat(empty.openInvoices()).isEmpty();
        }
    }

    @Test
    void aFileBackedSandboxSurvivesCloseAndReopen(@TempDir Path dir) throws SQLException {
        List<OpenInvoice> seeded;
        try (SlSandbox first = SlSandbox.fileBacked(dir.resolve("sl")).seed(SPEC.withCustomers(5))) {
            assertThat(first.jdbcUrl()).startsWith("jdbc:h2:file:").contains("AUTO_SERVER=TRUE").contains("MODE=MSSQLServer");
            seeded = first.openInvoices();
            try (Connection c = first.connect(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE dbo.ARDoc SET DocBal = 0, OpenDoc = 0 WHERE RefNbr = '" + seeded.get(0).refNbr() + "'");
            }
        }
        assertThat(dir.resolve("sl").resolve("sl.mv.db")).exists();
        try (SlSandbox again = SlSandbox.fileBacked(dir.resolve("sl"))) {
            // Reused as is: the schema was not re-created and the change is still there.
            assertThat(again.openInvoices()).containsExactlyElementsOf(seeded.subList(1, seeded.size()));
            again.seed(SPEC);
            assertThat(again.queries().count("Customer")).isEqualTo(5);
        }
        try (SlSandbox third = SlSandbox.fileBacked(dir.resolve("sl"))) {
            assertThat(third.openInvoices()).hasSize(seeded.size() - 1);
        }
    }

    @Test
    void closingAnInMemorySandboxDropsIt() throws SQLException {
        SlSandbox temp = SlSandbox.inMemory("seed-drop").seed(SPEC.withCustomers(1));
        assertThat(temp.queries().count("Customer")).isEqualTo(1);
        temp.close();
        temp.close(); // idempotent
        org.assertj.core.api.Assertions.assertThatThrownBy(temp::connect).isInstanceOf(IllegalStateException.class);
        try (SlSandbox fresh = SlSandbox.inMemory("seed-drop")) {
            assertThat(fresh.queries().count("Customer")).isZero();
        }
        assertThat(Files.exists(Path.of("seed-drop.mv.db"))).isFalse();
    }
}
