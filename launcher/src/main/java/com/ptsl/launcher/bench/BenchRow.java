package com.ptsl.launcher.bench;

import java.util.Objects;

/**
 * One figure of {@code ptsl bench}: what was measured, beside the limit it is compared with (measured in the same
 * run, or a goal), and their ratio. A stage that could not be measured is a row too, with no value and the reason in
 * {@link #note}, so a report always says what is missing and why.
 *
 * @param name     stable identifier ({@code raw-producer}, {@code push-ingest}, {@code e2e-p99-500}, ...)
 * @param value    the figure, null when the stage failed or had nothing to measure
 * @param unit     {@code records/s}, {@code events/s}, {@code commands/s}, {@code ms}, ...
 * @param baseline the figure's own limit or goal, null when it has none
 * @param ratio    value / baseline, null unless both are there and the baseline is positive
 * @param note     what was measured with which sizes, whether the target is met, or why the stage failed
 */
public record BenchRow(String name, Double value, String unit, Double baseline, Double ratio, String note) {

    public BenchRow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        note = note == null ? "" : note;
        value = finite(value);
        baseline = finite(baseline);
        ratio = finite(ratio);
    }

    /** A measured figure; the ratio is computed here, so it is computed one way everywhere. */
    public static BenchRow measured(String name, double value, String unit, Double baseline, String note) {
        return new BenchRow(name, value, unit, baseline, ratio(value, baseline), note);
    }

    /** A figure that could not be measured, with the reason. */
    public static BenchRow failed(String name, String unit, String reason) {
        return new BenchRow(name, null, unit, null, null, "FAILED: " + reason);
    }

    public boolean isFailure() {
        return value == null;
    }

    /** value / baseline, or null when there is no positive baseline to divide by. */
    static Double ratio(Double value, Double baseline) {
        if (value == null || baseline == null || !(baseline > 0) || !Double.isFinite(value) || !Double.isFinite(baseline)) {
            return null;
        }
        return value / baseline;
    }

    /** NaN and infinities are not figures (and not valid JSON): they become "no value". */
    private static Double finite(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }
}
