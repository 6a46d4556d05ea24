package com.ptsl.sandbox.paytrace.errors;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * A complete error reply (status, JSON body, extra headers) thrown from anywhere in a request and written by
 * one exception handler, so handlers and filters stop at the first problem without writing responses themselves.
 * Messages never carry request data: the body may hold a card number.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient ObjectNode body;
    private final transient Map<String, String> headers;

    public ApiException(int status, ObjectNode body) {
        this(status, body, Map.of());
    }

    public ApiException(int status, ObjectNode body, Map<String, String> headers) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    public ObjectNode body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
