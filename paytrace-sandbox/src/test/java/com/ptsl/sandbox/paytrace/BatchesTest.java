package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * batches/export, export_one and transaction_list over two settle days. Day 1 settles in the evening of June 9 in
 * Los Angeles, which is already June 10 in UTC, so the settle-day filter is seen to use the merchant's calendar.
 */
class BatchesTest {

    private static final List<String> BATCH_FIELDS = List.of("number", "created", "transaction_count", "net_amount",
            "sales_count", "sales_amount", "refund_count", "refund_amount");

    /** 9:00 AM, June 9, Los Angeles. */
    private static final Instant DAY1_MORNING = Instant.parse("2025-06-09T16:00:00Z");

    private static ManualClock clock;
    private static PayTraceSandbox sandbox;
    private static ApiClient api;
    private static String token;
    private static long sale1;
    private static long sale2;
    private static long capture;
    private static long refundOfSale2;
    private static long keyedRefund;
    private static long sale3;

    @BeforeAll
    static void start() {
        clock = new ManualClock(DAY1_MORNING);
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstBatchNumber(100), clock);
        api = new ApiClient(sandbox.baseUrl());
        token = api.token(sandbox.config());
        // Day 1: three sales worth 90.50 settle; a decline, a voided sale and an open authorization do not.
        sale1 = ApiClient.id(api.sale(token, "10.00", null, "INV-1", "C1"));
        sale2 = ApiClient.id(api.sale(token, "20.50", null, "INV-2", "C1"));
        capture = ApiClient.id(api.authorize(token, "100.00", null, "INV-3", "C1"));
        api.capture(token, capture, "60.00");
        api.sale(token, "1.12", null, "INV-4", "C1");
        api.voidTransaction(token, ApiClient.id(api.sale(token, "5.00", null, "INV-5", "C1")));
        api.authorize(token, "9.00", null, "INV-6", "C1");
        clock.advance(Duration.ofHours(13)); // 10:00 PM June 9 in LA, 05:00 June 10 UTC
        sandbox.settleNow();
        // Day 2: a partial refund, a keyed refund and a sale.
        clock.advance(Duration.ofHours(12));
        token = api.token(sandbox.config());
        refundOfSale2 = ApiClient.id(api.refund(token, sale2, "5.25"));
        keyedRefund = ApiClient.id(api.refundKeyed(token, "3.00", "INV-7"));
        sale3 = ApiClient.id(api.sale(token, "7.77", null, "INV-8", "C1"));
        clock.advance(Duration.ofHours(8)); // 6:00 PM June 10 in LA
        token = api.token(sandbox.config());
        sandbox.settleNow();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static ApiClient.Reply export(String start, String end) {
        return api.postJson("/v1/batches/export", "{\"start_date\":\"" + start + "\",\"end_date\":\"" + end + "\"}",
                token);
    }

