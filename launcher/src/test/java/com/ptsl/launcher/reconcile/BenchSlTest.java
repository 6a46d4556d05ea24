package com.ptsl.launcher.reconcile;

import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.sink.sql.IntegrationTables;
import com.ptsl.sink.sql.dialect.SqlDialect;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's SL rows go into the sandbox's real schema, with the values the reconciler reads, and its indexes come back whole. */
class BenchSlTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 30);

    @Test
    void paymentsRefundsLedgerAndDepositsLandAsTheSinkWritesThem() throws Exception {
        try (SlSandbox sl = SlSandbox.inMemory("bench-sl-" + UUID.randomUUID()).seed(new SeedSpec("PTSL", 3, 2, 1L, YearMonth.from(DAY)))) {
            String invoice = sl.openInvoices().get(0).refNbr();
            String cust = sl.openInvoices().get(0).custId();
            try (Connection c = sl.connect()) {
                IntegrationTables.ensure(c, SqlDialect.forJdbcUrl(sl.jdbcUrl()));
            }
            try (Connection c = sl.connect(); BenchSl rows = new BenchSl(c, "PTSL", "PTSL", DAY)) {
                LocalDateTime at = DAY.atTime(9, 30);
                rows.payment(new BenchGenerator.Payment("500000001", cust, new BigDecimal("120.50"), invoice, "TAS001", "************4242", at));
                rows.payment(new BenchGenerator.Payment("500000002", cust, new BigDecimal("10.00"), "", "TAS002", "************4242", at));
                rows.refund(new BenchGenerator.Refund("500000003", "500000001", cust, new BigDecimal("20.25"), invoice, at));
                rows.ledger(new BenchGenerator.Ledger("PostPayment:500000001", cust, "500000001", rows.paymentBatch, "500000001",
                        Instant.parse("2026-11-30T17:30:00Z"), Instant.parse("2026-11-30T17:30:01Z"), "POSTED", "PostPayment",
                        new BigDecimal("120.50"), "PA/500000001/" + rows.paymentBatch));
                rows.deposit(new BenchGenerator.Deposit("7001", "CloseDeposit:7001:abcdefabcdef", DAY, new BigDecimal("110.25"),
                        new BigDecimal("130.50"), new BigDecimal("20.25"), rows.paymentBatch + "," + rows.memoBatch,
                        Instant.parse("2026-11-30T18:00:00Z"), List.of(new BenchGenerator.DepositLine("500000001", "SALE",
                        new BigDecimal("120.50"), new BigDecimal("120.50"), "PA/500000001/" + rows.paymentBatch))));
                rows.finish();

                assertThat(rows(c, "SELECT [DocType], RTRIM([RefNbr]), RTRIM([BatNbr]), [OrigDocAmt], RTRIM([User1]), RTRIM([Crtd_Prog]), [DocDate]"
                        + " FROM dbo.[ARDoc] WHERE [User1] LIKE 'PayTrace %' ORDER BY [RefNbr], [DocType]")).containsExactly(
                        "PA|500000001|" + rows.paymentBatch + "|120.5|PayTrace 500000001|PTSL|2026-11-30 00:00:00",
                        "PA|500000002|" + rows.paymentBatch + "|10.0|PayTrace 500000002|PTSL|2026-11-30 00:00:00",
                        "CM|500000003|" + rows.memoBatch + "|20.25|PayTrace 500000003|PTSL|2026-11-30 00:00:00",
                        "DM|500000003|" + rows.memoBatch + "|20.25|PayTrace 500000003|PTSL|2026-11-30 00:00:00");
                assertThat(rows(c, "SELECT RTRIM([RefNbr]), RTRIM([SiteId]), RTRIM([CostType]), [TranAmt] FROM dbo.[ARTran]"
                        + " WHERE [TranType] = 'PA' AND [DrCr] = 'U'")).containsExactly("500000001|" + invoice + "|IN|120.5");
                assertThat(rows(c, "SELECT RTRIM([BatNbr]), RTRIM([EditScrnNbr]), [CtrlTot], [DepositAmt], RTRIM([Crtd_Prog]) FROM dbo.[Batch]"
                        + " WHERE RTRIM([BatNbr]) IN ('" + rows.paymentBatch + "', '" + rows.memoBatch + "') ORDER BY [BatNbr]"))
                        .containsExactly(rows.paymentBatch + "|08030|130.5|130.5|PTSL", rows.memoBatch + "|08010|40.5|0.0|PTSL");
                assertThat(rows(c, "SELECT RTRIM([LastBatNbr]) FROM dbo.[ARSetup]")).containsExactly(rows.memoBatch);
                assertThat(rows(c, "SELECT [CommandId], [Status], [Reason], [Documents], [ResultSent] FROM dbo.[PTSL_CommandLedger]"))
                        .containsExactly("PostPayment:500000001|APPLIED|null|PA/500000001/" + rows.paymentBatch + "|1");
                assertThat(rows(c, "SELECT [BatchNumber], [Status], [NetAmount], [SlAmount], [Difference], [FeeAmount], [TransactionCount] FROM dbo.[PTSL_Deposit]"))
                        .containsExactly("7001|MATCHED|110.25|110.25|0.00|null|1");
                assertThat(rows(c, "SELECT [BatchNumber], [TransactionId], [Kind], [Amount] FROM dbo.[PTSL_DepositLine]"))
                        .containsExactly("7001|500000001|SALE|120.50");
            }
        }
    }

    @Test
    void droppedIndexesAreBuiltAgainExactlyAsTheSandboxMadeThem() throws Exception {
        try (SlSandbox sl = SlSandbox.inMemory("bench-idx-" + UUID.randomUUID()); Connection c = sl.connect()) {
            List<String> before = indexNames(c);
            SlIndexes indexes = SlIndexes.of(List.of("ARDoc", "ARTran"));
            assertThat(indexes.count()).isGreaterThanOrEqualTo(20);

            indexes.drop(c);
            List<String> dropped = indexNames(c);
            assertThat(before.size() - dropped.size()).isEqualTo(indexes.count());
            indexes.create(c);

            assertThat(indexNames(c)).isEqualTo(before);
        }
    }

    private static List<String> indexNames(Connection c) throws SQLException {
        return rows(c, "SELECT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME IN ('ARDoc', 'ARTran') ORDER BY INDEX_NAME");
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
        }
        return out;
    }
}
