package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultsAndRoutingTest {

    private static PayTraceSandbox sandbox;
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults());
        api = new ApiClient(sandbox.baseUrl());
        token = api.token(sandbox.config());
    }

    @AfterEach
    void clearFaults() {
        sandbox.faults().clear();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        sandbox.close(); // idempotent
    }

    @Test
    void failNextFailsExactlyThatManyRequests() {
        sandbox.faults().failNext(429, 1);

        ApiClient.Reply failed = api.postJson("/v1/ping", "", null);
        ApiClient.Reply next = api.postJson("/v1/ping", "", null);

        assertThat(failed.status()).isEqualTo(429);
        assertThat(failed.body()).isEqualTo("{}");
        assertThat(failed.raw().headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        assertThat(next.status()).isEqualTo(200);
    }

    @Test
    void failedRequestsAreNotProcessed() {
        int before = sandbox.transactionCount();
        sandbox.faults().failNext(503, 2);

        assertThat(api.sale(token, "4.00", null, "INV-1", "C1").status()).isEqualTo(503);
        assertThat(api.sale(token, "4.00", null, "INV-1", "C1").status()).isEqualTo(503);
        assertThat(sandbox.transactionCount()).isEqualTo(before);
        assertThat(api.sale(token, "4.00", null, "INV-1", "C1").status()).isEqualTo(200);
        assertThat(sandbox.transactionCount()).isEqualTo(before + 1);
    }

    @Test
    void failNextRejectsNonErrorStatuses() {
        assertThatThrownBy(() -> sandbox.faults().failNext(200, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownRoutesAre404Json() {
        ApiClient.Reply withoutToken = api.postJson("/v1/transactions/nope", "{}", null);
        ApiClient.Reply withToken = api.postJson("/v1/transactions/nope", "{}", token);
        ApiClient.Reply elsewhere = api.get("/favicon.ico");

        for (ApiClient.Reply reply : List.of(withoutToken, withToken, elsewhere)) {
            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.json().get("error").asText()).isEqualTo("not_found");
        }
    }

    @Test
    void malformedJsonIs400WithAClearMessageAndTheServerCarriesOn() {
        ApiClient.Reply broken = api.postJson("/v1/transactions/sale/keyed", "{\"amount\": \"1.00\", ", token);
        ApiClient.Reply array = api.postJson("/v1/transactions/export/by_id", "[1,2]", token);

        assertThat(broken.status()).isEqualTo(400);
        JsonNode json = broken.json();
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("response_code").asInt()).isEqualTo(1);
        assertThat(json.get("errors").elements().next().get(0).asText()).contains("malformed JSON");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().get("errors").elements().next().get(0).asText()).contains("JSON object");
        assertThat(api.postJson("/v1/ping", "", null).status()).isEqualTo(200);
    }

    @Test
    void malformedJsonNeverEchoesTheCardNumber() {
        ApiClient.Reply reply = api.postJson("/v1/transactions/sale/keyed",
                "{\"credit_card\":{\"number\":" + ApiClient.TEST_CARD + "x}}", token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).doesNotContain(ApiClient.TEST_CARD);
    }

    @Test
    void salesAndExportsRunConcurrently() throws Exception {
        int before = sandbox.transactionCount();
        String today = DateTimeFormatter.ofPattern("MM/dd/yyyy").format(LocalDate.now(sandbox.config().merchantZone()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<List<Long>>> jobs = new ArrayList<>();
            for (int worker = 0; worker < 6; worker++) {
                jobs.add(() -> {
                    List<Long> ids = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        ids.add(api.sale(token, "3.50", null, "INV-C", "C-C").json().get("transaction_id").asLong());
                    }
                    return ids;
                });
            }
            for (int reader = 0; reader < 2; reader++) {
                jobs.add(() -> {
                    for (int i = 0; i < 20; i++) {
                        ApiClient.Reply reply = api.postJson("/v1/transactions/export/by_date_range",
                                "{\"start_date\":\"" + today + "\",\"end_date\":\"" + today + "\"}", token);
                        assertThat(reply.status()).isEqualTo(200);
                    }
                    return List.of();
                });
            }
            Set<Long> ids = new HashSet<>();
            for (Future<List<Long>> result : pool.invokeAll(jobs)) {
                ids.addAll(result.get());
            }
            assertThat(ids).hasSize(120);
            assertThat(sandbox.transactionCount()).isEqualTo(before + 120);
        } finally {
            pool.shutdownNow();
        }
    }
}
