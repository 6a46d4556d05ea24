package com.ptsl.sandbox.paytrace.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one JSON configuration of the sandbox: money is BigDecimal end to end, never double. */
public final class Json {

    /**
     * Floats read as BigDecimal ("12.34" stays exact); BigDecimal written plainly (110, not 1.1E+2);
     * trailing garbage after the JSON document is an error rather than silently ignored.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** PayTrace is a Rails application; it answers with this content type. */
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Writes {@code body} as the response; the handler chooses the status. */
    public static void respond(Context ctx, int status, JsonNode body) {
        ctx.status(status);
        ctx.contentType(CONTENT_TYPE);
        ctx.result(bytes(body));
    }

    public static byte[] bytes(JsonNode body) {
        try {
            return MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
