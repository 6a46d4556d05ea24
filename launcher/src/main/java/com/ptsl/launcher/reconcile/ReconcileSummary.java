package com.ptsl.launcher.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.launcher.review.Formats;
import com.ptsl.reconciler.report.Category;
import com.ptsl.reconciler.report.Line;
import com.ptsl.reconciler.report.RedriveLine;
import com.ptsl.reconciler.report.Report;
import com.ptsl.reconciler.report.ReportFormat;
import com.ptsl.reconciler.report.Sources;
import com.ptsl.reconciler.report.Total;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code ptsl reconcile} prints on stdout: the verdict, counts per category, totals, the lines that need
 * attention (the first {@link #SHOWN}; the report files hold all), what {@code --redrive} sent, and the report paths
 * with the HTML last, the one a person opens. As text for a console, or as one JSON object for a script.
 */
final class ReconcileSummary {

    /** Variance lines, days and settlement batches listed before "… and N more in the report". */
    static final int SHOWN = 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReconcileSummary() {
    }

    static String text(Report report, boolean redriveAsked, List<Path> reports) {
        StringBuilder b = new StringBuilder();
        Sources s = report.sources();
        b.append("Reconciliation ").append(ReportFormat.windowText(report.window())).append(": ")
                .append(ReportFormat.verdict(report)).append('\n');
        b.append("Compared ").append(count(s.transactions())).append(" PayTrace transactions and ")
                .append(count(s.settlementBatches())).append(" settlement batches with ").append(count(s.slDocuments()))
                .append(" SL documents (read ").append(count(s.rawRecords())).append(" transaction records, ")
                .append(count(s.batchRecords())).append(" batch records, ").append(count(s.commandRecords()))
                .append(" ERP commands in ").append(String.format(Locale.US, "%.1f s", s.readMillis() / 1000.0)).append(")\n");

        b.append("\nLines per category\n");
        for (Map.Entry<Category, Long> e : report.counts().entrySet()) {
            b.append(String.format(Locale.US, "  %-40s %10s%s%n", e.getKey().title(), count(e.getValue()),
                    e.getKey().variance() && e.getValue() > 0 ? "   needs attention" : ""));
        }

        totals(b, "Totals per day", "DAY", report.perDay(), t -> true);
        totals(b, "Totals per settlement batch", "BATCH", report.perSettlementBatch(), t -> true);
        totals(b, "Customers with lines needing attention", "CUSTOMER", report.perCustomer(), t -> t.varianceLines() > 0);

        List<Line> attention = report.lines().stream().filter(l -> l.category().variance()).toList();
        if (!attention.isEmpty()) {
            b.append("\nNeeds attention (").append(count(attention.size())).append(")\n");
            b.append(String.format(Locale.US, "  %-19s %-14s %-8s %-10s %12s %12s %12s  %s%n", "CATEGORY", "TRANSACTION",
                    "KIND", "CUSTOMER", "PAYTRACE", "SL", "DIFFERENCE", "SL DOCUMENTS: DETAIL"));
            for (Line l : attention.subList(0, Math.min(SHOWN, attention.size()))) {
                b.append(String.format(Locale.US, "  %-19s %-14s %-8s %-10s %12s %12s %12s  %s: %s%n", l.category().name(),
                        dash(subject(l)), dash(l.kind()), dash(l.custId()), ReportFormat.money(l.payTraceAmount()),
                        ReportFormat.money(l.slAmount()), ReportFormat.money(difference(l)),
                        l.slDocuments().isEmpty() ? "none" : Formats.oneLine(String.join(" ", l.slDocuments())),
                        Formats.oneLine(l.detail())));
            }
            more(b, attention.size());
        }

        b.append('\n');
        if (!report.redriven().isEmpty()) {
            b.append("Re-driven to erp.commands (").append(count(report.redriven().size()))
                    .append("); reconcile again once the sink has applied them\n");
            for (RedriveLine r : report.redriven()) {
                b.append(String.format(Locale.US, "  %-40s %-14s %-10s %12s  %s%n", Formats.oneLine(r.commandId()),
                        dash(r.transactionId()), dash(r.custId()), ReportFormat.money(r.amount()), Formats.oneLine(r.why())));
            }
        } else if (redriveAsked) {
            b.append("Re-driven: nothing (no missing posting has a command on erp.commands to send again)\n");
        } else if (report.linesOf(Category.MISSING_IN_SL).size() > 0) {
            b.append("Re-driven: nothing; run again with --redrive to send the missing postings to SL again\n");
        }

        if (!reports.isEmpty()) {
            b.append("\nReports\n");
            reports.forEach(p -> b.append("  ").append(p).append('\n'));
        }
        return b.toString();
    }

    static String json(Report report, List<Path> reports) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode window = root.putObject("window");
        window.put("from", report.window().from().withZoneSameInstant(report.window().zone()).toOffsetDateTime().toString());
        window.put("to", report.window().to().withZoneSameInstant(report.window().zone()).toOffsetDateTime().toString());
        window.put("zone", report.window().zone().getId());
        root.put("verdict", ReportFormat.verdict(report));
        root.put("variance", report.hasVariance());
        root.put("exitCode", report.exitCode());
        ObjectNode counts = root.putObject("counts");
        report.counts().forEach((c, n) -> counts.put(c.name(), n));
        ObjectNode totals = root.putObject("totals");
        totals(totals.putArray("perDay"), report.perDay());
        totals(totals.putArray("perSettlementBatch"), report.perSettlementBatch());
        List<Line> attention = report.lines().stream().filter(l -> l.category().variance()).toList();
        ArrayNode lines = root.putArray("attention");
        for (Line l : attention.subList(0, Math.min(SHOWN, attention.size()))) {
            ObjectNode n = lines.addObject();
            n.put("category", l.category().name());
            n.put("transactionId", l.transactionId());
            n.put("settlementBatch", l.settlementBatch());
            n.put("kind", l.kind());
            n.put("custId", l.custId());
            n.put("payTraceAmount", ReportFormat.money(l.payTraceAmount()));
            n.put("slAmount", ReportFormat.money(l.slAmount()));
            n.put("difference", ReportFormat.money(difference(l)));
            ArrayNode docs = n.putArray("slDocuments");
            l.slDocuments().forEach(docs::add);
            n.put("detail", l.detail());
        }
        root.put("attentionNotShown", Math.max(0, attention.size() - SHOWN));
        ArrayNode redriven = root.putArray("redriven");
        for (RedriveLine r : report.redriven()) {
            ObjectNode n = redriven.addObject();
            n.put("commandId", r.commandId());
            n.put("originalCommandId", r.originalCommandId());
            n.put("transactionId", r.transactionId());
            n.put("commandType", r.commandType());
            n.put("amount", ReportFormat.money(r.amount()));
        }
        ObjectNode files = root.putObject("reports");
        for (Path p : reports) {
            String name = p.getFileName().toString();
            files.put(name.substring(name.lastIndexOf('.') + 1), p.toString());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the summary as JSON", e);
        }
    }

    private static void totals(ArrayNode array, List<Total> totals) {
        for (Total t : totals) {
            ObjectNode n = array.addObject();
            n.put("key", t.key());
            n.put("transactions", t.transactions());
            n.put("payTraceAmount", ReportFormat.money(t.payTraceAmount()));
            n.put("slAmount", ReportFormat.money(t.slAmount()));
            n.put("difference", ReportFormat.money(t.payTraceAmount() == null || t.slAmount() == null ? null : t.difference()));
            n.put("varianceLines", t.varianceLines());
        }
    }

    private static void totals(StringBuilder b, String title, String keyHeading, List<Total> totals,
                               java.util.function.Predicate<Total> shown) {
        List<Total> listed = totals.stream().filter(shown).toList();
        if (listed.isEmpty()) {
            return;
        }
        b.append('\n').append(title).append('\n');
        b.append(String.format(Locale.US, "  %-14s %12s %16s %16s %14s %10s%n", keyHeading, "TRANSACTIONS", "PAYTRACE", "SL",
                "DIFFERENCE", "ATTENTION"));
        for (Total t : listed.subList(0, Math.min(SHOWN, listed.size()))) {
            b.append(String.format(Locale.US, "  %-14s %12s %16s %16s %14s %10s%n", dash(t.key()), count(t.transactions()),
                    ReportFormat.grouped(t.payTraceAmount()), ReportFormat.grouped(t.slAmount()),
                    ReportFormat.grouped(t.payTraceAmount() == null || t.slAmount() == null ? null : t.difference()),
                    count(t.varianceLines())));
        }
        more(b, listed.size());
        if (listed.stream().anyMatch(t -> t.varianceLines() == 0 && t.payTraceAmount() != null && t.slAmount() != null
                && t.difference().signum() != 0)) {
            // Otherwise a reader sees money missing and "0 need attention" side by side, with no reason given.
            b.append("  a difference with 0 lines needing attention is money open review items hold (payments nobody could"
                    + " place yet, not posted): ./ptsl review list\n");
        }
    }

    private static void more(StringBuilder b, int size) {
        if (size > SHOWN) {
            b.append("  … and ").append(count(size - SHOWN)).append(" more in the report\n");
        }
    }

    private static java.math.BigDecimal difference(Line l) {
        return l.payTraceAmount() == null || l.slAmount() == null ? null : l.difference();
    }

    private static String subject(Line l) {
        if (l.transactionId() != null && !l.transactionId().isEmpty()) {
            return l.transactionId();
        }
        return l.settlementBatch() == null ? "" : "batch " + l.settlementBatch();
    }

    private static String dash(String s) {
        return s == null || s.isBlank() ? "-" : Formats.oneLine(s);
    }

    private static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }
}
