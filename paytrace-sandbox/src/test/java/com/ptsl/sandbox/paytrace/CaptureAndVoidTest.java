package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** authorization/capture and void. */
class CaptureAndVoidTest {

    private static PayTraceSandbox sandbox;
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(80_000));
        api = new ApiClient(sandbox.baseUrl());
        token = api.token(sandbox.config());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static long authorization(String amount) {
        return ApiClient.id(api.authorize(token, amount, "123", "INV-C", "C100"));
    }

    private static long sale(String amount) {
        return ApiClient.id(api.sale(token, amount, "123", "INV-S", "C100"));
    }

    @Test
    void aFullCaptureAnswers112AndThePendingRecordKeepsTheAmount() {
        long auth = authorization("100.00");

        ApiClient.Reply reply = api.capture(token, auth, null);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("success", "response_code", "status_message",
                "transaction_id", "external_transaction_id");
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(112);
        assertThat(json.get("status_message").asText()).isEqualTo("Your transaction was successfully captured.");
        assertThat(json.get("transaction_id").asLong()).isEqualTo(auth);
        assertThat(json.get("external_transaction_id").asText()).isEmpty();
        JsonNode record = api.record(token, auth);
        assertThat(record.get("transaction_type").asText()).isEqualTo("AUTHORIZATION");
        assertThat(record.get("status_code").asText()).isEqualTo("Y");
        assertThat(record.get("status_message").asText()).isEqualTo("Pending Settlement");
        assertThat(record.get("amount").decimalValue()).isEqualByComparingTo("100.00");
    }

    @Test
    void aPartialCaptureExportsTheCapturedAmount() {
        long auth = authorization("100.00");

        assertThat(api.capture(token, auth, "60.25").json().get("response_code").asInt()).isEqualTo(112);

        JsonNode record = api.record(token, auth);
        assertThat(record.get("status_code").asText()).isEqualTo("Y");
        assertThat(record.get("amount").decimalValue()).isEqualByComparingTo("60.25");
    }

    @Test
    void capturingMoreThanAuthorizedIsRefusedAndChangesNothing() {
        long auth = authorization("50.00");

        ApiClient.Reply reply = api.capture(token, auth, "50.01");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.errorCode(reply)).isEqualTo("39");
        assertThat(reply.json().get("errors").get("39").get(0).asText()).contains("authorized amount");
        assertThat(api.record(token, auth).get("status_message").asText()).isEqualTo("Authorization Only");
        assertThat(api.capture(token, auth, "50.00").json().get("response_code").asInt()).isEqualTo(112);
    }

    @Test
    void onlyAnApprovedUncapturedAuthorizationCanBeCaptured() {
        long capturedOnce = authorization("20.00");
        api.capture(token, capturedOnce, "10.00");
        long voidedAuth = authorization("20.00");
        api.voidTransaction(token, voidedAuth);
        long declined = ApiClient.id(api.authorize(token, "1.12", "123", "INV-D", "C100"));
        long autoVoided = ApiClient.id(api.authorize(token, "20.00", "999", "INV-D", "C100"));

        for (long id : List.of(capturedOnce, voidedAuth, declined, autoVoided, sale("20.00"))) {
            ApiClient.Reply reply = api.capture(token, id, null);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("success").asBoolean()).isFalse();
            assertThat(reply.json().get("errors").get("816").get(0).asText())
                    .isEqualTo("Only uncaptured, approved authorizations can be captured.");
        }
        assertThat(api.record(token, capturedOnce).get("amount").decimalValue()).isEqualByComparingTo("10.00");
    }

    @Test
    void captureOfAnUnknownOrMalformedIdIs811Or58() {
        assertThat(ApiClient.errorCode(api.capture(token, 1, null))).isEqualTo("811");
        assertThat(ApiClient.errorCode(api.postJson("/v1/transactions/authorization/capture",
                "{\"transaction_id\":\"abc\"}", token))).isEqualTo("58");
        assertThat(ApiClient.errorCode(api.postJson("/v1/transactions/authorization/capture", "{}", token)))
                .isEqualTo("58");
        assertThat(ApiClient.errorCode(api.capture(token, authorization("5.00"), "-1.00"))).isEqualTo("39");
    }

    @Test
    void voidingAPendingSaleAnswers109AndExportsNVoided() {
        long sale = sale("33.30");

        ApiClient.Reply reply = api.voidTransaction(token, sale);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("success", "response_code", "status_message", "transaction_id");
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(109);
        assertThat(json.get("status_message").asText()).isEqualTo("Your transaction was successfully voided.");
        assertThat(json.get("transaction_id").asLong()).isEqualTo(sale);
        JsonNode record = api.record(token, sale);
        assertThat(record.get("transaction_type").asText()).isEqualTo("SALE");
        assertThat(record.get("status_code").asText()).isEqualTo("N");
        assertThat(record.get("status_message").asText()).isEqualTo("Voided");
        assertThat(record.get("amount").decimalValue()).isEqualByComparingTo("33.30");
    }

    @Test
    void anUncapturedOrACapturedAuthorizationCanBeVoided() {
        long uncaptured = authorization("70.00");
        long captured = authorization("70.00");
        api.capture(token, captured, "45.00");

        assertThat(api.voidTransaction(token, uncaptured).json().get("response_code").asInt()).isEqualTo(109);
        assertThat(api.voidTransaction(token, captured).json().get("response_code").asInt()).isEqualTo(109);

        JsonNode u = api.record(token, uncaptured);
        JsonNode c = api.record(token, captured);
        assertThat(u.get("transaction_type").asText()).isEqualTo("AUTHORIZATION");
        assertThat(u.get("status_message").asText()).isEqualTo("Voided");
        assertThat(u.get("amount").decimalValue()).isEqualByComparingTo("70.00");
        assertThat(c.get("status_code").asText()).isEqualTo("N");
        assertThat(c.get("status_message").asText()).isEqualTo("Voided");
        assertThat(c.get("amount").decimalValue()).isEqualByComparingTo("45.00");
    }

    @Test
    void onlyPendingTransactionsCanBeVoided() {
        long voidedTwice = sale("8.00");
        api.voidTransaction(token, voidedTwice);
        long declined = ApiClient.id(api.sale(token, "1.12", "123", "INV-D", "C100"));
        long autoVoided = ApiClient.id(api.sale(token, "8.00", "999", "INV-D", "C100"));

        for (long id : List.of(voidedTwice, declined, autoVoided)) {
            ApiClient.Reply reply = api.voidTransaction(token, id);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("errors").get("818").get(0).asText())
                    .isEqualTo("Only transactions pending settlement can be voided.");
        }
        assertThat(ApiClient.errorCode(api.voidTransaction(token, 2))).isEqualTo("811");
        assertThat(ApiClient.errorCode(api.postJson("/v1/transactions/void", "{\"transaction_id\":1.5}", token)))
                .isEqualTo("58");
    }

    @Test
    void aSettledSaleCannotBeVoided() {
        try (PayTraceSandbox own = PayTraceSandbox.start(SandboxConfig.defaults())) {
            ApiClient client = new ApiClient(own.baseUrl());
            String ownToken = client.token(own.config());
            long sale = ApiClient.id(client.sale(ownToken, "9.00", null, "INV-1", "C1"));
            own.settleNow();

            ApiClient.Reply reply = client.voidTransaction(ownToken, sale);

            assertThat(ApiClient.errorCode(reply)).isEqualTo("818");
            assertThat(client.record(ownToken, sale).get("status_code").asText()).isEqualTo("GB1");
        }
    }

    @Test
    void concurrentVoidsOfOneSaleSucceedOnce() throws Exception {
        long sale = sale("12.00");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> voids = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                voids.add(() -> api.voidTransaction(token, sale).status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(voids)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(7);
        } finally {
            pool.shutdownNow();
        }
    }
}
