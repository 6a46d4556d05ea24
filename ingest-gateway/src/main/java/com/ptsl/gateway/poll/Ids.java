package com.ptsl.gateway.poll;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Comparator;

/** PayTrace ids (transaction ids, batch numbers) as the gateway keys them: text, in a numeric-friendly order. */
public final class Ids {

    /**
     * Ascending order of ids kept as text: numeric for the integers PayTrace uses (shorter first, then by digits,
     * so "999" sorts before "1000"), and a total order for anything else, so sorted sets and the follow-up
     * rotation stay deterministic whatever an id looks like.
     */
    public static final Comparator<String> ASCENDING = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    private Ids() {
    }

    /** The key of an id field: an integral number or a non-blank string (trimmed); null if there is no usable id. */
    public static String text(JsonNode idNode) {
        if (idNode == null) {
            return null;
        }
        if (idNode.isIntegralNumber()) {
            return idNode.asText();
        }
        if (idNode.isTextual() && !idNode.textValue().isBlank()) {
            return idNode.textValue().trim();
        }
        return null;
    }
}
