package com.ptsl.sandbox.sl;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An invoice entered during a run, as an SL user enters and releases it (08.010, then 08.400). */
class InvoiceEntryTest {

    /** Columns that differ between any two invoices by construction (numbers, amounts, dates, timestamps). */
    private static final Set<String> PER_INVOICE = Set.of("CUSTID", "REFNBR", "BATNBR", "BATSEQ", "DOCDATE", "DUEDATE",
            "DISCDATE", "PERPOST", "PERENT", "S4FUTURE01", "ORIGDOCAMT", "CURYORIGDOCAMT", "DOCBAL", "CURYDOCBAL",
            "CURYEFFDATE", "CUSTORDNBR", "ORDNBR", "CRTD_DATETIME", "LUPD_DATETIME", "TSTAMP", "RECORDID",
            "TRANAMT", "CURYTRANAMT", "UNITPRICE", "CURYUNITPRICE", "TRANDATE", "FISCYR", "EXTREFNBR",
            "DRAMT", "CRAMT", "CURYDRAMT", "CURYCRAMT", "ID", "LINENBR", "ACCT", "POSTED");

    private SlSandbox sl;
    private final LocalDate today = LocalDate.now();

    @BeforeEach
    void seed() {
        sl = SlSandbox.inMemory("entry-" + UUID.randomUUID().toString().substring(0, 8))
                .seed(SeedSpec.defaults().withCustomers(3).withInvoicesPerCustomer(2));
    }

    @AfterEach
    void close() {
        sl.close();
    }

    @Test
    void anEnteredInvoiceTakesTheNextNumbersAndIsOpenWithItsOrderAndPo() throws SQLException {
        String lastRef = single("SELECT LastRefNbr FROM dbo.ARSetup").get("LASTREFNBR").toString();

        String refNbr = sl.enterInvoice(new NewInvoice("C00002", new BigDecimal("1234.50"), today, "SO900001", "PO-ABC-1"));

        assertThat(refNbr).isEqualTo(SlValues.zeroPad(Long.parseLong(lastRef) + 1, 10));
        Map<String, Object> setup = single("SELECT LastRefNbr, LastBatNbr FROM dbo.ARSetup");
        assertThat(setup).containsEntry("LASTREFNBR", refNbr).containsEntry("LASTBATNBR", "000101");
        assertThat(sl.openInvoices()).filteredOn(i -> i.refNbr().equals(refNbr)).singleElement().satisfies(i -> {
            assertThat(i.custId()).isEqualTo("C00002");
            assertThat(i.docBal()).isEqualTo(i.origDocAmt()).isEqualTo(new BigDecimal("1234.50"));
            assertThat(i.ordNbr()).isEqualTo("SO900001");
            assertThat(i.custOrdNbr()).isEqualTo("PO-ABC-1");
            assertThat(i.docDate()).isEqualTo(today);
            assertThat(i.cpnyId()).isEqualTo("PTSL");
        });
        BatchRow batch = sl.queries().batch("AR", "000101").orElseThrow();
        assertThat(batch.editScrnNbr()).isEqualTo("08010");
        assertThat(batch.status()).isEqualTo("U");   // released, not yet posted to GL
        assertThat(batch.rlsed()).isEqualTo(1);
        assertThat(batch.ctrlTot()).isEqualTo(batch.crTot()).isEqualTo(new BigDecimal("1234.50"));
        assertThat(single("SELECT DueDate FROM dbo.ARDoc WHERE RefNbr = '" + refNbr + "'").get("DUEDATE").toString())
                .startsWith(today.plusDays(30).toString());
    }

    @Test
    void itsRowsCarryTheSameColumnValuesAsASeededInvoice() throws SQLException {
        OpenInvoice seeded = sl.openInvoices().get(0);
        String refNbr = sl.enterInvoice(new NewInvoice(seeded.custId(), new BigDecimal("99.99"), today, "SO900002", "PO-77"));

        assertThat(comparable(single("SELECT * FROM dbo.ARDoc WHERE RefNbr = '" + refNbr + "'")))
                .isEqualTo(comparable(single("SELECT * FROM dbo.ARDoc WHERE RefNbr = '" + seeded.refNbr() + "'")));
        assertThat(comparable(single("SELECT * FROM dbo.ARTran WHERE RefNbr = '" + refNbr + "'")))
                .isEqualTo(comparable(single("SELECT * FROM dbo.ARTran WHERE RefNbr = '" + seeded.refNbr() + "'")));
        Map<String, Object> ardoc = single("SELECT d.OrigDocAmt, d.DocBal, d.Rlsed, d.OpenDoc, d.DocType, d.OrdNbr, t.ExtRefNbr"
                + " FROM dbo.ARDoc d JOIN dbo.ARTran t ON t.RefNbr = d.RefNbr WHERE d.RefNbr = '" + refNbr + "'");
        assertThat(ardoc).containsEntry("ORIGDOCAMT", 99.99).containsEntry("DOCBAL", 99.99).containsEntry("RLSED", 1L)
                .containsEntry("OPENDOC", 1L).containsEntry("DOCTYPE", "IN").containsEntry("ORDNBR", "SO900002")
                .containsEntry("EXTREFNBR", "PO-77");
        Map<String, Object> gl = single("SELECT SUM(DrAmt) AS DR, SUM(CrAmt) AS CR, MIN(Posted) AS P, MAX(Posted) AS P2,"
                + " COUNT(*) AS N FROM dbo.GLTran WHERE RefNbr = '" + refNbr + "'");
        assertThat(((Number) gl.get("DR")).doubleValue()).isEqualTo(99.99);
        assertThat(((Number) gl.get("CR")).doubleValue()).isEqualTo(99.99);
        assertThat(gl).containsEntry("P", "U").containsEntry("P2", "U").containsEntry("N", 2L);
    }

