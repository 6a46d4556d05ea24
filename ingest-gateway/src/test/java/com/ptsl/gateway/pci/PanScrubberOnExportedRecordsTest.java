package com.ptsl.gateway.pci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.paytrace.PayTraceClient;
import com.ptsl.gateway.pci.TypedCards.Form;
import com.ptsl.gateway.pci.TypedCards.TypedCard;
import com.ptsl.sandbox.paytrace.PayTraceSandbox;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.TrafficGenerator;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records exactly as the PayTrace sandbox's exports return them over HTTP: scrubbing changes nothing in them (dates,
 * timestamps, amounts, ids, zips, batch numbers, masked cards), and a card number typed into a free-text field, in any
 * form, is the only thing masked.
 */
class PanScrubberOnExportedRecordsTest {

    private static PayTraceSandbox sandbox;
    private static TrafficGenerator traffic;
    private static PayTraceClient client;

    @BeforeAll
    static void start() {
        sandbox = PayTraceSandbox.start(SandboxConfig.defaults().withFirstBatchNumber(1042));
        traffic = new TrafficGenerator(sandbox.baseUrl(), sandbox.config().username(), sandbox.config().password(),
                List.of(new TrafficGenerator.Target("C00001", "INV0001", new BigDecimal("9999.99")),
                        new TrafficGenerator.Target("C00002", "INV-2026-0042", new BigDecimal("80.00"))), 11L);
        client = new PayTraceClient(URI.create(sandbox.baseUrl()), new PayTraceClient.Credentials(
                sandbox.config().username(), sandbox.config().password(), "PTSLTEST01"), Duration.ofSeconds(10),
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void everyKindOfRecordTheExportsReturnComesOutUnchanged() {
        traffic.makeSales(6);
        traffic.withDeclineShare(1.0).makeSales(2);
        // Free text full of PayTrace-shaped numbers, as a payer or clerk types it.
        List<String> notes = List.of("Invoice of 12/01/2026 10:22:33, amounts 1234.56 100.00 250.75",
                "ref 392483066 / 392483067, batch 1042, $1,234.56", "zip 85284-1234  tel +1 509-555-0100",
                "2026-12-01T10:22:33 paid 1234.56\t100.00\t250.75", "PO 2026.12.01 - 4/10/2015 4:06:30 PM - GB571");
        List<Long> made = new ArrayList<>();
        for (String note : notes) {
            made.add(traffic.makeSale(new SaleRequest(new BigDecimal("1234.56"), "INV-2026-0042", "PO 392483066", note))
                    .transactionId());
        }
        long authorization = traffic.authorize(new SaleRequest(new BigDecimal("250.75"), "INV0001", "C00001",
                "deposit 12/01/2026")).transactionId();
        traffic.capture(authorization, new BigDecimal("200.00"));
        traffic.makeSale(new SaleRequest(new BigDecimal("12.30"), "INV0001", "C00001", ""), TrafficGenerator.AUTO_VOID_CSC);
        long voided = traffic.makeSale(new SaleRequest(new BigDecimal("5.00"), "INV0001", "C00001", "void me")).transactionId();
        traffic.voidTransaction(voided);
        sandbox.settleNow();
        traffic.refund(made.get(0), new BigDecimal("100.00"));
        traffic.refundKeyed(new SaleRequest(new BigDecimal("20.00"), "INV0001", "C00001", "keyed refund 12/01/2026"));

        LocalDate today = LocalDate.now(sandbox.config().merchantZone());
        List<ObjectNode> records = new ArrayList<>(client.exportByDateRange(today.minusDays(1), today));
        List<ObjectNode> batches = client.exportBatches(today.minusDays(1), today);
        records.addAll(batches);
        batches.forEach(b -> records.addAll(client.batchTransactions(b.path("number").asText())));

        assertThat(records).hasSizeGreaterThan(20);
        assertThat(batches).isNotEmpty();
        for (ObjectNode record : records) {
            PanScrubber.ScrubbedRecord scrubbed = PanScrubber.scrub(record);

            assertThat(scrubbed.pansScrubbed()).as("%s", record).isZero();
            assertThat(Json.compact(scrubbed.record())).isEqualTo(Json.compact(record));
        }
    }

    @Test
    void aCardNumberTypedIntoAFreeTextFieldInAnyFormIsTheOnlyThingMasked() {
        Random random = new Random(8);
        List<TypedCard> cards = new ArrayList<>();
        for (String separator : TypedCards.SEPARATORS) {
            cards.add(TypedCards.withSeparator(TypedCards.randomLuhnValid(random, 16), Form.FOURS, separator));
            cards.add(TypedCards.withSeparator(TypedCards.randomLuhnValid(random, 15), Form.AMEX_OR_DINERS, separator));
        }
        for (Form form : Form.values()) {
            cards.add(TypedCards.typed(random, TypedCards.randomLuhnValid(random, 13 + random.nextInt(7)), form));
        }
        Map<String, Function<String, SaleRequest>> fields = Map.of(
                "description", typed -> new SaleRequest(new BigDecimal("42.00"), "INV0001", "C00001", "paid with " + typed + " thanks"),
                "invoice_id", typed -> new SaleRequest(new BigDecimal("42.00"), "INV " + typed, "C00001", "Payment 12/01/2026"),
                "customer_reference_id", typed -> new SaleRequest(new BigDecimal("42.00"), "INV0001", "card " + typed, ""));

        int checked = 0;
        for (TypedCard card : cards) {
            for (Map.Entry<String, Function<String, SaleRequest>> field : fields.entrySet()) {
                long id = traffic.makeSale(field.getValue().apply(card.text())).transactionId();
                ObjectNode record = client.exportById(id).orElseThrow();
                assertThat(record.path(field.getKey()).asText()).contains(card.text()); // PayTrace kept what was typed

                PanScrubber.ScrubbedRecord scrubbed = PanScrubber.scrub(record);

                int[] occurrences = {0};
                JsonNode expected = replaceInStrings(record, card.text(), card.masked(), occurrences);
                assertThat(Json.compact(scrubbed.record())).as("%s in %s", card, field.getKey())
                        .isEqualTo(Json.compact(expected));
                assertThat(scrubbed.pansScrubbed()).isEqualTo(occurrences[0]).isPositive();
                assertThat(CardNumberOracle.luhnValidSequences(scrubbed.record().path(field.getKey()).asText())).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(cards.size() * fields.size());
    }

    /** The record with {@code typed} replaced by {@code masked} in every string value: the expectation, built by hand. */
    private static JsonNode replaceInStrings(JsonNode node, String typed, String masked, int[] occurrences) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), replaceInStrings(e.getValue(), typed, masked, occurrences)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> copy.add(replaceInStrings(e, typed, masked, occurrences)));
            return copy;
        }
        if (node.isTextual() && node.textValue().contains(typed)) {
            occurrences[0]++;
            return TextNode.valueOf(node.textValue().replace(typed, masked));
        }
        return node;
    }
}
