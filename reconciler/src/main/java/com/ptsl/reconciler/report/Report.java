package com.ptsl.reconciler.report;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A finished reconciliation. Only a complete one is ever built: a read that fails throws instead, so a partial report
 * is never presented as complete.
 */
public record Report(Window window, Instant generatedAt, Sources sources, List<Line> lines, List<Total> perDay,
                     List<Total> perSettlementBatch, List<Total> perCustomer, List<RedriveLine> redriven) {

    public Report {
        lines = List.copyOf(lines);
        perDay = List.copyOf(perDay);
        perSettlementBatch = List.copyOf(perSettlementBatch);
        perCustomer = List.copyOf(perCustomer);
        redriven = List.copyOf(redriven);
    }

    /** Lines per category, every category present (0 when it has none), in report order. */
    public Map<Category, Long> counts() {
        Map<Category, Long> counts = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            counts.put(c, 0L);
        }
        lines.forEach(l -> counts.merge(l.category(), 1L, Long::sum));
        return counts;
    }

    public List<Line> linesOf(Category category) {
        return lines.stream().filter(l -> l.category() == category).toList();
    }

    public boolean hasVariance() {
        return lines.stream().anyMatch(l -> l.category().variance());
    }

    /** 0 when there is no variance, 1 when there is (2, a usage error, never reaches a report). */
    public int exitCode() {
        return hasVariance() ? 1 : 0;
    }
}
