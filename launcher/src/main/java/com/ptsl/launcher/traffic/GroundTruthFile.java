package com.ptsl.launcher.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ground-truth.jsonl}: one JSON object per PayTrace transaction, in traffic order. Amounts are strings
 * ("12.30") so no reader turns money into binary floating point; absent expectations are JSON null. Example:
 * <pre>{"transactionId":"100042","seq":42,"scenario":"OVERPAYMENT","group":null,"approved":true,
 * "madeAt":"2026-11-30T10:15:02.123Z","amount":"180.00","invoiceId":"0000010007","customerReferenceId":"C00003",
 * "description":"","expectedCustId":"C00003","expectedStrategy":"INVOICE_ID",
 * "expectedApplications":{"0000010007":"150.00"},"expectedOnAccount":"30.00","expectedReview":"OVERPAYMENT",
 * "enteredInvoice":null}</pre>
 */
public final class GroundTruthFile {

    public static final String FILE_NAME = "ground-truth.jsonl";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GroundTruthFile() {
    }

    public static Path write(Path file, List<GroundTruthRow> rows) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (GroundTruthRow row : rows) {
                    out.write(MAPPER.writeValueAsString(toJson(row)));
                    out.write('\n');
                }
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth to " + file, e);
        }
    }

    public static List<GroundTruthRow> read(Path file) {
        try {
            List<GroundTruthRow> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    rows.add(fromJson(MAPPER.readTree(line)));
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ground truth from " + file, e);
        }
    }

    static ObjectNode toJson(GroundTruthRow r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("transactionId", r.transactionId());
        o.put("seq", r.seq());
        o.put("scenario", r.scenario());
        o.put("group", r.group());
        o.put("approved", r.approved());
        o.put("madeAt", r.madeAt() == null ? null : r.madeAt().toString());
        o.put("amount", money(r.amount()));
        o.put("invoiceId", r.invoiceId());
        o.put("customerReferenceId", r.customerReferenceId());
        o.put("description", r.description());
        o.put("expectedCustId", r.expectedCustId());
        o.put("expectedStrategy", r.expectedStrategy());
        ObjectNode applications = o.putObject("expectedApplications");
        r.expectedApplications().forEach((ref, amount) -> applications.put(ref, money(amount)));
        o.put("expectedOnAccount", money(r.expectedOnAccount()));
        o.put("expectedReview", r.expectedReview());
        o.put("enteredInvoice", r.enteredInvoice());
        return o;
    }

    static GroundTruthRow fromJson(JsonNode o) {
        Map<String, BigDecimal> applications = new LinkedHashMap<>();
        o.path("expectedApplications").fields()
                .forEachRemaining(e -> applications.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        return new GroundTruthRow(o.path("transactionId").asText(), o.path("seq").asInt(), o.path("scenario").asText(),
                text(o, "group"), o.path("approved").asBoolean(),
                text(o, "madeAt") == null ? null : Instant.parse(text(o, "madeAt")),
                new BigDecimal(o.path("amount").asText()), o.path("invoiceId").asText(""),
                o.path("customerReferenceId").asText(""), o.path("description").asText(""),
                text(o, "expectedCustId"), text(o, "expectedStrategy"), applications,
                new BigDecimal(o.path("expectedOnAccount").asText("0.00")), text(o, "expectedReview"),
                text(o, "enteredInvoice"));
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
