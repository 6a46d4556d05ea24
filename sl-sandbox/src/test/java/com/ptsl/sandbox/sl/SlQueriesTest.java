package com.ptsl.sandbox.sl;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The read helpers against an 08030 payment batch as entered before release (dynamics-sl.md §5). */
class SlQueriesTest {

    static SlSandbox sl;
    static OpenInvoice first;
    static OpenInvoice second;

    @BeforeAll
    static void seedAndEnterAPayment() throws SQLException {
        sl = SlSandbox.inMemory("queries-test").seed(SeedSpec.defaults().withCustomers(2).withInvoicesPerCustomer(2));
        List<OpenInvoice> open = sl.openInvoices();
        first = open.get(0);
        second = open.get(1);
        assertThat(second.custId()).isEqualTo(first.custId());
        BigDecimal applied = first.docBal().add(second.docBal());
        BigDecimal paid = applied.add(new BigDecimal("25.00"));
        LocalDate today = LocalDate.now();
        String period = SlValues.period(today);
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            w.into("Batch").set("Module", "AR").set("BatNbr", "000101").set("CpnyID", "PTSL").set("EditScrnNbr", "08030")
                    .set("Status", "B").set("JrnlType", "AR").set("BatType", "N").set("PerPost", period).set("PerEnt", period)
                    .set("DateEnt", today).set("CtrlTot", paid).set("CrTot", paid)
                    .set("BankAcct", SlAccounts.CARD_CLEARING).set("BankSub", SlAccounts.SUB).insert();
            w.into("ARDoc").set("CpnyID", "PTSL").set("CustId", first.custId()).set("DocType", "PA").set("RefNbr", "TX1234")
                    .set("BatNbr", "000101").set("BatSeq", 1).set("OrigDocAmt", paid).set("DocBal", paid)
                    .set("ApplBatNbr", "000101").set("ApplAmt", new BigDecimal("25.00")).set("DocDate", today)
                    .set("PerPost", period).set("CustOrdNbr", "paytrace:98765432")
                    .set("BankAcct", SlAccounts.CARD_CLEARING).set("BankSub", SlAccounts.SUB).insert();
            int line = Short.MIN_VALUE;
            for (OpenInvoice inv : List.of(first, second)) {
                w.into("ARTran").set("CpnyID", "PTSL").set("CustId", first.custId()).set("TranType", "PA").set("RefNbr", "TX1234")
                        .set("BatNbr", "000101").set("LineNbr", line++).set("DrCr", "U").set("TranAmt", inv.docBal())
                        .set("SiteId", inv.refNbr()).set("CostType", "IN")
                        .set("Acct", SlAccounts.ACCOUNTS_RECEIVABLE).set("Sub", SlAccounts.SUB).insert();
            }
        }
    }

    @AfterAll
    static void close() {
        sl.close();
    }

    @Test
    void documentsReturnsThePaymentTrimmedAndRounded() {
        List<ArDocRow> payments = sl.queries().documents("PA");
        assertThat(payments).hasSize(1);
        ArDocRow pa = payments.get(0);
        assertThat(pa.custId()).isEqualTo(first.custId());
        assertThat(pa.refNbr()).isEqualTo("TX1234");
        assertThat(pa.origDocAmt()).isEqualTo(first.docBal().add(second.docBal()).add(new BigDecimal("25.00")));
        assertThat(pa.applAmt()).isEqualTo(new BigDecimal("25.00"));
        assertThat(pa.custOrdNbr()).isEqualTo("paytrace:98765432");
        assertThat(pa.bankAcct()).isEqualTo("1010");
        assertThat(pa.rlsed()).isZero();
        assertThat(pa.cpnyId()).isEqualTo("PTSL");
        assertThat(pa.docDate()).isEqualTo(LocalDate.now());
        assertThat(sl.queries().documents("CM")).isEmpty();
    }

    @Test
    void batchReturnsThePaymentBatch() {
        BatchRow b = sl.queries().batch("AR", "000101").orElseThrow();
        assertThat(b.status()).isEqualTo("B");
        assertThat(b.editScrnNbr()).isEqualTo("08030");
        assertThat(b.ctrlTot()).isEqualTo(b.crTot());
        assertThat(b.bankAcct()).isEqualTo("1010");
        assertThat(b.bankSub()).isEqualTo("00-000-00");
        assertThat(b.rlsed()).isZero();
        // char padding: the key matches with or without trailing blanks.
        assertThat(sl.queries().batch("AR", "000101    ")).contains(b);
    }

    @Test
    void applicationLinesPointAtThePaidInvoices() {
        List<ArTranRow> lines = sl.queries().applicationLines(first.custId(), "TX1234");
        assertThat(lines).extracting(ArTranRow::siteId).containsExactly(first.refNbr(), second.refNbr());
        assertThat(lines).extracting(ArTranRow::tranAmt).containsExactly(first.docBal(), second.docBal());
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.drCr()).isEqualTo("U");
            assertThat(l.tranType()).isEqualTo("PA");
            assertThat(l.costType()).isEqualTo("IN");
            assertThat(l.acct()).isEqualTo("1300");
            assertThat(l.batNbr()).isEqualTo("000101");
        });
        assertThat(lines.get(0).lineNbr()).isEqualTo(-32768);
        // The invoice's own sales line (DrCr 'C') is not an application line.
        assertThat(sl.queries().applicationLines(first.custId(), first.refNbr())).isEmpty();
    }

    @Test
    void countAcceptsAnyCaseButOnlySlTables() {
        assertThat(sl.queries().count("ardoc")).isEqualTo(sl.queries().count("ARDoc")).isGreaterThanOrEqualTo(5);
        assertThat(sl.queries().count("AR_BALANCES")).isEqualTo(2);
        assertThatThrownBy(() -> sl.queries().count("ARDoc; DROP TABLE dbo.Batch")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void openInvoicesExcludeUnreleasedAndPaidDocuments() throws SQLException {
        try (Connection c = sl.connect(); SlRowWriter w = new SlRowWriter(c)) {
            c.setAutoCommit(false);
            w.into("ARDoc").set("CustId", "C00002").set("DocType", "IN").set("RefNbr", "UNRELEASED").set("BatNbr", "000102")
                    .set("OrigDocAmt", 10).set("DocBal", 10).set("OpenDoc", 1).set("Rlsed", 0).insert();
            w.into("ARDoc").set("CustId", "C00002").set("DocType", "IN").set("RefNbr", "FLOATNOISE").set("BatNbr", "000102")
                    .set("OrigDocAmt", 10).set("DocBal", 1e-9).set("OpenDoc", 1).set("Rlsed", 1).insert();
            c.commit();
        }
        assertThat(sl.openInvoices()).extracting(OpenInvoice::refNbr).doesNotContain("UNRELEASED", "FLOATNOISE").hasSize(4);
    }
}