    private static JsonNode exportOne(String body) {
        ApiClient.Reply reply = api.postJson("/v1/batches/export_one", body, token);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    private static JsonNode transactionList(int batch) {
        ApiClient.Reply reply = api.postJson("/v1/batches/transaction_list", "{\"batch_number\":" + batch + "}", token);
        assertThat(reply.status()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void exportOneShowsABatchInTheDocumentedEnvelope() {
        JsonNode json = exportOne("{\"batch_number\":100}");

        assertThat(json.fieldNames()).toIterable().containsExactly("success", "response_code", "status_message", "batch");
        assertThat(json.get("success").asBoolean()).isTrue();
        assertThat(json.get("response_code").asInt()).isEqualTo(1);
        assertThat(json.get("status_message").asText()).isEqualTo("Your request has been successfully completed.");
        JsonNode batch = json.get("batch");
        assertThat(batch.fieldNames()).toIterable().containsExactlyElementsOf(BATCH_FIELDS);
        assertThat(batch.get("number").isIntegralNumber()).isTrue();
        assertThat(batch.get("number").asInt()).isEqualTo(100);
        assertThat(batch.get("created").asText()).isEqualTo("6/9/2025 10:00:00 PM");
        assertThat(batch.get("transaction_count").asInt()).isEqualTo(3);
        assertThat(batch.get("sales_count").asInt()).isEqualTo(3);
        assertThat(batch.get("sales_amount").isNumber()).isTrue();
        assertThat(batch.get("sales_amount").decimalValue()).isEqualByComparingTo("90.50");
        assertThat(batch.get("refund_count").asInt()).isZero();
        assertThat(batch.get("refund_amount").decimalValue()).isEqualByComparingTo("0");
        assertThat(batch.get("net_amount").decimalValue()).isEqualByComparingTo("90.50");
    }

    @Test
    void exportOneWithoutANumberIsTheLatestBatch() {
        JsonNode batch = exportOne("{}").get("batch");

        assertThat(batch.get("number").asInt()).isEqualTo(101);
        assertThat(batch.get("created").asText()).isEqualTo("6/10/2025 6:00:00 PM");
        assertThat(batch.get("sales_count").asInt()).isEqualTo(1);
        assertThat(batch.get("sales_amount").decimalValue()).isEqualByComparingTo("7.77");
        assertThat(batch.get("refund_count").asInt()).isEqualTo(2);
        assertThat(batch.get("refund_amount").decimalValue()).isEqualByComparingTo("8.25");
        assertThat(batch.get("net_amount").decimalValue()).isEqualByComparingTo("-0.48");
        assertThat(batch.get("transaction_count").asInt()).isEqualTo(3);
    }

    @Test
    void everyBatchTotalIsTheSumOfItsTransactionList() {
        for (int number : List.of(100, 101)) {
            JsonNode batch = exportOne("{\"batch_number\":\"" + number + "\"}").get("batch");
            JsonNode transactions = transactionList(number).get("transactions");
            BigDecimal sales = BigDecimal.ZERO;
            BigDecimal refunds = BigDecimal.ZERO;
            int salesCount = 0;
            int refundCount = 0;
            for (JsonNode t : transactions) {
                assertThat(t.get("status_code").asText()).isEqualTo("GB" + number);
                assertThat(t.get("settled").asText()).isEqualTo(batch.get("created").asText());
                if (t.get("transaction_type").asText().equals("REFUND")) {
                    refunds = refunds.add(t.get("amount").decimalValue());
                    refundCount++;
                } else {
                    sales = sales.add(t.get("amount").decimalValue());
                    salesCount++;
                }
            }
            assertThat(batch.get("transaction_count").asInt()).isEqualTo(transactions.size());
            assertThat(batch.get("sales_count").asInt()).isEqualTo(salesCount);
            assertThat(batch.get("refund_count").asInt()).isEqualTo(refundCount);
            assertThat(batch.get("sales_amount").decimalValue()).isEqualByComparingTo(sales);
            assertThat(batch.get("refund_amount").decimalValue()).isEqualByComparingTo(refunds);
            assertThat(batch.get("net_amount").decimalValue()).isEqualByComparingTo(sales.subtract(refunds));
        }
    }

    @Test
    void transactionListHoldsExactlyTheBatchsTransactionsAsExportRecords() {
        JsonNode day1 = transactionList(100);
        JsonNode day2 = transactionList(101);

        assertThat(day1.fieldNames()).toIterable()
                .containsExactly("success", "response_code", "status_message", "transactions");
        assertThat(ids(day1)).containsExactly(sale1, sale2, capture);
        assertThat(ids(day2)).containsExactly(refundOfSale2, keyedRefund, sale3);
        assertThat(day1.get("transactions").get(0).fieldNames()).toIterable()
                .containsExactlyElementsOf(ApiClient.RECORD_FIELDS);
        JsonNode refund = day2.get("transactions").get(0);
        assertThat(refund.get("original_transaction_id").asLong()).isEqualTo(sale2);
        assertThat(day2.get("transactions").get(1).has("original_transaction_id")).isFalse();
        assertThat(day1.toString()).doesNotContain(ApiClient.TEST_CARD);
    }

    @Test
    void transactionListAcceptsTheOlderBatchNumberSpelling() {
        ApiClient.Reply reply = api.postJson("/v1/batches/transaction_list", "{\"batchNumber\":\"101\"}", token);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("transactions")).hasSize(3);
    }

    @Test
    void exportFiltersByTheMerchantLocalSettleDay() {
        JsonNode june9 = export("06/09/2025", "06/09/2025").json();
        JsonNode both = export("06/01/2025", "06/30/2025").json();
        JsonNode june11 = export("06/11/2025", "06/12/2025").json();

        assertThat(june9.fieldNames()).toIterable()
                .containsExactly("success", "response_code", "status_message", "batches");
        assertThat(june9.get("batches")).hasSize(1);
        assertThat(june9.get("batches").get(0).get("number").asInt()).isEqualTo(100);
        assertThat(june9.get("batches").get(0).fieldNames()).toIterable().containsExactlyElementsOf(BATCH_FIELDS);
        List<Integer> numbers = new ArrayList<>();
        both.get("batches").forEach(b -> numbers.add(b.get("number").asInt()));
        assertThat(numbers).containsExactly(100, 101);
        assertThat(june11.get("success").asBoolean()).isTrue();
        assertThat(june11.get("batches")).isEmpty();
    }

    @Test
    void exportNeedsBothDates() {
        ApiClient.Reply reply = api.postJson("/v1/batches/export", "{\"start_date\":\"2025-06-09\"}", token);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("errors").fieldNames()).toIterable().containsExactly("801", "802");
    }

    @Test
    void unknownMissingOrMalformedBatchNumbersAreError803() {
        List<ApiClient.Reply> replies = List.of(
                api.postJson("/v1/batches/export_one", "{\"batch_number\":99}", token),
                api.postJson("/v1/batches/export_one", "{\"batch_number\":\"GB100\"}", token),
                api.postJson("/v1/batches/transaction_list", "{\"batch_number\":102}", token),
                api.postJson("/v1/batches/transaction_list", "{}", token));

        for (ApiClient.Reply reply : replies) {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("success").asBoolean()).isFalse();
            assertThat(ApiClient.errorCode(reply)).isEqualTo("803");
        }
    }

    @Test
    void beforeAnyCutOffThereIsNoLatestBatch() {
        try (PayTraceSandbox fresh = PayTraceSandbox.start(SandboxConfig.defaults())) {
            ApiClient client = new ApiClient(fresh.baseUrl());
            ApiClient.Reply reply = client.postJson("/v1/batches/export_one", "{}", client.token(fresh.config()));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.json().get("errors").get("803").get(0).asText())
                    .isEqualTo("The Batch Number that you provided was not found.");
        }
    }

    private static List<Long> ids(JsonNode reply) {
        List<Long> ids = new ArrayList<>();
        reply.get("transactions").forEach(t -> ids.add(t.get("transaction_id").asLong()));
        return ids;
    }
}
