package com.ptsl.sink.bench;

import com.ptsl.kafka.embedded.KafkaClusterExtension;
import com.ptsl.sandbox.sl.release.ReleaseResult;
import com.ptsl.sink.sql.dialect.SqlDialect;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.SlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The probe on a small run, for what it does rather than how fast (a benchmark never asserts on time): every command it
 * produced is in the ledger once as APPLIED, SL stayed by its rules (each batch's totals = its documents, no invoice
 * over-applied, so the sandbox's release takes every batch and leaves no negative balance), the figures are there, and
 * the baseline's scratch tables are gone.
 */
class SinkBenchTest {

    @RegisterExtension
    static final KafkaClusterExtension kafka = KafkaClusterExtension.singleBroker();

    @Test
    void aSmallRunAppliesEveryCommandOnceAndLeavesSlBalancedAndReleasable() {
        try (H2SlSandboxDatabase db = H2SlSandboxDatabase.seeded()) {
            SlReader sl = new SlReader(db);
            SqlDialect dialect = sl.dialect();
            List<String> progress = new ArrayList<>();

            SinkBench.Result result = SinkBench.run(new SinkBench.Options(kafka.bootstrapServers(), db.jdbcUrl(), db.user(), db.password(),
                    "PTSL", 400), progress::add);

            assertThat(result.commands()).isEqualTo(400);
            assertThat(result.commandsPerSecond()).isPositive().isFinite();
            assertThat(result.firstFifthPerSecond()).isPositive().isFinite();
            assertThat(result.lastFifthPerSecond()).isPositive().isFinite();
            assertThat(result.baselinePaymentsPerSecond()).isPositive().isFinite();
            assertThat(result.baselineDescription()).contains("400 ARDoc + ARTran row pairs").contains("500 pairs per transaction");
            assertThat(progress).anyMatch(line -> line.startsWith("sink: producing 400 PostPayment commands"))
                    .anyMatch(line -> line.startsWith("sink baseline:"));

            List<Map<String, Object>> ledger = sl.ledger();
            assertThat(ledger).hasSize(400).allSatisfy(row -> {
                assertThat(row.get("Status")).isEqualTo("APPLIED");
                assertThat((String) row.get("CommandId")).startsWith("PostPayment:");
                assertThat(row.get("Reason")).as("nothing capped: the probe never asks more than an invoice has").isNull();
            });
            assertThat(sl.payments()).hasSize(400);
            List<Map<String, Object>> batches = sl.rows("SELECT BatNbr, CtrlTot, CrTot, DepositAmt FROM " + dialect.table("Batch")
                    + " WHERE Crtd_Prog = 'PTSL'");
            assertThat(batches).isNotEmpty().allSatisfy(b -> {
                BigDecimal documents = sl.sumOrigDocAmt((String) b.get("BatNbr"));
                assertThat((BigDecimal) b.get("CtrlTot")).isEqualByComparingTo(documents);
                assertThat((BigDecimal) b.get("CrTot")).isEqualByComparingTo(documents);
                assertThat((BigDecimal) b.get("DepositAmt")).isEqualByComparingTo(documents);
            });
            assertThat(sl.rows("SELECT d.RefNbr FROM " + dialect.table("ARDoc") + " d WHERE d.DocType = 'IN' AND d.DocBal < (SELECT"
                    + " COALESCE(SUM(t.TranAmt), 0) FROM " + dialect.table("ARTran") + " t WHERE t.SiteId = d.RefNbr AND t.CostType = 'IN'"
                    + " AND t.CustId = d.CustId AND t.DrCr = 'U' AND t.Rlsed = 0)")).as("invoices applied beyond their balance").isEmpty();

            for (Map<String, Object> b : batches) {
                ReleaseResult released = db.release((String) b.get("BatNbr"));
                assertThat(released.released()).as("release of %s: %s", b.get("BatNbr"), released.messages()).isTrue();
            }
            assertThat(sl.rows("SELECT RefNbr FROM " + dialect.table("ARDoc") + " WHERE DocType = 'IN' AND DocBal < 0")).isEmpty();
            assertThat(sl.rows("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME LIKE 'PTSL_Bench%'")).isEmpty();
        }
    }

    @Test
    void optionsOutsideTheProbesRangeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new SinkBench.Options("localhost:9092", "jdbc:h2:mem:x", "sa", "", "PTSL", 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("commands must be 5..");
        assertThat(new SinkBench.Options("localhost:9092", "jdbc:h2:mem:x;PASSWORD=pw", "sa", "s3cret", "PTSL", 5).toString())
                .doesNotContain("s3cret").doesNotContain("=pw");
    }
}
