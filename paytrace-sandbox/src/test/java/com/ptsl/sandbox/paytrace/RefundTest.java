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

/** refund/for_transaction and refund/keyed. */
class RefundTest {

    private static PayTraceSandbox sandbox;
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(90_000));
        api = new ApiClient(sandbox.baseUrl());
        token = api.token(sandbox.config());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    /** A sale, settled. */
    private static long settledSale(String amount) {
        long id = ApiClient.id(api.sale(token, amount, "123", "INV-R1", "PO-R1"));
        sandbox.settleNow();
        return id;
    }

    private static String refundError(long id, String amount) {
        ApiClient.Reply reply = api.refund(token, id, amount);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("success").asBoolean()).isFalse();
        return ApiClient.errorCode(reply);
    }

    @Test
    void onlySettledSalesAndCapturesCanBeRefunded() {
        long pendingSale = ApiClient.id(api.sale(token, "10.00", null, "INV-1", "C1"));
        long uncapturedAuth = ApiClient.id(api.authorize(token, "10.00", null, "INV-1", "C1"));
        long declined = ApiClient.id(api.sale(token, "1.12", null, "INV-1", "C1"));
        long voided = ApiClient.id(api.sale(token, "10.00", null, "INV-1", "C1"));
        api.voidTransaction(token, voided);

        for (long id : List.of(pendingSale, uncapturedAuth, declined, voided)) {
            ApiClient.Reply reply = api.refund(token, id, null);
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("errors").get("817").get(0).asText())
                    .isEqualTo("Only settled transactions can be refunded. Please void this transaction instead.");
        }
        long settledRefund = ApiClient.id(api.refund(token, settledSale("10.00"), "1.00"));
        sandbox.settleNow();
        assertThat(refundError(settledRefund, null)).isEqualTo("817"); // a refund is not refunded again
    }

    @Test
    void aFullRefundIsANewTransactionCopyingTheOriginal() {
        long sale = settledSale("42.34");
        JsonNode original = api.record(token, sale);

        ApiClient.Reply reply = api.refund(token, sale, null);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.fieldNames()).toIterable().containsExactly("success", "response_code", "status_message",
                "transaction_id", "external_transaction_id", "masked_card_number");
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(106);
        assertThat(json.get("status_message").asText()).isEqualTo("Your transaction was successfully refunded.");
        assertThat(json.get("transaction_id").asLong()).isGreaterThan(sale);
        assertThat(json.get("external_transaction_id").asText()).isEmpty();
        assertThat(json.get("masked_card_number").asText()).isEqualTo("xxxxxxxxxxxx5439");

        JsonNode refund = api.record(token, json.get("transaction_id").asLong());
        List<String> fields = new ArrayList<>(ApiClient.RECORD_FIELDS);
        fields.add("original_transaction_id");
        assertThat(refund.fieldNames()).toIterable().containsExactlyElementsOf(fields);
        assertThat(refund.get("original_transaction_id").isIntegralNumber()).isTrue();
        assertThat(refund.get("original_transaction_id").asLong()).isEqualTo(sale);
        assertThat(refund.get("transaction_type").asText()).isEqualTo("REFUND");
        assertThat(refund.get("status_code").asText()).isEqualTo("Y");
        assertThat(refund.get("status_message").asText()).isEqualTo("Pending Settlement");
        assertThat(refund.get("amount").decimalValue()).isEqualByComparingTo("42.34");
        assertThat(refund.get("settled").asText()).isEmpty();
        for (String copied : List.of("invoice_id", "customer_reference_id", "customer_id", "description",
                "billing_address", "shipping_address", "credit_card")) {
            assertThat(refund.get(copied)).as(copied).isEqualTo(original.get(copied));
        }
        JsonNode after = api.record(token, sale);
        assertThat(after).isEqualTo(original); // the original stays settled, unchanged
    }

    @Test
    void partialRefundsMaySumToTheSettledAmountButNoFurther() {
        long sale = settledSale("42.34");

        assertThat(api.refund(token, sale, "30.00").json().get("response_code").asInt()).isEqualTo(106);
        assertThat(refundError(sale, "12.35")).isEqualTo("39");
        assertThat(api.refund(token, sale, "12.34").json().get("response_code").asInt()).isEqualTo(106);
        assertThat(refundError(sale, "0.01")).isEqualTo("39");
        ApiClient.Reply nothingLeft = api.refund(token, sale, null);
        assertThat(ApiClient.errorCode(nothingLeft)).isEqualTo("39");
        assertThat(nothingLeft.json().get("errors").get("39").get(0).asText()).contains("cannot exceed the settled amount");
    }

    @Test
    void aRefundWithoutAmountRefundsWhatIsLeft() {
        long sale = settledSale("20.00");
        api.refund(token, sale, "5.50");

        long rest = ApiClient.id(api.refund(token, sale, null));

        assertThat(api.record(token, rest).get("amount").decimalValue()).isEqualByComparingTo("14.50");
    }

    @Test
    void aSettledCaptureIsRefundableUpToTheCapturedAmount() {
        long auth = ApiClient.id(api.authorize(token, "100.00", "123", "INV-AC", "C1"));
        api.capture(token, auth, "60.00");
        sandbox.settleNow();

        assertThat(refundError(auth, "60.01")).isEqualTo("39");
        long refund = ApiClient.id(api.refund(token, auth, "60.00"));
        assertThat(api.record(token, refund).get("original_transaction_id").asLong()).isEqualTo(auth);
    }

    @Test
    void aVoidedRefundNoLongerCountsAgainstTheSettledAmount() {
        long sale = settledSale("10.00");
        long refund = ApiClient.id(api.refund(token, sale, null));

        ApiClient.Reply voided = api.voidTransaction(token, refund);

        assertThat(voided.json().get("response_code").asInt()).isEqualTo(109);
        JsonNode record = api.record(token, refund);
        assertThat(record.get("transaction_type").asText()).isEqualTo("REFUND");
        assertThat(record.get("status_code").asText()).isEqualTo("N");
        assertThat(record.get("status_message").asText()).isEqualTo("Voided");
        assertThat(api.refund(token, sale, "10.00").json().get("response_code").asInt()).isEqualTo(106);
    }

    @Test
    void unknownAndMalformedIdsAre811And58() {
        assertThat(refundError(3, null)).isEqualTo("811");
        assertThat(ApiClient.errorCode(api.postJson("/v1/transactions/refund/for_transaction", "{}", token)))
                .isEqualTo("58");
        assertThat(refundError(settledSale("5.00"), "abc")).isEqualTo("39");
    }

    @Test
    void aKeyedRefundHasNoOriginal() {
        ApiClient.Reply reply = api.refundKeyed(token, "7.25", "INV-K1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().fieldNames()).toIterable().containsExactly("success", "response_code",
                "status_message", "transaction_id", "external_transaction_id", "masked_card_number");
        assertThat(reply.json().get("response_code").asInt()).isEqualTo(106);
        assertThat(reply.body()).doesNotContain(ApiClient.TEST_CARD);
        JsonNode record = api.record(token, ApiClient.id(reply));
        assertThat(record.fieldNames()).toIterable().containsExactlyElementsOf(ApiClient.RECORD_FIELDS);
        assertThat(record.get("transaction_type").asText()).isEqualTo("REFUND");
        assertThat(record.get("status_code").asText()).isEqualTo("Y");
        assertThat(record.get("amount").decimalValue()).isEqualByComparingTo("7.25");
        assertThat(record.get("invoice_id").asText()).isEqualTo("INV-K1");
        assertThat(record.get("credit_card").get("expiration_year").asInt()).isEqualTo(30);
    }

    @Test
    void aKeyedRefundIsValidatedLikeASale() {
        ApiClient.Reply reply = api.postJson("/v1/transactions/refund/keyed",
                "{\"amount\":\"5.00\",\"credit_card\":{\"number\":\"1234\",\"expiration_month\":\"1\",\"expiration_year\":\"30\"}}",
                token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(ApiClient.errorCode(reply)).isEqualTo("35");
    }

    @Test
    void concurrentPartialRefundsNeverExceedTheSettledAmount() throws Exception {
        long sale = settledSale("20.00");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> refunds = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                refunds.add(() -> api.refund(token, sale, "5.00").status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(refunds)) {
                statuses.add(f.get());
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(4);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(6);
        } finally {
            pool.shutdownNow();
        }
    }
}
