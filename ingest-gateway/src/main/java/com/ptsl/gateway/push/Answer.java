package com.ptsl.gateway.push;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;

import java.util.Objects;

/**
 * What a push receiver answers: the outcome (status and metric label), a small JSON body, and for a 503 the
 * seconds after which the sender should retry ({@code Retry-After}).
 *
 * @param retryAfterSeconds 0 = no Retry-After header
 */
public record Answer(PushOutcome outcome, ObjectNode body, int retryAfterSeconds) {

    /** Seconds a sender waits after "overloaded": requests drain in milliseconds. */
    public static final int RETRY_OVERLOADED_S = 1;
    /** Seconds a sender waits after Kafka did not acknowledge: a broker fail-over takes a few seconds. */
    public static final int RETRY_UNAVAILABLE_S = 5;

    public Answer {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(body, "body");
    }

    public static Answer accepted(ObjectNode body) {
        return new Answer(PushOutcome.ACCEPTED, body, 0);
    }

    /** An error answer {@code {"error": message}}; a 503 gets its Retry-After. */
    public static Answer error(PushOutcome outcome, String message) {
        int retryAfter = outcome == PushOutcome.OVERLOADED ? RETRY_OVERLOADED_S
                : outcome == PushOutcome.UNAVAILABLE ? RETRY_UNAVAILABLE_S : 0;
        ObjectNode body = Json.object();
        body.put("error", message);
        return new Answer(outcome, body, retryAfter);
    }

    /** The error text, or null for an accepted answer. */
    public String error() {
        return body.path("error").asText(null);
    }
}
