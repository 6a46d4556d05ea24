package com.ptsl.gateway.paytrace;

import java.io.IOException;
import java.net.http.HttpTimeoutException;

/**
 * Told the outcome of every HTTP exchange {@link PayTraceClient} has with PayTrace, retries and token requests
 * included, so monitoring sees a flapping or rate-limiting PayTrace before polls start to fail. Called on the
 * calling thread; must be cheap and must not throw.
 */
@FunctionalInterface
public interface PayTraceCallObserver {

    PayTraceCallObserver NONE = (endpoint, outcome) -> { };

    void called(Endpoint endpoint, Outcome outcome);

    /** The PayTrace routes the client calls; {@link #label()} is the fixed metric label. */
    enum Endpoint {
        OAUTH_TOKEN("oauth_token", "/oauth/token"),
        EXPORT_BY_DATE_RANGE("export_by_date_range", "/v1/transactions/export/by_date_range"),
        EXPORT_BY_ID("export_by_id", "/v1/transactions/export/by_id"),
        BATCHES_EXPORT("batches_export", "/v1/batches/export"),
        BATCHES_TRANSACTION_LIST("batches_transaction_list", "/v1/batches/transaction_list");

        private final String label;
        private final String path;

        Endpoint(String label, String path) {
            this.label = label;
            this.path = path;
        }

        public String label() {
            return label;
        }

        String path() {
            return path;
        }
    }

    /**
     * The HTTP-level result of one exchange. A 200 whose body says {@code "success":false} is {@link #OK}: PayTrace
     * answered, and the refusal is business (a declined sale, an unknown id), not availability.
     */
    enum Outcome {
        OK("ok"),
        /** 4xx other than 408 and 429, including 401 / invalid_token (answered by a fresh token and one retry). */
        CLIENT_ERROR("4xx"),
        RATE_LIMITED("429"),
        SERVER_ERROR("5xx"),
        /** No answer in time (request or connect timeout), or HTTP 408. */
        TIMEOUT("timeout"),
        /** No answer at all: connection refused or reset, DNS, TLS. */
        UNREACHABLE("unreachable");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Outcome ofStatus(int status) {
            if (status == 408) {
                return TIMEOUT;
            }
            if (status == 429) {
                return RATE_LIMITED;
            }
            if (status >= 500) {
                return SERVER_ERROR;
            }
            return status >= 400 ? CLIENT_ERROR : OK;
        }

        public static Outcome ofFailure(IOException e) {
            return e instanceof HttpTimeoutException ? TIMEOUT : UNREACHABLE;
        }
    }
}
