package com.ptsl.gateway.push;

/** The push receivers' routes; {@link #label()} is the fixed metric label. */
public enum PushEndpoint {
    /** Signed JSON events: one PayTrace transaction record or an array of them. */
    TRANSACTIONS("transactions", "/v1/push/transactions"),
    /** PayTrace Secure Checkout's Silent Post (form field parmList), unsigned, confirmed by id before use. */
    SILENT_POST("silent_post", "/v1/push/silent-post");

    private final String label;
    private final String path;

    PushEndpoint(String label, String path) {
        this.label = label;
        this.path = path;
    }

    public String label() {
        return label;
    }

    public String path() {
        return path;
    }
}
