package com.ptsl.reconciler.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CsvReportTest {

    @TempDir
    Path dir;

    @Test
    void oneRowPerLineUnderAHeader() throws IOException {
        Report report = SampleReports.withVariance();
        Path file = new CsvReport().write(report, dir);

        assertThat(file.getFileName().toString()).isEqualTo("reconcile-20261201T0000-20261202T0000.csv");
        List<List<String>> rows = parse(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(rows.get(0)).containsExactly("category", "transaction_id", "kind", "customer", "sl_customer", "day",
                "settlement_batch", "paytrace_amount", "sl_amount", "difference", "sl_documents", "detail");
        assertThat(rows).hasSize(1 + report.lines().size());
        assertThat(rows.get(1)).containsExactly("MATCHED", "1000001", "SALE", "C00001", "C00001", "2026-12-01", "501",
                "1234567.80", "1234567.80", "0.00", "PA/1000001/004512", "SL holds what PayTrace says.");
        assertThat(rows.get(2)).containsExactly("MATCHED", "1000002", "REFUND", "C00002", "C00002", "2026-12-01", "501",
                "-12.30", "-12.30", "0.00", "CM/1000002/004513;DM/1000002/004513", "Refund matched.");
        assertThat(rows.get(7)).containsExactly("DEPOSIT_MISMATCH", "", "DEPOSIT", "", "", "2026-12-01", "502",
                "115.00", "114.00", "-1.00", "Batch//004514", "tx 1000005 SALE 10.00: SL 9.00");
    }

    @Test
    void fieldsWithCommasQuotesAndNewlinesAreQuotedAsRfc4180Says() throws IOException {
        Report report = SampleReports.withVariance();
        String csv = Files.readString(new CsvReport().write(report, dir), StandardCharsets.UTF_8);

        // Record separators are CRLF; the newline inside the quoted detail stays a bare LF.
        assertThat(csv).startsWith("category,transaction_id,").contains("\r\nMATCHED,1000001,").endsWith("\r\n");
        assertThat(csv).contains(",\"Amount <b>differs</b> & customer \"\"C00004\"\", 'quoted', comma, here\nsecond line\"\r\n");
        List<String> differs = parse(csv).get(5);
        assertThat(differs.get(0)).isEqualTo("DIFFERS");
        assertThat(differs.get(11)).isEqualTo(report.lines().get(4).detail());
    }

    @Test
    void textASpreadsheetWouldRunAsAFormulaIsDefusedButAmountsStayNumbers() throws IOException {
        List<List<String>> rows = parse(Files.readString(new CsvReport().write(SampleReports.withVariance(), dir)));

        List<String> differs = rows.get(5);
        assertThat(differs.get(3)).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(differs.get(9)).isEqualTo("-1.00");
        assertThat(rows.get(2).get(7)).isEqualTo("-12.30");
    }

    @Test
    void quoteLeavesPlainFieldsAlone() {
        assertThat(CsvReport.quote("plain")).isEqualTo("plain");
        assertThat(CsvReport.quote("")).isEqualTo("");
        assertThat(CsvReport.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvReport.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvReport.quote("cr\rhere")).isEqualTo("\"cr\rhere\"");
    }

    /** An RFC 4180 reader written for the test, independent of the writer. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertThat(field).as("no text after the last CRLF").isEmpty();
        assertThat(row).as("no unterminated row").isEmpty();
        return rows;
    }
}
