package com.ptsl.launcher.bench;

import com.ptsl.launcher.Percentiles;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ResultStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** How a rate's latencies are read from erp.results, and the rows one rate gives. */
class E2eRunTest {

    private static ErpResult result(String commandType, ResultStatus status, String tx, long receivedAt, long processedAt) {
        return ErpResult.newBuilder().setCommandId(commandType + ":" + tx).setStatus(status).setCustId("C00001")
                .setSourceTransactionId(tx).setSourceReceivedAt(Instant.ofEpochMilli(receivedAt))
                .setProcessedAt(Instant.ofEpochMilli(processedAt)).setCommandType(commandType).build();
    }

    @Test
    void latency_is_processed_at_minus_source_received_at_of_applied_post_payments_of_the_rates_sales_only() {
        Map<String, ErpResult> byCommand = new HashMap<>();
        for (ErpResult r : List.of(
                result("PostPayment", ResultStatus.APPLIED, "810000001", 1_000, 1_120),
                result("PostPayment", ResultStatus.APPLIED, "810000002", 2_000, 2_045),
                result("PostPayment", ResultStatus.DUPLICATE, "810000003", 3_000, 3_010),
                result("ReversePayment", ResultStatus.APPLIED, "810000004", 4_000, 4_010),
                result("PostPayment", ResultStatus.APPLIED, "820000001", 5_000, 5_999))) {
            byCommand.put(r.getCommandId(), r);
        }

        Map<String, Long> latencies = E2eRun.latencies(byCommand, Set.of("810000001", "810000002", "810000003", "810000004"));

        assertThat(latencies).containsOnly(Map.entry("810000001", 120L), Map.entry("810000002", 45L));
    }

    @Test
    void a_rate_gives_p50_p99_p999_and_the_rate_pushed_and_only_the_goal_rate_carries_the_goal() {
        Percentiles latency = new Percentiles(7_500, 80, 420, 610, 700);
        E2eRun.RateResult at500 = new E2eRun.RateResult(500, 7_500, 7_500, 0, 0, null, 499.0, 900, latency, 0, 1.5);
        E2eRun.RateResult at100 = new E2eRun.RateResult(100, 1_500, 1_500, 2, 0, null, 100.0, 300, latency, 0, 1.0);

        List<BenchRow> rows500 = E2eRun.rows(at500, 500, 500);
        List<BenchRow> rows100 = E2eRun.rows(at100, 500, 500);

        assertThat(rows500).extracting(BenchRow::name).containsExactly("e2e-p50-500", "e2e-p99-500", "e2e-p999-500", "e2e-rate-500");
        assertThat(rows500.get(1).value()).isEqualTo(420.0);
        assertThat(rows500.get(1).baseline()).isEqualTo(500.0);
        assertThat(rows500.get(1).ratio()).isEqualTo(0.84);
        assertThat(rows500.get(1).note()).contains("goal < 500 ms: met");
        assertThat(rows500.get(3).ratio()).isEqualTo(0.998);
        assertThat(rows100.get(1).name()).isEqualTo("e2e-p99-100");
        assertThat(rows100.get(1).baseline()).isNull();
        assertThat(rows100.get(3).note()).contains("2 x 503");
    }

    @Test
    void a_rate_with_no_committed_payment_is_three_failed_rows_saying_why() {
        E2eRun.RateResult none = new E2eRun.RateResult(1_000, 15_000, 0, 0, 15_000,
                "connection refused at http://127.0.0.1:1/v1/push/transactions", 990.0, 500,
                Percentiles.of(List.of()), 0, 0);

        List<BenchRow> rows = E2eRun.rows(none, 500, 500);

        assertThat(rows.subList(0, 3)).allSatisfy(r -> {
            assertThat(r.isFailure()).isTrue();
            assertThat(r.note()).contains("15000 pushes failed (connection refused");
        });
        assertThat(rows.get(1).name()).isEqualTo("e2e-p99-1000");
    }
}
