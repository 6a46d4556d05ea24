package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.sandbox.paytrace.settlement.SettlementResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The cut-off: Java API, admin call, schedule, and authorization expiry on a clock the test controls. */
class SettlementTest {

    /** 10:00:00 AM in Los Angeles (PDT). */
    private static final Instant START = Instant.parse("2025-06-02T17:00:00Z");

    private ManualClock clock;
    private PayTraceSandbox sandbox;
    private ApiClient api;
    private String token;

    @BeforeEach
    void start() {
        clock = new ManualClock(START);
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstBatchNumber(571), clock);
        api = new ApiClient(sandbox.baseUrl());
        token = api.token(sandbox.config());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private String status(long id) {
        return api.record(token, id).get("status_code").asText();
    }

    @Test
    void aCutOffMovesEveryPendingTransactionIntoOneBatchAndLeavesTheRestAlone() {
        long sale = ApiClient.id(api.sale(token, "10.00", null, "INV-1", "C1"));
        long auth = ApiClient.id(api.authorize(token, "30.00", null, "INV-2", "C1"));
        long captured = ApiClient.id(api.authorize(token, "30.00", null, "INV-3", "C1"));
        api.capture(token, captured, "25.00");
        long declined = ApiClient.id(api.sale(token, "1.12", null, "INV-4", "C1"));
        long autoVoided = ApiClient.id(api.sale(token, "10.00", "999", "INV-5", "C1"));
        long voided = ApiClient.id(api.sale(token, "10.00", null, "INV-6", "C1"));
        api.voidTransaction(token, voided);
        List<JsonNode> notPending = List.of(api.record(token, auth), api.record(token, declined),
                api.record(token, autoVoided), api.record(token, voided));
        clock.advance(Duration.ofHours(8).plusMinutes(13).plusSeconds(45));
        token = api.token(sandbox.config()); // tokens live 2 h on this clock too

        SettlementResult result = sandbox.settleNow();

        assertThat(result.batchNumber()).hasValue(571);
        assertThat(result.settledTransactionIds()).containsExactly(sale, captured);
        assertThat(result.expiredAuthorizationIds()).isEmpty();
        assertThat(result.cutOff()).isEqualTo(clock.instant());
        for (long id : List.of(sale, captured)) {
            JsonNode record = api.record(token, id);
            assertThat(record.get("status_code").asText()).isEqualTo("GB571");
            assertThat(record.get("status_message").asText()).isEqualTo("GB571");
            assertThat(record.get("settled").asText()).isEqualTo("6/2/2025 6:13:45 PM");
            assertThat(record.get("created").get("at").asText()).startsWith("6/2/2025 10:00:");
        }
        assertThat(api.record(token, captured).get("amount").decimalValue()).isEqualByComparingTo("25.00");
        List<JsonNode> after = List.of(api.record(token, auth), api.record(token, declined),
                api.record(token, autoVoided), api.record(token, voided));
        assertThat(after).isEqualTo(notPending);
    }

    @Test
    void batchNumbersCountUpAndACutOffWithNothingPendingMakesNoBatch() {
        long first = ApiClient.id(api.sale(token, "1.00", null, "INV-1", "C1"));
        SettlementResult one = sandbox.settleNow();
        SettlementResult empty = sandbox.settleNow();
        long second = ApiClient.id(api.sale(token, "2.00", null, "INV-2", "C1"));
        SettlementResult two = sandbox.settleNow();

        assertThat(one.batchNumber()).hasValue(571);
        assertThat(empty.batch()).isEmpty();
        assertThat(empty.settledTransactionIds()).isEmpty();
        assertThat(two.batchNumber()).hasValue(572);
        assertThat(two.settledTransactionIds()).containsExactly(second);
        assertThat(status(first)).isEqualTo("GB571"); // a settled transaction never moves again
        assertThat(status(second)).isEqualTo("GB572");
        assertThat(sandbox.nextBatchNumber()).isEqualTo(573);
    }

