package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SaleTest {

    private static PayTraceSandbox sandbox;
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(5_000));
        api = new ApiClient(sandbox.baseUrl());
        token = api.token(sandbox.config());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void anApprovedSaleHasTheDocumentedFields() {
        ApiClient.Reply reply = api.sale(token, "12.34", "123", "INV-1", "C100");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(101);
        assertThat(json.get("status_message").asText()).isEqualTo("Your transaction was successfully approved.");
        assertThat(json.get("transaction_id").isIntegralNumber()).isTrue();
        assertThat(json.get("transaction_id").asLong()).isGreaterThanOrEqualTo(5_000);
        assertThat(json.get("approval_code").asText()).matches("^TAS\\d{3}$");
        assertThat(json.get("approval_message").asText()).startsWith("  ").endsWith("Approved and completed");
        assertThat(json.get("avs_response").asText()).isEqualTo("Full Exact Match");
        assertThat(json.get("csc_response").asText()).isEqualTo("Match");
        assertThat(json.get("masked_card_number").asText()).isEqualTo("xxxxxxxxxxxx5439");
        assertThat(json.get("external_transaction_id").asText()).isEmpty();
        assertThat(reply.body()).doesNotContain(ApiClient.TEST_CARD);
    }

    @Test
    void transactionIdsIncrease() {
        long first = api.sale(token, "2.00", null, "INV-2", "C100").json().get("transaction_id").asLong();
        long second = api.sale(token, "3.00", null, "INV-3", "C100").json().get("transaction_id").asLong();

        assertThat(second).isGreaterThan(first);
    }

    @Test
    void amount112IsDeclined() {
        ApiClient.Reply reply = api.sale(token, "1.12", "123", "INV-4", "C100");

        assertThat(reply.status()).isEqualTo(200); // the default decline status
        JsonNode json = reply.json();
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("response_code").asInt()).isEqualTo(102);
        assertThat(json.get("status_message").asText()).isEqualTo("Your transaction was not approved.");
        assertThat(json.get("approval_code").asText()).isEmpty();
        assertThat(json.get("approval_message").asText()).isEqualTo("    DECLINE - Do not honor");
        assertThat(json.get("transaction_id").isIntegralNumber()).isTrue();
        assertThat(json.get("masked_card_number").asText()).isEqualTo("xxxxxxxxxxxx5439");
    }

    @Test
    void theHttpStatusOfDeclinesIsConfigurable() {
        try (PayTraceSandbox own = PayTraceSandbox.start(SandboxConfig.defaults().withDeclineHttpStatus(400))) {
            ApiClient client = new ApiClient(own.baseUrl());
            ApiClient.Reply reply = client.sale(client.token(own.config()), "1.12", null, "INV-5", "C100");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("response_code").asInt()).isEqualTo(102);
        }
    }

    @Test
    void csc999IsApprovedButAutoVoided() {
        ApiClient.Reply reply = api.sale(token, "25.00", "999", "INV-6", "C100");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(103);
        assertThat(json.get("approval_code").asText()).isNotEmpty();
        assertThat(json.get("csc_response").asText()).isEqualTo("No Match");
        assertThat(json.get("transaction_id").isIntegralNumber()).isTrue();
    }

    @Test
    void anInvalidCardNumberIsError35AndRecordsNothing() {
        int before = sandbox.transactionCount();
        String json = """
                {"amount":"10.00","credit_card":{"number":"4012000098765438","expiration_month":"12","expiration_year":"2031"}}
                """;
        ApiClient.Reply reply = api.postJson("/v1/transactions/sale/keyed", json, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json()).isEqualTo(ApiClient.MAPPER.createObjectNode()
                .put("success", false)
                .put("response_code", 1)
                .put("status_message", "One or more errors has occurred.")
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("errors", ApiClient.MAPPER.createObjectNode()
                        .set("35", ApiClient.MAPPER.createArrayNode().add("Please provide a valid Credit Card Number.")))
                .put("external_transaction_id", ""));
        assertThat(reply.body()).doesNotContain("4012000098765438");
        assertThat(sandbox.transactionCount()).isEqualTo(before);
    }

    @Test
    void badExpiryGivesErrors43And44TogetherWithOtherErrors() {
        String json = """
                {"amount":"10.00","credit_card":{"number":"123","expiration_month":"13","expiration_year":"20x1"}}
                """;
        JsonNode errors = api.postJson("/v1/transactions/sale/keyed", json, token).json().get("errors");

        assertThat(errors.fieldNames()).toIterable().containsExactly("35", "43", "44");
        assertThat(errors.get("43").get(0).asText()).isEqualTo("Please provide a valid Expiration Month.");
        assertThat(errors.get("44").get(0).asText()).isEqualTo("Please provide a valid Expiration Year.");
    }

    @Test
    void anExpiredCardIsDeclined() {
        String json = """
                {"amount":"10.00","credit_card":{"number":"%s","expiration_month":"01","expiration_year":"2020"}}
                """.formatted(ApiClient.TEST_CARD);
        JsonNode reply = api.postJson("/v1/transactions/sale/keyed", json, token).json();

        assertThat(reply.get("response_code").asInt()).isEqualTo(102);
        assertThat(reply.get("approval_message").asText()).contains("EXPIRED CARD");
    }

    @Test
    void aMissingOrBadAmountIsAValidationError() {
        String json = """
                {"amount":"12.345","credit_card":{"number":"%s","expiration_month":"12","expiration_year":"31"}}
                """.formatted(ApiClient.TEST_CARD);
        ApiClient.Reply reply = api.postJson("/v1/transactions/sale/keyed", json, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("success").asBoolean()).isFalse();
        assertThat(reply.json().get("errors").size()).isEqualTo(1);
    }

    @Test
    void amountAsAJsonNumberAndFormEncodedBodiesAreAccepted() {
        String json = """
                {"amount":7.5,"credit_card":{"number":"%s","expiration_month":12,"expiration_year":2031}}
                """.formatted(ApiClient.TEST_CARD);
        assertThat(api.postJson("/v1/transactions/sale/keyed", json, token).json().get("response_code").asInt())
                .isEqualTo(101);

        ApiClient.Reply form = api.post("/v1/transactions/sale/keyed", "application/x-www-form-urlencoded",
                "amount=8.00&credit_card%5Bnumber%5D=" + ApiClient.TEST_CARD
                        + "&credit_card%5Bexpiration_month%5D=12&credit_card%5Bexpiration_year%5D=2031", token);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.json().get("response_code").asInt()).isEqualTo(101);

        // JSON mislabelled as a form (curl -d does this) is still read as JSON.
        ApiClient.Reply mislabelled = api.post("/v1/transactions/sale/keyed", "application/x-www-form-urlencoded",
                json, token);
        assertThat(mislabelled.json().get("response_code").asInt()).isEqualTo(101);
    }
}
