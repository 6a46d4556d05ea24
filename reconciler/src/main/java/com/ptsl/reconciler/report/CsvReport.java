package com.ptsl.reconciler.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The report for spreadsheets: {@code reconcile-<from>-<to>.csv}, one row per line of the report (every category,
 * matched ones included), RFC 4180: a header row, CRLF line ends, a field quoted when it holds a comma, a quote, CR or
 * LF, quotes inside doubled. Amounts are plain numbers with two decimals and a dot ("-12.30").
 *
 * <p>Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR: an SL customer id or a
 * detail can hold anything an SL user typed) is prefixed with an apostrophe, the usual CSV-injection defence; amount
 * columns are never touched, so they stay numbers.
 */
public final class CsvReport implements ReportWriter {

    static final List<String> HEADER = List.of("category", "transaction_id", "kind", "customer", "sl_customer", "day",
            "settlement_batch", "paytrace_amount", "sl_amount", "difference", "sl_documents", "detail");

    private static final String CRLF = "\r\n";

    @Override
    public String extension() {
        return "csv";
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        row(out, HEADER);
        for (Line l : report.lines()) {
            row(out, List.of(
                    l.category().name(),
                    text(l.transactionId()),
                    text(l.kind()),
                    text(l.custId()),
                    text(l.slCustId()),
                    l.day() == null ? "" : l.day().toString(),
                    text(l.settlementBatch()),
                    ReportFormat.money(l.payTraceAmount()),
                    ReportFormat.money(l.slAmount()),
                    ReportFormat.money(ReportFormat.difference(l.payTraceAmount(), l.slAmount())),
                    text(String.join(";", l.slDocuments())),
                    text(l.detail())));
        }
        out.flush();
    }

    private static void row(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write(CRLF);
    }

    /** RFC 4180 §2.6/2.7: quoted only when needed, inner quotes doubled. */
    static String quote(String field) {
        boolean needs = field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\r') >= 0 || field.indexOf('\n') >= 0;
        return needs ? '"' + field.replace("\"", "\"\"") + '"' : field;
    }

    /** A text field, defused when a spreadsheet would read it as a formula. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        boolean formula = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
        return formula ? "'" + value : value;
    }
}
