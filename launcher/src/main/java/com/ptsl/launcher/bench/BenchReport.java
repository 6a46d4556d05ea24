package com.ptsl.launcher.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The figures of a run, as a table for people and as JSON for tools and {@code docs/benchmarks.md}: an array of
 * {@code {"name", "value", "unit", "baseline", "ratio", "note"}}, in the table's order, a missing figure as null.
 */
public final class BenchReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final List<BenchRow> rows;

    public BenchReport(List<BenchRow> rows) {
        this.rows = List.copyOf(rows);
    }

    public List<BenchRow> rows() {
        return rows;
    }

    /** Columns figure, value, unit, baseline, ratio, note; numbers right-aligned, "-" for none. */
    public String table() {
        int nameWidth = "figure".length();
        int unitWidth = "unit".length();
        for (BenchRow r : rows) {
            nameWidth = Math.max(nameWidth, r.name().length());
            unitWidth = Math.max(unitWidth, r.unit().length());
        }
        String format = "%-" + nameWidth + "s  %12s  %-" + unitWidth + "s  %12s  %6s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.US, format, "figure", "value", "unit", "baseline", "ratio", "note"));
        for (BenchRow r : rows) {
            out.append(String.format(Locale.US, format, r.name(), number(r.value()), r.unit(), number(r.baseline()),
                    r.ratio() == null ? "-" : String.format(Locale.US, "%.2f", r.ratio()), r.note()));
        }
        return out.toString();
    }

    /** The JSON array; values to 1 decimal, ratios to 3. */
    public String json() {
        ArrayNode array = JSON.createArrayNode();
        for (BenchRow r : rows) {
            ObjectNode o = array.addObject();
            o.put("name", r.name());
            put(o, "value", r.value(), 1);
            o.put("unit", r.unit());
            put(o, "baseline", r.baseline(), 1);
            put(o, "ratio", r.ratio(), 3);
            o.put("note", r.note());
        }
        try {
            return JSON.writeValueAsString(array) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a tree of numbers and strings always writes
        }
    }

    /** Writes {@code bench-<yyyyMMdd-HHmmss>.json} into {@code dir} (created if needed) and returns its path. */
    public Path write(Path dir, LocalDateTime at) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("bench-" + FILE_TIME.format(at) + ".json");
        Files.writeString(file, json(), StandardCharsets.UTF_8);
        return file;
    }

    private static void put(ObjectNode o, String field, Double value, int decimals) {
        if (value == null) {
            o.putNull(field);
        } else {
            o.put(field, BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP));
        }
    }

    private static String number(Double d) {
        if (d == null) {
            return "-";
        }
        boolean whole = d == Math.rint(d);
        return whole || Math.abs(d) >= 100 ? String.format(Locale.US, "%,.0f", d) : String.format(Locale.US, "%,.1f", d);
    }
}
