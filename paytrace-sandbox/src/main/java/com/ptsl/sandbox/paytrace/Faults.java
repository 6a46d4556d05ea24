package com.ptsl.sandbox.paytrace;

import com.ptsl.sandbox.paytrace.auth.TokenService;

import java.util.OptionalInt;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Fault injection for tests, deliberately a Java API and not an HTTP route: a client under test must not be
 * able to reach it, exactly as it could not reach such a switch at the real PayTrace.
 */
public final class Faults {

    /** One entry per request still to fail; a queue so concurrent requests each consume exactly one. */
    private final ConcurrentLinkedQueue<Integer> pendingFailures = new ConcurrentLinkedQueue<>();
    private final TokenService tokens;

    Faults(TokenService tokens) {
        this.tokens = tokens;
    }

    /**
     * The next {@code times} requests (any route, including {@code /oauth/token} and {@code /v1/ping}) get
     * {@code httpStatus} with an empty JSON object body and are not processed; e.g. 429 or 503.
     */
    public Faults failNext(int httpStatus, int times) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be 4xx or 5xx, was " + httpStatus);
        }
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative, was " + times);
        }
        for (int i = 0; i < times; i++) {
            pendingFailures.add(httpStatus);
        }
        return this;
    }

    /** Every token issued so far is expired now: the next /v1 call with one gets 401 invalid_token. */
    public Faults expireAllTokens() {
        tokens.expireAll();
        return this;
    }

    /** Drops injected failures not yet consumed. */
    public Faults clear() {
        pendingFailures.clear();
        return this;
    }

    /** Injected failures not yet consumed. */
    public int pendingFailures() {
        return pendingFailures.size();
    }

    /** Consumes the next injected failure, if any. */
    OptionalInt takeNextFailure() {
        Integer status = pendingFailures.poll();
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
