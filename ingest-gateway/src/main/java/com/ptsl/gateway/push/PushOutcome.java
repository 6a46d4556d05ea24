package com.ptsl.gateway.push;

/**
 * How a request to a push receiver was answered; {@link #label()} is the fixed metric label, {@link #status()} the
 * HTTP status. Every outcome but {@link #ACCEPTED} published nothing.
 */
public enum PushOutcome {
    /** 202: the records are on the raw topic (signed push) or the id is queued for confirmation (Silent Post). */
    ACCEPTED("accepted", 202),
    /** 401: signature or timestamp missing, malformed, wrong or outside the replay window. */
    UNAUTHORIZED("unauthorized", 401),
    /** 400: not JSON, not objects, a record without a usable transaction_id, a bad parmList. */
    BAD_REQUEST("bad_request", 400),
    /** 413: body over the byte limit, or more events than allowed in one request. */
    TOO_LARGE("too_large", 413),
    /** 415: wrong Content-Type. */
    UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415),
    /** 503: Kafka did not acknowledge in time (or the Silent Post confirmation queue is full); retry later. */
    UNAVAILABLE("unavailable", 503),
    /** 503: more requests in flight than allowed; retry later. */
    OVERLOADED("overloaded", 503),
    /** 500: a bug in the gateway (logged); nothing was published. */
    INTERNAL_ERROR("internal_error", 500);

    private final String label;
    private final int status;

    PushOutcome(String label, int status) {
        this.label = label;
        this.status = status;
    }

    public String label() {
        return label;
    }

    public int status() {
        return status;
    }
}
