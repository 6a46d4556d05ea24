package com.ptsl.reconciler.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    @TempDir
    Path dir;

    private String html(Report report) throws IOException {
        Path file = new HtmlReport().write(report, dir);
        assertThat(file.getFileName().toString()).isEqualTo("reconcile-20261201T0000-20261202T0000.html");
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void isSelfContained() throws IOException {
        String html = html(SampleReports.withVariance());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<meta charset=\"utf-8\">", "<style>")
                .contains("font-variant-numeric:tabular-nums").endsWith("</html>\n");
        assertThat(html.toLowerCase()).doesNotContain("<script", "<link", "src=", "http://", "https://", "@import");
    }

    @Test
    void theHeaderNamesTheWindowAndTheVerdict() throws IOException {
        String variance = html(SampleReports.withVariance());
        assertThat(variance).contains("2026-12-01 00:00 to 2026-12-02 00:00 (America/Los_Angeles)")
                .contains("<p class=\"verdict bad\">4 lines need attention</p>")
                .contains("Generated 2026-12-02 14:05 UTC");

        String clean = html(SampleReports.clean());
        assertThat(clean).contains("<p class=\"verdict ok\">No variance</p>");
    }

    @Test
    void totalsComeFirstThenOneTablePerCategoryInOrder() throws IOException {
        String html = html(SampleReports.withVariance());

        List<Integer> positions = new ArrayList<>();
        positions.add(html.indexOf("<h3>Lines per category</h3>"));
        positions.add(html.indexOf("<h3>Per day</h3>"));
        positions.add(html.indexOf("<h3>Per settlement batch</h3>"));
        positions.add(html.indexOf("<h3>Per customer</h3>"));
        for (Category c : Category.values()) {
            positions.add(html.indexOf("<section id=\"cat-" + c.name().toLowerCase().replace('_', '-') + "\">\n<h2>"
                    + HtmlReport.esc(c.title()) + " ("));
        }
        assertThat(positions).doesNotContain(-1).isSorted();
    }

    @Test
    void anEmptyCategorySaysNone() throws IOException {
        String html = html(SampleReports.withVariance());

        assertThat(section(html, "cat-unknown-to-paytrace")).contains("(0)</h2>").contains("<p class=\"none\">none</p>")
                .doesNotContain("<table>");
        assertThat(section(html, "cat-open-dlq")).contains("<p class=\"none\">none</p>");
        assertThat(section(html, "cat-differs")).doesNotContain("<p class=\"none\">none</p>");
    }

    @Test
    void amountsAreRightAlignedExactAndGrouped() throws IOException {
        String html = html(SampleReports.withVariance());

        String matched = section(html, "cat-matched");
        assertThat(matched).contains("<td class=\"num\">1,234,567.80</td>", "<td class=\"num neg\">-12.30</td>",
                "<td class=\"num\">0.00</td>");
        assertThat(section(html, "cat-differs")).contains("<td class=\"num\">10.00</td><td class=\"num\">9.00</td>"
                + "<td class=\"num diff neg\">-1.00</td>");
        assertThat(section(html, "totals")).contains("<td class=\"num\">1,234,704.49</td>", "<td class=\"num diff neg\">-100.99</td>");
        assertThat(ReportFormat.grouped(new BigDecimal("-1234.5"))).isEqualTo("-1,234.50");
        assertThat(ReportFormat.grouped(new BigDecimal("100"))).isEqualTo("100.00");
        assertThat(ReportFormat.grouped(new BigDecimal("999999.99"))).isEqualTo("999,999.99");
    }

    @Test
    void everyLineNamesThePayTraceIdAndTheSlDocuments() throws IOException {
        String html = html(SampleReports.withVariance());

        assertThat(section(html, "cat-posted-twice")).contains("<td class=\"id\">1000006</td>")
                .contains("PA RefNbr 1000006, BatNbr 004512", "PA RefNbr 1000006, BatNbr 004520");
        assertThat(section(html, "cat-matched")).contains("CM RefNbr 1000002, BatNbr 004513", "DM RefNbr 1000002, BatNbr 004513");
        assertThat(section(html, "cat-missing-in-sl")).contains("<td class=\"id\">1000004</td>")
                .contains("<span class=\"none\">none</span>");
        assertThat(section(html, "cat-deposit-mismatch")).contains("<td class=\"id\">batch 502</td>")
                .contains("<span class=\"doc\">SL batch BatNbr 004514</span>");
    }

    @Test
    void everythingFromTheDataIsEscaped() throws IOException {
        String html = html(SampleReports.withVariance());

        assertThat(html).doesNotContain("<b>differs</b>", "<C&2>")
                .contains("Amount &lt;b&gt;differs&lt;/b&gt; &amp; customer &quot;C00004&quot;, &#39;quoted&#39;")
                .contains("=HYPERLINK(&quot;x&quot;)")
                .contains("<td class=\"id\">&lt;C&amp;2&gt;</td>");
    }

    @Test
    void countsPerCategoryAndRedriveAreShown() throws IOException {
        String html = html(SampleReports.withVariance());

        assertThat(section(html, "totals")).contains("<a href=\"#cat-matched\">Matched</a></td><td class=\"num\">2</td>")
                .contains("<tr class=\"attention\"><td><a href=\"#cat-differs\">");
        assertThat(section(html, "redriven")).contains("PostPayment:1000004:repost-1", "<td class=\"num\">99.99</td>");
        assertThat(html(SampleReports.clean())).doesNotContain("id=\"redriven\"");
    }

    @Test
    void aLongMatchedTableIsCutAndSaysHowManyMoreButVarianceNeverIs() throws IOException {
        Report sample = SampleReports.withVariance();
        List<Line> lines = new ArrayList<>(sample.lines());
        for (int i = 0; i < 5; i++) {
            lines.add(SampleReports.line(Category.DIFFERS, "20000" + i, "SALE", "C1", "C1", "502", "1.00", "2.00", List.of(), "d"));
        }
        Report report = new Report(sample.window(), sample.generatedAt(), sample.sources(), lines, sample.perDay(),
                sample.perSettlementBatch(), sample.perCustomer(), sample.redriven());
        String html = Files.readString(new HtmlReport(1).write(report, dir));

        String matched = section(html, "cat-matched");
        assertThat(matched).contains("Matched (2)", "1000001", "… and 1 more matched transactions").doesNotContain("1000002");
        assertThat(section(html, "cat-differs")).contains("200000", "200004").doesNotContain("more matched");
    }

    /** The text of {@code <section id="id">} up to its end. */
    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }
}
