package com.ptsl.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.sl.OpenInvoice;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the benchmark pushes: PayTrace export records, and the end-to-end plan over SL's open invoices. */
class BenchRecordsTest {

    private static final ZoneId ZONE = SandboxConfig.defaults().merchantZone();
    private static final Instant AT = Instant.parse("2026-12-01T17:30:00Z");

    @Test
    void a_sale_is_an_approved_export_record_pending_settlement_in_paytraces_field_order() {
        ObjectNode sale = new ExportRecords(ZONE).sale(812_000_001L, new BigDecimal("12.34"), "0000010007", "C00003",
                "Invoice payment", AT);

        List<String> fields = new ArrayList<>();
        sale.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).startsWith("transaction_id", "credit_card", "transaction_type", "description", "amount", "invoice_id");
        assertThat(fields).contains("customer_reference_id", "status_code", "created", "settled", "customer_id");
        assertThat(sale.get("transaction_id").asLong()).isEqualTo(812_000_001L);
        assertThat(sale.get("transaction_type").asText()).isEqualTo("SALE");
        assertThat(sale.get("status_code").asText()).isEqualTo("Y");
        assertThat(sale.get("amount").decimalValue()).isEqualByComparingTo("12.34");
        assertThat(sale.get("invoice_id").asText()).isEqualTo("0000010007");
        assertThat(sale.get("customer_reference_id").asText()).isEqualTo("C00003");
        assertThat(sale.get("created").get("at").asText()).isEqualTo("12/1/2026 9:30:00 AM"); // merchant-local, as PayTrace prints it
        assertThat(sale.get("credit_card").get("masked_number").asText()).matches("\\*{12}\\d{4}");
    }

    @Test
    void the_sandboxs_decline_amount_is_refused_rather_than_pushed_as_a_sale() {
        assertThatThrownBy(() -> new ExportRecords(ZONE).sale(1, new BigDecimal("1.12"), "", "C00001", "", AT))
                .hasMessageContaining("would not approve");
    }

    @Test
    void the_raw_producer_size_is_that_of_a_push_published_raw_record_serialized_with_the_topics_serde() {
        ObjectNode sale = RawRecordSample.sale(new ExportRecords(ZONE), 900_000_001L, 1, AT);
        RawPayTraceRecord raw = RawRecordSample.published(sale, AT);
        byte[] bytes = Topics.RAW_TRANSACTIONS.valueSerde().serializer().serialize(Topics.RAW_TRANSACTIONS.name(), raw);

        assertThat(raw.getSource()).isEqualTo(RecordSource.PUSH);
        assertThat(raw.getTransactionId()).isEqualTo("900000001");
        assertThat(raw.getFingerprint()).matches("[0-9a-f]{64}");
        assertThat(Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize(Topics.RAW_TRANSACTIONS.name(), bytes)).isEqualTo(raw);
        int average = RawRecordSample.averageValueBytes(ZONE, 50);
        // An export record is about a kilobyte of JSON; the Avro envelope adds the fingerprint and a few fields.
        assertThat(average).isBetween(bytes.length - 100, bytes.length + 100).isBetween(600, 2_000);
    }

    private static List<OpenInvoice> invoices() {
        return List.of(
                new OpenInvoice("PTSL", "C00001", "0000010001", new BigDecimal("100.00"), new BigDecimal("40.00")),
                new OpenInvoice("PTSL", "C00001", "0000010002", new BigDecimal("900.00"), new BigDecimal("900.00")),
                new OpenInvoice("PTSL", "C00002", "0000010003", new BigDecimal("60.00"), new BigDecimal("30.00")));
    }

    @Test
    void e2e_sales_name_an_invoice_three_times_in_four_and_never_pay_one_below_what_keeps_it_open() {
        E2eSales sales = new E2eSales(new ExportRecords(ZONE), invoices());
        Map<String, BigDecimal> named = new HashMap<>();
        int onAccount = 0;

        for (int n = 0; n < 400; n++) {
            JsonNode sale = sales.next(830_000_000L + n, AT);
            assertThat(sale.get("status_code").asText()).isEqualTo("Y");
            assertThat(sale.get("customer_reference_id").asText()).isIn("C00001", "C00002");
            String invoice = sale.get("invoice_id").asText();
            if (invoice.isEmpty()) {
                onAccount++;
            } else {
                named.merge(invoice, sale.get("amount").decimalValue(), BigDecimal::add);
            }
        }

        for (OpenInvoice i : invoices()) {
            BigDecimal paid = named.getOrDefault(i.refNbr(), BigDecimal.ZERO);
            assertThat(i.docBal().subtract(paid)).as("left on %s", i.refNbr()).isGreaterThanOrEqualTo(E2eSales.KEEP_OPEN)
                    .isEqualByComparingTo(sales.left(i.refNbr()));
        }
        // The big invoice takes the named sales the small ones cannot; only every fourth sale is on account by design.
        assertThat(named.get("0000010002")).isGreaterThan(new BigDecimal("500"));
        assertThat(onAccount).isGreaterThanOrEqualTo(100);
    }

    @Test
    void e2e_amounts_stay_between_1_and_10_dollars_and_avoid_the_decline_amount() {
        for (int n = 0; n < 5_000; n++) {
            BigDecimal amount = E2eSales.amount(n);
            assertThat(amount).isBetween(new BigDecimal("1.00"), new BigDecimal("9.99"));
            assertThat(amount).isNotEqualByComparingTo("1.12");
            assertThat(amount.scale()).isEqualTo(2);
        }
        assertThat(E2eSales.amount(0).add(E2eSales.KEEP_OPEN.negate())).isNegative(); // every sale is smaller than KEEP_OPEN
    }
}
