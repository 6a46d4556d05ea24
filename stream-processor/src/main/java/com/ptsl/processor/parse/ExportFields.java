package com.ptsl.processor.parse;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one export record that the parser reads, in a single streaming pass: those of the top level, and of
 * the two nested objects it looks into ({@code credit_card}, {@code created}); everything else is skipped (field names
 * are still checked for duplicates everywhere). Building the whole JSON tree for each record was the largest single cost
 * of the parse stage; {@link TransactionParser} reads the usual record from this and keeps the tree for the rest.
 *
 * <p>Values: {@link String} for text, {@link Boolean}, {@link Long} or {@link BigInteger} for integers,
 * {@link BigDecimal} for other numbers, {@link #NULL} for null and {@link #CONTAINER} for an object or array.
 */
final class ExportFields {

    static final Object NULL = new Object();
    static final Object CONTAINER = new Object();

    final Map<String, Object> root = new HashMap<>(64);
    /** Null unless credit_card is an object. */
    Map<String, Object> creditCard;
    /** Null unless created is an object. */
    Map<String, Object> created;

    private ExportFields() {
    }

    /** The top-level fields the parser reads (besides the configured refund link); the others are skipped. */
    private static final Set<String> READ = Set.of("transaction_id", "transaction_type", "status_code", "status_message",
            "approval_message", "response_code", "amount", "invoice_id", "customer_reference_id", "customer_id", "csc_response",
            "approval_code", "description");
    private static final Set<String> READ_NESTED = Set.of("masked_number", "at", "by");

    /**
     * Null when the text is not one JSON object with unique field names (the tree path then says why).
     *
     * @param linkField the top-level field naming a refund's original, read besides {@link #READ}
     */
    static ExportFields read(ObjectMapper json, String text, String linkField) {
        ExportFields fields = new ExportFields();
        try (JsonParser p = json.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (t == JsonToken.START_OBJECT && ("credit_card".equals(name) || "created".equals(name))) {
                    Map<String, Object> nested = new HashMap<>(8);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String child = p.currentName();
                        JsonToken ct = p.nextToken();
                        if (READ_NESTED.contains(child)) {
                            nested.put(child, value(p, ct));
                        } else if (ct.isStructStart()) {
                            p.skipChildren();
                        }
                    }
                    if ("credit_card".equals(name)) {
                        fields.creditCard = nested;
                    } else {
                        fields.created = nested;
                    }
                    fields.root.put(name, CONTAINER);
                } else if (READ.contains(name) || name.equals(linkField)) {
                    fields.root.put(name, value(p, t));
                } else if (t.isStructStart()) {
                    p.skipChildren(); // duplicate names inside are still refused by the parser
                }
            }
            return p.currentToken() == JsonToken.END_OBJECT ? fields : null;
        } catch (JacksonException e) {
            return null;
        } catch (IOException e) {
            return null; // reading a String does not fail otherwise; the tree path reports whatever this was
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            case START_OBJECT:
            case START_ARRAY:
                p.skipChildren();
                return CONTAINER;
            default:
                throw new IOException("unexpected " + t);
        }
    }
}
