package com.ptsl.gateway.paytrace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against the PayTrace sandbox over real HTTP. */
class PayTraceClientTest {

    private static PayTraceSandbox sandbox;
    private static List<TrafficGenerator.SaleMade> sales;

    @BeforeAll
    static void startSandbox() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults());
        sales = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(), sandbox.config().password(),
                List.of(new TrafficGenerator.Target("C00001", "INV0001", new BigDecimal("250.00"))), 7L).makeSales(3);
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    private static PayTraceClient client() {
        return client(new MutableClock(Instant.now()));
    }

    private static PayTraceClient client(MutableClock clock) {
        return new PayTraceClient(URI.create(sandbox.baseUrl()), new PayTraceClient.Credentials(
                sandbox.config().username(), sandbox.config().password(), "TESTINT01"), Duration.ofSeconds(10), clock);
    }

    private static LocalDate today() {
        return LocalDate.now(sandbox.config().merchantZone());
    }

    @Test
    void exportsEveryTransactionOfTheRangeWithAmountsKeptExactly() {
        List<ObjectNode> records = client().exportByDateRange(today().minusDays(1), today());

        Map<Long, ObjectNode> byId = records.stream()
                .collect(Collectors.toMap(r -> r.get("transaction_id").asLong(), Function.identity()));
        assertThat(byId).hasSize(sales.size());
        for (TrafficGenerator.SaleMade sale : sales) {
            ObjectNode record = byId.get(sale.transactionId());
            assertThat(record.get("amount").isNumber()).isTrue();
            assertThat(record.get("amount").decimalValue()).isEqualByComparingTo(sale.amount());
            assertThat(record.get("invoice_id").asText()).isEqualTo("INV0001");
            assertThat(record.path("credit_card").path("masked_number").asText()).matches("\\*+\\d{4}");
        }
    }

    @Test
    void aRangeBeforeAnySaleIsEmpty() {
        assertThat(client().exportByDateRange(today().minusDays(10), today().minusDays(9))).isEmpty();
    }

    @Test
    void exportsOneTransactionByIdAndNothingForAnUnknownId() {
        long id = sales.get(1).transactionId();
        PayTraceClient client = client();

        assertThat(client.exportById(id)).hasValueSatisfying(r -> assertThat(r.get("transaction_id").asLong()).isEqualTo(id));
        assertThat(client.exportById(1L)).isEmpty();
    }

    @Test
    void exportsTheBatchesOfTheSettleDaysAndEachBatchsTransactions() {
        try (PayTraceSandbox own = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(600_000_000L))) {
            List<TrafficGenerator.SaleMade> settled = new TrafficGenerator(own.baseUrl(), own.config().username(),
                    own.config().password(), List.of(new TrafficGenerator.Target("C00001", "INV0001", new BigDecimal("90.00"))), 9L)
                    .makeSales(2);
            int number = own.settleNow().batchNumber().getAsInt();
            List<String> calls = Collections.synchronizedList(new ArrayList<>());
            PayTraceClient client = new PayTraceClient(URI.create(own.baseUrl()), new PayTraceClient.Credentials(
                    own.config().username(), own.config().password(), null), Duration.ofSeconds(10),
                    new MutableClock(Instant.now()), (endpoint, outcome) -> calls.add(endpoint.label() + " " + outcome.label()));
            LocalDate today = LocalDate.now(own.config().merchantZone());

            List<ObjectNode> batches = client.exportBatches(today.minusDays(1), today);
            List<ObjectNode> transactions = client.batchTransactions(Integer.toString(number));

            assertThat(batches).singleElement().satisfies(b -> {
                assertThat(b.get("number").isIntegralNumber()).isTrue();
                assertThat(b.get("number").asInt()).isEqualTo(number);
                assertThat(b.get("transaction_count").asInt()).isEqualTo(2);
                assertThat(b.get("net_amount").decimalValue()).isEqualByComparingTo(
                        settled.get(0).amount().add(settled.get(1).amount()));
            });
            assertThat(transactions).extracting(t -> t.get("transaction_id").asLong())
                    .containsExactlyInAnyOrder(settled.get(0).transactionId(), settled.get(1).transactionId());
            assertThat(client.exportBatches(today.minusDays(10), today.minusDays(9))).isEmpty();
            assertThatThrownBy(() -> client.batchTransactions(Integer.toString(number + 1)))
                    .isInstanceOf(PayTraceApiException.class);
            assertThat(calls).containsExactly("oauth_token ok", "batches_export ok", "batches_transaction_list ok",
                    "batches_export ok", "batches_transaction_list 4xx");
        }
    }

    @Test
    void cachesTheTokenAcrossCalls() {
        PayTraceClient client = client();
        client.exportByDateRange(today(), today());
        client.exportByDateRange(today(), today());
        client.exportById(sales.get(0).transactionId());

        assertThat(client.tokenRequests()).isEqualTo(1);
    }

    @Test
    void logsInAgainOnceWhenPayTraceSaysTheTokenIsInvalid() {
        PayTraceClient client = client();
        client.exportByDateRange(today(), today());

        sandbox.faults().expireAllTokens();
        List<ObjectNode> records = client.exportByDateRange(today().minusDays(1), today());

        assertThat(records).hasSize(sales.size());
        assertThat(client.tokenRequests()).isEqualTo(2);
    }

    @Test
    void renewsTheTokenBeforeItExpires() {
        MutableClock clock = new MutableClock(Instant.now());
        PayTraceClient client = client(clock);
        client.exportByDateRange(today(), today());

        clock.advance(Duration.ofMinutes(119)); // sandbox tokens live 2 h; the client renews a minute early
        client.exportByDateRange(today(), today());

        assertThat(client.tokenRequests()).isEqualTo(2);
    }

    @Test
    void serverErrorsAndRateLimitsAreTransient() {
        PayTraceClient client = client();
        client.exportByDateRange(today(), today());

        sandbox.faults().failNext(503, 1);
        assertThatThrownBy(() -> client.exportByDateRange(today(), today()))
                .isInstanceOfSatisfying(PayTraceUnavailableException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.isTransient()).isTrue();
                });
        sandbox.faults().failNext(429, 1);
        assertThatThrownBy(() -> client.exportByDateRange(today(), today()))
                .isInstanceOfSatisfying(PayTraceUnavailableException.class, e -> assertThat(e.httpStatus()).isEqualTo(429));

        assertThat(client.exportByDateRange(today().minusDays(1), today())).hasSize(sales.size());
    }

    @Test
    void aFailedLoginIsTransientWhenPayTraceIsDown() {
        sandbox.faults().failNext(502, 1);

        assertThatThrownBy(() -> client().exportByDateRange(today(), today()))
                .isInstanceOfSatisfying(PayTraceUnavailableException.class, e -> assertThat(e.httpStatus()).isEqualTo(502));
    }

    @Test
    void wrongCredentialsAreAnApiErrorThatDoesNotRevealThePassword() {
        PayTraceClient client = new PayTraceClient(URI.create(sandbox.baseUrl()),
                new PayTraceClient.Credentials(sandbox.config().username(), "wrong-Pa55word", null));

        assertThatThrownBy(() -> client.exportByDateRange(today(), today()))
                .isInstanceOfSatisfying(PayTraceApiException.class, e -> {
                    assertThat(e.hasCode("invalid_grant")).isTrue();
                    assertThat(e.isTransient()).isFalse();
                    assertThat(e.httpStatus()).isEqualTo(400);
                })
                .message().doesNotContain("wrong-Pa55word");
        assertThat(client.toString()).doesNotContain("wrong-Pa55word");
    }

    @Test
    void noAnswerAtAllIsTransient() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PayTraceClient client = new PayTraceClient(URI.create("http://127.0.0.1:" + closedPort),
                new PayTraceClient.Credentials("u", "p", null), Duration.ofSeconds(2), new MutableClock(Instant.now()));

        assertThatThrownBy(() -> client.exportByDateRange(today(), today()))
                .isInstanceOfSatisfying(PayTraceUnavailableException.class, e -> assertThat(e.httpStatus()).isEqualTo(-1));
    }

    @Test
    void reportsEveryExchangeWithItsHttpLevelOutcome() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        PayTraceClient client = new PayTraceClient(URI.create(sandbox.baseUrl()), new PayTraceClient.Credentials(
                sandbox.config().username(), sandbox.config().password(), null), Duration.ofSeconds(10),
                new MutableClock(Instant.now()), (endpoint, outcome) -> calls.add(endpoint.label() + " " + outcome.label()));

        client.exportByDateRange(today(), today());
        client.exportById(sales.get(0).transactionId());
        sandbox.faults().failNext(503, 1);
        assertThatThrownBy(() -> client.exportByDateRange(today(), today())).isInstanceOf(PayTraceUnavailableException.class);
        sandbox.faults().failNext(429, 1);
        assertThatThrownBy(() -> client.exportByDateRange(today(), today())).isInstanceOf(PayTraceUnavailableException.class);
        sandbox.faults().failNext(408, 1);
        assertThatThrownBy(() -> client.exportById(1L)).isInstanceOf(PayTraceUnavailableException.class);
        sandbox.faults().expireAllTokens();
        client.exportByDateRange(today(), today());

        assertThat(calls).containsExactly(
                "oauth_token ok", "export_by_date_range ok",
                "export_by_id ok",
                "export_by_date_range 5xx",
                "export_by_date_range 429",
                "export_by_id timeout",
                "export_by_date_range 4xx", "oauth_token ok", "export_by_date_range ok");
    }

    @Test
    void reportsNoAnswerAsUnreachableOrTimeout() throws Exception {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        PayTraceCallObserver observer = (endpoint, outcome) -> calls.add(endpoint.label() + " " + outcome.label());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PayTraceClient refused = new PayTraceClient(URI.create("http://127.0.0.1:" + closedPort),
                new PayTraceClient.Credentials("u", "p", null), Duration.ofSeconds(2), new MutableClock(Instant.now()), observer);
        assertThatThrownBy(() -> refused.exportByDateRange(today(), today())).isInstanceOf(PayTraceUnavailableException.class);

        // Accepts the connection (the kernel does, from the backlog) but never answers.
        try (ServerSocket silent = new ServerSocket(0)) {
            PayTraceClient hanging = new PayTraceClient(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    new PayTraceClient.Credentials("u", "p", null), Duration.ofMillis(500), new MutableClock(Instant.now()), observer);
            assertThatThrownBy(() -> hanging.exportByDateRange(today(), today())).isInstanceOf(PayTraceUnavailableException.class);
        }

        assertThat(calls).containsExactly("oauth_token unreachable", "oauth_token timeout");
    }

    @Test
    void classifiesStatusesAsDocumented() {
        assertThat(List.of(200, 204, 302, 400, 401, 404, 408, 429, 500, 502, 503, 599).stream()
                .map(status -> status + "=" + PayTraceCallObserver.Outcome.ofStatus(status).label()).toList())
                .containsExactly("200=ok", "204=ok", "302=ok", "400=4xx", "401=4xx", "404=4xx", "408=timeout", "429=429",
                        "500=5xx", "502=5xx", "503=5xx", "599=5xx");
    }

    @Test
    void readsV1ErrorBodiesIntoCodesAndMessages() throws Exception {
        Map<String, List<String>> errors = PayTraceClient.errorsOf(com.ptsl.gateway.json.Json.parse(
                "{\"success\":false,\"response_code\":1,\"status_message\":\"One or more errors has occurred.\","
                        + "\"errors\":{\"30\":[\"Customer ID not found.\"],\"45\":[\"a\",\"b\"]},\"external_transaction_id\":\"\"}"));

        assertThat(errors).containsExactly(Map.entry("30", List.of("Customer ID not found.")), Map.entry("45", List.of("a", "b")));
        assertThat(new PayTraceApiException("export/by_id 1", 400, errors).getMessage())
                .contains("HTTP 400").contains("30: Customer ID not found.").contains("45: a / b");
    }
}
