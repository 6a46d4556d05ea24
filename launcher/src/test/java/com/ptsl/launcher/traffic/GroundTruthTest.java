package com.ptsl.launcher.traffic;

import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleMade;
import com.ptsl.sandbox.paytrace.TrafficGenerator.SaleRequest;
import com.ptsl.sandbox.sl.NewInvoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A planned payment becomes its ground-truth row once made; rows survive the JSON-lines file unchanged. */
class GroundTruthTest {

    private static final Instant MADE_AT = Instant.parse("2026-11-30T10:15:02.123Z");

    private static PlannedPayment later() {
        NewInvoice invoice = new NewInvoice("C00007", new BigDecimal("300.00"), LocalDate.of(2026, 11, 30), "SO201234", "PO-55555");
        PlannedPayment.LaterInvoice later = new PlannedPayment.LaterInvoice(invoice, Duration.ofSeconds(2));
        return new PlannedPayment(3, Scenario.INVOICE_LATER, new SaleRequest(new BigDecimal("120.00"), "SO201234", "", ""),
                new PlannedPayment.Expected(true, "C00007", "ORDER_NUMBER", Map.of(later.placeholder(), new BigDecimal("120.00")),
                        new BigDecimal("0.00"), null), null, later);
    }

    @Test
    void theEnteredInvoicesNumberReplacesItsPlaceholder() {
        GroundTruthRow row = GroundTruthRow.of(later(), new SaleMade(100_003, "", "SO201234", new BigDecimal("120.00"), true, MADE_AT),
                "0000010321");

        assertThat(row.transactionId()).isEqualTo("100003");
        assertThat(row.expectedApplications()).containsExactly(Map.entry("0000010321", new BigDecimal("120.00")));
        assertThat(row.enteredInvoice()).isEqualTo("0000010321");
        assertThat(row.expectsPosting()).isTrue();
        assertThat(row.matchable()).isTrue();
    }

    @Test
    void aSaleThatWasNotApprovedExpectsNothingWhateverWasPlanned() {
        GroundTruthRow row = GroundTruthRow.of(later(), new SaleMade(100_004, "", "SO201234", new BigDecimal("120.00"), false, MADE_AT),
                "0000010322");

        assertThat(row.approved()).isFalse();
        assertThat(row.expectedCustId()).isNull();
        assertThat(row.expectedApplications()).isEmpty();
        assertThat(row.expectedReview()).isNull();
        assertThat(row.expectsPosting()).isFalse();
    }

    @Test
    void rowsSurviveTheFileAndAmountsStayStrings(@TempDir Path dir) throws Exception {
        GroundTruthRow pair = new GroundTruthRow("100042", 42, "QUICK_PAIR", "pair-3", true, MADE_AT, new BigDecimal("90.00"),
                "0000010007", "C00003", "", "C00003", "INVOICE_ID", Map.of("0000010007", new BigDecimal("60.00")),
                new BigDecimal("30.00"), "OVERPAYMENT", null);
        GroundTruthRow unknown = new GroundTruthRow("100043", 43, "UNKNOWN_CUSTOMER", null, true, MADE_AT, new BigDecimal("25.10"),
                "8001234", "WEB-12345", "Online payment", null, null, Map.of(), new BigDecimal("0.00"), "UNKNOWN_CUSTOMER", null);
        GroundTruthRow made = GroundTruthRow.of(later(), new SaleMade(100_044, "", "SO201234", new BigDecimal("120.00"), true, MADE_AT),
                "0000010321");

        Path file = GroundTruthFile.write(dir.resolve("run").resolve(GroundTruthFile.FILE_NAME), List.of(pair, unknown, made));

        assertThat(GroundTruthFile.read(file)).containsExactly(pair, unknown, made);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("{\"transactionId\":\"100042\",\"seq\":42,\"scenario\":\"QUICK_PAIR\",\"group\":\"pair-3\","
                + "\"approved\":true,\"madeAt\":\"2026-11-30T10:15:02.123Z\",\"amount\":\"90.00\",\"invoiceId\":\"0000010007\","
                + "\"customerReferenceId\":\"C00003\",\"description\":\"\",\"expectedCustId\":\"C00003\",\"expectedStrategy\":\"INVOICE_ID\","
                + "\"expectedApplications\":{\"0000010007\":\"60.00\"},\"expectedOnAccount\":\"30.00\",\"expectedReview\":\"OVERPAYMENT\","
                + "\"enteredInvoice\":null}");
        assertThat(lines.get(1)).contains("\"expectedCustId\":null", "\"expectedApplications\":{}");
    }
}
