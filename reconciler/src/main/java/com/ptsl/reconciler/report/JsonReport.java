package com.ptsl.reconciler.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The report for programs: {@code reconcile-<from>-<to>.json}. Amounts are JSON strings with two decimals ("12.30"),
 * never numbers, so no reader turns a cent into a binary fraction. Written with Jackson's streaming generator: a
 * window of a million events has a third of a million lines, and building them as a tree first would double the
 * memory the reconciliation needs.
 *
 * <p>Shape: {@code window{from,to,zone}, generatedAt, sources{…}, counts{CATEGORY:n…}, variance, varianceLines,
 * exitCode, totals{perDay[], perSettlementBatch[], perCustomer[]}, lines[], redriven[]}.
 */
public final class JsonReport implements ReportWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    @Override
    public String extension() {
        return "json";
    }

    @Override
    public void write(Report report, Writer out) throws IOException {
        JsonGenerator json = FACTORY.createGenerator(out);
        json.useDefaultPrettyPrinter();
        // The caller owns the writer; do not close it with the generator.
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.writeStartObject();
        writeWindow(json, report.window());
        json.writeStringField("generatedAt", report.generatedAt().toString());
        writeSources(json, report.sources());
        json.writeObjectFieldStart("counts");
        for (Map.Entry<Category, Long> count : report.counts().entrySet()) {
            json.writeNumberField(count.getKey().name(), count.getValue());
        }
        json.writeEndObject();
        json.writeBooleanField("variance", report.hasVariance());
        json.writeNumberField("varianceLines", ReportFormat.varianceLines(report));
        json.writeNumberField("exitCode", report.exitCode());
        json.writeObjectFieldStart("totals");
        writeTotals(json, "perDay", report.perDay());
        writeTotals(json, "perSettlementBatch", report.perSettlementBatch());
        writeTotals(json, "perCustomer", report.perCustomer());
        json.writeEndObject();
        json.writeArrayFieldStart("lines");
        for (Line line : report.lines()) {
            writeLine(json, line);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("redriven");
        for (RedriveLine r : report.redriven()) {
            json.writeStartObject();
            text(json, "commandId", r.commandId());
            text(json, "originalCommandId", r.originalCommandId());
            text(json, "transactionId", r.transactionId());
            text(json, "custId", r.custId());
            text(json, "commandType", r.commandType());
            money(json, "amount", r.amount());
            text(json, "why", r.why());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeRaw('\n');
        json.flush();
    }

    private static void writeWindow(JsonGenerator json, Window window) throws IOException {
        json.writeObjectFieldStart("window");
        json.writeStringField("from", window.from().withZoneSameInstant(window.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        json.writeStringField("to", window.to().withZoneSameInstant(window.zone()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        json.writeStringField("zone", window.zone().getId());
        json.writeEndObject();
    }

    private static void writeSources(JsonGenerator json, Sources s) throws IOException {
        json.writeObjectFieldStart("sources");
        json.writeNumberField("rawRecords", s.rawRecords());
        json.writeNumberField("batchRecords", s.batchRecords());
        json.writeNumberField("commandRecords", s.commandRecords());
        json.writeNumberField("transactions", s.transactions());
        json.writeNumberField("settlementBatches", s.settlementBatches());
        json.writeNumberField("slDocuments", s.slDocuments());
        json.writeNumberField("readMillis", s.readMillis());
        json.writeEndObject();
    }

    private static void writeTotals(JsonGenerator json, String name, List<Total> totals) throws IOException {
        json.writeArrayFieldStart(name);
        for (Total t : totals) {
            json.writeStartObject();
            text(json, "key", t.key());
            json.writeNumberField("transactions", t.transactions());
            money(json, "payTraceAmount", t.payTraceAmount());
            money(json, "slAmount", t.slAmount());
            money(json, "difference", ReportFormat.difference(t.payTraceAmount(), t.slAmount()));
            json.writeNumberField("varianceLines", t.varianceLines());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeLine(JsonGenerator json, Line l) throws IOException {
        json.writeStartObject();
        json.writeStringField("category", l.category().name());
        text(json, "transactionId", l.transactionId());
        text(json, "kind", l.kind());
        text(json, "custId", l.custId());
        text(json, "slCustId", l.slCustId());
        text(json, "day", l.day() == null ? null : l.day().toString());
        text(json, "settlementBatch", l.settlementBatch());
        money(json, "payTraceAmount", l.payTraceAmount());
        money(json, "slAmount", l.slAmount());
        money(json, "difference", ReportFormat.difference(l.payTraceAmount(), l.slAmount()));
        json.writeArrayFieldStart("slDocuments");
        for (String doc : l.slDocuments()) {
            json.writeString(doc);
        }
        json.writeEndArray();
        text(json, "detail", l.detail());
        json.writeEndObject();
    }

    /** A string field, JSON null when absent (a deposit line has no transaction id). */
    private static void text(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    private static void money(JsonGenerator json, String name, BigDecimal amount) throws IOException {
        if (amount == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, ReportFormat.money(amount));
        }
    }
}
