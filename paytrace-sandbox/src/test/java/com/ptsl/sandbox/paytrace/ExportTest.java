package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ExportTest {

    private static final String BY_DATE = "/v1/transactions/export/by_date_range";
    private static final String BY_ID = "/v1/transactions/export/by_id";
    private static final DateTimeFormatter REQUEST_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy");
    private static final String CREATED_AT = "^\\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d{2}:\\d{2} (AM|PM)$";

    /** The §3.1 record fields, in PayTrace's order. */
    private static final List<String> RECORD_FIELDS = List.of("transaction_id", "credit_card", "transaction_type",
            "description", "amount", "invoice_id", "shipping_address", "billing_address", "receipt_emailed_to",
            "tax_amount", "customer_reference_id", "approval_code", "approval_message", "avs_response",
            "csc_response", "status_code", "status_message", "created", "settled", "customer_id");

    private static PayTraceSandbox sandbox;
    private static ApiClient api;
    private static String token;
    private static ZoneId zone;
    private static LocalDate firstDay;
    private static long approvedId;
    private static long roundAmountId;
    private static long declinedId;
    private static long voidedId;
    private static LocalDate lastDay;

    @BeforeAll
    static void start() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults());
        api = new ApiClient(sandbox.baseUrl());
        token = api.token(sandbox.config());
        zone = sandbox.config().merchantZone();
        // "Today" on both sides of the sales, in case they straddle the merchant's midnight.
        firstDay = LocalDate.now(zone);
        approvedId = api.sale(token, "12.34", "123", "INV-1001", "C100").json().get("transaction_id").asLong();
        roundAmountId = api.sale(token, "110.00", null, "INV-1002", "C200").json().get("transaction_id").asLong();
        declinedId = api.sale(token, "1.12", "123", "INV-1003", "C300").json().get("transaction_id").asLong();
        voidedId = api.sale(token, "5.00", "999", "INV-1004", "C400").json().get("transaction_id").asLong();
        lastDay = LocalDate.now(zone);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ApiClient.Reply byDate(LocalDate from, LocalDate to) {
        return api.postJson(BY_DATE, "{\"start_date\":\"%s\",\"end_date\":\"%s\"}"
                .formatted(REQUEST_DATE.format(from), REQUEST_DATE.format(to)), token);
    }

    private static JsonNode record(JsonNode transactions, long id) {
        for (JsonNode t : transactions) {
            if (t.get("transaction_id").asLong() == id) {
                return t;
            }
        }
        throw new AssertionError("transaction " + id + " not exported: " + transactions);
    }

    @Test
    void byDateRangeReturnsTodaysSalesInTheDocumentedShape() {
        ApiClient.Reply reply = byDate(firstDay, lastDay);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(1);
        assertThat(json.get("status_message").asText()).isEqualTo("Your request has been successfully completed.");
        assertThat(json.get("external_transaction_id").asText()).isEmpty();
        JsonNode transactions = json.get("transactions");
        assertThat(transactions).hasSize(4);

        JsonNode sale = record(transactions, approvedId);
        assertThat(sale.fieldNames()).toIterable().containsExactlyElementsOf(RECORD_FIELDS);
        assertThat(sale.get("transaction_id").isIntegralNumber()).isTrue();
        assertThat(sale.get("credit_card").get("masked_number").asText()).isEqualTo("************5439");
        assertThat(sale.get("credit_card").get("expiration_month").asInt()).isEqualTo(12);
        assertThat(sale.get("credit_card").get("expiration_year").asInt()).isEqualTo(31);
        assertThat(sale.get("transaction_type").asText()).isEqualTo("SALE");
        assertThat(sale.get("description").asText()).isEqualTo("test sale");
        assertThat(sale.get("amount").isNumber()).isTrue();
        assertThat(sale.get("amount").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(sale.get("invoice_id").asText()).isEqualTo("INV-1001");
        assertThat(sale.get("customer_reference_id").asText()).isEqualTo("C100");
        assertThat(sale.get("billing_address").fieldNames()).toIterable()
                .containsExactly("name", "street_address", "street_address2", "city", "state", "zip", "country");
        assertThat(sale.get("billing_address").get("zip").asText()).isEqualTo("85284");
        assertThat(sale.get("shipping_address").fieldNames()).toIterable()
                .containsExactly("name", "street_address", "street_address2", "city", "county", "state", "zip", "country");
        assertThat(sale.get("receipt_emailed_to").asText()).isEqualTo("steve@example.com");
        assertThat(sale.get("tax_amount").isTextual()).isTrue();
        assertThat(sale.get("tax_amount").asText()).isEqualTo("1.10");
        assertThat(sale.get("approval_code").asText()).matches("^TAS\\d{3}$");
        assertThat(sale.get("status_code").asText()).isEqualTo("Y");
        assertThat(sale.get("status_message").asText()).isEqualTo("Pending Settlement");
        JsonNode created = sale.get("created");
        assertThat(created.get("through").asText()).isEqualTo("API");
        assertThat(created.get("at").asText()).matches(CREATED_AT);
        assertThat(created.get("by").asText()).isEqualTo("sandbox-api-user");
        assertThat(created.get("from_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(sale.get("settled").asText()).isEmpty();
        assertThat(sale.get("customer_id").asText()).isEmpty();
    }

    @Test
    void amountsAreJsonNumbersWithoutTrailingZeros() {
        String body = byDate(firstDay, lastDay).body();

        assertThat(body).contains("\"amount\":110,").contains("\"amount\":12.34,");
    }

    @Test
    void declinedAndAutoVoidedSalesAreExportedWithStatusN() {
        JsonNode transactions = byDate(firstDay, lastDay).json().get("transactions");

        JsonNode declined = record(transactions, declinedId);
        assertThat(declined.get("transaction_type").asText()).isEqualTo("DECLINED");
        assertThat(declined.get("status_code").asText()).isEqualTo("N");
        assertThat(declined.get("status_message").asText()).containsIgnoringCase("DECL");
        assertThat(declined.get("approval_code").asText()).isEmpty();

        JsonNode voided = record(transactions, voidedId);
        assertThat(voided.get("transaction_type").asText()).isEqualTo("SALE");
        assertThat(voided.get("status_code").asText()).isEqualTo("N");
        assertThat(voided.get("status_message").asText()).containsIgnoringCase("VOID");
    }

    @Test
    void recordsComeInAscendingTransactionIdOrder() {
        List<Long> ids = new ArrayList<>();
        byDate(firstDay, lastDay).json().get("transactions").forEach(t -> ids.add(t.get("transaction_id").asLong()));

        assertThat(ids).containsExactly(approvedId, roundAmountId, declinedId, voidedId);
    }

    @Test
    void aRangeExcludingTodayReturnsNothing() {
        JsonNode past = byDate(firstDay.minusDays(10), firstDay.minusDays(1)).json();
        JsonNode future = byDate(lastDay.plusDays(1), lastDay.plusDays(3)).json();

        assertThat(past.get("success").asBoolean()).isTrue();
        assertThat(past.get("transactions")).isEmpty();
        assertThat(future.get("transactions")).isEmpty();
    }

    @Test
    void badOrMissingDatesAre400WithTheV1ErrorBody() {
        ApiClient.Reply iso = api.postJson(BY_DATE, "{\"start_date\":\"2025-01-01\",\"end_date\":\"01/31/2025\"}", token);
        ApiClient.Reply impossible = api.postJson(BY_DATE, "{\"start_date\":\"02/30/2025\",\"end_date\":\"03/01/2025\"}", token);
        ApiClient.Reply missing = api.postJson(BY_DATE, "{}", token);

        for (ApiClient.Reply reply : List.of(iso, impossible, missing)) {
            assertThat(reply.status()).isEqualTo(400);
            JsonNode json = reply.json();
            assertThat(json.get("success").asBoolean()).isFalse();
            assertThat(json.get("response_code").asInt()).isEqualTo(1);
            assertThat(json.get("status_message").asText()).isEqualTo("One or more errors has occurred.");
            assertThat(json.get("errors").size()).isPositive();
            json.get("errors").forEach(messages -> assertThat(messages.isArray()).isTrue());
            assertThat(json.get("external_transaction_id").asText()).isEmpty();
        }
        assertThat(missing.json().get("errors").size()).isEqualTo(2);
    }

    @Test
    void filtersByTransactionTypeAndId() {
        JsonNode declined = api.postJson(BY_DATE, "{\"start_date\":\"%s\",\"end_date\":\"%s\",\"transaction_type\":\"DECLINED\"}"
                .formatted(REQUEST_DATE.format(firstDay), REQUEST_DATE.format(lastDay)), token).json().get("transactions");
        JsonNode one = api.postJson(BY_DATE, "{\"start_date\":\"%s\",\"end_date\":\"%s\",\"transaction_id\":%d}"
                .formatted(REQUEST_DATE.format(firstDay), REQUEST_DATE.format(lastDay), roundAmountId), token)
                .json().get("transactions");

        assertThat(declined).hasSize(1);
        assertThat(declined.get(0).get("transaction_id").asLong()).isEqualTo(declinedId);
        assertThat(one).hasSize(1);
        assertThat(one.get(0).get("transaction_id").asLong()).isEqualTo(roundAmountId);
    }

    @Test
    void byIdReturnsAOneElementArray() {
        ApiClient.Reply reply = api.postJson(BY_ID, "{\"transaction_id\":" + approvedId + "}", token);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode json = reply.json();
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(1);
        assertThat(json.get("transactions")).hasSize(1);
        assertThat(json.get("transactions").get(0).get("transaction_id").asLong()).isEqualTo(approvedId);
        assertThat(json.get("transactions").get(0).fieldNames()).toIterable().containsExactlyElementsOf(RECORD_FIELDS);
    }

    @Test
    void byIdOfAnUnknownIdIsError811() {
        ApiClient.Reply reply = api.postJson(BY_ID, "{\"transaction_id\":1}", token);

        assertThat(reply.status()).isEqualTo(400);
        JsonNode json = reply.json();
        assertThat(json.get("success").asBoolean()).isFalse();
        assertThat(json.get("response_code").asInt()).isEqualTo(1);
        assertThat(json.get("errors").get("811").get(0).asText())
                .isEqualTo("The Transaction ID that you provided was not found.");
    }

    @Test
    void noFullCardNumberAppearsInAnyExport() {
        List<ApiClient.Reply> replies = List.of(
                byDate(firstDay, lastDay),
                api.postJson(BY_ID, "{\"transaction_id\":" + approvedId + "}", token),
                api.postJson(BY_ID, "{\"transaction_id\":" + declinedId + "}", token));

        for (ApiClient.Reply reply : replies) {
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).doesNotContain(ApiClient.TEST_CARD).doesNotContain("40120000");
            assertThat(reply.body()).doesNotContainPattern("\\d{7,}5439");
        }
    }

    @Test
    void createdAtIsMerchantLocalTime() {
        ZoneId kiritimati = ZoneId.of("Pacific/Kiritimati"); // UTC+14: differs from UTC and from Los Angeles
        try (PayTraceSandbox own = PayTraceSandbox.start(SandboxConfig.defaults().withMerchantZone(kiritimati))) {
            ApiClient client = new ApiClient(own.baseUrl());
            String ownToken = client.token(own.config());
            long id = client.sale(ownToken, "9.99", null, "INV-9", "C9").json().get("transaction_id").asLong();
            ZonedDateTime now = ZonedDateTime.now(kiritimati);

            String at = client.postJson(BY_ID, "{\"transaction_id\":" + id + "}", ownToken)
                    .json().get("transactions").get(0).get("created").get("at").asText();

            LocalDateTime parsed = LocalDateTime.parse(at, DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US));
            assertThat(ChronoUnit.SECONDS.between(parsed, now.toLocalDateTime())).isBetween(-5L, 60L);
            // And the date filter uses the same calendar.
            JsonNode found = client.postJson(BY_DATE, "{\"start_date\":\"%s\",\"end_date\":\"%s\"}"
                    .formatted(REQUEST_DATE.format(parsed.toLocalDate()), REQUEST_DATE.format(parsed.toLocalDate())),
                    ownToken).json().get("transactions");
            assertThat(found).hasSize(1);
        }
    }
}
