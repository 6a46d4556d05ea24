package com.ptsl.gateway.paytrace;

/**
 * PayTrace is temporarily unable to answer: HTTP 429, 408 or 5xx, no reply at all, or a reply that could not be
 * read. Retrying later with backoff is the right reaction (ARCHITECTURE.md §8).
 */
public final class PayTraceUnavailableException extends PayTraceException {

    public PayTraceUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
