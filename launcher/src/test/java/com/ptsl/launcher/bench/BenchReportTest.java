package com.ptsl.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's two forms: the table people read and the JSON array tools and the docs read. */
class BenchReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final BenchReport report = new BenchReport(List.of(
            BenchRow.measured("raw-producer", 45_123.46, "records/s", null, "ProducerPerformance"),
            BenchRow.measured("push-ingest", 33_000, "records/s", 45_123.46, "target >= 0.7x raw-producer: met"),
            BenchRow.failed("streams-eos", "events/s", "UnsupportedOperationException: not built yet"),
            BenchRow.measured("e2e-p99-500", 420, "ms", 500.0, "goal < 500 ms: met")));

    @Test
    void the_ratio_is_value_over_baseline_and_only_with_a_positive_baseline() {
        assertThat(BenchRow.measured("a", 35, "x", 50.0, "").ratio()).isEqualTo(0.7);
        assertThat(BenchRow.measured("a", 35, "x", null, "").ratio()).isNull();
        assertThat(BenchRow.measured("a", 35, "x", 0.0, "").ratio()).isNull();
        assertThat(BenchRow.measured("a", Double.NaN, "x", 50.0, "").value()).isNull();
        assertThat(BenchRow.measured("a", Double.NaN, "x", 50.0, "").ratio()).isNull();
        assertThat(BenchRow.failed("a", "x", "boom").ratio()).isNull();
        assertThat(BenchRow.failed("a", "x", "boom").note()).isEqualTo("FAILED: boom");
    }

    @Test
    void the_json_is_an_array_of_name_value_unit_baseline_ratio_in_the_tables_order() throws Exception {
        JsonNode array = JSON.readTree(report.json());

        assertThat(array.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        array.forEach(row -> {
            names.add(row.get("name").asText());
            List<String> fields = new ArrayList<>();
            row.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("name", "value", "unit", "baseline", "ratio", "note");
        });
        assertThat(names).containsExactly("raw-producer", "push-ingest", "streams-eos", "e2e-p99-500");

        JsonNode push = array.get(1);
        assertThat(push.get("value").decimalValue()).isEqualByComparingTo("33000.0");
        assertThat(push.get("baseline").decimalValue()).isEqualByComparingTo("45123.5");
        assertThat(push.get("ratio").decimalValue()).isEqualByComparingTo("0.731");
        assertThat(push.get("unit").asText()).isEqualTo("records/s");

        JsonNode failed = array.get(2);
        assertThat(failed.get("value").isNull()).isTrue();
        assertThat(failed.get("baseline").isNull()).isTrue();
        assertThat(failed.get("ratio").isNull()).isTrue();
        assertThat(failed.get("note").asText()).startsWith("FAILED: UnsupportedOperationException");

        assertThat(array.get(3).get("ratio").decimalValue()).isEqualByComparingTo("0.840");
    }

    @Test
    void the_table_has_one_line_per_figure_under_its_header() {
        List<String> lines = report.table().lines().toList();

        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).containsSubsequence("figure", "value", "unit", "baseline", "ratio", "note");
        assertThat(lines.get(1)).containsSubsequence("raw-producer", "45,123", "records/s", "-", "-", "ProducerPerformance");
        assertThat(lines.get(2)).containsSubsequence("push-ingest", "33,000", "records/s", "45,123", "0.73", "met");
        assertThat(lines.get(3)).containsSubsequence("streams-eos", "-", "events/s", "-", "-", "FAILED: Unsupported");
        assertThat(lines.get(4)).containsSubsequence("e2e-p99-500", "420", "ms", "500", "0.84");
        // The columns line up: every row's unit starts where the header's does.
        int unitColumn = lines.get(0).indexOf("unit");
        assertThat(lines.get(1).indexOf("records/s")).isEqualTo(unitColumn);
        assertThat(lines.get(4).indexOf(" ms ") + 1).isEqualTo(unitColumn);
    }

    @Test
    void the_file_is_named_for_the_time_of_the_run_and_holds_the_json() throws Exception {
        Path file = report.write(dir.resolve("bench"), LocalDateTime.of(2026, 12, 1, 9, 5, 7));

        assertThat(file).isEqualTo(dir.resolve("bench").resolve("bench-20261201-090507.json"));
        assertThat(Files.readString(file)).isEqualTo(report.json());
    }
}
