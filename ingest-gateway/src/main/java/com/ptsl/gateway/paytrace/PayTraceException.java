package com.ptsl.gateway.paytrace;

/** A PayTrace call that did not give a usable answer. Messages never hold credentials, tokens or card numbers. */
public abstract class PayTraceException extends RuntimeException {

    private final int httpStatus;

    protected PayTraceException(String message, int httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status PayTrace answered with, or -1 when no answer arrived (connection refused, timeout). */
    public int httpStatus() {
        return httpStatus;
    }

    /** True if the same call may succeed later unchanged (rate limit, server error, network). */
    public abstract boolean isTransient();
}
