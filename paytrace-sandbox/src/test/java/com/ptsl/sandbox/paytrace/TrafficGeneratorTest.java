package com.ptsl.sandbox.paytrace;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrafficGeneratorTest {

    private static final List<TrafficGenerator.Target> TARGETS = List.of(
            new TrafficGenerator.Target("C00001", "INV-000101", new BigDecimal("250.00")),
            new TrafficGenerator.Target("C00002", "INV-000202", new BigDecimal("1.50")),
            new TrafficGenerator.Target("C00003", "INV-000303", new BigDecimal("9999.99")));

    private static PayTraceSandbox sandbox;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults());
        api = new ApiClient(sandbox.baseUrl());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static TrafficGenerator generator(long seed) {
        SandboxConfig c = sandbox.config();
        return new TrafficGenerator(sandbox.baseUrl(), c.username(), c.password(), TARGETS, seed);
    }

    private static Map<Long, JsonNode> exportedToday() {
        String today = DateTimeFormatter.ofPattern("MM/dd/yyyy").format(LocalDate.now(sandbox.config().merchantZone()));
        String yesterday = DateTimeFormatter.ofPattern("MM/dd/yyyy")
                .format(LocalDate.now(sandbox.config().merchantZone()).minusDays(1));
        JsonNode transactions = api.postJson("/v1/transactions/export/by_date_range",
                "{\"start_date\":\"" + yesterday + "\",\"end_date\":\"" + today + "\"}", api.token(sandbox.config()))
                .json().get("transactions");
        Map<Long, JsonNode> byId = new HashMap<>();
        transactions.forEach(t -> byId.put(t.get("transaction_id").asLong(), t));
        return byId;
    }

    @Test
    void makeSalesMakesSalesThatAppearInTheExport() {
        List<TrafficGenerator.SaleMade> sales = generator(42).makeSales(5);

        assertThat(sales).hasSize(5);
        Map<Long, JsonNode> exported = exportedToday();
        for (TrafficGenerator.SaleMade sale : sales) {
            assertThat(exported).containsKey(sale.transactionId());
            JsonNode record = exported.get(sale.transactionId());
            assertThat(record.get("amount").decimalValue()).isEqualByComparingTo(sale.amount());
            assertThat(record.get("invoice_id").asText()).isEqualTo(sale.invoiceId());
            assertThat(record.get("customer_reference_id").asText()).isEqualTo(sale.customerRef());
            assertThat(record.get("status_code").asText()).isEqualTo("Y");
            assertThat(sale.approved()).isTrue();
            assertThat(sale.madeAt()).isNotNull();
            TrafficGenerator.Target target = TARGETS.stream()
                    .filter(t -> t.customerRef().equals(sale.customerRef())).findFirst().orElseThrow();
            assertThat(sale.invoiceId()).isEqualTo(target.invoiceId());
            assertThat(sale.amount()).isBetween(new BigDecimal("1.00"), target.maxAmount());
            assertThat(sale.amount().scale()).isEqualTo(2);
        }
    }

    @Test
    void aPlannedSaleCarriesExactlyTheFieldsAsked() {
        SandboxConfig c = sandbox.config();
        TrafficGenerator gen = new TrafficGenerator(sandbox.baseUrl(), c.username(), c.password(), 5);
        TrafficGenerator.SaleRequest request = new TrafficGenerator.SaleRequest(new BigDecimal("250.4"),
                " 0000010001,0000010007 ", "PO-12345", "Invoices 10001 and 10007");

        TrafficGenerator.SaleMade sale = gen.makeSale(request);

        assertThat(sale.approved()).isTrue();
        assertThat(sale.amount()).isEqualTo(new BigDecimal("250.40"));
        assertThat(sale.invoiceId()).isEqualTo("0000010001,0000010007");
        assertThat(sale.customerRef()).isEqualTo("PO-12345");
        JsonNode record = exportedToday().get(sale.transactionId());
        assertThat(record.get("amount").decimalValue()).isEqualByComparingTo("250.40");
        assertThat(record.get("invoice_id").asText()).isEqualTo("0000010001,0000010007");
        assertThat(record.get("customer_reference_id").asText()).isEqualTo("PO-12345");
        assertThat(record.get("description").asText()).isEqualTo("Invoices 10001 and 10007");
        assertThat(record.get("transaction_type").asText()).isEqualTo("SALE");
    }

    @Test
    void blankFieldsOfAPlannedSaleAreLeftOut() {
        SandboxConfig c = sandbox.config();
        TrafficGenerator gen = new TrafficGenerator(sandbox.baseUrl(), c.username(), c.password(), 6);

        TrafficGenerator.SaleMade sale = gen.makeSale(new TrafficGenerator.SaleRequest(new BigDecimal("12.00"), "", null, " "));

        assertThat(sale.approved()).isTrue();
        assertThat(sale.invoiceId()).isEmpty();
        assertThat(sale.customerRef()).isEmpty();
        JsonNode record = exportedToday().get(sale.transactionId());
        assertThat(record.get("invoice_id").asText()).isEmpty();
        assertThat(record.get("customer_reference_id").asText()).isEmpty();
        assertThat(record.get("description").asText()).isEmpty();
    }

    @Test
    void aPlannedSaleOfTheDeclineAmountIsDeclined() {
        TrafficGenerator.SaleMade sale = generator(8).makeSale(
                new TrafficGenerator.SaleRequest(new BigDecimal("1.12"), "0000010001", "C00001", ""));

        assertThat(sale.approved()).isFalse();
        assertThat(exportedToday().get(sale.transactionId()).get("transaction_type").asText()).isEqualTo("DECLINED");
    }

    @Test
    void aSaleRequestRefusesImpossibleAmounts() {
        assertThatThrownBy(() -> new TrafficGenerator.SaleRequest(new BigDecimal("0.00"), "", "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrafficGenerator.SaleRequest(new BigDecimal("1.005"), "", "", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrafficGenerator.SaleRequest(null, "", "", ""))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aGeneratorWithoutTargetsMakesOnlyPlannedSales() {
        SandboxConfig c = sandbox.config();
        TrafficGenerator gen = new TrafficGenerator(sandbox.baseUrl(), c.username(), c.password(), 9);

        assertThatThrownBy(gen::makeSale).isInstanceOf(IllegalStateException.class).hasMessageContaining("SaleRequest");
        assertThatThrownBy(() -> new TrafficGenerator(sandbox.baseUrl(), c.username(), c.password(), List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSameSeedGivesTheSameTraffic() {
        List<TrafficGenerator.SaleMade> a = generator(7).makeSales(10);
        List<TrafficGenerator.SaleMade> b = generator(7).makeSales(10);

        assertThat(a).extracting(TrafficGenerator.SaleMade::customerRef, TrafficGenerator.SaleMade::amount)
                .isEqualTo(b.stream().map(s -> org.assertj.core.groups.Tuple.tuple(s.customerRef(), s.amount())).toList());
    }

    @Test
    void aDeclineShareOfOneDeclinesEverySale() {
        List<TrafficGenerator.SaleMade> sales = generator(3).withDeclineShare(1.0).makeSales(3);

        assertThat(sales).allSatisfy(s -> {
            assertThat(s.approved()).isFalse();
            assertThat(s.amount()).isEqualByComparingTo("1.12");
        });
        Map<Long, JsonNode> exported = exportedToday();
        assertThat(sales).allSatisfy(s ->
                assertThat(exported.get(s.transactionId()).get("transaction_type").asText()).isEqualTo("DECLINED"));
    }

    @Test
    void itLogsInAgainWhenItsTokenExpires() {
        try (PayTraceSandbox own = PayTraceSandbox.start(SandboxConfig.defaults())) {
            TrafficGenerator gen = new TrafficGenerator(own.baseUrl(), own.config().username(),
                    own.config().password(), TARGETS, 1);
            gen.makeSale();
            own.faults().expireAllTokens();

            TrafficGenerator.SaleMade after = gen.makeSale();

            assertThat(after.approved()).isTrue();
            assertThat(own.transactionCount()).isEqualTo(2);
        }
    }

    @Test
    void itRidesOutARateLimit() {
        try (PayTraceSandbox own = PayTraceSandbox.start(SandboxConfig.defaults())) {
            TrafficGenerator gen = new TrafficGenerator(own.baseUrl(), own.config().username(),
                    own.config().password(), TARGETS, 1);
            own.faults().failNext(429, 2);

            assertThat(gen.makeSale().approved()).isTrue();
            assertThat(own.transactionCount()).isEqualTo(1);
        }
    }

    @Test
    void wrongCredentialsFailClearly() {
        TrafficGenerator gen = new TrafficGenerator(sandbox.baseUrl(), "sandbox-api-user", "wrong", TARGETS, 1);

        assertThatThrownBy(gen::makeSale).isInstanceOf(IllegalStateException.class).hasMessageContaining("invalid_grant");
    }

    @Test
    void itAuthorizesCapturesAndRefundsThroughThePublicApi() {
        TrafficGenerator gen = generator(21);
        TrafficGenerator.SaleMade auth = gen.authorize(
                new TrafficGenerator.SaleRequest(new BigDecimal("80.00"), "INV-L1", "C00001", "deposit"));

        assertThat(auth.approved()).isTrue();
        assertThat(auth.responseCode()).isEqualTo(101);
        assertThat(exportedToday().get(auth.transactionId()).get("transaction_type").asText()).isEqualTo("AUTHORIZATION");

        TrafficGenerator.FollowUp capture = gen.capture(auth.transactionId(), new BigDecimal("50.00"));
        assertThat(capture.transactionId()).isEqualTo(auth.transactionId());
        assertThat(capture.responseCode()).isEqualTo(112);
        assertThat(capture.success()).isTrue();
        assertThat(capture.errorCodes()).isEmpty();
        sandbox.settleNow();

        TrafficGenerator.FollowUp part = gen.refund(auth.transactionId(), new BigDecimal("20.00"));
        TrafficGenerator.FollowUp rest = gen.refund(auth.transactionId());
        TrafficGenerator.FollowUp tooMuch = gen.refund(auth.transactionId(), new BigDecimal("0.01"));

        assertThat(part.responseCode()).isEqualTo(106);
        assertThat(part.transactionId()).isGreaterThan(auth.transactionId());
        assertThat(rest.responseCode()).isEqualTo(106);
        Map<Long, JsonNode> exported = exportedToday();
        assertThat(exported.get(part.transactionId()).get("original_transaction_id").asLong()).isEqualTo(auth.transactionId());
        assertThat(exported.get(rest.transactionId()).get("amount").decimalValue()).isEqualByComparingTo("30.00");
        assertThat(tooMuch.success()).isFalse();
        assertThat(tooMuch.responseCode()).isEqualTo(1);
        assertThat(tooMuch.errorCodes()).containsExactly(39);
        assertThat(tooMuch.transactionId()).isZero();
        assertThat(tooMuch.message()).contains("39: ");
    }

    @Test
    void itVoidsAndReportsRefusalsWithPayTracesCodes() {
        TrafficGenerator gen = generator(22);
        TrafficGenerator.SaleMade sale = gen.makeSale(
                new TrafficGenerator.SaleRequest(new BigDecimal("15.00"), "INV-L2", "C00002", ""));

        TrafficGenerator.FollowUp notSettled = gen.refund(sale.transactionId());
        TrafficGenerator.FollowUp voided = gen.voidTransaction(sale.transactionId());
        TrafficGenerator.FollowUp again = gen.voidTransaction(sale.transactionId());
        TrafficGenerator.FollowUp notAnAuthorization = gen.capture(sale.transactionId());

        assertThat(notSettled.errorCodes()).containsExactly(817);
        assertThat(voided.responseCode()).isEqualTo(109);
        assertThat(voided.transactionId()).isEqualTo(sale.transactionId());
        assertThat(again.success()).isFalse();
        assertThat(again.errorCodes()).containsExactly(818);
        assertThat(again.transactionId()).isEqualTo(sale.transactionId());
        assertThat(notAnAuthorization.errorCodes()).containsExactly(816);
        assertThat(exportedToday().get(sale.transactionId()).get("status_message").asText()).isEqualTo("Voided");
    }

    @Test
    void itRefundsAKeyedCardWithoutAnOriginal() {
        TrafficGenerator.FollowUp refund = generator(23).refundKeyed(
                new TrafficGenerator.SaleRequest(new BigDecimal("9.99"), "INV-L3", "C00003", "goodwill"));

        assertThat(refund.responseCode()).isEqualTo(106);
        JsonNode record = exportedToday().get(refund.transactionId());
        assertThat(record.get("transaction_type").asText()).isEqualTo("REFUND");
        assertThat(record.get("invoice_id").asText()).isEqualTo("INV-L3");
        assertThat(record.has("original_transaction_id")).isFalse();
    }

    @Test
    void csc999GivesAnAutoVoidAndTheResponseCodeSaysSo() {
        TrafficGenerator gen = generator(24);
        TrafficGenerator.SaleRequest request = new TrafficGenerator.SaleRequest(new BigDecimal("11.00"), "INV-L4", "C1", "");

        TrafficGenerator.SaleMade sale = gen.makeSale(request, TrafficGenerator.AUTO_VOID_CSC);
        TrafficGenerator.SaleMade auth = gen.authorize(request, TrafficGenerator.AUTO_VOID_CSC);
        TrafficGenerator.SaleMade declined = gen.authorize(
                new TrafficGenerator.SaleRequest(new BigDecimal("1.12"), "INV-L4", "C1", ""));

        assertThat(sale.approved()).isFalse();
        assertThat(sale.responseCode()).isEqualTo(103);
        assertThat(auth.responseCode()).isEqualTo(103);
        assertThat(declined.responseCode()).isEqualTo(102);
        assertThat(declined.approved()).isFalse();
    }

    @Test
    void aSaleMadeWithoutAResponseCodeDerivesItFromApproved() {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");

        assertThat(new TrafficGenerator.SaleMade(1, "C", "I", BigDecimal.ONE, true, at).responseCode()).isEqualTo(101);
        assertThat(new TrafficGenerator.SaleMade(2, "C", "I", BigDecimal.ONE, false, at).responseCode()).isEqualTo(102);
    }
}