    @Test
    void theAdminCallSettlesWithABearerTokenOnly() {
        long sale = ApiClient.id(api.sale(token, "12.50", null, "INV-1", "C1"));

        ApiClient.Reply anonymous = api.postJson(PayTraceSandbox.SETTLE, "", null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(status(sale)).isEqualTo("Y");

        ApiClient.Reply reply = api.postJson(PayTraceSandbox.SETTLE, "", token);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(1);
        assertThat(json.get("settled_at").asText()).isEqualTo("6/2/2025 10:00:00 AM");
        assertThat(json.get("batch").get("number").asInt()).isEqualTo(571);
        assertThat(json.get("batch").get("net_amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(json.get("settled_transaction_ids")).hasSize(1);
        assertThat(json.get("settled_transaction_ids").get(0).asLong()).isEqualTo(sale);
        assertThat(status(sale)).isEqualTo("GB571");

        JsonNode nothing = api.postJson(PayTraceSandbox.SETTLE, "", token).json();
        assertThat(nothing.get("batch").isNull()).isTrue();
    }

    @Test
    void aScheduleSettlesUntilStopped() {
        long sale = ApiClient.id(api.sale(token, "3.00", null, "INV-1", "C1"));

        sandbox.startSettlementSchedule(Duration.ofMillis(50));
        assertThat(sandbox.settlementScheduleRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> status(sale).startsWith("GB"));
        sandbox.stopSettlementSchedule();

        assertThat(sandbox.settlementScheduleRunning()).isFalse();
        int next = sandbox.nextBatchNumber();
        long later = ApiClient.id(api.sale(token, "4.00", null, "INV-2", "C1"));
        assertThat(status(later)).isEqualTo("Y");
        assertThat(sandbox.nextBatchNumber()).isEqualTo(next);
    }

    @Test
    void closingTheSandboxStopsItsSchedule() {
        sandbox.startSettlementSchedule(Duration.ofSeconds(30));

        sandbox.close();

        assertThat(sandbox.settlementScheduleRunning()).isFalse();
    }

    @Test
    void anAuthorizationLeftUncapturedSevenDaysExpiresAtTheNextCutOff() {
        long auth = ApiClient.id(api.authorize(token, "80.00", null, "INV-1", "C1"));
        long capturedInTime = ApiClient.id(api.authorize(token, "80.00", null, "INV-2", "C1"));

        clock.advance(Duration.ofDays(7).minusSeconds(1));
        token = api.token(sandbox.config()); // the old token expired with the days that passed
        SettlementResult early = sandbox.settleNow();
        api.capture(token, capturedInTime, null);
        clock.advance(Duration.ofSeconds(1));
        SettlementResult due = sandbox.settleNow();

        assertThat(early.expiredAuthorizationIds()).isEmpty();
        assertThat(due.expiredAuthorizationIds()).containsExactly(auth);
        assertThat(due.settledTransactionIds()).containsExactly(capturedInTime);
        JsonNode record = api.record(token, auth);
        assertThat(record.get("transaction_type").asText()).isEqualTo("AUTHORIZATION");
        assertThat(record.get("status_code").asText()).isEqualTo("N");
        assertThat(record.get("status_message").asText()).isEqualTo("Authorization Expired");
        assertThat(record.get("settled").asText()).isEmpty();
        assertThat(ApiClient.errorCode(api.capture(token, auth, null))).isEqualTo("816");
        assertThat(ApiClient.errorCode(api.voidTransaction(token, auth))).isEqualTo("818");
    }

    @Test
    void theExpiryAgeIsConfigurable() {
        try (PayTraceSandbox own = PayTraceSandbox.start(
                SandboxConfig.defaults().withAuthorizationExpiry(Duration.ofHours(1)), clock)) {
            ApiClient client = new ApiClient(own.baseUrl());
            String ownToken = client.token(own.config());
            long auth = ApiClient.id(client.authorize(ownToken, "5.00", null, "INV-1", "C1"));
            clock.advance(Duration.ofMinutes(59));
            assertThat(own.settleNow().expiredAuthorizationIds()).isEmpty();
            clock.advance(Duration.ofMinutes(1));

            assertThat(own.settleNow().expiredAuthorizationIds()).containsExactly(auth);
        }
    }

    @Test
    void anExportDuringACutOffSeesAllOrNoneOfItsTransactionsSettled() throws Exception {
        for (int i = 0; i < 300; i++) {
            api.sale(token, "1.00", null, "INV-" + i, "C1");
        }
        String day = DateTimeFormatter.ofPattern("MM/dd/yyyy").format(LocalDate.of(2025, 6, 2));
        String range = "{\"start_date\":\"" + day + "\",\"end_date\":\"" + day + "\"}";
        AtomicBoolean settled = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Set<Set<String>>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    Set<Set<String>> seen = new HashSet<>();
                    // Read until the cut-off has happened and one more read saw its result.
                    boolean done = false;
                    while (!done) {
                        done = settled.get();
                        Set<String> statuses = new HashSet<>();
                        api.postJson("/v1/transactions/export/by_date_range", range, token).json().get("transactions")
                                .forEach(t -> statuses.add(t.get("status_code").asText()));
                        seen.add(statuses);
                    }
                    return seen;
                }));
            }
            Thread.yield();
            sandbox.settleNow();
            settled.set(true);
            for (Future<Set<Set<String>>> reader : readers) {
                // Every single export shows one status for all 300: Y before the cut-off, GB571 after.
                assertThat(reader.get()).allSatisfy(statuses -> assertThat(statuses).hasSize(1));
                assertThat(reader.get()).contains(Set.of("GB571"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
