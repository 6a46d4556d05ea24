package com.ptsl.gateway.push;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;
import com.ptsl.gateway.record.ExportedRecord;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a signed push read as PayTrace transaction records: one JSON object, or a JSON array of objects,
 * each exactly as {@code export/by_id} returns it. Strict, because a sender is told what is wrong instead of its
 * records being parked: trailing content and duplicate field names are refused, and every record needs a usable
 * {@code transaction_id} (the answer names the first that has none, e.g. {@code events[3].transaction_id is
 * missing}). Error texts give positions, never content, as a body may hold card numbers.
 */
final class PushedEvents {

    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    /** Either the records (scrubbed, fingerprinted) or the answer saying why not. */
    record Parsed(List<ExportedRecord> records, Answer problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private PushedEvents() {
    }

    static Parsed parse(byte[] body, int maxEvents) {
        if (body.length == 0) {
            return bad("body is empty: send a PayTrace transaction record or a JSON array of them");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
            return bad((duplicate ? "body repeats a field name in one object" : "body is not valid JSON")
                    + where(e.getLocation()));
        } catch (IOException e) {
            return bad("body is not valid JSON");
        }
        if (root == null || root.isMissingNode()) {
            return bad("body is empty: send a PayTrace transaction record or a JSON array of them");
        }
        List<ExportedRecord> records = new ArrayList<>();
        if (root instanceof ObjectNode single) {
            ExportedRecord record = ExportedRecord.of(single);
            if (!record.hasTransactionId()) {
                return bad(ExportedRecord.TRANSACTION_ID + " " + record.transactionIdProblem());
            }
            records.add(record);
            return new Parsed(records, null);
        }
        if (!root.isArray()) {
            return bad("body must be a JSON object (one transaction record) or an array of them, was "
                    + root.getNodeType());
        }
        if (root.isEmpty()) {
            return bad("events is an empty array: nothing to publish");
        }
        if (root.size() > maxEvents) {
            return new Parsed(null, Answer.error(PushOutcome.TOO_LARGE, root.size() + " events in one request, at most "
                    + maxEvents + ": split them"));
        }
        for (int i = 0; i < root.size(); i++) {
            if (!(root.get(i) instanceof ObjectNode event)) {
                return bad("events[" + i + "] is not a JSON object (" + root.get(i).getNodeType() + ")");
            }
            ExportedRecord record = ExportedRecord.of(event);
            if (!record.hasTransactionId()) {
                return bad("events[" + i + "]." + ExportedRecord.TRANSACTION_ID + " " + record.transactionIdProblem());
            }
            records.add(record);
        }
        return new Parsed(records, null);
    }

    private static Parsed bad(String message) {
        return new Parsed(null, Answer.error(PushOutcome.BAD_REQUEST, message));
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
