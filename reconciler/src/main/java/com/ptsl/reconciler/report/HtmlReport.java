package com.ptsl.reconciler.report;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report for people: {@code reconcile-<from>-<to>.html}, one self-contained page (inline CSS, no scripts, nothing
 * fetched) that a finance user can open from a mail or a share. A verdict first, then the totals (lines per category,
 * per day, per settlement batch, per customer), then one table per category in {@link Category} order, an empty one
 * saying "none". Every line names the PayTrace transaction and the SL documents by type, RefNbr and BatNbr. Amounts
 * are right-aligned with two decimals in tabular figures, so columns line up to the cent. Everything that came from
 * PayTrace, Kafka or SL is HTML-escaped.
 *
 * <p>The matched table is cut after {@link #DEFAULT_MATCHED_ROWS} rows by default: a night of a busy merchant has
 * hundreds of thousands of matched transactions, which no one reads in a browser and which would make the page too
 * heavy to open; the page says how many more there are, and the CSV and JSON have every line. Lines of every other
 * category are always listed in full.
 */
public final class HtmlReport implements ReportWriter {

    /** Matched lines listed before the page says "… and N more". */
    public static final int DEFAULT_MATCHED_ROWS = 1000;

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;max-width:80rem;\
            padding:0 1rem;color:#1d1d1f;line-height:1.4}
            h1{font-size:1.5rem;margin:0 0 .25rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc;\
            padding-bottom:.2rem}h3{font-size:1rem;margin:1.25rem 0 .4rem}
            .meta{color:#555;margin:.2rem 0}
            .verdict{display:inline-block;font-size:1.15rem;font-weight:600;padding:.35rem .8rem;border-radius:.3rem;\
            margin:.6rem 0}
            .verdict.ok{background:#e3f4e6;color:#14532d}.verdict.bad{background:#fde8e8;color:#7f1d1d}
            table{border-collapse:collapse;margin:.3rem 0 1rem;font-size:.9rem}
            th,td{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
            th{background:#f3f4f6;font-weight:600}
            tfoot td{font-weight:600;background:#fafafa}
            td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.id{font-variant-numeric:tabular-nums;white-space:nowrap}
            .neg{color:#9f1239}.diff{font-weight:600;background:#fff4e5}
            tr.attention td:first-child{border-left:3px solid #b91c1c}
            .none{color:#555;font-style:italic}
            .doc{white-space:nowrap;display:block}
            .more{color:#555}
            footer{margin-top:2rem;color:#555;font-size:.85rem}
            @media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}
            """;

    private final int matchedRows;

    public HtmlReport() {
        this(DEFAULT_MATCHED_ROWS);
    }

    /** @param matchedRows how many matched lines to list before summarising the rest (0 or more) */
    public HtmlReport(int matchedRows) {
        if (matchedRows < 0) {
            throw new IllegalArgumentException("matchedRows must be 0 or more, got " + matchedRows);
        }
        this.matchedRows = matchedRows;
    }

    @Override
    public String extension() {
        return "html";
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        Window window = report.window();
        String verdict = ReportFormat.verdict(report);
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.write("<title>Reconciliation " + esc(ReportFormat.windowText(window)) + ": " + esc(verdict) + "</title>\n");
        out.write("<style>\n" + CSS + "</style>\n</head>\n<body>\n");
        header(report, verdict, out);
        totals(report, out);
        for (Category c : Category.values()) {
            category(report, c, out);
        }
        redriven(report, out);
        out.write("<footer><p>Amounts are cash as PayTrace and SL hold it: a sale is positive, a refund negative. "
                + "Difference = SL − PayTrace. SL documents are shown as type, RefNbr and BatNbr. The CSV and JSON "
                + "reports beside this file hold every line.</p></footer>\n");
        out.write("</body>\n</html>\n");
        out.flush();
    }

    private static void header(Report report, String verdict, Writer out) throws IOException {
        Sources s = report.sources();
        out.write("<header>\n<h1>PayTrace → Dynamics SL reconciliation</h1>\n");
        out.write("<p class=\"meta\">Window: <strong>" + esc(ReportFormat.windowText(report.window())) + "</strong>, "
                + "start included, end excluded. Generated "
                + esc(GENERATED.format(report.generatedAt().atOffset(ZoneOffset.UTC))) + ".</p>\n");
        out.write("<p class=\"verdict " + (report.hasVariance() ? "bad" : "ok") + "\">" + esc(verdict) + "</p>\n");
        out.write("<p class=\"meta\">Compared " + count(s.transactions()) + " PayTrace transactions and "
                + count(s.settlementBatches()) + " settlement batches with " + count(s.slDocuments())
                + " SL documents (read " + count(s.rawRecords()) + " transaction records, " + count(s.batchRecords())
                + " batch records and " + count(s.commandRecords()) + " ERP commands in "
                + esc(seconds(s.readMillis())) + ").</p>\n</header>\n");
    }

    private static void totals(Report report, Writer out) throws IOException {
        out.write("<section id=\"totals\">\n<h2>Totals</h2>\n<h3>Lines per category</h3>\n");
        out.write("<table>\n<thead><tr><th>Category</th><th class=\"num\">Lines</th><th>Needs attention</th></tr></thead>\n<tbody>\n");
        for (Map.Entry<Category, Long> e : report.counts().entrySet()) {
            Category c = e.getKey();
            boolean attention = c.variance() && e.getValue() > 0;
            out.write("<tr" + (attention ? " class=\"attention\"" : "") + "><td><a href=\"#" + anchor(c) + "\">"
                    + esc(c.title()) + "</a></td><td class=\"num\">" + count(e.getValue()) + "</td><td>"
                    + esc(attentionText(c, e.getValue())) + "</td></tr>\n");
        }
        out.write("</tbody>\n<tfoot><tr><td>All lines</td><td class=\"num\">" + count(report.lines().size())
                + "</td><td>" + esc(ReportFormat.plural(ReportFormat.varianceLines(report), "line", "lines")) + "</td></tr></tfoot>\n</table>\n");
        totalTable("Per day", "Day", report.perDay(), out);
        totalTable("Per settlement batch", "Settlement batch", report.perSettlementBatch(), out);
        totalTable("Per customer", "SL customer", report.perCustomer(), out);
        out.write("</section>\n");
    }

    private static String attentionText(Category c, long lines) {
        if (c.variance()) {
            return lines > 0 ? "yes" : "no";
        }
        return c == Category.OPEN_REVIEW && lines > 0 ? "no: waiting for a person's decision (ptsl review list)" : "no";
    }

    private static void totalTable(String title, String keyHeading, List<Total> totals, Writer out) throws IOException {
        out.write("<h3>" + esc(title) + "</h3>\n");
        if (totals.isEmpty()) {
            out.write("<p class=\"none\">none</p>\n");
            return;
        }
        out.write("<table>\n<thead><tr><th>" + esc(keyHeading) + "</th><th class=\"num\">Transactions</th>"
                + "<th class=\"num\">PayTrace</th><th class=\"num\">SL</th><th class=\"num\">Difference</th>"
                + "<th class=\"num\">Lines needing attention</th></tr></thead>\n<tbody>\n");
        long transactions = 0;
        long attention = 0;
        BigDecimal payTrace = BigDecimal.ZERO;
        BigDecimal sl = BigDecimal.ZERO;
        for (Total t : totals) {
            out.write("<tr" + (t.varianceLines() > 0 ? " class=\"attention\"" : "") + "><td class=\"id\">"
                    + esc(t.key() == null || t.key().isEmpty() ? "(none)" : t.key()) + "</td><td class=\"num\">"
                    + count(t.transactions()) + "</td>" + amountCell(t.payTraceAmount()) + amountCell(t.slAmount())
                    + differenceCell(ReportFormat.difference(t.payTraceAmount(), t.slAmount()))
                    + "<td class=\"num\">" + count(t.varianceLines()) + "</td></tr>\n");
            transactions += t.transactions();
            attention += t.varianceLines();
            payTrace = t.payTraceAmount() == null ? payTrace : payTrace.add(t.payTraceAmount());
            sl = t.slAmount() == null ? sl : sl.add(t.slAmount());
        }
        out.write("</tbody>\n<tfoot><tr><td>Total</td><td class=\"num\">" + count(transactions) + "</td>"
                + amountCell(payTrace) + amountCell(sl) + differenceCell(sl.subtract(payTrace))
                + "<td class=\"num\">" + count(attention) + "</td></tr></tfoot>\n</table>\n");
    }

    private void category(Report report, Category c, Writer out) throws IOException {
        List<Line> lines = report.linesOf(c);
        out.write("<section id=\"" + anchor(c) + "\">\n<h2>" + esc(c.title()) + " (" + count(lines.size()) + ")</h2>\n");
        if (lines.isEmpty()) {
            out.write("<p class=\"none\">none</p>\n</section>\n");
            return;
        }
        out.write("<table>\n<thead><tr><th>PayTrace transaction</th><th>Kind</th><th>Day</th><th>Customer</th>"
                + "<th>SL customer</th><th>Settlement batch</th><th class=\"num\">PayTrace</th><th class=\"num\">SL</th>"
                + "<th class=\"num\">Difference</th><th>SL documents</th><th>Detail</th></tr></thead>\n<tbody>\n");
        int shown = c == Category.MATCHED ? Math.min(matchedRows, lines.size()) : lines.size();
        for (Line l : lines.subList(0, shown)) {
            out.write("<tr" + (c.variance() ? " class=\"attention\"" : "") + "><td class=\"id\">" + esc(subject(l))
                    + "</td><td>" + esc(orBlank(l.kind())) + "</td><td class=\"id\">"
                    + (l.day() == null ? "" : esc(l.day().toString())) + "</td><td>" + esc(orBlank(l.custId()))
                    + "</td><td>" + esc(orBlank(l.slCustId())) + "</td><td class=\"id\">" + esc(orBlank(l.settlementBatch()))
                    + "</td>" + amountCell(l.payTraceAmount()) + amountCell(l.slAmount())
                    + differenceCell(ReportFormat.difference(l.payTraceAmount(), l.slAmount())) + "<td>"
                    + documents(l.slDocuments()) + "</td><td>" + esc(orBlank(l.detail())) + "</td></tr>\n");
        }
        out.write("</tbody>\n</table>\n");
        if (shown < lines.size()) {
            out.write("<p class=\"more\">… and " + count(lines.size() - shown)
                    + " more matched transactions: every line is in the CSV and JSON reports.</p>\n");
        }
        out.write("</section>\n");
    }

    private static void redriven(Report report, Writer out) throws IOException {
        if (report.redriven().isEmpty()) {
            return;
        }
        out.write("<section id=\"redriven\">\n<h2>Sent again to SL (--redrive) (" + count(report.redriven().size()) + ")</h2>\n");
        out.write("<p class=\"meta\">Each command went to erp.commands with a deterministic id: the sink applies it "
                + "once, however often it is sent. Reconcile again once the sink has caught up.</p>\n");
        out.write("<table>\n<thead><tr><th>Command sent</th><th>Re-sends</th><th>PayTrace transaction</th>"
                + "<th>Customer</th><th>Type</th><th class=\"num\">Amount</th><th>Why</th></tr></thead>\n<tbody>\n");
        for (RedriveLine r : report.redriven()) {
            out.write("<tr><td class=\"id\">" + esc(orBlank(r.commandId())) + "</td><td class=\"id\">"
                    + esc(orBlank(r.originalCommandId())) + "</td><td class=\"id\">" + esc(orBlank(r.transactionId()))
                    + "</td><td>" + esc(orBlank(r.custId())) + "</td><td>" + esc(orBlank(r.commandType())) + "</td>"
                    + amountCell(r.amount()) + "<td>" + esc(orBlank(r.why())) + "</td></tr>\n");
        }
        out.write("</tbody>\n</table>\n</section>\n");
    }

    /** The PayTrace id, or for a settlement batch's line the batch it is about. */
    private static String subject(Line l) {
        if (l.transactionId() != null && !l.transactionId().isEmpty()) {
            return l.transactionId();
        }
        return l.settlementBatch() == null ? "" : "batch " + l.settlementBatch();
    }

    /** "PA RefNbr 1000123, BatNbr 004512" per document, one per line of the cell. */
    private static String documents(List<String> docs) {
        if (docs.isEmpty()) {
            return "<span class=\"none\">none</span>";
        }
        StringBuilder b = new StringBuilder();
        for (String doc : docs) {
            String[] parts = doc.split("/", -1);
            String text;
            if (parts.length != 3) {
                text = doc;
            } else if (parts[1].isEmpty()) {
                // A settlement batch's line names SL batches, not documents: "Batch//000101".
                text = ("Batch".equals(parts[0]) ? "SL batch" : parts[0]) + " BatNbr " + parts[2];
            } else {
                text = parts[0] + " RefNbr " + parts[1] + ", BatNbr " + parts[2];
            }
            b.append("<span class=\"doc\">").append(esc(text)).append("</span>");
        }
        return b.toString();
    }

    private static String amountCell(BigDecimal amount) {
        if (amount == null) {
            return "<td class=\"num\"></td>";
        }
        return "<td class=\"num" + (amount.signum() < 0 ? " neg" : "") + "\">" + ReportFormat.grouped(amount) + "</td>";
    }

    private static String differenceCell(BigDecimal difference) {
        if (difference == null) {
            return "<td class=\"num\"></td>";
        }
        String css = "num" + (difference.signum() != 0 ? " diff" : "") + (difference.signum() < 0 ? " neg" : "");
        return "<td class=\"" + css + "\">" + ReportFormat.grouped(difference) + "</td>";
    }

    private static String count(long n) {
        return String.format(Locale.US, "%,d", n);
    }

    private static String seconds(long millis) {
        return String.format(Locale.US, "%.1f s", millis / 1000.0);
    }

    private static String anchor(Category c) {
        return "cat-" + c.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String orBlank(String s) {
        return s == null ? "" : s;
    }

    /** Escapes text for an element's content or a quoted attribute. */
    static String esc(String text) {
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
