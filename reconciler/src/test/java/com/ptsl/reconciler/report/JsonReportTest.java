package com.ptsl.reconciler.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesTheWindowsFileAndNothingElse() throws IOException {
        Path written = new JsonReport().write(SampleReports.withVariance(), dir.resolve("nested/reports"));

        assertThat(written).isEqualTo(dir.resolve("nested/reports/reconcile-20261201T0000-20261202T0000.json"));
        try (var files = Files.list(written.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(written.getFileName().toString());
        }
    }

    @Test
    void theFileNameUsesTheWindowsZone() {
        assertThat(ReportFormat.fileName(SampleReports.oddWindow(), "json"))
                .isEqualTo("reconcile-20261201T0830-20261201T1845.json");
    }

    @Test
    void headerCountsAndVerdictReadBack() throws IOException {
        JsonNode json = MAPPER.readTree(new JsonReport().write(SampleReports.withVariance(), dir).toFile());

        assertThat(json.at("/window/from").asText()).isEqualTo("2026-12-01T00:00:00-08:00");
        assertThat(json.at("/window/to").asText()).isEqualTo("2026-12-02T00:00:00-08:00");
        assertThat(json.at("/window/zone").asText()).isEqualTo("America/Los_Angeles");
        assertThat(json.get("generatedAt").asText()).isEqualTo("2026-12-02T14:05:00Z");
        assertThat(json.at("/sources/rawRecords").asLong()).isEqualTo(1200);
        assertThat(json.at("/sources/slDocuments").asLong()).isEqualTo(410);
        assertThat(json.at("/sources/readMillis").asLong()).isEqualTo(1234);
        List<String> categories = new ArrayList<>();
        json.get("counts").fieldNames().forEachRemaining(categories::add);
        assertThat(categories).containsExactly("MATCHED", "OPEN_REVIEW", "MISSING_IN_SL", "UNKNOWN_TO_PAYTRACE",
                "DIFFERS", "POSTED_TWICE", "DEPOSIT_MISMATCH", "OPEN_DLQ");
        assertThat(json.at("/counts/MATCHED").asLong()).isEqualTo(2);
        assertThat(json.at("/counts/UNKNOWN_TO_PAYTRACE").asLong()).isZero();
        assertThat(json.at("/counts/DEPOSIT_MISMATCH").asLong()).isEqualTo(1);
        assertThat(json.get("variance").asBoolean()).isTrue();
        assertThat(json.get("varianceLines").asLong()).isEqualTo(4);
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void amountsAreExactStringsWithTwoDecimals() throws IOException {
        JsonNode json = MAPPER.readTree(new JsonReport().write(SampleReports.withVariance(), dir).toFile());

        JsonNode first = json.at("/lines/0");
        assertThat(first.get("payTraceAmount").isTextual()).isTrue();
        assertThat(first.get("payTraceAmount").asText()).isEqualTo("1234567.80");
        assertThat(first.get("difference").asText()).isEqualTo("0.00");
        JsonNode refund = json.at("/lines/1");
        assertThat(refund.get("payTraceAmount").asText()).isEqualTo("-12.30");
        assertThat(refund.get("slDocuments")).extracting(JsonNode::asText).containsExactly("CM/1000002/004513", "DM/1000002/004513");
        JsonNode differs = json.at("/lines/4");
        assertThat(differs.get("difference").asText()).isEqualTo("-1.00");
        assertThat(json.at("/totals/perDay/0/payTraceAmount").asText()).isEqualTo("1234704.49");
        assertThat(json.at("/totals/perDay/0/difference").asText()).isEqualTo("-100.99");
        assertThat(json.at("/totals/perSettlementBatch/1/key").asText()).isEqualTo("502");
        assertThat(json.at("/totals/perSettlementBatch/1/difference").asText()).isEqualTo("4.00");
        assertThat(json.at("/totals/perCustomer/1/key").asText()).isEqualTo("<C&2>");
        assertThat(json.at("/redriven/0/amount").asText()).isEqualTo("99.99");
    }

    @Test
    void linesKeepEveryFieldAndTextSurvivesTheRoundTrip() throws IOException {
        Report report = SampleReports.withVariance();
        JsonNode json = MAPPER.readTree(new JsonReport().write(report, dir).toFile());

        assertThat(json.get("lines")).hasSize(report.lines().size());
        JsonNode differs = json.at("/lines/4");
        assertThat(differs.get("category").asText()).isEqualTo("DIFFERS");
        assertThat(differs.get("transactionId").asText()).isEqualTo("1000005");
        assertThat(differs.get("kind").asText()).isEqualTo("SALE");
        assertThat(differs.get("custId").asText()).isEqualTo("=HYPERLINK(\"x\")");
        assertThat(differs.get("slCustId").asText()).isEqualTo("C00004");
        assertThat(differs.get("day").asText()).isEqualTo("2026-12-01");
        assertThat(differs.get("settlementBatch").asText()).isEqualTo("502");
        assertThat(differs.get("detail").asText()).isEqualTo(report.lines().get(4).detail());
        JsonNode deposit = json.at("/lines/6");
        assertThat(deposit.get("transactionId").isNull()).isTrue();
        assertThat(deposit.get("category").asText()).isEqualTo("DEPOSIT_MISMATCH");
        assertThat(deposit.get("slDocuments")).extracting(JsonNode::asText).containsExactly("Batch//004514");
        JsonNode redrive = json.at("/redriven/0");
        assertThat(redrive.get("commandId").asText()).isEqualTo("PostPayment:1000004:repost-1");
        assertThat(redrive.get("originalCommandId").asText()).isEqualTo("PostPayment:1000004");
        assertThat(redrive.get("commandType").asText()).isEqualTo("PostPayment");
    }

    @Test
    void aCleanReportSaysSo() throws IOException {
        JsonNode json = MAPPER.readTree(new JsonReport().write(SampleReports.clean(), dir).toFile());

        assertThat(json.get("variance").asBoolean()).isFalse();
        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(json.get("redriven")).isEmpty();
        assertThat(json.at("/totals/perCustomer")).isEmpty();
    }

    @Test
    void moneyNeverRoundsAwayAFraction() {
        assertThat(ReportFormat.money(new java.math.BigDecimal("7"))).isEqualTo("7.00");
        assertThat(ReportFormat.money(new java.math.BigDecimal("1E+3"))).isEqualTo("1000.00");
        assertThat(ReportFormat.money(new java.math.BigDecimal("0.005"))).isEqualTo("0.005");
        assertThat(ReportFormat.money(null)).isEmpty();
    }
}