    @Test
    void releaseAddsTheInvoiceToTheCustomersBalance() throws SQLException {
        double before = (double) single("SELECT CurrBal FROM dbo.AR_Balances WHERE CustID = 'C00003'").get("CURRBAL");

        sl.enterInvoice(new NewInvoice("C00003", new BigDecimal("10.05"), today, "", ""));

        Map<String, Object> after = single("SELECT CurrBal, LastInvcDate FROM dbo.AR_Balances WHERE CustID = 'C00003'");
        assertThat(SlValues.money((double) after.get("CURRBAL"))).isEqualTo(SlValues.money(before + 10.05));
        assertThat(after.get("LASTINVCDATE").toString()).startsWith(today.toString());
    }

    @Test
    void anUnknownCustomerIsRefusedAndNothingIsNumbered() throws SQLException {
        Map<String, Object> before = single("SELECT LastRefNbr, LastBatNbr FROM dbo.ARSetup");
        int docs = sl.queries().count("ARDoc");

        assertThatThrownBy(() -> sl.enterInvoice(new NewInvoice("C99999", BigDecimal.TEN, today, "", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C99999");

        assertThat(single("SELECT LastRefNbr, LastBatNbr FROM dbo.ARSetup")).isEqualTo(before);
        assertThat(sl.queries().count("ARDoc")).isEqualTo(docs);
    }

    @Test
    void invalidInvoicesAreRefusedBeforeTheDatabase() {
        assertThatThrownBy(() -> new NewInvoice("C00001", new BigDecimal("1.001"), today, "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewInvoice("C00001", BigDecimal.ZERO, today, "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NewInvoice("C00001", BigDecimal.ONE, today, "SO-1234567890123", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("char(15)");
        assertThatThrownBy(() -> new NewInvoice(" ", BigDecimal.ONE, today, "", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void entriesFromManyThreadsGetDistinctNumbers() throws Exception {
        int threads = 6;
        int each = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<String>> refs = new ArrayList<>();
        try {
            for (int i = 0; i < threads * each; i++) {
                String cust = "C0000" + (1 + i % 3);
                String order = "SO" + (910_000 + i);
                refs.add(pool.submit(() -> sl.enterInvoice(new NewInvoice(cust, new BigDecimal("5.00"), today, order, ""))));
            }
            List<String> entered = new ArrayList<>();
            for (Future<String> f : refs) {
                entered.add(f.get());
            }
            assertThat(entered).doesNotHaveDuplicates().hasSize(threads * each);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sl.queries().count("Batch")).isEqualTo(distinctSeededBatches() + threads * each);
        Map<String, Object> setup = single("SELECT LastRefNbr, LastBatNbr, (SELECT MAX(RefNbr) FROM dbo.ARDoc) AS MAXREF,"
                + " (SELECT MAX(BatNbr) FROM dbo.Batch) AS MAXBAT FROM dbo.ARSetup");
        assertThat(setup.get("LASTREFNBR")).isEqualTo(setup.get("MAXREF"));
        assertThat(setup.get("LASTBATNBR")).isEqualTo(setup.get("MAXBAT")).isEqualTo("000130");
    }

    @Test
    void aBatchNumberAnotherWriterAlreadyUsedIsSkipped() throws SQLException {
        // The erp-sink numbers its payment batches from the same ARSetup row; a batch written without moving
        // LastBatNbr (a crashed writer, a manual fix) must not be reused.
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            w.into("Batch").set("Module", "AR").set("BatNbr", "000101").set("CpnyID", "PTSL")
                    .set("EditScrnNbr", "08030").set("Status", "B").insert();
        }

        sl.enterInvoice(new NewInvoice("C00001", BigDecimal.ONE, today, "", ""));

        assertThat(single("SELECT LastBatNbr FROM dbo.ARSetup")).containsEntry("LASTBATNBR", "000102");
        assertThat(sl.queries().batch("AR", "000102").orElseThrow().editScrnNbr()).isEqualTo("08010");
    }

    private int distinctSeededBatches() throws SQLException {
        return ((Number) single("SELECT COUNT(DISTINCT BatNbr) AS N FROM dbo.ARDoc WHERE Crtd_Prog = '08010'"
                + " AND BatNbr <= '000100'").get("N")).intValue();
    }

    private static Map<String, Object> comparable(Map<String, Object> row) {
        Map<String, Object> kept = new HashMap<>(row);
        kept.keySet().removeAll(PER_INVOICE);
        return kept;
    }

    /** One row, column labels upper-cased, strings RTRIMmed, integers as long. */
    private Map<String, Object> single(String sql) throws SQLException {
        try (Connection c = sl.connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).as(sql).isTrue();
            Map<String, Object> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                Object v = rs.getObject(i);
                if (v instanceof String s) {
                    v = s.stripTrailing();
                } else if (v instanceof Short || v instanceof Integer || v instanceof Long) {
                    v = ((Number) v).longValue();
                }
                row.put(rs.getMetaData().getColumnLabel(i).toUpperCase(java.util.Locale.ROOT), v);
            }
            assertThat(rs.next()).as("single row: " + sql).isFalse();
            return row;
        }
    }
}
