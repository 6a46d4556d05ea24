package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** authorization/keyed, the customer vault, and sale/authorization by_customer. */
class AuthorizationTest {

    /** The fields of a sale or authorization reply, in PayTrace's order. */
    private static final List<String> CHARGE_REPLY_FIELDS = List.of("success", "response_code", "status_message",
            "transaction_id", "approval_code", "approval_message", "avs_response", "csc_response",
            "external_transaction_id", "masked_card_number");

    private static PayTraceSandbox sandbox;
    private static ApiClient api;
    private static String token;

    @BeforeAll
    static void start() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstTransactionId(70_000));
        api = new ApiClient(sandbox.baseUrl());
        token = api.token(sandbox.config());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void anApprovedAuthorizationAnswersLikeASaleAndExportsAsAuthorizationOnly() {
        ApiClient.Reply reply = api.authorize(token, "100.00", "123", "INV-A1", "C100");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(CHARGE_REPLY_FIELDS);
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(101);
        assertThat(json.get("status_message").asText()).isEqualTo("Your transaction was successfully approved.");
        assertThat(json.get("approval_code").asText()).matches("^TAS\\d{3}$");
        assertThat(json.get("masked_card_number").asText()).isEqualTo("xxxxxxxxxxxx5439");
        JsonNode record = api.record(token, ApiClient.id(reply));
        assertThat(record.fieldNames()).toIterable().containsExactlyElementsOf(ApiClient.RECORD_FIELDS);
        assertThat(record.get("transaction_type").asText()).isEqualTo("AUTHORIZATION");
        assertThat(record.get("status_code").asText()).isEqualTo("N");
        assertThat(record.get("status_message").asText()).isEqualTo("Authorization Only");
        assertThat(record.get("amount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(record.get("invoice_id").asText()).isEqualTo("INV-A1");
        assertThat(record.get("settled").asText()).isEmpty();
    }

    @Test
    void anAuthorizationOf112IsDeclinedLikeASale() {
        ApiClient.Reply reply = api.authorize(token, "1.12", "123", "INV-A2", "C100");

        assertThat(reply.json().get("success").asBoolean()).isFalse();
        assertThat(reply.json().get("response_code").asInt()).isEqualTo(102);
        assertThat(reply.json().get("approval_code").asText()).isEmpty();
        JsonNode record = api.record(token, ApiClient.id(reply));
        assertThat(record.get("transaction_type").asText()).isEqualTo("DECLINED");
        assertThat(record.get("status_code").asText()).isEqualTo("N");
        assertThat(record.get("status_message").asText()).isEqualTo("Declined");
    }

    @Test
    void anAuthorizationWithCsc999IsApprovedThenAutoVoided() {
        ApiClient.Reply reply = api.authorize(token, "40.00", "999", "INV-A3", "C100");

        assertThat(reply.json().get("success").asBoolean()).isTrue();
        assertThat(reply.json().get("response_code").asInt()).isEqualTo(103);
        JsonNode record = api.record(token, ApiClient.id(reply));
        assertThat(record.get("transaction_type").asText()).isEqualTo("AUTHORIZATION");
        assertThat(record.get("status_code").asText()).isEqualTo("N");
        assertThat(record.get("status_message").asText()).isEqualTo("Voided");
        assertThat(record.get("csc_response").asText()).isEqualTo("No Match");
    }

    @Test
    void anAuthorizationIsValidatedLikeASale() {
        int before = sandbox.transactionCount();
        ApiClient.Reply reply = api.postJson("/v1/transactions/authorization/keyed", """
                {"amount":"0","credit_card":{"number":"4012000098765438","expiration_month":"13","expiration_year":"31"}}
                """, token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").fieldNames()).toIterable().containsExactly("39", "35", "43");
        assertThat(sandbox.transactionCount()).isEqualTo(before);
    }

    @Test
    void createCustomerKeepsOnlyTheMaskedCardAndRefusesADuplicateId() {
        ApiClient.Reply created = api.createCustomer(token, "customer456", "Steve Smith");
        ApiClient.Reply again = api.createCustomer(token, "customer456", "Someone Else");

        assertThat(created.status()).isEqualTo(200);
        JsonNode json = created.json();
        assertThat(json.fieldNames()).toIterable()
                .containsExactly("success", "response_code", "status_message", "customer_id", "masked_card_number");
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(160);
        assertThat(json.get("status_message").asText())
                .isEqualTo("The customer profile for customer456/Steve Smith was successfully created.");
        assertThat(json.get("customer_id").asText()).isEqualTo("customer456");
        assertThat(json.get("masked_card_number").asText()).isEqualTo("xxxxxxxxxxxx" + last4(TestCards.MASTERCARD));
        assertThat(created.body()).doesNotContain(TestCards.MASTERCARD);

        assertThat(again.status()).isEqualTo(400);
        assertThat(ApiClient.errorCode(again)).isEqualTo("171");
        assertThat(again.json().get("errors").get("171").get(0).asText()).isEqualTo("Please provide a unique customer ID.");
    }

    @Test
    void createCustomerValidatesIdAndCard() {
        ApiClient.Reply reply = api.postJson("/v1/customer/create",
                "{\"credit_card\":{\"number\":\"123\",\"expiration_month\":\"12\",\"expiration_year\":\"2031\"}}", token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").fieldNames()).toIterable().containsExactly("30", "35");
    }

    @Test
    void aSaleByCustomerChargesTheVaultedCardAndCarriesTheCustomerId() {
        api.createCustomer(token, "cust-sale", "Vault Sale");

        ApiClient.Reply reply = api.byCustomer(token, "sale", "cust-sale", "55.10", "INV-V1");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().fieldNames()).toIterable().containsExactlyElementsOf(CHARGE_REPLY_FIELDS);
        assertThat(reply.json().get("response_code").asInt()).isEqualTo(101);
        assertThat(reply.json().get("masked_card_number").asText()).endsWith(last4(TestCards.MASTERCARD));
        JsonNode record = api.record(token, ApiClient.id(reply));
        assertThat(record.get("transaction_type").asText()).isEqualTo("SALE");
        assertThat(record.get("status_code").asText()).isEqualTo("Y");
        assertThat(record.get("customer_id").asText()).isEqualTo("cust-sale");
        assertThat(record.get("invoice_id").asText()).isEqualTo("INV-V1");
        assertThat(record.get("credit_card").get("masked_number").asText()).endsWith(last4(TestCards.MASTERCARD));
        assertThat(record.get("credit_card").get("expiration_month").asInt()).isEqualTo(10);
        assertThat(record.get("credit_card").get("expiration_year").asInt()).isEqualTo(32);
        assertThat(record.get("billing_address").get("name").asText()).isEqualTo("Vault Sale");
        assertThat(record.get("avs_response").asText()).isEqualTo("Full Exact Match");
    }

    @Test
    void anAuthorizationByCustomerIsAnAuthorizationOnlyWithTheCustomerId() {
        api.createCustomer(token, "cust-auth", "Vault Auth");

        ApiClient.Reply reply = api.byCustomer(token, "authorization", "cust-auth", "75.00", "INV-V2");

        assertThat(reply.json().get("response_code").asInt()).isEqualTo(101);
        JsonNode record = api.record(token, ApiClient.id(reply));
        assertThat(record.get("transaction_type").asText()).isEqualTo("AUTHORIZATION");
        assertThat(record.get("status_message").asText()).isEqualTo("Authorization Only");
        assertThat(record.get("customer_id").asText()).isEqualTo("cust-auth");
    }

    @Test
    void anUnknownCustomerIsError30AndRecordsNothing() {
        int before = sandbox.transactionCount();

        for (String kind : List.of("sale", "authorization")) {
            ApiClient.Reply reply = api.byCustomer(token, kind, "nobody", "10.00", "INV-V3");
            assertThat(reply.status()).isEqualTo(400);
            assertThat(ApiClient.errorCode(reply)).isEqualTo("30");
        }
        assertThat(sandbox.transactionCount()).isEqualTo(before);
    }

    @Test
    void theExportFiltersByCustomerId() {
        api.createCustomer(token, "cust-filter", "Filter Me");
        long byCustomer = ApiClient.id(api.byCustomer(token, "sale", "cust-filter", "12.00", "INV-V4"));
        api.sale(token, "12.00", null, "INV-V5", "cust-filter"); // a keyed sale: no customer_id

        LocalDate today = LocalDate.now(sandbox.config().merchantZone());
        DateTimeFormatter format = DateTimeFormatter.ofPattern("MM/dd/yyyy");
        JsonNode found = api.postJson("/v1/transactions/export/by_date_range", "{\"start_date\":\""
                + format.format(today.minusDays(1)) + "\",\"end_date\":\"" + format.format(today)
                + "\",\"customer_id\":\"cust-filter\"}", token)
                .json().get("transactions");

        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("transaction_id").asLong()).isEqualTo(byCustomer);
    }

    private static String last4(String number) {
        return number.substring(number.length() - 4);
    }
}
