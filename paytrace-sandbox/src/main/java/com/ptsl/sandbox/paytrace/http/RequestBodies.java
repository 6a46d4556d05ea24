package com.ptsl.sandbox.paytrace.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import io.javalin.http.Context;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a request into one JSON object whatever the client's encoding. PayTrace documents JSON, but real
 * clients also post form-encoded bodies (with Rails-style {@code credit_card[number]} keys) and put token
 * parameters in the query string (reference §1), so the sandbox accepts all of them.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * The body as an object: JSON, or form fields when the content type says form-urlencoded; an empty body is
     * an empty object. Malformed JSON is a 400 naming only the position of the problem.
     */
    public static ObjectNode body(Context ctx) {
        String contentType = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        byte[] raw = ctx.bodyAsBytes();
        // A form body never starts with '{'; such a body is JSON sent with a wrong label (curl -d does that).
        if (contentType.startsWith("application/x-www-form-urlencoded") && firstNonBlank(raw) != '{') {
            return fromParams(ctx.formParamMap());
        }
        if (isBlank(raw)) {
            return Json.object();
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw PayTraceErrors.malformedBody("malformed JSON" + where + ".");
        } catch (IOException e) {
            throw PayTraceErrors.malformedBody("it could not be read.");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return Json.object();
        }
        if (!node.isObject()) {
            throw PayTraceErrors.malformedBody("expected a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** Query parameters below the body: a field in the body wins over the same one in the query string. */
    public static ObjectNode bodyAndQuery(Context ctx) {
        ObjectNode merged = fromParams(ctx.queryParamMap());
        merged.setAll(body(ctx));
        return merged;
    }

    /** Text of a scalar field, or null when absent, null or not a scalar. Numbers come back in plain notation. */
    public static String text(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        if (node.isBigDecimal()) {
            return node.decimalValue().toPlainString();
        }
        return node.asText();
    }

    /** Like {@link #text} but "" when absent: PayTrace echoes missing optional fields as empty strings. */
    public static String textOrEmpty(JsonNode parent, String field) {
        String value = text(parent, field);
        return value == null ? "" : value;
    }

    /** Turns {@code a[b][c]=v} keys into nested objects; a repeated key keeps its last value. */
    static ObjectNode fromParams(Map<String, List<String>> params) {
        ObjectNode root = Json.object();
        params.forEach((key, values) -> {
            if (values == null || values.isEmpty()) {
                return;
            }
            List<String> path = splitKey(key);
            ObjectNode target = root;
            for (int i = 0; i < path.size() - 1; i++) {
                JsonNode child = target.get(path.get(i));
                target = child instanceof ObjectNode o ? o : target.putObject(path.get(i));
            }
            target.put(path.get(path.size() - 1), values.get(values.size() - 1));
        });
        return root;
    }

    private static List<String> splitKey(String key) {
        List<String> parts = new ArrayList<>();
        int bracket = key.indexOf('[');
        if (bracket <= 0 || !key.endsWith("]")) {
            parts.add(key);
            return parts;
        }
        parts.add(key.substring(0, bracket));
        for (String part : key.substring(bracket + 1, key.length() - 1).split("\\]\\[", -1)) {
            parts.add(part);
        }
        return parts;
    }

    private static int firstNonBlank(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return b;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] raw) {
        return firstNonBlank(raw) == -1;
    }
}
