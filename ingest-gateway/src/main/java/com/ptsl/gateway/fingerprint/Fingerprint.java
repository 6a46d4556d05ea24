package com.ptsl.gateway.fingerprint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.ptsl.gateway.json.Json;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * Content fingerprint of a record: SHA-256 (lower-case hex) of its canonical JSON, i.e. object keys sorted
 * recursively (by {@link String#compareTo}, UTF-16 code units), no whitespace, scalars written as Jackson writes
 * them (numbers keep their text, so {@code 110.10} and {@code 110.1} differ). Same content, same fingerprint,
 * whatever order PayTrace lists the fields in; any change of a value (e.g. {@code status_code} Y → GB571)
 * gives a new one. The stream processor dedupes on (transaction id, fingerprint), so this must stay stable:
 * changing the canonical form re-publishes every record once.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** The fingerprint of a (scrubbed) record. */
    public static String of(JsonNode record) {
        return sha256Hex(canonicalJson(record));
    }

    /** The canonical JSON text: keys sorted recursively, no whitespace. */
    public static String canonicalJson(JsonNode node) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = Json.MAPPER.getFactory().createGenerator(out)) {
            write(node, generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonNode node, JsonGenerator generator) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            generator.writeStartObject();
            for (String name : names) {
                generator.writeFieldName(name);
                write(node.get(name), generator);
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode element : node) {
                write(element, generator);
            }
            generator.writeEndArray();
        } else {
            Json.MAPPER.writeTree(generator, node);
        }
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
